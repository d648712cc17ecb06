package linkref

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

func newParser(transformers bool) parser.Parser {
	pt := parser.DefaultParagraphTransformers()
	if transformers {
		pt = Transformers()
	}
	return parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(pt...))
}

// dump is what a parse gives: the blocks in order (definitions with their
// label, destination, title and lines; paragraphs with their lines), links
// as resolved, and the references of the context.
func dump(p parser.Parser, src []byte) string {
	pc := parser.NewContext()
	doc := p.Parse(text.NewReader(src), parser.WithContext(pc))
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.LinkReferenceDefinition:
			fmt.Fprintf(&b, "def %q %q %q blank=%v lines=%q\n", n.Label, n.Destination, n.Title, n.HasBlankPreviousLines(), n.Lines().Value(src))
		case *ast.Paragraph:
			fmt.Fprintf(&b, "para blank=%v %q\n", n.HasBlankPreviousLines(), n.Lines().Value(src))
		case *ast.Link:
			fmt.Fprintf(&b, "link %q %q\n", n.Destination, n.Title)
		}
		return ast.WalkContinue, nil
	})
	var refs []string
	for _, r := range pc.References() {
		refs = append(refs, fmt.Sprintf("ref %q %q %q", r.Label(), r.Destination(), r.Title()))
	}
	sort.Strings(refs)
	return b.String() + strings.Join(refs, "\n")
}

// quirk reports whether goldmark's own transformer mis-counts the lines of
// a paragraph: when it skips a line between two definitions (a title it
// could not close) or begins one in the middle of a line (after a title
// closed there), its removal of lines keeps some that definitions took and
// drops others. linkref keeps exactly the lines no definition took there.
func quirk(p parser.Parser, src []byte) bool {
	doc := p.Parse(text.NewReader(src))
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		d, ok := n.(*ast.LinkReferenceDefinition)
		if !ok || !entering || d.Lines().Len() == 0 {
			return ast.WalkContinue, nil
		}
		from := 0
		if prev, ok := d.PreviousSibling().(*ast.LinkReferenceDefinition); ok && prev.Lines().Len() > 0 {
			from = prev.Lines().At(prev.Lines().Len() - 1).Stop
		} else {
			from = d.Lines().At(0).Start
			for from > 0 && src[from-1] != '\n' {
				from--
			}
		}
		for _, c := range src[from:d.Lines().At(0).Start] {
			if c != ' ' && c != '\t' && c != '\n' && c != '>' && c != '-' {
				found = true
			}
		}
		return ast.WalkContinue, nil
	})
	return found
}

// pieces are lines a paragraph of definitions can hold, the tricky ones
// included: titles and labels over several lines, a title opened and never
// closed, a definition a window may cut, text, a repeated label.
var pieces = []string{
	"[a]: /a", "[b]: /b", "[c]: </c d>", "[a]: /second-a", "[x]: /x \"t\"", "[y]: /y 'single'",
	"[z]: /z (paren)", "[t]: /t", "\"title on the next line\"", "\"title", "that goes on", "to here\"",
	"'unclosed title", "[multi", "line label]: /m", "[e]:", "/on-the-next-line", "text, no definition",
	"[not]: a def with spaces after", "  [ind]: /indented", "[ref] used [a]", "(paren title)", "[q]: /q \"a\\\"b\"",
}

// The windows give exactly what goldmark's own transformer gives, on
// paragraphs of many shapes and windows of a few lines.
func TestSameAsGoldmark(t *testing.T) {
	defer func(w int) { window = w }(window)
	ours, theirs := newParser(true), newParser(false)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, w := range []int{1, 2, 3, 5} {
		window = w
		for range 3000 {
			var lines []string
			// Up to the most lines a window grows to: past it, a title
			// of that many lines is read as the window shows it.
			for range rng.IntN(min(60, maxGrowth*w)) {
				if rng.IntN(3) == 0 {
					lines = append(lines, fmt.Sprintf("[l%d]: /u%d", rng.IntN(50), rng.IntN(9)))
				} else {
					lines = append(lines, pieces[rng.IntN(len(pieces))])
				}
			}
			src := "# T\n\n" + strings.Join(lines, "\n") + "\n\n[after]: /after\n\n[a] [l1] [x]\n"
			if rng.IntN(4) == 0 {
				src = "- " + strings.Join(lines, "\n  ") + "\n"
			}
			if got, want := dump(ours, []byte(src)), dump(theirs, []byte(src)); got != want {
				t.Fatalf("window %d, source:\n%s\n--- linkref:\n%s\n--- goldmark:\n%s", w, src, got, want)
			}
		}
	}
}

// FuzzSameAsGoldmark compares the windows with goldmark on any text, with
// windows of two lines.
func FuzzSameAsGoldmark(f *testing.F) {
	for _, p := range pieces {
		f.Add(p + "\n" + strings.Join(pieces, "\n"))
	}
	ours, theirs := newParser(true), newParser(false)
	f.Fuzz(func(t *testing.T, src string) {
		if strings.Count(src, "\n") > maxGrowth*2 {
			return // a title over more lines than a window grows to is read as cut
		}
		defer func(w int) { window = w }(window)
		window = 2
		if quirk(theirs, []byte(src)) {
			return // goldmark's own removal of lines is inconsistent there (see Transformer)
		}
		if got, want := dump(ours, []byte(src)), dump(theirs, []byte(src)); got != want {
			t.Fatalf("source %q\n--- linkref:\n%s\n--- goldmark:\n%s", src, got, want)
		}
	})
}
