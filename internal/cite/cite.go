// Package cite turns papers into bibliography entries: CSL-JSON (for pandoc
// and Zotero), BibTeX and RIS, with deterministic, unique citation keys.
package cite

import (
	"sort"
	"strconv"
	"strings"

	"github.com/vagut/vagut/internal/doi"
	"github.com/vagut/vagut/internal/inline"
	"github.com/vagut/vagut/internal/lazy"
	"github.com/vagut/vagut/internal/names"
	"github.com/vagut/vagut/internal/summary"
)

// Entry is one paper ready to cite.
type Entry struct {
	Key     string
	Paper   *summary.Paper
	Authors []names.Name
	Others  bool   // the list ends in "et al.": BibTeX "and others", CSL literal "others"
	Year    string // "" when undated
	DOI     string // bare
}

// Preprint reports whether the paper comes from a preprint server.
func (e Entry) Preprint() bool {
	switch strings.ToLower(summary.Str(e.Paper.Source)) {
	case "arxiv", "biorxiv", "medrxiv", "chemrxiv", "ssrn", "research square", "preprints.org":
		return true
	}
	return false
}

// Link is the paper's URL: its DOI link, else the summary's Source URL.
func (e Entry) Link() string {
	if e.DOI != "" {
		return doi.URL(e.DOI)
	}
	return summary.Str(e.Paper.URL)
}

// Entries builds the entries of papers, sorted by key. Keys are the first
// author's family name, the year and the first word of the title, in ASCII
// lower case ("omar2026heartgut"); papers that would share one get a, b, c...
// in order of date, title and id, so the same corpus always gives the same
// keys. A suffixed key never takes a key another paper has or gets
// ("Gut one", "Gut two" and "Guta" by one author in one year give
// smith2020gutb, smith2020gutc and smith2020guta): one key, one paper.
func Entries(papers []*summary.Paper) []Entry {
	entries := make([]Entry, len(papers))
	byBase := map[string][]int{}
	for i, p := range papers {
		e := BaseEntry(p)
		byBase[e.Key] = append(byBase[e.Key], i)
		entries[i] = e
	}
	taken := make(map[string]bool, len(byBase))
	var shared []string
	for base, idx := range byBase {
		taken[base] = true
		if len(idx) > 1 {
			shared = append(shared, base)
		}
	}
	// Bases in order, so that which group skips which suffix does not depend
	// on map order.
	sort.Strings(shared)
	for _, base := range shared {
		idx := byBase[base]
		sort.Slice(idx, func(a, b int) bool {
			pa, pb := entries[idx[a]].Paper, entries[idx[b]].Paper
			if x, y := summary.Str(pa.Published), summary.Str(pb.Published); x != y {
				return x < y
			}
			if pa.Title != pb.Title {
				return pa.Title < pb.Title
			}
			if pa.ID != pb.ID {
				return pa.ID < pb.ID
			}
			return pa.Path < pb.Path
		})
		n := 0
		for _, i := range idx {
			for taken[base+suffix(n)] {
				n++
			}
			entries[i].Key = base + suffix(n)
			taken[entries[i].Key] = true
			n++
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Key < entries[j].Key })
	return entries
}

// BaseEntry is p's entry with its base key: its key unless another paper
// has the same.
func BaseEntry(p *summary.Paper) Entry {
	e := Entry{Paper: p}
	l := names.ParseAll(p.Authors)
	e.Authors, e.Others = l.Names, l.Others
	if p.Published != nil && len(*p.Published) >= 4 {
		e.Year = (*p.Published)[:4]
	}
	if p.DOI != nil {
		e.DOI = doi.Bare(*p.DOI)
	}
	e.Key = baseKey(e)
	return e
}

// suffix is a, b, ..., z, aa, ab, ...
func suffix(n int) string {
	s := ""
	for {
		s = string(rune('a'+n%26)) + s
		n = n/26 - 1
		if n < 0 {
			return s
		}
	}
}

var articles = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"a": true, "an": true, "the": true}
}}

func baseKey(e Entry) string {
	family := "anon"
	if len(e.Authors) > 0 {
		a := e.Authors[0]
		family = a.FullFamily()
		if a.Literal != "" {
			family = firstWord(inline.Plain(a.Literal, " "))
		}
	}
	year := e.Year
	if year == "" {
		year = "nd"
	}
	// The first word as written, punctuation and Markdown dropped: "I-FABP"
	// gives "ifabp", "*Pseudomonas*" "pseudomonas".
	return ascii(family) + year + firstWord(inline.Plain(e.Paper.Title, " "))
}

// firstWord is the first word that is not an article, in key form.
func firstWord(s string) string {
	for _, w := range strings.Fields(s) {
		if w = ascii(w); w != "" && !articles.Get()[w] {
			return w
		}
	}
	return ""
}

// ascii folds to lower-case ASCII letters and digits: "Ødegaard" → "odegaard".
func ascii(s string) string { return names.ASCII(s) }

// dateParts splits YYYY-MM-DD into numbers.
func dateParts(d string) []int {
	var out []int
	for _, p := range strings.Split(d, "-") {
		n, err := strconv.Atoi(p)
		if err != nil {
			return out
		}
		out = append(out, n)
	}
	return out
}
