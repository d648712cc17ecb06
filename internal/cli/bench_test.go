package cli

import (
	"io"
	"testing"

	"github.com/vagut/vagut/internal/gen"
	"github.com/vagut/vagut/internal/iostreams"
)

// BenchmarkSummarize runs the whole summarize path in-process on 200
// generated summaries: walk, read, parse, filter, sort and write.
func BenchmarkSummarize(b *testing.B) {
	dir := b.TempDir()
	if err := gen.Write(dir, 3, 200); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, out, jobs string }{
		{"json-j1", "json", "1"}, {"jsonl-j1", "jsonl", "1"}, {"json-j2", "json", "2"}, {"md-j1", "md", "1"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ios, _, _, _ := iostreams.Test()
				ios.Out = io.Discard
				if code := Run(ios, []string{"summarize", dir, "-o", c.out, "-j", c.jobs}); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
