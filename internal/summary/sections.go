package summary

import (
	"strings"
	"unicode"

	"github.com/vagut/vagut/internal/lazy"
)

// SectionKey is the stable key of a section vagut knows, as JSON and
// .vagut.yaml write it.
type SectionKey = string

// The sections of a summary, keys as in JSON and required_sections.
const (
	TLDR             SectionKey = "tldr"
	Contribution     SectionKey = "contribution"
	KeyFindings      SectionKey = "key_findings"
	Abstract         SectionKey = "abstract"
	LinkedEntities   SectionKey = "linked_entities"
	FullTextEntities SectionKey = "full_text_entities"
	FullText         SectionKey = "full_text"
)

// SectionDef is one "## " section the format defines.
type SectionDef struct {
	Key  SectionKey
	Name string // the heading as the format spells it: "Key findings"
	// Aliases are the headings read as this section, lower case, words
	// separated by one space (see NormalHeading): "key findings", "findings".
	Aliases []string
}

// Sections is every section the format defines, in the usual order of a summary.
var Sections = []SectionDef{
	{TLDR, "TL;DR", []string{"tl;dr", "tldr", "tl dr", "tl;dr;"}},
	{Contribution, "Contribution", []string{"contribution", "contributions"}},
	{KeyFindings, "Key findings", []string{"key findings", "key finding", "findings"}},
	{Abstract, "Abstract", []string{"abstract"}},
	{LinkedEntities, "Linked entities", []string{"linked entities"}},
	{FullTextEntities, "Full-text entities", []string{"full text entities"}},
	{FullText, "Full text", []string{"full text"}},
}

// The lookups below walk Sections itself: a handful of entries, as fast as a
// map and with nothing to build at start-up.

// compactAliases holds every alias with only its letters and digits, for near
// misses, and the longest; built on the first unknown heading.
var compactAliases = lazy.Value[compactSet]{New: func() compactSet {
	var c compactSet
	for _, s := range Sections {
		for _, a := range s.Aliases {
			r := []rune(squeeze(a))
			c.aliases = append(c.aliases, compactAlias{s.Key, r})
			c.longest = max(c.longest, len(r))
		}
	}
	return c
}}

type compactSet struct {
	aliases []compactAlias
	longest int
}

type compactAlias struct {
	key   SectionKey
	runes []rune
}

// sectionIndex is the place of key in Sections, -1 when unknown.
func sectionIndex(key SectionKey) int {
	for i, s := range Sections {
		if s.Key == key {
			return i
		}
	}
	return -1
}

// NormalHeading is a heading as the aliases are written: lower case, a
// trailing colon dropped, words split at spaces, "-" and "_" joined by one space.
func NormalHeading(h string) string {
	k := strings.ToLower(strings.TrimRight(strings.TrimSpace(h), ":"))
	return strings.Join(strings.FieldsFunc(k, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), " ")
}

// SectionOf is the key of the section a heading names ("Key Findings",
// "TL;DR:"), or "" for a heading the format does not define.
func SectionOf(heading string) SectionKey {
	var buf [64]byte
	if k, ok := normalHeadingASCII(buf[:0], heading); ok {
		return sectionOfNormal(k) // no allocation: the key is only compared
	}
	return sectionOfNormal([]byte(NormalHeading(heading)))
}

// sectionOfNormal is the key of the section a normalised heading names.
func sectionOfNormal(h []byte) SectionKey {
	for _, s := range Sections {
		for _, a := range s.Aliases {
			if a == string(h) {
				return s.Key
			}
		}
	}
	return ""
}

// SectionName spells a section key as the format writes its heading; an
// unknown key comes back as it is.
func SectionName(key SectionKey) string {
	if i := sectionIndex(key); i >= 0 {
		return Sections[i].Name
	}
	return key
}

// SectionNames spells every section as the format writes its heading, in order.
func SectionNames() []string {
	out := make([]string, len(Sections))
	for i, s := range Sections {
		out[i] = s.Name
	}
	return out
}

// SectionOrder is the place of a section in the usual order, -1 when unknown.
func SectionOrder(key SectionKey) int {
	return sectionIndex(key)
}

// NearSection is the known section an unknown heading was most likely meant
// to be ("Key findngs", "TL:DR", "Abstracts"), or "" when none is close. Two
// headings are close when, letters and digits only and case aside, a few
// edits (a quarter of the known name's letters, at least one) turn one into
// the other.
func NearSection(heading string) SectionKey {
	// The letters and digits, lower case, on the stack; a heading longer
	// than any name could be near is no near miss, however long it is.
	var buf [maxNear]rune
	h := buf[:0]
	compact := compactAliases.Get()
	longestCompact := compact.longest
	for _, r := range heading {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		if len(h) == maxNear || len(h) == longestCompact+longestCompact/4 {
			return ""
		}
		h = append(h, unicode.ToLower(r))
	}
	if len(h) == 0 {
		return ""
	}
	best, bestDist := SectionKey(""), 1<<30
	for _, c := range compact.aliases {
		limit := max(1, len(c.runes)/4)
		if d := distance(h, c.runes, limit); d <= limit && d < bestDist {
			best, bestDist = c.key, d
		}
	}
	return best
}

// maxNear bounds the headings compared, and so the work of one comparison.
const maxNear = 32

// squeeze keeps the letters and digits of s.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// distance is the optimal string alignment distance (Levenshtein with
// transpositions of neighbours), or limit+1 once it must exceed limit.
func distance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	var rows [3][maxNear + 1]int
	if len(b) > maxNear {
		return limit + 1
	}
	prev2, prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1], rows[2][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
