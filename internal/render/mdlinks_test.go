package render

import (
	"testing"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Whatever a part holds, it defines no link label once rewritten: nothing
// of one summary can act on a link of another in the Markdown digest.
func FuzzOwnLinksLeaveNoDefinition(f *testing.F) {
	for _, s := range []string{
		"[a][t1]\n\n[t1]: https://x.example\n",
		"- [t1]: <https://x.example/a b> \"t\"\n- [x][T1] [t1][] [t1]\n",
		"> [t\n1]: https://x.example\n\n[y][t 1]\n",
		"[*a* `b`][l]\n\n   [l]: /u 'q\"'\n",
		"[l]: /u (t)\n[l]\n![i][l]\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := ownLinks(s)
		pc := parser.NewContext()
		refParser.Get().Parse(text.NewReader([]byte(out)), parser.WithContext(pc))
		if refs := pc.References(); len(refs) > 0 {
			t.Errorf("ownLinks(%q) = %q still defines %q", s, out, refs[0].Label())
		}
	})
}
