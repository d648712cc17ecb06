package curie

import (
	"net/url"
	"strings"
)

// Registry is a database whose identifiers vagut knows: how its ids are
// written, which shapes it issues, and where its records live. The table
// below is the one place these rules are written; validate checks ids
// against it and the digests link only the ids it accepts.
type Registry struct {
	// Prefix is the CURIE prefix as vagut writes it ("MESH", "NCBIGene");
	// "" for a registry whose ids are accessions written alone.
	Prefix string
	// Aliases are other prefixes people write for the same registry.
	Aliases []string
	// Accession starts an id written alone: "CVCL_" for Cellosaurus.
	Accession string
	Name      string // the registry's own name, for people: "MeSH"
	Shape     string // the ids it issues, for messages: "seven digits"
	Example   string // a real id
	valid     func(local string) bool
	link      func(local string) string
}

// Registries is every registry vagut knows, in the order people meet them.
// Only constants and function literals: the compiler lays the table out as
// data, and no code runs for it at start-up.
var Registries = []*Registry{
	{Prefix: "MESH", Name: "MeSH", Shape: "D or C followed by 6 or 9 digits", Example: "MESH:D001424",
		valid: func(s string) bool {
			return len(s) > 0 && (s[0] == 'D' || s[0] == 'C') && (len(s) == 7 || len(s) == 10) && allDigits(s[1:])
		},
		link: func(s string) string { return "https://meshb.nlm.nih.gov/record/ui?ui=" + url.QueryEscape(s) }},
	{Prefix: "MONDO", Name: "MONDO", Shape: "seven digits", Example: "MONDO:0800175",
		valid: func(s string) bool { return len(s) == 7 && allDigits(s) },
		link:  func(s string) string { return "https://monarchinitiative.org/MONDO:" + url.PathEscape(s) }},
	{Prefix: "NCBIGene", Name: "NCBI Gene", Shape: "digits", Example: "NCBIGene:2169",
		valid: allDigits,
		link:  func(s string) string { return "https://www.ncbi.nlm.nih.gov/gene/" + url.PathEscape(s) }},
	{Prefix: "NCBITaxon", Name: "NCBI Taxonomy", Shape: "digits", Example: "NCBITaxon:9606",
		valid: allDigits,
		link: func(s string) string {
			return "https://www.ncbi.nlm.nih.gov/Taxonomy/Browser/wwwtax.cgi?id=" + url.QueryEscape(s)
		}},
	{Accession: "CVCL_", Name: "Cellosaurus", Shape: "CVCL_ followed by 4 letters or digits", Example: "CVCL_0025",
		valid: func(s string) bool {
			rest, ok := strings.CutPrefix(s, "CVCL_")
			if !ok || len(rest) != 4 {
				return false
			}
			for i := 0; i < len(rest); i++ {
				if c := rest[i]; !(c >= 'A' && c <= 'Z') && !digit(c) {
					return false
				}
			}
			return true
		},
		link: func(s string) string { return "https://www.cellosaurus.org/" + url.PathEscape(s) }},
	{Prefix: "CHEBI", Name: "ChEBI", Shape: "digits", Example: "CHEBI:15377",
		valid: allDigits,
		link: func(s string) string {
			return "https://www.ebi.ac.uk/chebi/searchId.do?chebiId=CHEBI:" + url.QueryEscape(s)
		}},
	{Prefix: "dbSNP", Name: "dbSNP", Shape: "rs followed by digits", Example: "dbSNP:rs429358",
		valid: func(s string) bool { rest, ok := strings.CutPrefix(s, "rs"); return ok && allDigits(rest) },
		link:  func(s string) string { return "https://www.ncbi.nlm.nih.gov/snp/" + url.PathEscape(s) }},
	{Prefix: "OMIM", Aliases: []string{"MIM"}, Name: "OMIM", Shape: "six digits", Example: "OMIM:143100",
		valid: func(s string) bool { return len(s) == 6 && allDigits(s) },
		link:  func(s string) string { return "https://omim.org/entry/" + url.PathEscape(s) }},
}

// Lookup finds the registry of an id in any case: by its CURIE prefix or,
// for an accession, by the letters before the "_". nil when unknown.
func Lookup(id string) *Registry {
	p := Prefix(id)
	for _, r := range Registries {
		if p == "" {
			if r.Accession != "" && len(id) >= len(r.Accession) && strings.EqualFold(id[:len(r.Accession)], r.Accession) {
				return r
			}
			continue
		}
		if r.Prefix != "" && strings.EqualFold(p, r.Prefix) {
			return r
		}
		for _, a := range r.Aliases {
			if strings.EqualFold(p, a) {
				return r
			}
		}
	}
	return nil
}

// Check finds an id's registry and says whether the registry issues ids of
// that shape. An id of a registry vagut does not know has nothing to check:
// (nil, true).
func Check(id string) (*Registry, bool) {
	r := Lookup(id)
	if r == nil {
		return nil, true
	}
	if r.Accession != "" {
		return r, r.valid(id)
	}
	return r, r.valid(Local(id))
}
