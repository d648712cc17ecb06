// Package curie turns the identifiers written in summaries ("NCBI Gene 2169",
// "taxon 9606", "MESH:D001424") into CURIEs and links them to their databases.
package curie

import (
	"net/url"
	"regexp"
	"strings"
)

var (
	prefixed  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]*:[^\s:][^\s]*$`)
	accession = regexp.MustCompile(`^[A-Z][A-Z0-9]*_[A-Za-z0-9]+$`)
	ncbiGene  = regexp.MustCompile(`(?i)^ncbi\s*gene(?:\s+id)?\s*:?\s*(\S+)$`)
	taxon     = regexp.MustCompile(`(?i)^(?:ncbi\s*)?taxon(?:omy)?(?:\s+id)?\s*:?\s*(\S+)$`)
)

// IsIdentifier reports whether the text of a "(...)" group is an identifier
// rather than a description: one PREFIX:VALUE token or an accession.
func IsIdentifier(s string) bool {
	s = strings.TrimSpace(s)
	return prefixed.MatchString(s) || accession.MatchString(s)
}

// Normalize returns the CURIE for an identifier in any written form, and
// whether the form is one vagut knows. Unknown forms come back trimmed, as written.
func Normalize(written string) (string, bool) {
	s := strings.Join(strings.Fields(written), " ")
	if m := ncbiGene.FindStringSubmatch(s); m != nil {
		return "NCBIGene:" + m[1], true
	}
	if m := taxon.FindStringSubmatch(s); m != nil {
		return "NCBITaxon:" + m[1], true
	}
	if prefixed.MatchString(s) || accession.MatchString(s) {
		return s, true
	}
	return s, false
}

// Prefix returns the part before the colon, or "" for an accession.
func Prefix(c string) string {
	if i := strings.IndexByte(c, ':'); i > 0 {
		return c[:i]
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

// URL links a CURIE to its database, or returns "" for a prefix vagut does not know.
func URL(c string) string {
	local := url.PathEscape(Local(c))
	switch strings.ToUpper(Prefix(c)) {
	case "MESH":
		return "https://meshb.nlm.nih.gov/record/ui?ui=" + url.QueryEscape(Local(c))
	case "MONDO":
		return "https://monarchinitiative.org/MONDO:" + local
	case "NCBIGENE":
		return "https://www.ncbi.nlm.nih.gov/gene/" + local
	case "NCBITAXON":
		return "https://www.ncbi.nlm.nih.gov/Taxonomy/Browser/wwwtax.cgi?id=" + url.QueryEscape(Local(c))
	case "":
		if strings.HasPrefix(c, "CVCL_") {
			return "https://www.cellosaurus.org/" + local
		}
	}
	return ""
}
