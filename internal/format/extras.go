package format

import (
	"bytes"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/vagut/vagut/internal/lazy"
	"github.com/vagut/vagut/internal/linkref"
	"github.com/vagut/vagut/internal/summary"
)

// extras is what a file says that its record does not keep: hard line
// breaks in the paragraphs the parser joins into one line, and link
// reference definitions in entity sections (which the record drops; those
// of Key findings it keeps in FindingDefs).
type extras struct {
	breaks   []hardBreak
	defs     map[int][]string // entity section heading line -> its definitions
	defLines map[int]bool     // lines where such a definition starts
}

// hardBreak is one paragraph with hard line breaks: the one line the
// record holds, the same with its breaks, and where it stood.
type hardBreak struct {
	joined string
	pieces []string // the text between breaks
	line   int
}

// mdFull parses inlines too: only they tell a hard break ("a\" or "a  " at
// a line's end) from a backslash in a code span. Built on first use: most
// files never need it. goldmark's own reading of link reference definitions
// is quadratic in their number (internal/linkref).
var mdFull = lazy.Value[parser.Parser]{New: func() parser.Parser {
	return parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(linkref.Transformers()...))
}}

// mdNoLinks is mdFull without goldmark's link parser, for a file with more
// than maxBrackets "]": that parser reads each "[label]" by scanning the
// paragraph's lines back from its last, lines times brackets (80,000 lines
// of "see [1]" took 2 s, a 10 MB file would take minutes). Brackets are then
// plain text; what a link changes for scan is only a line ending in "\" or
// two spaces inside a link title that spans lines, then taken as a break.
var mdNoLinks = lazy.Value[parser.Parser]{New: func() parser.Parser {
	var inlines []util.PrioritizedValue
	for _, p := range parser.DefaultInlineParsers() {
		if bytes.IndexByte(p.Value.(parser.InlineParser).Trigger(), ']') < 0 { // the link parser's
			inlines = append(inlines, p)
		}
	}
	return parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(inlines...),
		parser.WithParagraphTransformers(linkref.Transformers()...))
}}

// maxBrackets bounds the link parser's work at maxBrackets times a
// paragraph's lines; a real summary has a few dozen links.
const maxBrackets = 2048

// scan finds the extras of src. Most files have neither a line ending in
// "\" or two spaces nor a "]:", and are not parsed again.
func scan(raw []byte) *extras {
	md := mdFull.Get()
	if bytes.Count(raw, []byte("]")) > maxBrackets {
		md = mdNoLinks.Get()
	}
	return scanWith(raw, md)
}

func scanWith(raw []byte, md parser.Parser) *extras {
	ex := &extras{defs: map[int][]string{}, defLines: map[int]bool{}}
	src := bytes.ReplaceAll(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")), []byte("\r\n"), []byte("\n"))
	src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	if !bytes.Contains(src, []byte("\\\n")) && !bytes.Contains(src, []byte("  \n")) && !bytes.Contains(src, []byte("]:")) {
		return ex
	}
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	lineOf := func(off int) int { return sort.Search(len(starts), func(i int) bool { return starts[i] > off }) }
	doc := md.Parse(text.NewReader(src))
	key, headingLine, titled := "", 0, false
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch b := n.(type) {
		case *ast.Heading:
			if b.Level > 2 || b.Lines().Len() == 0 {
				continue
			}
			if b.Level == 1 && !titled {
				titled = true
				continue
			}
			headingLine = lineOf(b.Lines().At(0).Start)
			key = summary.SectionOf(string(bytes.TrimSpace(b.Lines().Value(src))))
		case *ast.LinkReferenceDefinition:
			if b.Lines().Len() == 0 {
				continue
			}
			line := lineOf(b.Lines().At(0).Start)
			switch key {
			case summary.LinkedEntities, summary.FullTextEntities:
				var ls []string
				for i := 0; i < b.Lines().Len(); i++ {
					seg := b.Lines().At(i)
					ls = append(ls, string(bytes.TrimSpace(seg.Value(src))))
				}
				ex.defs[headingLine] = append(ex.defs[headingLine], strings.Join(ls, "\n"))
				ex.defLines[line] = true
			}
		case *ast.Paragraph:
			if key == summary.TLDR || key == summary.Contribution || key == summary.Abstract || key == summary.KeyFindings {
				ex.addBreaks(b, src, lineOf)
			}
		case *ast.List:
			if key != summary.KeyFindings {
				continue
			}
			for item := b.FirstChild(); item != nil; item = item.NextSibling() {
				for c := item.FirstChild(); c != nil; c = c.NextSibling() {
					switch c.(type) {
					case *ast.Paragraph, *ast.TextBlock:
						ex.addBreaks(c, src, lineOf)
					}
				}
			}
		}
	}
	return ex
}

// addBreaks records paragraph n when it has a hard line break, split as the
// parser joins it: each line trimmed, a final "\" dropped, blank pieces skipped.
func (ex *extras) addBreaks(n ast.Node, src []byte, lineOf func(int) int) {
	lines := n.Lines()
	hard := map[int]bool{}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering && t.HardLineBreak() {
			// The last line starting at or before the break; counted
			// from the first line for each break, a paragraph of breaks
			// was quadratic.
			k := sort.Search(lines.Len(), func(i int) bool { return lines.At(i).Start > t.Segment.Stop })
			hard[max(k-1, 0)] = true
		}
		return ast.WalkContinue, nil
	})
	if len(hard) == 0 {
		return
	}
	var joined []string
	var pieces []string
	var cur strings.Builder // += on a string was quadratic in a piece's lines
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		v := strings.TrimSpace(string(seg.Value(src)))
		last := i == lines.Len()-1
		if !last {
			v = strings.TrimSuffix(v, `\`)
		}
		if v == "" {
			continue
		}
		joined = append(joined, v)
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(v)
		if hard[i] && !last {
			pieces = append(pieces, cur.String())
			cur.Reset()
		}
	}
	if cur.Len() > 0 {
		pieces = append(pieces, cur.String())
	}
	if len(pieces) > 1 {
		ex.breaks = append(ex.breaks, hardBreak{strings.Join(joined, " "), pieces, lineOf(lines.At(0).Start)})
	}
}

// keepBreaks writes each recorded paragraph back with its hard breaks, as a
// trailing "\" (visible, and kept by editors that strip trailing spaces).
// The record prints such a paragraph as one whole line, or as one "- "
// finding; lines are matched by their text, in file order, in one pass. A
// paragraph that cannot be placed is an error, never a lost break.
func (ex *extras) keepBreaks(out []byte) ([]byte, error) {
	if ex == nil || len(ex.breaks) == 0 {
		return out, nil
	}
	todo := map[string][]hardBreak{}
	for _, hb := range ex.breaks {
		todo[hb.joined] = append(todo[hb.joined], hb)
	}
	var b bytes.Buffer
	b.Grow(len(out) + len(ex.breaks)*2)
	for rest := out; len(rest) > 0; {
		line, next, found := bytes.Cut(rest, []byte{'\n'})
		prefix, indent := "", ""
		text := string(line)
		if t, ok := strings.CutPrefix(text, "- "); ok {
			prefix, indent, text = "- ", "  ", t
		}
		if q := todo[text]; len(q) > 0 {
			b.WriteString(prefix + strings.Join(q[0].pieces, "\\\n"+indent))
			todo[text] = q[1:]
		} else {
			b.Write(line)
		}
		if found {
			b.WriteByte('\n')
		}
		rest = next
	}
	for _, hb := range ex.breaks {
		if len(todo[hb.joined]) > 0 {
			return nil, &Error{Line: todo[hb.joined][0].line, Msg: "not formatted: a hard line break would be lost; left as it is"}
		}
	}
	return b.Bytes(), nil
}

// sectionDefs are the definitions written under the heading at line, one block.
func (ex *extras) sectionDefs(line int) string {
	if ex == nil {
		return ""
	}
	return strings.Join(ex.defs[line], "\n")
}
