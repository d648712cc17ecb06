package parse

import (
	"bytes"

	"github.com/yuin/goldmark/ast"

	"github.com/vagut/vagut/internal/summary"
)

// Placeholders are the texts `vagut new` writes in the sections a person
// still has to write, one per section key. A section whose only content is
// its placeholder is read as unwritten: no finding, no entity, no text in
// any digest; validate flags it (VG014) and fmt prints it back as it is.
// They are plain paragraphs so that they show in every Markdown viewer.
var Placeholders = map[summary.SectionKey]string{
	summary.TLDR:             "TODO: the paper in one or two sentences.",
	summary.Contribution:     "TODO: what the paper adds to what was known.",
	summary.KeyFindings:      "TODO: the key findings, one per bullet (- finding).",
	summary.Abstract:         "TODO: the paper's abstract.",
	summary.LinkedEntities:   "TODO: the entities of the title and abstract (vagut new --entities FILE fills this list).",
	summary.FullTextEntities: "TODO: the entities of the full text (vagut new --entities FILE fills this list).",
	summary.FullText:         "TODO: the full text's URL.",
}

// placeholder reports whether the blocks of a section are just the
// placeholder of its key: one paragraph of exactly that text.
func (p *parser_) placeholder(key string, blocks []ast.Node) bool {
	want, ok := Placeholders[key]
	if !ok || len(blocks) != 1 {
		return false
	}
	para, ok := blocks[0].(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return false
	}
	// Cheap refusal first: most sections are not placeholders.
	seg := para.Lines().At(0)
	first := bytes.TrimLeft(seg.Value(p.src), " \t")
	if len(first) < 5 || string(first[:5]) != "TODO:" {
		return false
	}
	return p.paragraph(para).text == want
}
