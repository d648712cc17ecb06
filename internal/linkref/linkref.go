// Package linkref reads link reference definitions ("[t1]: https://…") in
// time linear in a paragraph's length. goldmark's own paragraph transformer
// is quadratic in the lines of one paragraph: for each definition it scans
// the paragraph's lines back from the last one (blockReader.Value) and copies
// the lines after it (Segments.AppendAll), so 20,000 definitions took 2.4 s
// and 40,000 took 10.6 s. This one hands goldmark's transformer windows of a
// few hundred lines and keeps what the whole paragraph would have given
// (FuzzSameAsGoldmark compares them), with two exceptions: a title over more
// lines than a window grows to (4,096) is read as the window shows it, and
// where goldmark's own removal of lines goes wrong (a definition after a
// title it could not close, or one that starts in the middle of a line), the
// paragraph keeps exactly the lines no definition took.
package linkref

import (
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// window is the number of lines handed to goldmark at once; a paragraph of
// up to twice as many goes to goldmark whole. Tests make it small.
var window = 256

// maxGrowth bounds how far a window grows (times window) to take in one
// definition whose label or title runs over many lines. A title of more
// lines than that (nothing a person writes) is read as the window shows it.
const maxGrowth = 16

// Transformers replaces parser.DefaultParagraphTransformers.
func Transformers() []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(Transformer, 100)}
}

// Transformer is the linear stand-in for parser.LinkReferenceParagraphTransformer.
var Transformer parser.ParagraphTransformer = transformer{}

type transformer struct{}

// held keeps the references a window defines until they are known to be
// what the whole paragraph defines: the first definition of a label wins.
type held struct {
	parser.Context
	refs []parser.Reference
}

func (h *held) AddReference(r parser.Reference) { h.refs = append(h.refs, r) }

func (transformer) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	n := lines.Len()
	if n <= 2*window || node.Parent() == nil {
		parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
		return
	}
	src := reader.Source()
	parent := node.Parent()
	all := lines.Sliced(0, n)
	lineOf := func(off int) int {
		return sort.Search(n, func(i int) bool { return all[i].Stop > off })
	}
	// text are the lines goldmark leaves in the paragraph before pos: a
	// line it skips after a title it could not close stays text.
	kept := text.NewSegments()
	pos, size := 0, window
	for pos < n {
		end := n
		if n-pos > 2*size {
			end = pos + size
		}
		whole := end == n
		mark := node.PreviousSibling() // what stands before this window's definitions
		tmp := ast.NewParagraph()
		tmp.SetBlankPreviousLines(pos == 0 && node.HasBlankPreviousLines())
		seg := text.NewSegments()
		seg.AppendAll(all[pos:end])
		tmp.SetLines(seg)
		parent.InsertBefore(parent, node, tmp)
		h := &held{Context: pc}
		parser.LinkReferenceParagraphTransformer.Transform(tmp, reader, h)
		// The definitions goldmark inserted before tmp, in order: tmp
		// itself is gone when every line was one.
		var defs []ast.Node
		for c := node.PreviousSibling(); c != nil && c != mark; c = c.PreviousSibling() {
			if c != tmp {
				defs = append(defs, c)
			}
		}
		if tmp.Parent() == nil {
			tmp = nil // every line was a definition
		}
		for i, j := 0, len(defs)-1; i < j; i, j = i+1, j-1 {
			defs[i], defs[j] = defs[j], defs[i]
		}
		// Exact: the window was the rest of the paragraph, or it ends
		// with a clean definition line that the next line cannot continue
		// and every line of it was a definition. Otherwise the last
		// definition may have been cut by the window's end: it is read
		// again in the next window, growing when it comes first.
		keep := len(defs)
		exact := whole || tmp == nil && cleanCut(src, all, end) || size >= maxGrowth*window
		if !exact {
			// Read again from the start of a line: goldmark may begin a
			// definition in the middle of one, after a title.
			keep--
			for keep > 0 && !lineStart(src, all, defs[keep], lineOf) {
				keep--
			}
		}
		if keep <= 0 && !exact {
			for _, d := range defs {
				parent.RemoveChild(parent, d)
			}
			if tmp != nil {
				parent.RemoveChild(parent, tmp)
			}
			size *= 2
			continue
		}
		for i, d := range defs {
			if i < keep {
				pc.AddReference(h.refs[i])
			} else {
				parent.RemoveChild(parent, d)
			}
		}
		if exact && tmp != nil {
			// goldmark stopped at a line that is no definition: the
			// rest of the paragraph is text.
			left := tmp.Lines()
			kept.AppendAll(left.Sliced(0, left.Len()))
			kept.AppendAll(all[end:])
			parent.RemoveChild(parent, tmp)
			node.SetLines(kept)
			return
		}
		next := end
		if !exact {
			next = lineOf(defs[keep].Lines().At(0).Start)
		}
		if tmp != nil {
			left := tmp.Lines()
			for _, s := range left.Sliced(0, left.Len()) {
				if lineOf(s.Start) < next {
					kept.Append(s)
				}
			}
			parent.RemoveChild(parent, tmp)
		}
		pos, size = next, window
	}
	if kept.Len() > 0 {
		node.SetLines(kept)
		return
	}
	parent.RemoveChild(parent, node)
}

// lineStart reports whether definition d begins its line (after spaces).
func lineStart(src []byte, lines []text.Segment, d ast.Node, lineOf func(int) int) bool {
	at := d.Lines().At(0).Start
	l := lines[lineOf(at)]
	for i := l.Start; i < at && i < len(src); i++ {
		if src[i] != ' ' && src[i] != '\t' {
			return false
		}
	}
	return true
}

// cleanCut reports whether the paragraph can be cut before line i without
// changing how goldmark reads the definitions before it: line i-1 holds one
// whole definition, "[label]: destination" with no bracket, quote or
// parenthesis that a label or title of another line could close, and line i
// starts a new one with "[", which cannot continue a title.
func cleanCut(src []byte, lines []text.Segment, i int) bool {
	if i <= 0 || i >= len(lines) {
		return false
	}
	prev, next := lines[i-1].Value(src), lines[i].Value(src)
	return oneLineDef(prev) && startsDef(next)
}

func indent(l []byte) int {
	i := 0
	for i < len(l) && i < 3 && l[i] == ' ' {
		i++
	}
	return i
}

func startsDef(l []byte) bool {
	i := indent(l)
	return i < len(l) && l[i] == '['
}

func oneLineDef(l []byte) bool {
	i := indent(l)
	if i >= len(l) || l[i] != '[' {
		return false
	}
	i++
	start := i
	for i < len(l) && l[i] != ']' {
		switch l[i] {
		case '[', '\\', '"', '\'', '(', ')', '<', '>':
			return false
		}
		i++
	}
	if i == start || i+1 >= len(l) || l[i+1] != ':' {
		return false
	}
	i += 2
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	dest := i
	for i < len(l) && l[i] > ' ' {
		switch l[i] {
		case '[', ']', '\\', '"', '\'', '(', ')', '<', '>':
			return false
		}
		i++
	}
	if i == dest {
		return false
	}
	for i < len(l) && (l[i] == ' ' || l[i] == '\t' || l[i] == '\r' || l[i] == '\n') {
		i++
	}
	return i == len(l)
}
