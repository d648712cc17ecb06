// Package index builds corpus views over many papers: the entity index (one
// row per entity, with paper and mention counts) and co-mention pairs.
package index

import (
	"sort"
	"strings"

	"github.com/vagut/vagut/internal/summary"
)

// Row is one entity of the corpus.
type Row struct {
	Key      string // grouping key: folded id, else type and folded name
	Type     string
	ID       *string
	Name     string   // the most frequent name
	Names    []string // every name and alias seen, sorted
	Papers   int
	Mentions int
	PaperIDs []string // sorted
}

// Key groups an entity: by id when it has one (any case), else by type and
// case-folded name.
func Key(e summary.Entity) string {
	if e.ID != nil {
		return "id\x00" + strings.ToLower(*e.ID)
	}
	return "name\x00" + e.Type + "\x00" + strings.ToLower(e.Name)
}

type acc struct {
	row       Row
	nameCount map[string]int
	typeCount map[string]int
	idCount   map[string]int
	names     map[string]bool
	papers    map[string]bool
}

// Build indexes the entities of papers, linked and full-text alike.
func Build(papers []*summary.Paper) []Row {
	accs := map[string]*acc{}
	for _, p := range papers {
		for _, e := range p.AllEntities() {
			k := Key(e)
			a := accs[k]
			if a == nil {
				a = &acc{row: Row{Key: k}, nameCount: map[string]int{}, typeCount: map[string]int{},
					idCount: map[string]int{}, names: map[string]bool{}, papers: map[string]bool{}}
				accs[k] = a
			}
			a.row.Mentions++
			a.nameCount[e.Name]++
			a.typeCount[e.Type]++
			if e.ID != nil {
				a.idCount[*e.ID]++
			}
			a.names[e.Name] = true
			for _, al := range e.Aliases {
				a.names[al] = true
			}
			a.papers[p.ID] = true
		}
	}
	rows := make([]Row, 0, len(accs))
	for _, a := range accs {
		r := a.row
		r.Name = mostFrequent(a.nameCount)
		r.Type = mostFrequent(a.typeCount)
		if len(a.idCount) > 0 {
			id := mostFrequent(a.idCount)
			r.ID = &id
		}
		r.Names = sortedKeys(a.names)
		r.PaperIDs = sortedKeys(a.papers)
		r.Papers = len(r.PaperIDs)
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool { return less(rows[i], rows[j]) })
	return rows
}

// less orders rows by papers, then mentions (both descending), then name and key.
func less(a, b Row) bool {
	if a.Papers != b.Papers {
		return a.Papers > b.Papers
	}
	if a.Mentions != b.Mentions {
		return a.Mentions > b.Mentions
	}
	if la, lb := strings.ToLower(a.Name), strings.ToLower(b.Name); la != lb {
		return la < lb
	}
	return a.Key < b.Key
}

// mostFrequent picks the value seen most often; ties go to the first in sort order.
func mostFrequent(counts map[string]int) string {
	best, bestN := "", -1
	for _, k := range sortedKeys(counts) {
		if counts[k] > bestN {
			best, bestN = k, counts[k]
		}
	}
	return best
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Pair is two entities mentioned in the same papers.
type Pair struct {
	A, B     Row // identity of each side: Type, ID, Name (counts are the whole corpus')
	Papers   int
	PaperIDs []string
}

// Pairs finds the entities of type a and of type b mentioned together in a
// paper. With a == b, each unordered pair is counted once. Most frequent first.
func Pairs(papers []*summary.Paper, a, b string) []Pair {
	rows := Build(papers)
	byKey := map[string]Row{}
	for _, r := range rows {
		byKey[r.Key] = r
	}
	type pk struct{ a, b string }
	together := map[pk]map[string]bool{}
	for _, p := range papers {
		left, right := keysOfType(p, a, byKey), keysOfType(p, b, byKey)
		for _, ka := range left {
			for _, kb := range right {
				if ka == kb {
					continue
				}
				k := pk{ka, kb}
				if a == b && kb < ka {
					k = pk{kb, ka}
				}
				if together[k] == nil {
					together[k] = map[string]bool{}
				}
				together[k][p.ID] = true
			}
		}
	}
	out := make([]Pair, 0, len(together))
	for k, ids := range together {
		out = append(out, Pair{A: byKey[k.a], B: byKey[k.b], Papers: len(ids), PaperIDs: sortedKeys(ids)})
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.Papers != y.Papers {
			return x.Papers > y.Papers
		}
		if c := strings.Compare(strings.ToLower(x.A.Name), strings.ToLower(y.A.Name)); c != 0 {
			return c < 0
		}
		if c := strings.Compare(strings.ToLower(x.B.Name), strings.ToLower(y.B.Name)); c != 0 {
			return c < 0
		}
		return x.A.Key+x.B.Key < y.A.Key+y.B.Key
	})
	return out
}

// keysOfType lists the distinct entity keys of a paper whose row has type t.
func keysOfType(p *summary.Paper, t string, byKey map[string]Row) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range p.AllEntities() {
		k := Key(e)
		if !seen[k] && byKey[k].Type == t {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}
