package parse

import (
	"os"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/vagut/vagut/internal/gen"
)

func benchInputs(b *testing.B) map[string][]byte {
	seed, err := os.ReadFile("../../seeds/PMC12769693.md")
	if err != nil {
		b.Fatal(err)
	}
	in := map[string][]byte{"seed": seed}
	var mixed []byte
	for i := 0; i < 50; i++ {
		mixed = append(mixed, gen.Summary(1, i)...)
	}
	// The largest of 50 generated summaries stands for a long paper.
	big := gen.Summary(1, 0)
	for i := 1; i < 50; i++ {
		if s := gen.Summary(1, i); len(s) > len(big) {
			big = s
		}
	}
	in["generated-large"] = big
	return in
}

// BenchmarkParse: MB/s and allocations per file of the whole parser.
func BenchmarkParse(b *testing.B) {
	for name, src := range benchInputs(b) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse("x.md", src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkGoldmarkFloor: goldmark's parse and a walk of every node, the
// least any Markdown reader does; BenchmarkParse is measured against it.
func BenchmarkGoldmarkFloor(b *testing.B) {
	for name, src := range benchInputs(b) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			md := goldmark.DefaultParser()
			for b.Loop() {
				doc := md.Parse(text.NewReader(src))
				n := 0
				_ = ast.Walk(doc, func(ast.Node, bool) (ast.WalkStatus, error) { n++; return ast.WalkContinue, nil })
			}
		})
	}
}
