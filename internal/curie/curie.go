// Package curie turns the identifiers written in summaries ("NCBI Gene 2169",
// "taxon 9606", "MESH:D001424") into CURIEs and links them to their databases.
package curie

import (
	"strings"

	"github.com/vagut/vagut/internal/lazy"
)

var (
	ncbiGene = lazy.Regexp{Expr: `(?i)^ncbi\s*gene(?:\s+id)?\s*:?\s*(\S+)$`}
	taxon    = lazy.Regexp{Expr: `(?i)^(?:ncbi\s*)?taxon(?:omy)?(?:\s+id)?\s*:?\s*(\S+)$`}
)

// The shapes below are checked by hand: they run for every entity of every
// paper, where regular expressions cost a seventh of the parse.

// prefixed is PREFIX:VALUE: a letter, then letters, digits, "_", "." or "-",
// a colon, and a value with no space that does not start with a colon.
func prefixed(s string) bool {
	i := strings.IndexByte(s, ':')
	if i < 1 || i == len(s)-1 || s[i+1] == ':' || !letter(s[0]) {
		return false
	}
	for j := 1; j < i; j++ {
		if c := s[j]; !letter(c) && !digit(c) && c != '_' && c != '.' && c != '-' {
			return false
		}
	}
	return !strings.ContainsAny(s[i+1:], " \t\n\r\f\v")
}

// accession is an upper-case code, "_", and letters or digits: CVCL_0025.
func accession(s string) bool {
	i := strings.IndexByte(s, '_')
	if i < 1 || i == len(s)-1 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for j := 1; j < i; j++ {
		if c := s[j]; !(c >= 'A' && c <= 'Z') && !digit(c) {
			return false
		}
	}
	for j := i + 1; j < len(s); j++ {
		if c := s[j]; !letter(c) && !digit(c) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !digit(s[i]) {
			return false
		}
	}
	return s != ""
}

func letter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func digit(c byte) bool  { return c >= '0' && c <= '9' }

// IsIdentifier reports whether the text of a "(...)" group is an identifier
// rather than a description: one PREFIX:VALUE token or an accession.
func IsIdentifier(s string) bool {
	s = strings.TrimSpace(s)
	return prefixed(s) || accession(s)
}

// Normalize returns the CURIE for an identifier in any written form, and
// whether the form is one vagut knows. Unknown forms come back trimmed, as written.
func Normalize(written string) (string, bool) {
	// The forms the summaries use, exactly as they write them: no allocation.
	if n, ok := strings.CutPrefix(written, "NCBI Gene "); ok && allDigits(n) {
		return "NCBIGene:" + n, true
	}
	if n, ok := strings.CutPrefix(written, "taxon "); ok && allDigits(n) {
		return "NCBITaxon:" + n, true
	}
	s := written
	if strings.ContainsAny(s, "\t\n\r\f\v") || strings.Contains(s, "  ") || strings.TrimSpace(s) != s {
		s = strings.Join(strings.Fields(s), " ")
	}
	// The NCBI forms come first, as they always did; they need these words.
	if containsFold(s, "gene") || containsFold(s, "taxon") {
		if m := ncbiGene.Get().FindStringSubmatch(s); m != nil {
			return "NCBIGene:" + m[1], true
		}
		if m := taxon.Get().FindStringSubmatch(s); m != nil {
			return "NCBITaxon:" + m[1], true
		}
	}
	return s, prefixed(s) || accession(s)
}

// Prefix returns the part before the colon, or "" for an accession.
func Prefix(c string) string {
	if i := strings.IndexByte(c, ':'); i > 0 {
		return c[:i]
	}
	return ""
}

// Namespace is what id_prefixes in .vagut.yaml name: the part before the
// colon, or the letters before the "_" of an accession (CVCL), else "".
func Namespace(id string) string {
	if p := Prefix(id); p != "" {
		return p
	}
	if i := strings.IndexByte(id, '_'); i > 0 {
		return id[:i]
	}
	return ""
}

// Local returns the part after the colon, or the whole accession.
func Local(c string) string {
	if i := strings.IndexByte(c, ':'); i > 0 {
		return c[i+1:]
	}
	return c
}

// Equal compares two identifiers in any written form, case-insensitively.
func Equal(a, b string) bool {
	na, _ := Normalize(a)
	nb, _ := Normalize(b)
	return strings.EqualFold(na, nb)
}

// URL links a CURIE to its database, or returns "" for a registry vagut
// does not know and for an id whose shape its registry does not issue: a
// link to a record that cannot exist helps no one.
func URL(c string) string {
	r, ok := Check(c)
	if r == nil || !ok {
		return ""
	}
	return r.link(Local(c))
}

// containsFold reports whether s holds word, a lowercase ASCII word, in any
// case: strings.Contains(strings.ToLower(s), word) without the copy. Only
// ASCII letters lower to ASCII letters but the Kelvin sign (k) and the dotted
// capital I (i), which no word asked for holds.
func containsFold(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		k := 0
		for k < len(word) && s[i+k]|0x20 == word[k] {
			k++
		}
		if k == len(word) {
			return true
		}
	}
	return false
}
