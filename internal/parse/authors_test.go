package parse

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The Authors line is split by the one name parser: "Smith, John" is one
// author, a stray "and" is no author, and a list broken over lines reads as
// one list.
func TestAuthorsLine(t *testing.T) {
	for _, c := range []struct {
		line string
		want []string
	}{
		{"**Authors:** Smith, John", []string{"Smith, John"}},
		{"**Authors:** REVA, and ECMONet", []string{"REVA", "ECMONet"}},
		{"**Authors:** Yang S, Zhou H, Cruz-Cosme R", []string{"Yang S", "Zhou H", "Cruz-Cosme R"}},
		{"**Authors:** Smith, John; Doe, Jane", []string{"Smith, John", "Doe, Jane"}},
		{"**Authors:** Yang S, Zhou H, et al.", []string{"Yang S", "Zhou H", "et al."}},
		{"**Authors:** Yang S, Zhou H,\nCruz-Cosme R", []string{"Yang S", "Zhou H", "Cruz-Cosme R"}},
		{"**Authors:** Smith,\nJohn", []string{"Smith, John"}},
	} {
		p, err := Parse("x.md", []byte("# T\n\n"+c.line+"\n\n## TL;DR\n\nx\n"))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c.want, p.Authors); diff != "" {
			t.Errorf("%q (-want +got):\n%s", c.line, diff)
		}
	}
}
