package cli

import (
	"strings"
	"testing"
)

// A type nobody wrote (a typo) is a usage error, not an empty answer; a type
// the format knows, or one present in the papers, is accepted.
func TestUnknownTypeIsNamed(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"summarize", "testdata/views", "--group-by", "author"}, 2, `vagut: --group-by: no entity type "author" in the papers read (want year, journal, gene,`},
		{[]string{"summarize", "testdata/views", "--type", "gen"}, 2, `vagut: --type: no entity type "gen" in the papers read`},
		{[]string{"entities", "testdata/views", "--type", "genez"}, 2, `vagut: --type: no entity type "genez" in the papers read`},
		{[]string{"entities", "testdata/views", "--pairs", "gene,tissue"}, 2, `vagut: --pairs: no entity type "tissue" in the papers read`},
		{[]string{"summarize", "testdata/views", "--type", "cell_line"}, 0, ""},
		{[]string{"summarize", "testdata/views", "--group-by", "year"}, 0, ""},
		{[]string{"entities", "testdata/views", "--type", "protein"}, 0, ""},
	} {
		r := run(t, "", c.args...)
		if r.code != c.code || (c.want == "" && r.stderr != "") || !strings.HasPrefix(r.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d, %q", c.args, r.code, r.stderr, c.code, c.want)
		}
		if c.code == 2 && r.stdout != "" {
			t.Errorf("%v: printed data with a usage error:\n%s", c.args, r.stdout)
		}
	}
}
