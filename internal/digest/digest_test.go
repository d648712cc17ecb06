package digest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vagut/vagut/internal/summary"
)

func TestDateBound(t *testing.T) {
	cases := []struct {
		in         string
		start, end string
	}{
		{"2020", "2020-01-01", "2020-12-31"},
		{"2020-02", "2020-02-01", "2020-02-29"},
		{"2021-02", "2021-02-01", "2021-02-28"},
		{"2021-12-31", "2021-12-31", "2021-12-31"},
	}
	for _, c := range cases {
		s, err1 := DateBound(c.in, false)
		e, err2 := DateBound(c.in, true)
		if err1 != nil || err2 != nil || s != c.start || e != c.end {
			t.Errorf("DateBound(%q) = %q..%q (%v, %v), want %q..%q", c.in, s, e, err1, err2, c.start, c.end)
		}
	}
	for _, bad := range []string{"", "20", "2021-13", "2021-02-29", "2021/01/01", "2021-1-1", "yesterday"} {
		if _, err := DateBound(bad, false); err == nil {
			t.Errorf("DateBound(%q) accepted", bad)
		}
	}
}

func paper(path, published, title string) *summary.Paper {
	p := &summary.Paper{Path: path, Title: title}
	if published != "" {
		p.Published = &published
	}
	return p
}

func paths(ps []*summary.Paper) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Path)
	}
	return out
}

func TestSort(t *testing.T) {
	mk := func() []*summary.Paper {
		return []*summary.Paper{
			paper("c", "", "beta"), paper("b", "2020-01-01", "Alpha"),
			paper("a", "2020-01-01", "gamma"), paper("d", "2024-05-05", "alpha"),
		}
	}
	for key, want := range map[string][]string{
		"published": {"d", "a", "b", "c"}, // newest first, ties by path, undated last
		"title":     {"b", "d", "c", "a"}, // case-insensitive, ties by path
		"path":      {"a", "b", "c", "d"},
	} {
		ps := mk()
		Sort(ps, key)
		if diff := cmp.Diff(want, paths(ps)); diff != "" {
			t.Errorf("sort %s (-want +got):\n%s", key, diff)
		}
	}
}

func TestDatelessPapersLeftOutByDateFilters(t *testing.T) {
	f := Filter{Since: "2000-01-01"}
	if f.Match(paper("x", "", "t")) {
		t.Error("a paper without date passed --since")
	}
	if !(&Filter{}).Match(paper("x", "", "t")) {
		t.Error("the zero filter rejected a paper")
	}
}

func TestCompileGrepIsCaseInsensitive(t *testing.T) {
	re, err := CompileGrep("i-fabp")
	if err != nil || !re.MatchString("Plasma I-FABP rose") {
		t.Errorf("CompileGrep: %v", err)
	}
}

func TestResolveUsesNamesSeenAnywhereInTheCorpus(t *testing.T) {
	id := "NCBIGene:2169"
	withAlias := &summary.Paper{ID: "a", Entities: []summary.Entity{{Type: "gene", Name: "FABP2", ID: &id, Aliases: []string{"I-FABP"}}}}
	bare := &summary.Paper{ID: "b", Entities: []summary.Entity{{Type: "gene", Name: "FABP2", ID: &id}}}
	other := &summary.Paper{ID: "c", Entities: []summary.Entity{{Type: "gene", Name: "IL6"}}}
	f := Filter{Entities: []string{"i-fabp"}}
	if f.Match(bare) {
		t.Fatal("before Resolve, a paper without the alias matched")
	}
	f.Resolve([]*summary.Paper{withAlias, bare, other})
	if !f.Match(withAlias) || !f.Match(bare) || f.Match(other) {
		t.Errorf("after Resolve: %v %v %v, want true true false", f.Match(withAlias), f.Match(bare), f.Match(other))
	}
	if diff := cmp.Diff([]string{"FABP2", "I-FABP", "FABP2"}, f.MatchedNames(bare)); diff != "" {
		t.Errorf("evidence names of the bare paper (-want +got):\n%s", diff)
	}
	typed := Filter{Entities: []string{"i-fabp"}, Types: []string{"disease"}}
	typed.Resolve([]*summary.Paper{withAlias, bare})
	if typed.Match(bare) {
		t.Error("--type disease still matched a gene")
	}
}
