// Package index builds corpus views over many papers: the entity index (one
// row per entity, with paper and mention counts) and co-mention pairs.
package index

import (
	"slices"
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
	var x Indexer
	for _, p := range papers {
		x.Add(p)
	}
	return x.Rows()
}

// Indexer builds the entity index one paper at a time, holding rows, not
// papers: what it keeps of a paper is copied, so the paper can go.
type Indexer struct {
	accs map[string]*acc
}

// Add indexes the entities of one paper.
func (x *Indexer) Add(p *summary.Paper) {
	if x.accs == nil {
		x.accs = map[string]*acc{}
	}
	var id string // p.ID, copied once
	for _, e := range p.AllEntities() {
		k := Key(e)
		a := x.accs[k]
		if a == nil {
			a = &acc{row: Row{Key: k}, nameCount: map[string]int{}, typeCount: map[string]int{},
				idCount: map[string]int{}, names: map[string]bool{}, papers: map[string]bool{}}
			x.accs[k] = a
		}
		a.row.Mentions++
		count(a.nameCount, e.Name)
		count(a.typeCount, e.Type)
		if e.ID != nil {
			count(a.idCount, *e.ID)
		}
		mark(a.names, e.Name)
		for _, al := range e.Aliases {
			mark(a.names, al)
		}
		if !a.papers[p.ID] {
			if id == "" {
				id = strings.Clone(p.ID)
			}
			a.papers[id] = true
		}
	}
}

// count and mark copy a key the first time they see it: a key that points
// into a paper's text would keep the whole text.
func count(m map[string]int, k string) {
	if _, ok := m[k]; !ok {
		k = strings.Clone(k)
	}
	m[k]++
}

func mark(m map[string]bool, k string) {
	if !m[k] {
		m[strings.Clone(k)] = true
	}
}

// Rows returns the index, by papers, then mentions, then name.
func (x *Indexer) Rows() []Row {
	rows := make([]Row, 0, len(x.accs))
	for _, a := range x.accs {
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
	A, B     *Row // identity of each side: Type, ID, Name (counts are the whole corpus')
	Papers   int
	PaperIDs []string
}

// Pairs finds the entities of type a and of type b mentioned together in at
// least minPapers papers. With a == b, each unordered pair is counted once.
// Most frequent first.
//
// One paper with n entities of one type and m of the other has n×m pairs, so
// memory goes to counts first: a small number per pair, then paper ids only
// for the pairs kept. Keeping a set of paper ids per pair took 14.6 GB for
// one paper of 3,000 genes and 3,000 diseases, 6 GB with --min-papers 2,
// which prints nothing.
func Pairs(papers []*summary.Paper, a, b string, minPapers int) []Pair {
	rows := Build(papers)
	num := make(map[string]int32, len(rows))
	for i, r := range rows {
		num[r.Key] = int32(i)
	}
	type pk struct{ a, b int32 }
	type tally struct{ n, last int32 } // papers, and the last paper counted
	together := map[pk]tally{}
	each := func(visit func(pi int32, k pk)) {
		for pi, p := range papers {
			left, right := keysOfType(p, a, rows, num), keysOfType(p, b, rows, num)
			for _, ka := range left {
				for _, kb := range right {
					if ka == kb {
						continue
					}
					k := pk{ka, kb}
					if a == b && rows[kb].Key < rows[ka].Key {
						k = pk{kb, ka}
					}
					visit(int32(pi), k)
				}
			}
		}
	}
	each(func(pi int32, k pk) {
		if t, ok := together[k]; !ok {
			together[k] = tally{1, pi}
		} else if t.last != pi {
			together[k] = tally{t.n + 1, pi}
		}
	})
	kept := map[pk][]int32{}
	for k, t := range together {
		if int(t.n) >= max(minPapers, 1) {
			kept[k] = make([]int32, 0, t.n)
		}
	}
	together = nil
	each(func(pi int32, k pk) {
		if ids, ok := kept[k]; ok && (len(ids) == 0 || ids[len(ids)-1] != pi) {
			kept[k] = append(ids, pi)
		}
	})
	out := make([]Pair, 0, len(kept))
	for k, idx := range kept {
		ids := make([]string, len(idx))
		for i, pi := range idx {
			ids[i] = papers[pi].ID
		}
		sort.Strings(ids)
		ids = slices.Compact(ids)
		out = append(out, Pair{A: &rows[k.a], B: &rows[k.b], Papers: len(ids), PaperIDs: ids})
	}
	// Names folded once per row, not twice per comparison.
	lower := make(map[*Row]string, len(rows))
	for i := range rows {
		lower[&rows[i]] = strings.ToLower(rows[i].Name)
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.Papers != y.Papers {
			return x.Papers > y.Papers
		}
		if c := strings.Compare(lower[x.A], lower[y.A]); c != 0 {
			return c < 0
		}
		if c := strings.Compare(lower[x.B], lower[y.B]); c != 0 {
			return c < 0
		}
		if x.A.Key != y.A.Key {
			return x.A.Key < y.A.Key
		}
		return x.B.Key < y.B.Key
	})
	return out
}

// keysOfType lists the distinct entity rows of a paper whose type is t.
func keysOfType(p *summary.Paper, t string, rows []Row, num map[string]int32) []int32 {
	seen := map[int32]bool{}
	var out []int32
	for _, e := range p.AllEntities() {
		i, ok := num[Key(e)]
		if ok && !seen[i] && rows[i].Type == t {
			seen[i] = true
			out = append(out, i)
		}
	}
	return out
}
