// Package evidence finds the sentences of a paper that mention an entity
// (by any of its names or aliases) or match a pattern: the answer to "what
// do these papers say about I-FABP?".
package evidence

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vagut/vagut/internal/lazy"
	"github.com/vagut/vagut/internal/summary"
)

// Span is a match, as byte offsets into the sentence.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Sentence is one piece of evidence.
type Sentence struct {
	Section string // tldr, contribution, key_findings or abstract
	Text    string
	Matches []Span
}

// Find returns the sentences of p's TL;DR, contribution, key findings and
// abstract that contain a term (whole word, any case) or match re, in that
// order. Either may be empty.
func Find(p *summary.Paper, terms []string, re *regexp.Regexp) []Sentence {
	var termREs []*regexp.Regexp
	for _, t := range dedupe(terms) {
		termREs = append(termREs, regexp.MustCompile("(?i)"+regexp.QuoteMeta(t)))
	}
	var out []Sentence
	scan := func(section, text string) {
		for _, s := range Split(text) {
			spans := matches(s, termREs, re)
			if len(spans) > 0 {
				out = append(out, Sentence{Section: section, Text: s, Matches: spans})
			}
		}
	}
	scan(summary.TLDR, summary.Str(p.TLDR))
	scan(summary.Contribution, summary.Str(p.Contribution))
	for _, f := range p.KeyFindings {
		scan(summary.KeyFindings, f.Text)
	}
	scan(summary.Abstract, summary.Str(p.Abstract))
	return out
}

func dedupe(terms []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range terms {
		k := strings.ToLower(strings.TrimSpace(t))
		if k != "" && !seen[k] {
			seen[k] = true
			out = append(out, strings.TrimSpace(t))
		}
	}
	// Longer terms first, so "IL-6 receptor" is not cut short by "IL-6".
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// matches finds the term occurrences that stand as whole words, and the
// pattern's matches, merged into sorted, non-overlapping spans.
func matches(s string, terms []*regexp.Regexp, re *regexp.Regexp) []Span {
	var spans []Span
	for _, t := range terms {
		for _, m := range t.FindAllStringIndex(s, -1) {
			if wordEdge(s, m[0], true) && wordEdge(s, m[1], false) {
				spans = append(spans, Span{m[0], m[1]})
			}
		}
	}
	if re != nil {
		for _, m := range re.FindAllStringIndex(s, -1) {
			if m[1] > m[0] {
				spans = append(spans, Span{m[0], m[1]})
			}
		}
	}
	return merge(spans)
}

// wordEdge reports whether offset i in s is a word boundary: no letter or
// digit on the outer side.
func wordEdge(s string, i int, start bool) bool {
	var r rune
	if start {
		if i == 0 {
			return true
		}
		r, _ = utf8.DecodeLastRuneInString(s[:i])
	} else {
		if i == len(s) {
			return true
		}
		r, _ = utf8.DecodeRuneInString(s[i:])
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func merge(spans []Span) []Span {
	if len(spans) == 0 {
		return nil
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].Start != spans[j].Start {
			return spans[i].Start < spans[j].Start
		}
		return spans[i].End > spans[j].End
	})
	out := []Span{spans[0]}
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s.Start <= last.End {
			last.End = max(last.End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"al": true, "e.g": true, "i.e": true, "vs": true, "cf": true, "fig": true, "figs": true,
		"ref": true, "refs": true, "approx": true, "ca": true, "no": true, "nos": true, "vol": true,
		"dr": true, "prof": true, "mr": true, "ms": true, "mrs": true, "st": true, "resp": true,
		"incl": true, "eq": true, "eqs": true, "suppl": true, "etc": false, "viz": true, "ie": true, "eg": true,
	}
}}

// Split cuts text into sentences. A sentence ends at ".", "!" or "?" (and any
// closing quotes or brackets) followed by white space and a capital, digit or
// opening quote, unless the word before the period is an abbreviation ("et
// al.", "e.g.", "vs.") or an initial ("J. Smith"). Decimals and units
// ("0.38 μg/kg") never end one: no space follows their period.
func Split(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r != '.' && r != '!' && r != '?' {
			i += n
			continue
		}
		end := i + n
		for end < len(text) {
			c, cn := utf8.DecodeRuneInString(text[end:])
			if !strings.ContainsRune(`)]"'”’»`, c) {
				break
			}
			end += cn
		}
		next := end
		for next < len(text) {
			c, cn := utf8.DecodeRuneInString(text[next:])
			if !unicode.IsSpace(c) {
				break
			}
			next += cn
		}
		if next == end || next == len(text) {
			i = end
			continue
		}
		c, _ := utf8.DecodeRuneInString(text[next:])
		opens := unicode.IsUpper(c) || unicode.IsDigit(c) || strings.ContainsRune(`"'“‘(«[`, c)
		if !opens || (r == '.' && abbreviated(text[start:i])) {
			i = end
			continue
		}
		if s := strings.TrimSpace(text[start:end]); s != "" {
			out = append(out, s)
		}
		start, i = next, next
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// abbreviated reports whether the text before a period ends with an
// abbreviation or a single-letter initial.
func abbreviated(before string) bool {
	j := len(before)
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(before[:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= n
	}
	word := strings.ToLower(before[j:])
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(before[j:])[0]) {
		return true // an initial: "J. Smith"
	}
	return abbreviations.Get()[word]
}
