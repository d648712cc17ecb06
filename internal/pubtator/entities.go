package pubtator

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/vagut/vagut/internal/curie"
	"github.com/vagut/vagut/internal/lazy"
	"github.com/vagut/vagut/internal/summary"
)

// Entity is one entity of a list, ready to write in the summary's syntax.
type Entity struct {
	Category string   // "Genes", "Species", ... or the type as PubTator wrote it
	Name     string   // the most frequent mention
	ID       string   // the id as the summary writes it: "NCBI Gene 2169", "MESH:D007249"; "" for (-)
	Bracket  bool     // the id goes in [], not ()
	Aliases  []string // the other mentions, most frequent first
	Mentions int
}

// Text is the entity as a summary writes it:
// name (id) or name [id], then {aka alias, ...}.
func (e Entity) Text() string {
	var b strings.Builder
	b.WriteString(e.Name)
	switch {
	case e.ID == "":
		b.WriteString(" (-)")
	case e.Bracket:
		b.WriteString(" [" + e.ID + "]")
	default:
		b.WriteString(" (" + e.ID + ")")
	}
	if len(e.Aliases) > 0 {
		b.WriteString(" {aka " + strings.Join(e.Aliases, ", ") + "}")
	}
	return b.String()
}

// Lists are the two entity sections of a summary.
type Lists struct {
	Linked   []Entity // from the title and abstract
	FullText []Entity // from the body
}

// kinds maps PubTator's types (PubTator3, PubTator Central, tmVar, BC5CDR)
// to the summary's entity types, in the order the lists print them.
var kinds = []struct {
	typ   summary.EntityType
	types []string
}{
	{summary.Gene, []string{"gene", "genes", "geneorgeneproduct", "protein"}},
	{summary.Disease, []string{"disease", "diseases", "diseaseorphenotypicfeature"}},
	{summary.Chemical, []string{"chemical", "chemicals", "chemicalentity", "drug"}},
	{summary.SpeciesT, []string{"species", "organism", "organismtaxon"}},
	{summary.CellLine, []string{"cellline", "cell_line", "cell line", "celllines"}},
	{summary.Variant, []string{"variant", "variants", "mutation", "dnamutation", "proteinmutation", "snp",
		"dnaallele", "proteinallele", "acidchange", "sequencevariant"}},
}

// categoryName is the category label the format writes for a type: "Genes".
func categoryName(t summary.EntityType) string {
	for _, d := range summary.EntityTypes {
		if d.Type == t {
			return d.Category
		}
	}
	return t
}

// categoryOf maps a PubTator type, lower case, to its category label; built
// by vagut new, the only command that reads PubTator.
var categoryOf = lazy.Value[map[string]string]{New: func() map[string]string {
	m := map[string]string{}
	for _, k := range kinds {
		for _, t := range k.types {
			m[t] = categoryName(k.typ)
		}
	}
	return m
}}

func rank(category string) int {
	for i, k := range kinds {
		if categoryName(k.typ) == category {
			return i
		}
	}
	return len(kinds)
}

// Fold turns a document's annotations into entity lists: one entity per id
// (per mention for those without id) and category, named by its most
// frequent mention (ties: the first seen), the other mentions as aliases.
// Notes name every annotation that could not be placed.
func Fold(d Document) (Lists, []Note) {
	var notes []Note
	type acc struct {
		e      Entity
		counts map[string]int
		first  map[string]int
		order  int
	}
	groups := [2]map[string]*acc{{}, {}}
	seq := 0
	for _, a := range d.Annotations {
		mention := Clean(a.Mention)
		if mention == "" {
			notes = append(notes, Note{a.Where, "annotation without mention text: not used"})
			continue
		}
		category := categoryOf.Get()[strings.ToLower(strings.TrimSpace(a.Type))]
		if category == "" {
			category = Clean(a.Type)
			category = strings.Map(func(r rune) rune {
				if r == ':' || r == '*' {
					return -1
				}
				return r
			}, category)
			if category == "" {
				category = "Other"
			}
		}
		ids, idNotes := writtenIDs(category, a.ID)
		for _, n := range idNotes {
			notes = append(notes, Note{a.Where, n})
		}
		if len(ids) == 0 {
			ids = []writtenID{{}}
		}
		list := 0
		if a.Body {
			list = 1
		}
		for _, id := range ids {
			key := category + "\x00" + id.text
			if id.text == "" {
				key += "\x00" + mention
			}
			g := groups[list][key]
			if g == nil {
				g = &acc{e: Entity{Category: category, ID: id.text, Bracket: id.bracket}, counts: map[string]int{}, first: map[string]int{}, order: seq}
				groups[list][key] = g
			}
			if _, ok := g.first[mention]; !ok {
				g.first[mention] = seq
			}
			seq++
			g.counts[mention]++
			g.e.Mentions++
		}
	}
	var out [2][]Entity
	for list, m := range groups {
		accs := make([]*acc, 0, len(m))
		for _, g := range m {
			accs = append(accs, g)
		}
		sort.Slice(accs, func(i, j int) bool {
			a, b := accs[i], accs[j]
			if ra, rb := rank(a.e.Category), rank(b.e.Category); ra != rb {
				return ra < rb
			}
			if a.e.Category != b.e.Category {
				return a.e.Category < b.e.Category
			}
			return a.order < b.order
		})
		for _, g := range accs {
			mentions := make([]string, 0, len(g.counts))
			for m := range g.counts {
				mentions = append(mentions, m)
			}
			sort.Slice(mentions, func(i, j int) bool {
				a, b := mentions[i], mentions[j]
				if g.counts[a] != g.counts[b] {
					return g.counts[a] > g.counts[b]
				}
				return g.first[a] < g.first[b]
			})
			g.e.Name, g.e.Aliases = mentions[0], mentions[1:]
			out[list] = append(out[list], g.e)
		}
	}
	return Lists{Linked: out[0], FullText: out[1]}, notes
}

type writtenID struct {
	text    string
	bracket bool
}

var (
	rsRE      = lazy.Regexp{Expr: `(?i)(?:^|;)\s*RS#:\s*(\d+)`}
	rsBare    = lazy.Regexp{Expr: `(?i)^rs(\d+)$`}
	hgvsRE    = lazy.Regexp{Expr: `(?:^|;)\s*HGVS:\s*([^;\s]+)`}
	meshLocal = lazy.Regexp{Expr: `^[CD]\d+$`}
	hgvsBare  = lazy.Regexp{Expr: `^[cgmnpr]\.\S+$`}
)

// writtenIDs turns PubTator's id field into the ids the summary writes.
// Genes and diseases may carry several ids ("2169;3569"); a variant's id is
// a record of fields, of which the dbSNP rs number, else the HGVS name, is
// the id.
func writtenIDs(category, raw string) ([]writtenID, []string) {
	raw = strings.TrimSpace(raw)
	switch strings.ToLower(raw) {
	case "", "-", "none", "null", "n/a", "na":
		return nil, nil
	}
	if category == categoryName(summary.Variant) {
		if m := rsRE.Get().FindStringSubmatch(raw); m != nil {
			return []writtenID{{text: "dbSNP:rs" + m[1]}}, nil
		}
		if m := rsBare.Get().FindStringSubmatch(raw); m != nil {
			return []writtenID{{text: "dbSNP:rs" + m[1]}}, nil
		}
		if m := hgvsRE.Get().FindStringSubmatch(raw); m != nil {
			return one(category, "HGVS:"+m[1])
		}
		if hgvsBare.Get().MatchString(raw) {
			return one(category, "HGVS:"+raw) // "p.V600E", "c.123A>G" as PubTator3 writes some
		}
		return one(category, raw)
	}
	var out []writtenID
	var notes []string
	for _, part := range strings.FieldsFunc(raw, func(r rune) bool { return r == ';' || r == '|' || r == ',' }) {
		ids, n := one(category, strings.TrimSpace(part))
		out = append(out, ids...)
		notes = append(notes, n...)
	}
	return out, notes
}

func one(category, id string) ([]writtenID, []string) {
	if id == "" || id == "-" {
		return nil, nil
	}
	local := id
	if i := strings.IndexByte(id, ':'); i > 0 {
		local = id[i+1:]
	}
	switch category {
	case categoryName(summary.Gene):
		if digits(local) && (local == id || strings.EqualFold(curie.Prefix(id), "NCBIGene") || strings.EqualFold(curie.Prefix(id), "Gene")) {
			return []writtenID{{text: "NCBI Gene " + local, bracket: true}}, nil
		}
	case categoryName(summary.SpeciesT):
		if digits(local) && (local == id || strings.HasPrefix(strings.ToLower(id), "ncbitaxon") || strings.HasPrefix(strings.ToLower(id), "taxon")) {
			return []writtenID{{text: "taxon " + local, bracket: true}}, nil
		}
	case categoryName(summary.Disease), categoryName(summary.Chemical):
		if meshLocal.Get().MatchString(id) {
			return []writtenID{{text: "MESH:" + id}}, nil
		}
		if strings.EqualFold(curie.Prefix(id), "MESH") {
			return []writtenID{{text: "MESH:" + local}}, nil
		}
	case categoryName(summary.CellLine):
		if l, ok := strings.CutPrefix(strings.ToUpper(id), "CVCL:"); ok {
			return []writtenID{{text: "CVCL_" + l}}, nil
		}
	}
	if curie.IsIdentifier(id) && !strings.ContainsAny(id, idReserved) {
		return []writtenID{{text: id}}, nil
	}
	if strings.ContainsAny(id, idReserved) || strings.IndexFunc(id, unicode.IsControl) >= 0 {
		return nil, []string{fmt.Sprintf("id %q cannot be written in an entity list (brackets, commas or control characters): left out", id)}
	}
	return []writtenID{{text: strings.Join(strings.Fields(id), " "), bracket: true}}, nil
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// reserved are the characters the entity syntax gives a meaning to, and
// "<", which would start raw HTML or a comment; ">" is harmless inside a
// line and part of HGVS names ("c.123A>G").
const reserved = ",()[]{}<"

// idReserved are those an id may not hold.
const idReserved = reserved

// fullwidth spells reserved characters in a mention so that they read the
// same and do not split or end the entity: "Ca(2+)" → "Ca（2+）".
var fullwidth = strings.NewReplacer(",", "，", "(", "（", ")", "）", "[", "［", "]", "］", "{", "｛", "}", "｝", "<", "＜")

// Clean makes a mention safe to write in an entity list: control characters
// and line breaks become spaces, runs of spaces one, and the characters the
// syntax reserves their full-width forms.
func Clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r) {
			return ' '
		}
		return r
	}, s)
	return fullwidth.Replace(strings.Join(strings.Fields(s), " "))
}
