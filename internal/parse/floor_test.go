package parse

import (
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// BenchmarkGoldmarkBlocks: the block-only parse vagut runs, against the floor.
func BenchmarkGoldmarkBlocks(b *testing.B) {
	for name, src := range benchInputs(b) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				doc := mdParser.Get().Parse(text.NewReader(src))
				_ = ast.Walk(doc, func(ast.Node, bool) (ast.WalkStatus, error) { return ast.WalkContinue, nil })
			}
		})
	}
}
