package digest

import (
	"strings"

	"github.com/vagut/vagut/internal/hashtab"
	"github.com/vagut/vagut/internal/input"

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
	// hash of the key -> the file kept, an index in kept. Hashes, not
	// keys, and the paths in a compact list: a million papers cost about
	// 60 bytes each, and nothing the garbage collector scans.
	dois, ids hashtab.Table
	kept      input.Paths
}

// Duplicate says which kept file a paper repeats, and why.
type Duplicate struct {
	Of     string // the path of the file kept
	Line   int    // where the paper shows the repeated DOI or id
	Reason string // "same DOI 10.1000/x" or "same paper id PMC1"
}

// Reserve makes room for n papers at once, for a run that knows how many
// files it reads: the tables are not grown a dozen times by halves.
func (d *Dedup) Reserve(n int) {
	d.dois.Reserve(n)
	d.ids.Reserve(n)
}

// Add records p, or returns what it duplicates (p is then not recorded: a
// chain a~b~c keeps a and, if c shares nothing with a, c).
func (d *Dedup) Add(p *summary.Paper) *Duplicate {
	dk, ik := doiKey(p), sourceID(p)
	var dh, ih hashtab.Key
	if dk != "" {
		dh = hashtab.Of(dk)
		if first, ok := d.dois.Get(dh); ok {
			return &Duplicate{Of: d.kept.At(int(first)), Line: p.MetadataLine, Reason: "same DOI " + doi.Bare(*p.DOI)}
		}
	}
	if ik != "" {
		ih = hashtab.Of(ik)
		if first, ok := d.ids.Get(ih); ok {
			line := p.URLLine
			if line == 0 {
				line = p.TitleLine
			}
			return &Duplicate{Of: d.kept.At(int(first)), Line: line, Reason: "same paper id " + p.ID}
		}
	}
	if dk == "" && ik == "" {
		return nil
	}
	i := uint32(d.kept.Len())
	d.kept.Add(p.Path)
	if dk != "" {
		d.dois.Put(dh, i)
	}
	if ik != "" {
		d.ids.Put(ih, i)
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
