package cite

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vagut/vagut/internal/names"
	"github.com/vagut/vagut/internal/summary"
)

func paper(id, authors, date, title string) *summary.Paper {
	p := &summary.Paper{ID: id, Title: title, Path: id + ".md"}
	if authors != "" {
		p.Authors = []string{authors}
	}
	if date != "" {
		p.Published = &date
	}
	return p
}

func TestKeysAreUniqueAndStable(t *testing.T) {
	ps := []*summary.Paper{
		paper("c", "Jonas Ødegaard", "2020-05-01", "Gut barrier failure"),
		paper("a", "Jonas Ødegaard", "2020-01-01", "Gut injury in pigs"),
		paper("b", "Amr Omar", "2026-01-05", "Heart–gut interaction"),
		paper("d", "", "", "The ECMO circuit"),
		paper("e", "ELSO Study Group", "2019-02-02", "A registry report"),
	}
	var keys []string
	for _, e := range Entries(ps) {
		keys = append(keys, e.Key+"="+e.Paper.ID)
	}
	want := []string{"anonndecmo=d", "elso2019registry=e", "odegaard2020guta=a", "odegaard2020gutb=c", "omar2026heartgut=b"}
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The same papers in another order give the same keys.
	rev := []*summary.Paper{ps[4], ps[3], ps[2], ps[1], ps[0]}
	var again []string
	for _, e := range Entries(rev) {
		again = append(again, e.Key+"="+e.Paper.ID)
	}
	if diff := cmp.Diff(keys, again); diff != "" {
		t.Errorf("keys depend on input order (-first +second):\n%s", diff)
	}
}

func TestSuffixes(t *testing.T) {
	for n, want := range map[int]string{0: "a", 1: "b", 25: "z", 26: "aa", 27: "ab"} {
		if got := suffix(n); got != want {
			t.Errorf("suffix(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestBibTitleProtectsAcronyms(t *testing.T) {
	got := bibTitle("Gut biomarkers on VA-ECMO: 50% of mRNA & more_data")
	want := `Gut biomarkers on {VA-ECMO}: 50\% of {mRNA} \& more\_data`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// A suffixed key never takes another paper's key, whatever collides:
// "Gut one", "Gut two" and "Guta" by one author in one year; and 27 papers
// on one base next to a base that ends in "a" and a base that ends in "aa".
func TestKeysNeverCollide(t *testing.T) {
	ps := []*summary.Paper{
		paper("1", "Smith J", "2020-01-01", "Gut one"),
		paper("2", "Smith J", "2020-01-02", "Gut two"),
		paper("3", "Smith J", "2020-01-03", "Guta: a drink"),
	}
	for i := 0; i < 27; i++ {
		ps = append(ps, paper(fmt.Sprintf("x%02d", i), "Roe R", "2021-01-01", fmt.Sprintf("Lung %02d", i)))
	}
	ps = append(ps, paper("y1", "Roe R", "2021-01-01", "Lunga"), paper("y2", "Roe R", "2021-01-01", "Lunga"),
		paper("z1", "Roe R", "2021-01-01", "Lungaa"))
	seen := map[string]string{}
	for _, e := range Entries(ps) {
		if other, dup := seen[e.Key]; dup {
			t.Errorf("key %s for %s and %s", e.Key, other, e.Paper.ID)
		}
		seen[e.Key] = e.Paper.ID
	}
	if len(seen) != len(ps) {
		t.Errorf("%d keys for %d papers", len(seen), len(ps))
	}
	for key, id := range map[string]string{"smith2020guta": "3", "smith2020gutb": "1", "smith2020gutc": "2", "roe2021lungaa": "z1"} {
		if seen[key] != id {
			t.Errorf("%s is %q, want paper %s", key, seen[key], id)
		}
	}
}

// bibtexBalanced reports whether BibTeX, which counts every brace whatever
// precedes it, sees s as one balanced field.
func bibtexBalanced(s string) bool {
	depth := 0
	for _, c := range s {
		switch c {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// Whatever a title, journal, abstract or name holds, its BibTeX field is
// balanced, so one paper is one entry.
func FuzzBibTeXFieldsBalanced(f *testing.F) {
	for _, s := range []string{
		`Gut barrier} @misc(evilkey, title = "injected entry", author = {Mallory}) @comment{`,
		"*a {b* c}", "`}` and `{`", "\\}", "{{{", "<sub>}</sub>{", "**x}**{y", "a\\\n}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for name, out := range map[string]string{
			"title": bibTitle(s), "rich": bibRich(s, false), "plain": bib(s), "doi": bibDOI(s), "url": bibURL(s),
		} {
			if !bibtexBalanced(out) {
				t.Errorf("%s(%q) = %q: unbalanced braces", name, s, out)
			}
		}
		for _, n := range names.ParseAll([]string{s}).Names {
			if out := bibName(n); !bibtexBalanced(out) {
				t.Errorf("bibName(%q) = %q: unbalanced braces", s, out)
			}
		}
		for name, out := range map[string]string{"doi": bibDOI(s), "url": bibURL(s)} {
			if strings.Contains(out, `\`) || strings.Contains(out, "^^") {
				t.Errorf("%s(%q) = %q: a TeX command", name, s, out)
			}
		}
		if out := risText(s); strings.ContainsAny(out, "\r\n") {
			t.Errorf("risText(%q) = %q: a line break", s, out)
		}
	})
}

// A DOI is written as it is, for bibtex and pandoc read it verbatim.
func TestBibDOIVerbatim(t *testing.T) {
	for in, want := range map[string]string{
		"10.1000/abc_def#x": "10.1000/abc_def#x",
		"10.1000/a%b~c^d":   "10.1000/a%b~c^d",
		"10.1000/{x}":       "10.1000/%7Bx%7D",
	} {
		if got := bibDOI(in); got != want {
			t.Errorf("bibDOI(%q) = %q, want %q", in, got, want)
		}
	}
}

// Nothing in a DOI or URL reaches LaTeX as a command: natbib's styles print
// the doi field as \doi{#1}, "doi: #1" without the url package, so a
// backslash (or TeX's "^^5c") in the field would run \input or \write18.
func TestBibDOIAndURLHoldNoTeXCommand(t *testing.T) {
	for in, want := range map[string]string{
		`10.1000/x\input/etc/passwd`:       `10.1000/x%5Cinput/etc/passwd`,
		`10.1000/x^^5cinput/etc/passwd`:    `10.1000/x%5E^5cinput/etc/passwd`,
		`10.1000/x\immediate\write18%7Bls`: `10.1000/x%5Cimmediate%5Cwrite18%7Bls`,
	} {
		if got := bibDOI(in); got != want {
			t.Errorf("bibDOI(%q) = %q, want %q", in, got, want)
		}
		if got, want := bibURL("https://doi.org/"+in), "https://doi.org/"+want; got != want {
			t.Errorf("bibURL(%q) = %q, want %q", in, got, want)
		}
	}
}
