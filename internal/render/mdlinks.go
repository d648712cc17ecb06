package render

import (
	"bytes"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/vagut/vagut/internal/lazy"
	"github.com/vagut/vagut/internal/linkref"
)

// A link reference definition holds for the whole Markdown document, and
// the first one of a label wins: in a digest of several summaries, one
// summary's "[t1]: https://evil.example/phish" would take over
// "[the trial][t1]" in another. The Markdown digest therefore writes each
// summary's reference links as inline links to its own definitions, and its
// definitions as text (escaped), so that no label is defined in the digest.

// refParser is built on first use, by the Markdown digest only. goldmark's
// own reading of link reference definitions is quadratic in their number
// (internal/linkref).
var refParser = lazy.Value[parser.Parser]{New: func() parser.Parser {
	return parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(linkref.Transformers()...))
}}

// ownLinks rewrites one part of the digest (one paper) so that its links do
// not depend on, or act on, any other part.
func ownLinks(part string) string {
	if !strings.Contains(part, "]:") {
		return part // no definition, and so no reference link, can be in it
	}
	src := []byte(part)
	pc := parser.NewContext()
	doc := refParser.Get().Parse(text.NewReader(src), parser.WithContext(pc))
	if len(pc.References()) == 0 {
		return part
	}
	var edits []refEdit
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.LinkReferenceDefinition:
			if l.Lines().Len() > 0 {
				if i := bytes.IndexByte(src[l.Lines().At(0).Start:], '['); i >= 0 {
					edits = append(edits, refEdit{at: l.Lines().At(0).Start + i, ins: `\`})
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			if e, ok := inlineRef(src, l, l.Reference, l.Destination, l.Title); ok {
				edits = append(edits, e)
			}
		case *ast.Image:
			if e, ok := inlineRef(src, l, l.Reference, l.Destination, l.Title); ok {
				edits = append(edits, e)
			}
		}
		return ast.WalkContinue, nil
	})
	sort.Slice(edits, func(i, j int) bool { return edits[i].at < edits[j].at })
	var b strings.Builder
	b.Grow(len(part) + 16*len(edits))
	at := 0
	for _, e := range edits {
		if e.at < at {
			continue // overlapping: cannot happen for distinct links
		}
		b.WriteString(part[at:e.at])
		b.WriteString(e.ins)
		at = e.at + e.del
	}
	b.WriteString(part[at:])
	out := b.String()
	// What could not be placed (a label over several lines, say) is made
	// text all the same: a "[" that starts a line cannot start a definition
	// once escaped, and shows as "[".
	pc = parser.NewContext()
	refParser.Get().Parse(text.NewReader([]byte(out)), parser.WithContext(pc))
	if len(pc.References()) > 0 {
		out = escapeLineBrackets(out)
	}
	return out
}

type refEdit struct {
	at, del int
	ins     string
}

// inlineRef is the edit that turns the reference link n ("[text][label]",
// "[label][]" or "[label]") into "[text](<dest> "title")".
func inlineRef(src []byte, n ast.Node, ref *ast.ReferenceLink, dest, title []byte) (refEdit, bool) {
	if ref == nil {
		return refEdit{}, false
	}
	stop := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			stop = max(stop, c.Segment.Stop)
		case *ast.RawHTML:
			if c.Segments.Len() > 0 {
				stop = max(stop, c.Segments.At(c.Segments.Len()-1).Stop)
			}
		}
		return ast.WalkContinue, nil
	})
	if stop < 0 {
		return refEdit{}, false
	}
	end := bytes.IndexByte(src[stop:], ']')
	if end < 0 {
		return refEdit{}, false
	}
	end += stop + 1 // just after the "]" that closes the link text
	inline := "(" + rawDest(dest)
	if len(title) > 0 {
		inline += " " + rawTitle(title)
	}
	inline += ")"
	rest := src[end:]
	switch ref.Type {
	case ast.ReferenceLinkFull:
		label := "[" + string(ref.Value) + "]"
		if !bytes.HasPrefix(rest, []byte(label)) {
			return refEdit{}, false
		}
		return refEdit{at: end, del: len(label), ins: inline}, true
	case ast.ReferenceLinkCollapsed:
		if !bytes.HasPrefix(rest, []byte("[]")) {
			return refEdit{}, false
		}
		return refEdit{at: end, del: 2, ins: inline}, true
	}
	return refEdit{at: end, ins: inline}, true
}

// goldmark keeps a definition's destination and title as written, escapes
// and entities unresolved; they are written back as written, in a form that
// holds them: a bare destination when it has no space and its parentheses
// pair up (it was bare, or "<...>" around such text), else "<...>" (it was
// written so). A title keeps a delimiter it does not hold unescaped: the
// one it was written with is among them.
func rawDest(d []byte) string {
	if len(d) > 0 && d[0] != '<' && !bytes.ContainsAny(d, " \t\n") && parensPair(d) {
		return string(d)
	}
	return "<" + string(d) + ">"
}

func rawTitle(t []byte) string {
	for _, q := range [][2]byte{{'"', '"'}, {'\'', '\''}, {'(', ')'}} {
		if !holdsUnescaped(t, q[0]) && !holdsUnescaped(t, q[1]) {
			return string(q[0]) + string(t) + string(q[1])
		}
	}
	return `"` + strings.ReplaceAll(string(t), `"`, `\"`) + `"`
}

func holdsUnescaped(s []byte, c byte) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case c:
			return true
		}
	}
	return false
}

func parensPair(s []byte) bool {
	open := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '(':
			open++
		case ')':
			if open--; open < 0 {
				return false
			}
		}
	}
	return open == 0
}

// escapeLineBrackets escapes a "[" that starts a line, after any list,
// quote or indentation marks.
func escapeLineBrackets(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, line := range lines {
		j := 0
		for j < len(line) && strings.IndexByte(" \t>-*+0123456789.)", line[j]) >= 0 {
			j++
		}
		if j < len(line) && line[j] == '[' {
			lines[i] = line[:j] + `\` + line[j:]
		}
	}
	return strings.Join(lines, "")
}
