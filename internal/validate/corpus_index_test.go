package validate

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vagut/vagut/internal/doi"
	"github.com/vagut/vagut/internal/summary"
)

// corpusHeld is Corpus as it was when validate held every paper: the
// reference that CorpusIndex, holding a few bytes per paper, must match.
func corpusHeld(cfg *Config, papers []*summary.Paper) []Diagnostic {
	c := &checker{cfg: cfg}
	byDOI := map[string][]*summary.Paper{}
	byID := map[string][]*summary.Paper{}
	var dois, ids []string
	for _, p := range papers {
		if p.DOI != nil && strings.TrimSpace(*p.DOI) != "" {
			k := doi.Key(*p.DOI)
			if byDOI[k] == nil {
				dois = append(dois, k)
			}
			byDOI[k] = append(byDOI[k], p)
		}
		if byID[p.ID] == nil {
			ids = append(ids, p.ID)
		}
		byID[p.ID] = append(byID[p.ID], p)
	}
	// One diagnostic per file, naming the first other file and counting the
	// rest: n files with one DOI give n lines, not n², and none is cut by
	// the per-file cap (which add must not apply across files).
	for _, k := range dois {
		group := byDOI[k]
		for i, p := range group {
			if len(group) < 2 {
				break
			}
			q := group[0]
			if i == 0 {
				q = group[1]
			}
			c.path = p.Path
			c.addCorpus("VG040", p.MetadataLine, p.DOICol, "same DOI as %s:%d%s", q.Path, q.MetadataLine, others(len(group)-2))
		}
	}
	for _, k := range ids {
		group := byID[k]
		if len(group) < 2 {
			continue
		}
		// The same DOI already says it; an id taken from the DOI adds nothing.
		// Papers without a DOI each have a key of their own.
		keys := make([]string, len(group))
		count := map[string]int{}
		other := -1 // the first paper whose key differs from group[0]'s
		for i, q := range group {
			keys[i] = fmt.Sprint("\x00", i)
			if q.DOI != nil {
				keys[i] = doi.Key(*q.DOI)
			}
			count[keys[i]]++
			if other < 0 && keys[i] != keys[0] {
				other = i
			}
		}
		for i, p := range group {
			n := len(group) - count[keys[i]]
			if n == 0 {
				continue
			}
			first := group[0]
			if keys[0] == keys[i] {
				first = group[other]
			}
			c.path = p.Path
			line := p.URLLine
			if line == 0 {
				line = p.TitleLine
			}
			c.addCorpus("VG041", line, 1, "same paper id %s as %s%s", k, first.Path, others(n-1))
		}
	}
	return c.diags
}

// TestCorpusIndexMatchesHeldPapers: groups of two and three, DOIs in other
// case or with https://doi.org/, empty and missing DOIs, ids from the DOI.
func TestCorpusIndexMatchesHeldPapers(t *testing.T) {
	cfg := DefaultConfig()
	r := rand.New(rand.NewPCG(3, 4))
	dois := []string{"10.1/a", "10.1/A", "https://doi.org/10.1/a", "10.2/b", "", " ", "10.3/c"}
	for round := 0; round < 200; round++ {
		var papers []*summary.Paper
		for i := 0; i < 1+r.IntN(12); i++ {
			p := &summary.Paper{Path: fmt.Sprintf("f%02d.md", r.IntN(20)), ID: fmt.Sprintf("id%d", r.IntN(5)),
				MetadataLine: 1 + r.IntN(5), DOICol: 1 + r.IntN(30), TitleLine: 1, URLLine: r.IntN(3) * 7}
			if k := r.IntN(len(dois) + 2); k < len(dois) {
				p.DOI = &dois[k]
			}
			papers = append(papers, p)
		}
		want, got := corpusHeld(&cfg, papers), Corpus(&cfg, papers)
		Sort(want)
		Sort(got)
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("round %d (-held +index):\n%s", round, d)
		}
	}
}
