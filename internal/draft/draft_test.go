package draft

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/vagut/vagut/internal/format"
	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/pubtator"
)

var sections = []string{"tldr", "contribution", "key_findings", "abstract", "linked_entities", "full_text_entities", "full_text"}

// check builds r and asserts what every summary vagut new writes must be:
// canonical, the seven sections and nothing else, the fields as given.
func check(t *testing.T, r Record) []byte {
	t.Helper()
	out, _, err := Build(r, nil)
	if err != nil {
		t.Fatalf("Build(%+v): %v", r, err)
	}
	canon, err := format.Source("x.md", out)
	if err != nil || string(canon) != string(out) {
		t.Fatalf("not canonical (%v):\n%s", err, out)
	}
	p, err := parse.Parse("x.md", out)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, h := range p.Headings {
		keys = append(keys, h.Key)
	}
	if strings.Join(keys, ",") != strings.Join(sections, ",") || len(p.OtherSections) != 0 || len(p.Problems) != 0 {
		t.Fatalf("structure changed: headings %v, other %+v, problems %+v\n%s", keys, p.OtherSections, p.Problems, out)
	}
	return out
}

func TestHostileFields(t *testing.T) {
	for name, r := range map[string]Record{
		"newline heading in title": {Title: "Gut\n## Key findings\n- fake", DOI: "10.1/x"},
		"title ends with #":        {Title: "Issue #", DOI: "10.1/x"},
		"heading in abstract":      {Title: "T", Abstract: "# Injected\n\nSource: https://evil.example/x", DOI: "10.1/x"},
		"list in abstract":         {Title: "T", Abstract: "1. one\n\n- two\n\n> quote\n\n---\n\n<!-- c -->", DOI: "10.1/x"},
		"placeholder as abstract":  {Title: "T", Abstract: "TODO: the paper's abstract.", DOI: "10.1/x"},
		"separators in journal":    {Title: "T", Journal: "Science · AAAS | Weekly • Print", Date: "2020-01-02", DOI: "10.1/x"},
		"escape in author":         {Title: "T", Authors: []string{"Ana\x1b[31m Silva", "Ben; Ode", "Ca\u202eth"}, DOI: "10.1/x"},
		"odd authors":              {Title: "T", Authors: []string{"and", "Smith, John", "et al.", "Ivanov II", "WHO"}, DOI: "10.1/x"},
		"control in journal":       {Title: "T", Journal: "Crit\rCare\x00", DOI: "10.1/x"},
		"date-like journal":        {Title: "T", Journal: "Critical Care", Date: "May 2018", DOI: "10.1/x"},
		"fence in abstract":        {Title: "T", Abstract: "```\ncode", DOI: "10.1/x"},
		"journal alone":            {Title: "T", Journal: "Perfusion", URL: "https://example.org/p/V9"},
		"repository alone":         {Title: "T", Source: "PMC", URL: "https://example.org/p/V9"},
		"source alone":             {Title: "T", Source: "My Lab Server", URL: "https://example.org/p/V9"},
	} {
		t.Run(name, func(t *testing.T) { check(t, r) })
	}
}

func TestPlaceholderAbstractIsText(t *testing.T) {
	out := check(t, Record{Title: "T", Abstract: "TODO: the paper's abstract.", DOI: "10.1/x"})
	p, _ := parse.Parse("x.md", out)
	if p.Abstract == nil {
		t.Fatalf("an abstract that reads like the placeholder was lost:\n%s", out)
	}
}

func TestNotes(t *testing.T) {
	_, notes, err := Build(Record{Title: "T", Date: "2023-02-30", URL: "javascript:alert(1)", DOI: "10.1/a b", Journal: "Science | AAAS"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := ""
	for _, n := range notes {
		got += string(n) + "\n"
	}
	for _, want := range []string{`date "2023-02-30" left out`, `URL "javascript:alert(1)" left out`, `DOI "10.1/a b" left out`, `journal "Science | AAAS" written as "Science / AAAS"`} {
		if !strings.Contains(got, want) {
			t.Errorf("notes lack %q:\n%s", want, got)
		}
	}
	if _, _, err := Build(Record{Title: " \n "}, nil); err == nil {
		t.Error("a record without title was written")
	}
}

func TestFileName(t *testing.T) {
	for _, c := range []struct {
		r    Record
		want string
	}{
		{Record{PMCID: "PMC123", DOI: "10.1/x", Key: "k"}, "PMC123.md"},
		{Record{PMCID: "123"}, "PMC123.md"},
		{Record{URL: "https://pmc.ncbi.nlm.nih.gov/articles/PMC8000001/", DOI: "10.1/x"}, "PMC8000001.md"},
		{Record{DOI: "10.1007/s10047-025-01543-6", Key: "k"}, "10.1007_s10047-025-01543-6.md"},
		{Record{DOI: "https://doi.org/10.1000/A:B(C)", Key: "k"}, "10.1000_A_B_C.md"},
		{Record{DOI: "10.1000/a b", Key: "k"}, "k.md"}, // a DOI left out names no file
		{Record{Key: "omar2026heartgut"}, "omar2026heartgut.md"},
		{Record{Key: "../../etc/passwd"}, "etc_passwd.md"},
		{Record{Key: ".."}, "untitled.md"},
		{Record{Key: "..", Title: "Gut injury: a *new* view"}, "gut-injury-a-new-view.md"},
		{Record{DOI: "10.1/..", Key: "/"}, "10.1.md"},
		{Record{Key: "a\x00b\nc"}, "a_b_c.md"},
		{Record{Key: strings.Repeat("x", 500)}, strings.Repeat("x", 120) + ".md"},
		{Record{Key: "Ødegaard"}, "degaard.md"},
		{Record{Key: "garcía2021"}, "garcia2021.md"},
	} {
		got := FileName(c.r)
		if got != c.want {
			t.Errorf("FileName(%+v) = %q, want %q", c.r, got, c.want)
		}
		if filepath.Base(got) != got || strings.HasPrefix(got, ".") {
			t.Errorf("%q could leave its folder", got)
		}
	}
}

func TestSourceURL(t *testing.T) {
	for _, c := range []struct {
		r    Record
		want string
	}{
		{Record{URL: "https://example.org/p/1", DOI: "10.1/x"}, "https://example.org/p/1"},
		{Record{URL: "https://doi.org/10.1/x", DOI: "10.1/x", PMCID: "PMC9"}, "https://pmc.ncbi.nlm.nih.gov/articles/PMC9/"},
		{Record{URL: "https://doi.org/10.1/x", DOI: "10.1/x"}, "https://doi.org/10.1/x"},
		{Record{DOI: "doi:10.1/x"}, "https://doi.org/10.1/x"},
		{Record{URL: "file:///etc/passwd"}, ""},
		{Record{URL: "https://example.org/a b"}, ""},
	} {
		if got := SourceURL(c.r); got != c.want {
			t.Errorf("SourceURL(%+v) = %q, want %q", c.r, got, c.want)
		}
	}
}

func TestEntitiesReadBack(t *testing.T) {
	lists := &pubtator.Lists{Linked: []pubtator.Entity{
		{Category: "Genes", Name: pubtator.Clean("IL-6, IL-8"), ID: "NCBI Gene 3569", Bracket: true, Aliases: []string{pubtator.Clean("Il6 (mouse)")}},
		{Category: "Chemicals", Name: pubtator.Clean("Ca(2+)"), ID: "MESH:D002118"},
		{Category: "Diseases", Name: "*sepsis*", ID: ""},
	}}
	out, _, err := Build(Record{Title: "T", DOI: "10.1/x"}, lists)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := parse.Parse("x.md", out)
	var got []string
	for _, e := range p.LinkedEntities {
		got = append(got, e.Name+"|"+strings.Join(e.Aliases, ";")+"|"+func() string {
			if e.ID == nil {
				return "-"
			}
			return *e.ID
		}())
	}
	want := "IL-6， IL-8|Il6 （mouse）|NCBIGene:3569,Ca（2+）||MESH:D002118,*sepsis*||-"
	if strings.Join(got, ",") != want {
		t.Errorf("got %s\nwant %s", strings.Join(got, ","), want)
	}
}

// A paper with a PMC id is in PMC: the metadata line says so when the
// record names no other source.
func TestPMCSource(t *testing.T) {
	out := check(t, Record{Title: "T", URL: "https://pmc.ncbi.nlm.nih.gov/articles/PMC12769693/", DOI: "10.1/x"})
	if !strings.Contains(string(out), "\n\nPMC · DOI: 10.1/x\n\n") {
		t.Errorf("%s", out)
	}
	out = check(t, Record{Title: "T", PMCID: "PMC1", Source: "Europe PMC"})
	if !strings.Contains(string(out), "\n\nEurope PMC ·\n\n") {
		t.Errorf("%s", out)
	}
}
