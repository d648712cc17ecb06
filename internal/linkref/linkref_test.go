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
