package draft

import (
	"strings"
	"testing"

	"github.com/vagut/vagut/internal/format"
	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/pubtator"
)

// Whatever a record holds, vagut new writes a canonical summary with the
// seven sections and nothing else, or refuses the entry: it never writes
// a file that reads as something other than what was built.
func FuzzBuild(f *testing.F) {
	f.Add("Gut injury", "Ana Silva", "10.1/x", "Critical Care", "2023-05-14", "PMC", "https://example.org/P1", "Abstract.", "FABP2")
	f.Add("# T #", "Smith, John; Doe", "10.1/a b", "A · B", "May 2018", "", "javascript:x", "# h\n\n- l\n\nSource: https://x", "Ca(2+)")
	f.Add("T\n---", "et al.", "", "2020", "13/13/2020", "arXiv", "", "TODO: the paper's abstract.", "<!-- x -->")
	f.Add("*a* `b` <i>", "\x1b[31m", "doi:10.1/x", "PMC", "2020", "PMC", "https://doi.org/10.1/x", "1) one\n2) two", "a,b")
	f.Fuzz(func(t *testing.T, title, author, doi, journal, date, source, url, abstract, mention string) {
		r := Record{Title: title, Authors: []string{author, "Ana Silva"}, DOI: doi, Journal: journal, Date: date,
			Source: source, URL: url, Abstract: abstract, Key: title}
		lists := &pubtator.Lists{Linked: []pubtator.Entity{{Category: "Genes", Name: pubtator.Clean(mention), ID: "NCBI Gene 1", Bracket: true}}}
		if pubtator.Clean(mention) == "" {
			lists = nil
		}
		out, _, err := Build(r, lists)
		name := FileName(r)
		if strings.ContainsAny(name, "/\\\x00") || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".md") || len(name) > 130 {
			t.Fatalf("file name %q", name)
		}
		if err != nil {
			return
		}
		canon, err := format.Source("x.md", out)
		if err != nil || string(canon) != string(out) {
			t.Fatalf("not canonical (%v):\n%s", err, out)
		}
		p, err := parse.Parse("x.md", out)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Headings) != 7 || len(p.OtherSections) != 0 || len(p.Problems) != 0 {
			t.Fatalf("structure: %d headings, %d other sections, problems %+v\n%s", len(p.Headings), len(p.OtherSections), p.Problems, out)
		}
	})
}
