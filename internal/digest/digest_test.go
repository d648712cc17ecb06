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
		// The forms a summary may hold are read in flags too.
		{"2021/01/01", "2021-01-01", "2021-01-01"},
		{"2021-1-1", "2021-01-01", "2021-01-01"},
		{"Sept 2013", "2013-09-01", "2013-09-30"},
		{"15 Sep 2013", "2013-09-15", "2013-09-15"},
	}
	for _, c := range cases {
		s, err1 := DateBound(c.in, false)
		e, err2 := DateBound(c.in, true)
		if err1 != nil || err2 != nil || s != c.start || e != c.end {
			t.Errorf("DateBound(%q) = %q..%q (%v, %v), want %q..%q", c.in, s, e, err1, err2, c.start, c.end)
		}
	}
	for _, bad := range []string{"", "20", "2021-13", "2021-02-29", "14/05/2021", "2021 Spring", "yesterday"} {
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

// A partial date is the whole period it names: 2013-09 is 1 to 30 September.
// The paper is kept when that period overlaps --since..--until.
func TestPartialDatesMatchWhenTheirPeriodOverlaps(t *testing.T) {
	bound := func(s string, end bool) string {
		d, err := DateBound(s, end)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct {
		published, since, until string
		want                    bool
	}{
		{"2013-09", "2013-09-15", "", true},
		{"2013-09", "2013-10-01", "", false},
		{"2013-09", "", "2013-09-15", true},
		{"2013-09", "", "2013-08-31", false},
		{"2013-09", "2013-09-10", "2013-09-20", true},
		{"2013", "2013-12-31", "", true},
		{"2013", "2014", "", false},
		{"2013", "", "2013-01-01", true},
		{"2012", "", "2013-01-01", true},
		{"2013-09-14", "2013-09-15", "", false},
		{"2013-09-15", "2013-09-15", "2013-09-15", true},
	} {
		f := Filter{}
		if c.since != "" {
			f.Since = bound(c.since, false)
		}
		if c.until != "" {
			f.Until = bound(c.until, true)
		}
		if got := f.Match(paper("x", c.published, "t")); got != c.want {
			t.Errorf("published %s, --since %q --until %q: match = %v, want %v", c.published, c.since, c.until, got, c.want)
		}
	}
}

// Newest first puts a partial date before the full dates of its period, and
// the same dates always come out in the same order (ties by path).
func TestSortPartialDates(t *testing.T) {
	mk := func() []*summary.Paper {
		return []*summary.Paper{
			paper("a", "2013-09-01", ""), paper("b", "2013-09", ""), paper("c", "2013-09-30", ""),
			paper("d", "2013", ""), paper("e", "2013-10-01", ""), paper("f", "2013-12", ""),
			paper("g", "", ""), paper("h", "2013-09", ""), paper("i", "2012-12-31", ""),
		}
	}
	want := []string{"d", "f", "e", "b", "h", "c", "a", "i", "g"}
	for _, rev := range []bool{false, true} {
		ps := mk()
		if rev {
			for i, j := 0, len(ps)-1; i < j; i, j = i+1, j-1 {
				ps[i], ps[j] = ps[j], ps[i]
			}
		}
		Sort(ps, "published")
		if diff := cmp.Diff(want, paths(ps)); diff != "" {
			t.Errorf("sort published, input reversed %v (-want +got):\n%s", rev, diff)
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
	if diff := cmp.Diff([]string{"FABP2", "I-FABP"}, f.MatchedNames(bare)); diff != "" {
		t.Errorf("evidence names of the bare paper (-want +got):\n%s", diff)
	}
	// Learn paper by paper, the streaming run's first pass, resolves the same.
	var learnt Filter
	learnt.Entities = []string{"i-fabp"}
	for _, p := range []*summary.Paper{bare, other, withAlias} {
		learnt.Learn(p)
	}
	if !learnt.Match(bare) || learnt.Match(other) || !cmp.Equal(learnt.MatchedNames(bare), f.MatchedNames(bare)) {
		t.Errorf("Learn: match %v %v, names %v", learnt.Match(bare), learnt.Match(other), learnt.MatchedNames(bare))
	}
	typed := Filter{Entities: []string{"i-fabp"}, Types: []string{"disease"}}
	typed.Resolve([]*summary.Paper{withAlias, bare})
	if typed.Match(bare) {
		t.Error("--type disease still matched a gene")
	}
}
