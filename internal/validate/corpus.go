package validate

import (
	"slices"
	"strings"

	"github.com/vagut/vagut/internal/hashtab"
	"github.com/vagut/vagut/internal/input"

	"github.com/vagut/vagut/internal/doi"
	"github.com/vagut/vagut/internal/summary"
)

// CorpusIndex gathers, one paper at a time, what the corpus rules need (the
// DOI and the paper id, and where each was first seen), so that validate
// holds a few dozen bytes per paper instead of the papers. Keys are kept as
// 128-bit hashes: two different DOIs or ids share one with a probability
// of about n²/2¹²⁹, nil for any corpus there is.
type CorpusIndex struct {
	places        []place
	paths         input.Paths       // of the places, compactly: a million are 60 MB as strings
	byDOI, byID   hashtab.Table     // key → first place (no pointer for the collector to follow)
	dupDOI, dupID map[int32][]int32 // first place → the places after it, only for keys seen twice
	idText        map[int32]string  // first place → the id, only for ids seen twice
}

type hkey = hashtab.Key

type place struct {
	metaLine, doiCol int32
	idLine           int32 // the Source line, else the title's
	hasDOI           bool  // a DOI field, even an empty one
	doi              hkey  // of doi.Key(DOI)
}

// Reserve makes room for n papers at once: no table grown by halves, no
// slice by quarters, each a third larger than it needs for a while.
func (x *CorpusIndex) Reserve(n int) {
	x.byDOI.Reserve(n)
	x.byID.Reserve(n)
	x.places = slices.Grow(x.places, n)
}

// Add records one paper, in the order the papers come.
func (x *CorpusIndex) Add(p *summary.Paper) {
	if x.dupDOI == nil {
		x.dupDOI, x.dupID, x.idText = map[int32][]int32{}, map[int32][]int32{}, map[int32]string{}
	}
	i := int32(len(x.places))
	x.paths.Add(p.Path)
	pl := place{metaLine: int32(p.MetadataLine), doiCol: int32(p.DOICol), idLine: int32(p.URLLine)}
	if pl.idLine == 0 {
		pl.idLine = int32(p.TitleLine)
	}
	if p.DOI != nil {
		pl.hasDOI, pl.doi = true, hashtab.Of(doi.Key(*p.DOI))
		if strings.TrimSpace(*p.DOI) != "" {
			if first, had := x.byDOI.Put(pl.doi, uint32(i)); had {
				x.dupDOI[int32(first)] = append(x.dupDOI[int32(first)], i)
			}
		}
	}
	if first, had := x.byID.Put(hashtab.Of(p.ID), uint32(i)); had {
		x.dupID[int32(first)] = append(x.dupID[int32(first)], i)
		x.idText[int32(first)] = strings.Clone(p.ID)
	}
	x.places = append(x.places, pl)
}

// Diagnostics reports the papers that appear in two files (same DOI or
// same id): one diagnostic per file, naming the first other file and
// counting the rest.
func (x *CorpusIndex) Diagnostics(cfg *Config) []Diagnostic {
	c := &checker{cfg: cfg}
	groups := func(dup map[int32][]int32) [][]int32 {
		firsts := make([]int32, 0, len(dup))
		for f := range dup {
			firsts = append(firsts, f)
		}
		slices.Sort(firsts) // in order of first appearance, as the papers came
		var out [][]int32
		for _, f := range firsts {
			out = append(out, append([]int32{f}, dup[f]...))
		}
		return out
	}
	for _, g := range groups(x.dupDOI) {
		for i, pi := range g {
			qi := g[0]
			if i == 0 {
				qi = g[1]
			}
			q, p := &x.places[qi], &x.places[pi]
			c.path = x.paths.At(int(pi))
			c.addCorpus("VG040", int(p.metaLine), int(p.doiCol), "same DOI as %s:%d%s", x.paths.At(int(qi)), q.metaLine, others(len(g)-2))
		}
	}
	for _, g := range groups(x.dupID) {
		id := x.idText[g[0]]
		// The same DOI already says it; an id taken from the DOI adds nothing.
		// Papers without a DOI each have a key of their own.
		type key struct {
			doi hkey
			own int32 // the place, for a paper without DOI
		}
		keys := make([]key, len(g))
		count := map[key]int{}
		other := -1 // the first paper whose key differs from g[0]'s
		for i, qi := range g {
			q := &x.places[qi]
			keys[i] = key{own: qi}
			if q.hasDOI {
				keys[i] = key{doi: q.doi, own: -1}
			}
			count[keys[i]]++
			if other < 0 && keys[i] != keys[0] {
				other = i
			}
		}
		for i, pi := range g {
			n := len(g) - count[keys[i]]
			if n == 0 {
				continue
			}
			first := g[0]
			if keys[0] == keys[i] {
				first = g[other]
			}
			p := &x.places[pi]
			c.path = x.paths.At(int(pi))
			c.addCorpus("VG041", int(p.idLine), 1, "same paper id %s as %s%s", id, x.paths.At(int(first)), others(n-1))
		}
	}
	return c.diags
}
