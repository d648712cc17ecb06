package parse

import (
	"bytes"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// start returns the byte offset where block n begins.
func (p *parser_) start(n ast.Node) int {
	if pos := n.Pos(); pos >= 0 {
		return pos
	}
	found := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			found = c.Lines().At(0).Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if found < 0 {
		found = 0
	}
	return found
}

func (p *parser_) line(n ast.Node) int { return p.idx.line(p.start(n)) }

// end returns the offset where the block after n (at any depth) begins, or EOF.
func (p *parser_) end(n ast.Node) int {
	for m := n; m != nil; m = m.Parent() {
		if next := m.NextSibling(); next != nil {
			return p.idx.lineStart(p.line(next))
		}
	}
	return len(p.src)
}

// raw returns the Markdown source of blocks, whole lines, trailing blank lines
// removed. Runs of adjacent blocks keep their text exactly; a gap (a Source
// line taken out from between them) becomes one blank line.
func (p *parser_) raw(blocks []ast.Node) string {
	var parts []string
	for i := 0; i < len(blocks); {
		j := i
		for j+1 < len(blocks) && blocks[j].NextSibling() == blocks[j+1] {
			j++
		}
		from := p.idx.lineStart(p.line(blocks[i]))
		to := p.end(blocks[j])
		if to > from {
			if s := strings.TrimRight(string(p.src[from:to]), " \t\n"); s != "" {
				parts = append(parts, s)
			}
		}
		i = j + 1
	}
	return strings.Join(parts, "\n\n")
}

// joined is the text of a paragraph with soft line breaks turned into one
// space, plus where each piece came from in the source.
type joined struct {
	text string
	segs []segMap
}

type segMap struct{ at, src int }

// srcOffset maps an offset in the joined text back to the source. A binary
// search: an entity list of one entity per line asks once per entity, and a
// scan from the start made that quadratic.
func (j joined) srcOffset(i int) int {
	if len(j.segs) == 0 {
		return 0
	}
	// k is the last segment starting at or before i.
	k := sort.Search(len(j.segs), func(k int) bool { return j.segs[k].at > i }) - 1
	if k < 0 {
		k = 0
	}
	return j.segs[k].src + (i - j.segs[k].at)
}

// paragraph joins the lines of a Paragraph or TextBlock as written. The
// pieces (segs) are the parser's scratch space, valid until the next call.
func (p *parser_) paragraph(n ast.Node) joined {
	var b strings.Builder
	lines := n.Lines()
	if lines.Len() > 0 {
		b.Grow(lines.At(lines.Len()-1).Stop - lines.At(0).Start)
	}
	segs := p.segs[:0]
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		v := seg.Value(p.src)
		lead := len(v) - len(bytes.TrimLeft(v, " \t"))
		v = bytes.TrimSpace(v)
		if i < lines.Len()-1 {
			v = bytes.TrimSuffix(v, []byte(`\`)) // a hard break is a line break all the same
		}
		if len(v) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		segs = append(segs, segMap{at: b.Len(), src: seg.Start + lead})
		b.Write(v)
	}
	p.segs = segs
	text := b.String()
	// A trailing <!-- vagut-disable-line ... --> is for validate, not text.
	if strings.HasSuffix(text, "-->") {
		if i := strings.LastIndex(text, "<!-- vagut-"); i >= 0 {
			text = strings.TrimRight(text[:i], " \t")
		}
	}
	return joined{text: text, segs: segs}
}

// directive reports whether n is an HTML comment block holding only vagut
// directives (<!-- vagut-disable-next-line VG023 -->): not content.
func (p *parser_) directive(n ast.Node) bool {
	hb, ok := n.(*ast.HTMLBlock)
	if !ok || hb.HTMLBlockType != ast.HTMLBlockType2 {
		return false
	}
	src := strings.TrimSpace(p.raw([]ast.Node{n}))
	for src != "" {
		if !strings.HasPrefix(src, "<!-- vagut-") {
			return false
		}
		end := strings.Index(src, "-->")
		if end < 0 {
			return false
		}
		src = strings.TrimSpace(src[end+3:])
	}
	return true
}

// inlineText is the Markdown of a heading's content.
func (p *parser_) inlineText(h *ast.Heading) string { return p.paragraph(h).text }

// blockText renders one block as a single piece of text: a paragraph joined
// on one line, anything else as its Markdown source.
func (p *parser_) blockText(n ast.Node) string {
	switch n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return p.paragraph(n).text
	}
	return p.raw([]ast.Node{n})
}

// prose joins the blocks of a TL;DR, Contribution or Abstract section,
// paragraphs separated by a blank line; nil when there is nothing.
func (p *parser_) prose(blocks []ast.Node) *string {
	var parts []string
	for _, b := range blocks {
		if t := p.blockText(b); t != "" {
			parts = append(parts, t)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	s := strings.Join(parts, "\n\n")
	return &s
}
