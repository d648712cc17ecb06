package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The JSON keeps each author as written, one string per author: the
// README's "Smith, John" is one author, a stray "and" none.
func TestAuthorsAsWritten(t *testing.T) {
	for file, want := range map[string][]string{
		"smith-john.md": {"Smith, John"},
		"and-group.md":  {"REVA", "ECMONet"},
		"markdown.md":   {"Yang S", "Zhou H", "Cruz-Cosme R", "van der Poll T", "Da Silva D", "O'Brien JM", "et al."},
	} {
		r := run(t, "", "summarize", "-o", "jsonl", hostileFile(file))
		var p struct{ Authors []string }
		if err := json.Unmarshal([]byte(r.stdout), &p); err != nil {
			t.Fatalf("%s: %v (stderr %q)", file, err, r.stderr)
		}
		if diff := cmp.Diff(want, p.Authors); diff != "" {
			t.Errorf("%s authors (-want +got):\n%s", file, diff)
		}
	}
}

// --author reads names with the name parser: "S Yang" finds PubMed's
// "Yang S", and "et al." is nobody.
func TestAuthorFilterReadsNames(t *testing.T) {
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"S Yang", []string{"yang2021transmission"}},
		{"Yang S", []string{"yang2021transmission"}},
		{"van der poll", []string{"smith2019groups", "yang2021transmission"}},
		{"John Smith", []string{"smith2018one", "smith2019groups"}},
		{"et al", nil},
		{"et al.", nil},
		{"and", nil},
	} {
		r := run(t, "", append([]string{"cite", "-o", "csljson", "--author", c.query}, hostileCite()...)...)
		var items []struct{ ID string }
		if err := json.Unmarshal([]byte(r.stdout), &items); err != nil {
			t.Fatalf("--author %q: %v (stderr %q)", c.query, err, r.stderr)
		}
		var got []string
		for _, it := range items {
			got = append(got, it.ID)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("--author %q (-want +got):\n%s", c.query, diff)
		}
	}
}

// The digest's citation line counts people, not "et al." or "and", and
// keeps inverted names apart with semicolons.
func TestCitationLineNames(t *testing.T) {
	for file, want := range map[string]string{
		"names.md":      "Smith, John; van der Poll, Tom; Beethoven, Ludwig van; et al. · *Critical Care*",
		"and-group.md":  "REVA, ECMONet · *Perfusion*",
		"smith-john.md": "Smith, John · *Perfusion*",
	} {
		r := run(t, "", "summarize", hostileFile(file))
		if !strings.Contains(r.stdout, "\n"+want) {
			t.Errorf("%s: no citation line %q in\n%s", file, want, r.stdout)
		}
	}
}

// The HTML page's <title> is text: the title's Markdown is rendered in the
// page and dropped from the window title, never shown as asterisks.
func TestHTMLPageTitleHasNoMarkdown(t *testing.T) {
	r := run(t, "", "summarize", "-o", "html", hostileFile("markdown.md"))
	if !strings.Contains(r.stdout, "<title>Transmission of Pseudomonas aeruginosa in mice with DESeq2 and strong CO2") {
		t.Errorf("page title:\n%s", r.stdout[:min(len(r.stdout), 600)])
	}
	if !strings.Contains(r.stdout, "<em>Pseudomonas aeruginosa</em>") {
		t.Errorf("the title's emphasis is not rendered in the page")
	}
}
