package parse

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Blocks is goldmark's parse of src as Parse runs it (block parsers and
// paragraph transformers, no inline parsing), and nothing else: the floor
// that make bench measures Parse against runs exactly this.
func Blocks(src []byte) ast.Node { return mdParser.Get().Parse(text.NewReader(src)) }
