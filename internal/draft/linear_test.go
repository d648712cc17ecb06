package draft

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/vagut/vagut/internal/pubtator"
)

// Doubling a record's fields, authors or entities about doubles the bytes
// allocated (exact, unlike wall time on a shared machine): a record is
// untrusted, and the work of writing it must grow no faster than it.
func TestBuildLinear(t *testing.T) {
	for name, rec := range map[string]func(n int) (Record, *pubtator.Lists){
		"title": func(n int) (Record, *pubtator.Lists) {
			return Record{Title: strings.Repeat("gut ", n), DOI: "10.1/x"}, nil
		},
		"abstract": func(n int) (Record, *pubtator.Lists) {
			return Record{Title: "T", Abstract: strings.Repeat("- a\n\n", n)}, nil
		},
		"authors": func(n int) (Record, *pubtator.Lists) {
			r := Record{Title: "T"}
			for i := 0; i < n/8; i++ {
				r.Authors = append(r.Authors, fmt.Sprintf("Ana Silva%d", i))
			}
			return r, nil
		},
		"entities": func(n int) (Record, *pubtator.Lists) {
			l := &pubtator.Lists{}
			for i := 0; i < n/8; i++ {
				l.Linked = append(l.Linked, pubtator.Entity{Category: "Genes", Name: fmt.Sprintf("G%d", i), ID: fmt.Sprintf("NCBI Gene %d", i), Bracket: true})
			}
			return Record{Title: "T"}, l
		},
	} {
		allocated := func(n int) uint64 {
			r, l := rec(n)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			if _, _, err := Build(r, l); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			runtime.ReadMemStats(&after)
			return after.TotalAlloc - before.TotalAlloc
		}
		const n = 1 << 13
		allocated(n)
		small, large := allocated(n), allocated(2*n)
		if float64(large) > 2.6*float64(small) {
			t.Errorf("%s: %d bytes at %d, %d at %d: faster than linear", name, small, n, large, 2*n)
		}
	}
}
