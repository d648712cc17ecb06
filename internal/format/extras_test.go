package format

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/summary"
)

const head = "# T\n\n**Authors:** A B\n\nPMC · 2020-01-01\n\n"

// Hard line breaks and link reference definitions survive fmt: old main
// joined the broken lines into one and refused the definitions below a
// list. Each output is canonical (formatting it again changes nothing) and
// reads to the same record.
func TestHardBreaksAndLinkDefinitions(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"backslash and two spaces in a TL;DR",
			"## TL;DR\n\nLine one\\\nline two  \nline three\ncontinued.\n",
			"## TL;DR\n\nLine one\\\nline two\\\nline three continued.\n"},
		{"in findings, a code span's backslash is no break",
			"## Key findings\n\n* a\\\n  b `c` e  \n  f\n* g\n\nh  \ni\n",
			"## Key findings\n\n- a\\\n  b `c` e\\\n  f\n- g\n- h\\\n  i\n"},
		{"abstract and contribution, CRLF",
			"## Contribution\r\n\r\nOne\\\r\ntwo.\r\n\r\n## Abstract\r\n\r\nThree  \r\nfour.\r\n",
			"## Contribution\n\nOne\\\ntwo.\n\n## Abstract\n\nThree\\\nfour.\n"},
		{"a definition below the findings",
			"## Key findings\n\n* See [the trial][t1].\n* Other.\n\n[t1]: https://e.org/1\n",
			"## Key findings\n\n- See [the trial][t1].\n- Other.\n\n[t1]: https://e.org/1\n"},
		{"definitions in an entity section",
			"## Linked entities\n\n* **Diseases:** shock (MONDO:0800175)\n\n[t1]: https://e.org/1\n[t2]: <https://e.org/2> \"Two\"\n\n## Abstract\n\nSee [t1] and [t2].\n",
			"## Linked entities\n\n- **Diseases:** shock (MONDO:0800175)\n\n[t1]: https://e.org/1\n[t2]: <https://e.org/2> \"Two\"\n\n## Abstract\n\nSee [t1] and [t2].\n"},
		{"definitions in prose and unknown sections, as before",
			"## TL;DR\n\nSee [x][t1].\n\n[t1]: https://e.org/1\n\n## Notes\n\n[n]: https://e.org/n\n",
			"## TL;DR\n\nSee [x][t1].\n\n[t1]: https://e.org/1\n\n## Notes\n\n[n]: https://e.org/n\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := []byte(head + c.in)
			out, err := Source("x.md", src)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(head+c.want, string(out)); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			again, err := Source("x.md", out)
			if err != nil || string(again) != string(out) {
				t.Errorf("not idempotent (%v):\n%s", err, again)
			}
			before, _ := parse.Parse("x.md", src)
			after, _ := parse.Parse("x.md", out)
			if !summary.SameContent(before, after) {
				t.Error("the record changed")
			}
		})
	}
}
