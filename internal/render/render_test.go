package render

import (
	"encoding/json"
	"io"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/vagut/vagut/internal/digest"
	"github.com/vagut/vagut/internal/index"
	"github.com/vagut/vagut/internal/summary"
)

func TestAuthors(t *testing.T) {
	cases := map[string][]string{
		"":                             nil,
		"A":                            {"A"},
		"A, B, C":                      {"A", "B", "C"},
		"A, B, C, et al.":              {"A", "B", "C", "D"},
		"Jonas Ødegaard, B, C, et al.": {"Jonas Ødegaard", "B", "C", "D", "E"},
	}
	for want, in := range cases {
		if got := Authors(in); got != want {
			t.Errorf("Authors(%q) = %q, want %q", in, got, want)
		}
	}
}

func str(s string) *string { return &s }

func TestMarkdownEscapesAndLinks(t *testing.T) {
	p := &summary.Paper{
		ID: "p1", Title: "Same title.", Journal: str("J_of *Stars*"),
		DOI: str("10.1002/(SICI)1097-4636"), URL: str("javascript:alert(1)"),
		Entities: []summary.Entity{{Type: "gene", Category: "Genes", Name: "IL_1[b]", ID: str("NCBIGene:3553")}},
	}
	q := &summary.Paper{ID: "p2", Title: "Same title"}
	var b strings.Builder
	err := Markdown(&b, &Digest{Papers: []*summary.Paper{p, q}, Total: 2, Filter: &digest.Filter{}, Sections: SectionNames})
	if err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"## Same title\n",                               // MD026: no trailing period
		"## Same title (p2)\n",                          // MD024: headings stay unique
		`*J\_of \*Stars\**`,                             // journal escaped inside emphasis
		"(https://doi.org/10.1002/%28SICI%291097-4636)", // parentheses cannot end the link early
		`IL\_1\[b\] ([NCBIGene:3553](https://www.ncbi.nlm.nih.gov/gene/3553))`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("digest lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "javascript:") {
		t.Errorf("a non-http Source URL became a link:\n%s", out)
	}
}

// One entity is "1 entity", not "1 entities", in the table and on a terminal.
func TestEntitiesCountOne(t *testing.T) {
	rows := []index.Row{{Type: "disease", Name: "sepsis", Papers: 1, Mentions: 1, PaperIDs: []string{"p1"}}}
	var md, term strings.Builder
	if err := EntitiesMarkdown(&md, rows, 1); err != nil {
		t.Fatal(err)
	}
	if err := EntitiesTerminal(&term, rows, 1, Term{Width: 80}); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"markdown": md.String(), "terminal": term.String()} {
		if !strings.Contains(out, "1 entity in 1 paper.") {
			t.Errorf("%s: no %q in\n%s", name, "1 entity in 1 paper.", out)
		}
	}
}

// One summary holding DEL, a C1 control, NEL or U+FFFF does not stop the
// YAML output ("control characters are not allowed"), and the value read
// back from the YAML is the value in the JSON.
func TestYAMLControlCharacters(t *testing.T) {
	value := "a\x1b]0;x\x07 \x7f \u0085 \u009b31m \uffff \u202e z"
	js, err := json.Marshal(map[string]any{"papers": []any{map[string]string{"title": value}}, "note": value})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := YAML(&b, func(w io.Writer) error { _, err := w.Write(js); return err }); err != nil {
		t.Fatalf("YAML: %v", err)
	}
	var back struct {
		Papers []struct{ Title string }
		Note   string
	}
	if err := yaml.Unmarshal([]byte(b.String()), &back); err != nil {
		t.Fatalf("the YAML does not read back: %v\n%s", err, b.String())
	}
	if len(back.Papers) != 1 || back.Papers[0].Title != value || back.Note != value {
		t.Errorf("read back %+v, want %q", back, value)
	}
}
