package refs

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vagut/vagut/internal/draft"
)

func one(t *testing.T, format, src string) draft.Record {
	t.Helper()
	res, err := Read(format, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Entries) != 1 {
		t.Fatalf("%d entries, want 1", len(res.Entries))
	}
	return res.Entries[0].Record
}

func TestBibTeX(t *testing.T) {
	src := `% a comment with an @ sign: me@example.org
@string{cc = "Critical" # " Care"}
@comment{ignored, @article{not, title={x}} }
@Article{hoffmann2021,
  Author  = {Hoffmann, Lena and {\O}degaard, Jonas and Garc{\'\i}a-L{\'o}pez, Mar{\'\i}a Jos{\'e} and
             Ludwig van Beethoven and van der Poll, Tom and Smith, Jr., John and {RECOVERY Collaborative Group} and others},
  title   = "Intestinal {I-FABP} tracks \textit{Sus scrofa} gut injury: 50\% \& more",
  journal = cc,
  year    = 2021,
  month   = aug,
  doi     = {10.1016/j.jss.2021.03.012},
  url     = {https://example.org/a\_b},
  abstract = {Line one.
     Line two with $\alpha$-actin and H\textsubscript{2}O.},
  pages   = {1--10},
}`
	res, err := Read("bibtex", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Entries) != 1 || res.Entries[0].Line != 4 {
		t.Fatalf("entries: %+v", res.Entries)
	}
	r := res.Entries[0].Record
	want := draft.Record{
		Key:      "hoffmann2021",
		Title:    `Intestinal I-FABP tracks *Sus scrofa* gut injury: 50% & more`,
		Authors:  []string{"Lena Hoffmann", "Jonas Ødegaard", "María José García-López", "Ludwig van Beethoven", "Tom van der Poll", "John Smith Jr.", "RECOVERY Collaborative Group", "et al."},
		DOI:      "10.1016/j.jss.2021.03.012",
		Journal:  "Critical Care",
		Date:     "2021-08",
		URL:      "https://example.org/a_b",
		Abstract: "Line one. Line two with α-actin and H<sub>2</sub>O.",
	}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"pages"}, res.Unused); diff != "" {
		t.Errorf("unused (-want +got):\n%s", diff)
	}
}

func TestBibTeXForms(t *testing.T) {
	r := one(t, "bibtex", `@misc(key2024, title={A {\"U}ber \emph{model}}, howpublished={arXiv}, date={2024-03-02}, author={Doe, J.})`)
	if r.Title != "A Über *model*" || r.Source != "arXiv" || r.Date != "2024-03-02" || r.Authors[0] != "J. Doe" {
		t.Errorf("%+v", r)
	}
	r = one(t, "bibtex", `@article{k, title={Markdown * _ `+"`"+` stays text}, year={2020}, month={11}, day={5}}`)
	if r.Title != "Markdown \\* \\_ \\` stays text" || r.Date != "2020-11-05" {
		t.Errorf("%+v", r)
	}
	for _, bad := range []string{`@article{k, title={open`, `@article{k, title=}`, `@article{k, title = nomacro}`, `@article{k, title={x}`} {
		if _, err := Read("bibtex", []byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestCSL(t *testing.T) {
	src := `[{"id": "omar2026", "type": "article-journal", "title": "Heart–gut in <i>VA-ECMO</i> <b>now</b>",
  "author": [{"family": "Omar", "given": "Amr"}, {"family": "Poll", "non-dropping-particle": "van der", "given": "Tom"},
             {"literal": "ELSO Group"}],
  "container-title": "Journal of Artificial Organs", "issued": {"date-parts": [["2026", 1, 5]]},
  "DOI": "10.1007/s10047-025-01543-6", "PMCID": "PMC12769693", "abstract": "One.\n\nTwo *stars*.", "page": "1-2"},
 {"id": 7, "type": "article", "title": "Pre", "publisher": "medRxiv", "issued": {"date-parts": [[2023, 2]]}}]`
	res, err := Read("csljson", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []draft.Record{{
		Key: "omar2026", Title: "Heart–gut in *VA-ECMO* **now**", Authors: []string{"Amr Omar", "Tom van der Poll", "ELSO Group"},
		Journal: "Journal of Artificial Organs", Date: "2026-01-05", DOI: "10.1007/s10047-025-01543-6", PMCID: "PMC12769693",
		Abstract: "One.\n\nTwo \\*stars\\*.",
	}, {Key: "7", Title: "Pre", Source: "medRxiv", Date: "2023-02"}}
	var got []draft.Record
	for _, e := range res.Entries {
		got = append(got, e.Record)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"page"}, res.Unused); diff != "" {
		t.Errorf("unused: %s", diff)
	}
	if _, err := Read("csljson", []byte("[{\n\"id\": }]")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("syntax error without line: %v", err)
	}
}

func TestRIS(t *testing.T) {
	src := "TY  - JOUR\r\nID  - sato2019\r\nAU  - Sato, Akira\r\nAU  - Costa, Beatriz\r\nAU  - ELSO Group\r\n" +
		"TI  - Early enteral nutrition\r\n  in rats\r\nT2  - Critical Care\r\nPY  - 2019///\r\nDA  - 2019/05//\r\n" +
		"UR  - https://example.org/PMC6500002\r\nSP  - 3\r\nER  - \r\n\r\nTY  - UNPB\r\nTI  - Pre\r\nT2  - arXiv\r\nPY  - 2024///\r\nER  - \r\n"
	res, err := Read("ris", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []draft.Record{
		{Key: "sato2019", Title: "Early enteral nutrition in rats", Authors: []string{"Akira Sato", "Beatriz Costa", "ELSO Group"},
			Journal: "Critical Care", Date: "2019-05", URL: "https://example.org/PMC6500002"},
		{Title: "Pre", Journal: "arXiv", Source: "arXiv", Date: "2024"},
	}
	var got []draft.Record
	for _, e := range res.Entries {
		got = append(got, e.Record)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if res.Entries[1].Line != 15 {
		t.Errorf("second entry at line %d", res.Entries[1].Line)
	}
	for _, bad := range []string{"AU  - x\n", "TY  - JOUR\nTI  - x\n", "garbage\n"} {
		if _, err := Read("ris", []byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestDetect(t *testing.T) {
	for _, c := range []struct{ path, src, want string }{
		{"refs.bib", "", "bibtex"}, {"refs.JSON", "", "csljson"}, {"x.ris", "", "ris"},
		{"-", "  [{}]", "csljson"}, {"-", "TY  - JOUR", "ris"}, {"-", "@article{k,}", "bibtex"}, {"-", "hello", ""},
	} {
		if got := Detect(c.path, []byte(c.src)); got != c.want {
			t.Errorf("Detect(%q, %q) = %q, want %q", c.path, c.src, got, c.want)
		}
	}
}

// Authors are written so that vagut's name parser reads the same family
// name back: naturally where it can, inverted where it cannot.
func TestWrittenNames(t *testing.T) {
	for _, c := range []struct {
		n    name
		want string
	}{
		{name{given: "Lena", family: "Hoffmann"}, "Lena Hoffmann"},
		{name{given: "Tom", family: "van der Poll"}, "Tom van der Poll"},
		{name{given: "Daniel", family: "Da Silva"}, "Daniel Da Silva"},
		{name{given: "María", family: "García López"}, "García López, María"},
		{name{given: "J. M.", family: "O'Brien"}, "J. M. O'Brien"},
		{name{given: "John", family: "Smith", suffix: "Jr."}, "John Smith Jr."},
		{name{family: "Omar"}, "Omar"},
		{name{literal: "RECOVERY Collaborative Group"}, "RECOVERY Collaborative Group"},
	} {
		if got := c.n.written(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.n, got, c.want)
		}
	}
}
