// Package cite turns papers into bibliography entries: CSL-JSON (for pandoc
// and Zotero), BibTeX and RIS, with deterministic, unique citation keys.
package cite

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/vagut/vagut/internal/doi"
	"github.com/vagut/vagut/internal/summary"
)

// Name is an author split as well as a name allows.
type Name struct {
	Given, Family, Suffix string
	Literal               string // an organisation, kept whole
}

// particles start a family name: "Ludwig van Beethoven" → "van Beethoven".
var particles = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "de": true, "del": true, "della": true, "di": true,
	"da": true, "dos": true, "du": true, "le": true, "la": true, "ter": true, "ten": true, "bin": true, "al": true, "el": true,
}

var suffixes = map[string]bool{"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true, "iv": true}

var groupWords = []string{"group", "consortium", "collaborat", "committee", "society", "network", "investigators", "team", "association"}

// SplitName reads "Given Family", "Family, Given" and organisation names.
func SplitName(s string) Name {
	s = strings.Join(strings.Fields(s), " ")
	low := strings.ToLower(s)
	for _, w := range groupWords {
		if strings.Contains(low, w) {
			return Name{Literal: s}
		}
	}
	if family, given, ok := strings.Cut(s, ","); ok {
		return Name{Given: strings.TrimSpace(given), Family: strings.TrimSpace(family)}
	}
	words := strings.Fields(s)
	var n Name
	if len(words) > 1 && suffixes[strings.ToLower(words[len(words)-1])] {
		n.Suffix = words[len(words)-1]
		words = words[:len(words)-1]
	}
	if len(words) == 1 {
		n.Family = words[0]
		return n
	}
	start := len(words) - 1
	for start > 1 && particles[words[start-1]] {
		start--
	}
	n.Given = strings.Join(words[:start], " ")
	n.Family = strings.Join(words[start:], " ")
	return n
}

// Entry is one paper ready to cite.
type Entry struct {
	Key     string
	Paper   *summary.Paper
	Authors []Name
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
// in order of date, title and id, so the same corpus always gives the same keys.
func Entries(papers []*summary.Paper) []Entry {
	entries := make([]Entry, len(papers))
	byBase := map[string][]int{}
	for i, p := range papers {
		e := Entry{Paper: p}
		for _, a := range p.Authors {
			e.Authors = append(e.Authors, SplitName(a))
		}
		if p.Published != nil && len(*p.Published) >= 4 {
			e.Year = (*p.Published)[:4]
		}
		if p.DOI != nil {
			e.DOI = doi.Bare(*p.DOI)
		}
		e.Key = baseKey(e)
		byBase[e.Key] = append(byBase[e.Key], i)
		entries[i] = e
	}
	for _, idx := range byBase {
		if len(idx) < 2 {
			continue
		}
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
		for n, i := range idx {
			entries[i].Key += suffix(n)
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Key < entries[j].Key })
	return entries
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

var articles = map[string]bool{"a": true, "an": true, "the": true}

func baseKey(e Entry) string {
	family := "anon"
	if len(e.Authors) > 0 {
		a := e.Authors[0]
		family = a.Family
		if a.Literal != "" {
			family = strings.Fields(a.Literal)[0]
		}
	}
	year := e.Year
	if year == "" {
		year = "nd"
	}
	// The first word as written, punctuation dropped: "I-FABP" gives "ifabp".
	word := ""
	for _, w := range strings.Fields(e.Paper.Title) {
		if w = ascii(w); w != "" && !articles[w] {
			word = w
			break
		}
	}
	return ascii(family) + year + word
}

// ascii folds to lower-case ASCII letters and digits: "Ødegaard" → "odegaard".
func ascii(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if special, ok := folds[r]; ok {
			b.WriteString(special)
			continue
		}
		r = unicode.ToLower(r)
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// folds are the letters NFKD does not take apart.
var folds = map[rune]string{
	'Ø': "o", 'ø': "o", 'Æ': "ae", 'æ': "ae", 'Œ': "oe", 'œ': "oe", 'ß': "ss", 'Ł': "l", 'ł': "l",
	'Đ': "d", 'đ': "d", 'Þ': "th", 'þ': "th", 'ı': "i",
}

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
