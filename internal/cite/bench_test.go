package cite

import (
	"io"
	"testing"

	"github.com/vagut/vagut/internal/gen"
	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/summary"
)

// BenchmarkWrite: entries and all three formats for 1,000 generated papers.
func BenchmarkWrite(b *testing.B) {
	var ps []*summary.Paper
	for i := 0; i < 1000; i++ {
		p, err := parse.Parse("x.md", gen.Summary(1, i))
		if err != nil {
			b.Fatal(err)
		}
		ps = append(ps, p)
	}
	b.ReportAllocs()
	for b.Loop() {
		es := Entries(ps)
		for _, f := range Formats {
			if err := Write(io.Discard, f, es); err != nil {
				b.Fatal(err)
			}
		}
	}
}
