package digest

import (
	"hash/maphash"
	"strings"

	"github.com/vagut/vagut/internal/doi"
	"github.com/vagut/vagut/internal/summary"
)

// Dedup keeps one file per paper. A paper is the same as one kept before
// when it has the same DOI (any case, with or without https://doi.org/ or
// doi:) or the same paper id taken from its Source URL. (An id that falls
// back to the file name says nothing about the paper, so it never makes two
// files one.) Feed it papers in path order and the first file by path is the
// one kept, whether the run collects or streams. It keeps only keys and paths.
type Dedup struct {
	// hash of the key -> path of the file kept. A 128-bit hash, not the
	// key: a million papers cost a hundred bytes each, not two hundred;
	// two keys share a hash with a probability of about n²/2¹²⁹.
	dois, ids map[[2]uint64]string
}

var dedupSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

func dedupHash(s string) [2]uint64 {
	return [2]uint64{maphash.String(dedupSeeds[0], s), maphash.String(dedupSeeds[1], s)}
}

// Duplicate says which kept file a paper repeats, and why.
type Duplicate struct {
	Of     string // the path of the file kept
	Line   int    // where the paper shows the repeated DOI or id
	Reason string // "same DOI 10.1000/x" or "same paper id PMC1"
}

// Add records p, or returns what it duplicates (p is then not recorded: a
// chain a~b~c keeps a and, if c shares nothing with a, c).
func (d *Dedup) Add(p *summary.Paper) *Duplicate {
	if d.dois == nil {
		d.dois, d.ids = map[[2]uint64]string{}, map[[2]uint64]string{}
	}
	dk, ik := doiKey(p), sourceID(p)
	dh, ih := dedupHash(dk), dedupHash(ik)
	if dk != "" {
		if first, ok := d.dois[dh]; ok {
			return &Duplicate{Of: first, Line: p.MetadataLine, Reason: "same DOI " + doi.Bare(*p.DOI)}
		}
	}
	if ik != "" {
		if first, ok := d.ids[ih]; ok {
			line := p.URLLine
			if line == 0 {
				line = p.TitleLine
			}
			return &Duplicate{Of: first, Line: line, Reason: "same paper id " + p.ID}
		}
	}
	if dk != "" {
		d.dois[dh] = p.Path
	}
	if ik != "" {
		d.ids[ih] = p.Path
	}
	return nil
}

func doiKey(p *summary.Paper) string {
	if p.DOI == nil || strings.TrimSpace(*p.DOI) == "" {
		return ""
	}
	return doi.Key(*p.DOI)
}

// sourceID is the paper id when it comes from the Source URL.
func sourceID(p *summary.Paper) string {
	if p.URL == nil || p.ID == "" {
		return ""
	}
	u := *p.URL
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if !strings.HasSuffix(strings.TrimRight(u, "/"), "/"+p.ID) {
		return "" // the URL gave no id: it is the DOI or the file name
	}
	return p.ID
}
