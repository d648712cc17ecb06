// Package inline reads the inline Markdown of a title, journal or abstract
// (emphasis, strong emphasis, code spans, links, <sup>/<sub>) with goldmark's
// own inline parser, and writes it again as each export needs it: CSL rich
// text, BibTeX commands, or plain text. No "*", "_" or backtick of the
// Markdown syntax reaches a bibliography; the same characters as content
// ("HLA-B\*57:01") stay.
package inline

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/vagut/vagut/internal/lazy"
)

// Style is a set of text styles.
type Style uint8

// The styles, in the order their markup opens.
const (
	Italic Style = 1 << iota
	Bold
	Code
	Sup
	Sub
)

var order = []Style{Italic, Bold, Code, Sup, Sub}

// Run is text in one style.
type Run struct {
	Text  string
	Style Style
}

// Paragraphs are the runs of each paragraph: a title or a journal has one,
// an abstract may have several.
type Paragraphs [][]Run

// Only paragraphs: "1. Introduction", "# 5" or "> 3 mm" in a title are text,
// not a list, a heading or a quote. Built on first use.
var md = lazy.Value[parser.Parser]{New: func() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 1000)),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
	)
}}

// markdownChars are the characters that can start inline Markdown; text
// without any of them is plain, and goldmark is not needed to say so.
const markdownChars = "*_`<&\\["

// Parse reads s as Markdown paragraphs of inline text.
func Parse(s string) Paragraphs {
	if !strings.ContainsAny(s, markdownChars) {
		return plainParagraphs(s)
	}
	return parseMarkdown(s)
}

func parseMarkdown(s string) Paragraphs {
	src := []byte(s)
	doc := md.Get().Parse(text.NewReader(src))
	var out Paragraphs
	for p := doc.FirstChild(); p != nil; p = p.NextSibling() {
		w := walker{src: src}
		_ = ast.Walk(p, w.visit)
		if runs := w.finish(); len(runs) > 0 {
			out = append(out, runs)
		}
	}
	return out
}

// plainParagraphs splits text at blank lines, as goldmark does, and folds
// its white space, in one pass (abstracts are long).
func plainParagraphs(s string) Paragraphs {
	var out Paragraphs
	var b strings.Builder
	b.Grow(len(s))
	space, newlines := false, 0 // since the last word character
	for _, r := range s {
		switch {
		case r == '\n':
			newlines++
			space = true
			continue
		case isSpace(r):
			space = true
			continue
		}
		if b.Len() > 0 {
			if newlines >= 2 {
				out = append(out, []Run{{Text: b.String()}})
				b.Reset()
			} else if space {
				b.WriteByte(' ')
			}
		}
		space, newlines = false, 0
		b.WriteRune(r)
	}
	if b.Len() > 0 {
		out = append(out, []Run{{Text: b.String()}})
	}
	return out
}

type walker struct {
	src   []byte
	runs  []Run
	html  []Style // styles opened by raw <i>, <b>, <sup>, <sub>
	style Style   // styles from the Markdown tree
}

func (w *walker) cur() Style {
	s := w.style
	for _, h := range w.html {
		s |= h
	}
	return s
}

func (w *walker) add(t string, s Style) {
	if t == "" {
		return
	}
	if n := len(w.runs); n > 0 && w.runs[n-1].Style == s {
		w.runs[n-1].Text += t
		return
	}
	w.runs = append(w.runs, Run{t, s})
}

// finish folds white space to single spaces, none at the ends.
func (w *walker) finish() []Run {
	var out []Run
	for _, r := range w.runs {
		t := strings.Join(strings.FieldsFunc(r.Text, isSpace), " ")
		if t == "" {
			t = " "
		} else {
			if isSpace(rune(r.Text[0])) {
				t = " " + t
			}
			if isSpace(rune(r.Text[len(r.Text)-1])) {
				t += " "
			}
		}
		if n := len(out); n > 0 && strings.HasSuffix(out[n-1].Text, " ") {
			t = strings.TrimLeft(t, " ")
		}
		out = append(out, Run{t, r.Style})
	}
	if len(out) > 0 {
		out[0].Text = strings.TrimLeft(out[0].Text, " ")
		out[len(out)-1].Text = strings.TrimRight(out[len(out)-1].Text, " ")
	}
	var merged []Run
	for _, r := range out {
		if r.Text == "" {
			continue
		}
		if n := len(merged); n > 0 && merged[n-1].Style == r.Style {
			merged[n-1].Text += r.Text
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
}

func (w *walker) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	switch n := n.(type) {
	case *ast.Emphasis:
		s := Italic
		if n.Level >= 2 {
			s = Bold
		}
		if entering {
			w.style |= s
		} else {
			w.style &^= s
			// Nested emphasis of the same kind keeps it on.
			for p := n.Parent(); p != nil; p = p.Parent() {
				if e, ok := p.(*ast.Emphasis); ok && (e.Level >= 2) == (s == Bold) {
					w.style |= s
				}
			}
		}
	case *ast.CodeSpan:
		if entering {
			var b strings.Builder
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(w.src))
				}
			}
			w.add(strings.ReplaceAll(b.String(), "\n", " "), w.cur()|Code)
			return ast.WalkSkipChildren, nil
		}
	case *ast.Text:
		if entering {
			v := n.Segment.Value(w.src)
			if !n.IsRaw() {
				v = util.UnescapePunctuations(util.ResolveEntityNames(util.ResolveNumericReferences(v)))
			}
			t := string(v)
			if n.SoftLineBreak() || n.HardLineBreak() {
				t += " "
			}
			w.add(t, w.cur())
		}
	case *ast.String:
		if entering {
			w.add(string(n.Value), w.cur())
		}
	case *ast.AutoLink:
		if entering {
			w.add(string(n.Label(w.src)), w.cur())
			return ast.WalkSkipChildren, nil
		}
	case *ast.RawHTML:
		if entering {
			var b strings.Builder
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				b.Write(seg.Value(w.src))
			}
			w.rawHTML(b.String())
			return ast.WalkSkipChildren, nil
		}
	}
	return ast.WalkContinue, nil
}

var tags = map[string]Style{"i": Italic, "em": Italic, "b": Bold, "strong": Bold, "sup": Sup, "sub": Sub, "code": Code}

// rawHTML turns <i>, <em>, <b>, <strong>, <sup>, <sub>, <code> and their
// closing tags into styles; any other HTML is kept as text.
func (w *walker) rawHTML(h string) {
	t := strings.ToLower(strings.Join(strings.Fields(h), ""))
	if strings.HasPrefix(t, "</") && strings.HasSuffix(t, ">") {
		if s, ok := tags[t[2:len(t)-1]]; ok {
			for i := len(w.html) - 1; i >= 0; i-- {
				if w.html[i] == s {
					w.html = append(w.html[:i], w.html[i+1:]...)
					return
				}
			}
			return // a closing tag with nothing open: drop it
		}
	} else if strings.HasPrefix(t, "<") && strings.HasSuffix(t, ">") {
		if s, ok := tags[t[1:len(t)-1]]; ok {
			w.html = append(w.html, s)
			return
		}
	}
	w.add(h, w.cur())
}

// Plain is the text without its markup, paragraphs joined by sep.
func Plain(s, sep string) string {
	var parts []string
	for _, p := range Parse(s) {
		var b strings.Builder
		for _, r := range p {
			b.WriteString(r.Text)
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, sep)
}

// Markup writes runs with open and close markup for each style and escape
// for the text; styles nest in the order of the runs, so "*a **b** c*" is
// <i>a <b>b</b> c</i>, not three groups.
func Markup(runs []Run, open, close func(Style) string, escape func(string, Style) string) string {
	var b strings.Builder
	var stack []Style
	for _, r := range runs {
		// Close down to the styles this run keeps.
		keep := 0
		for keep < len(stack) && r.Style&stack[keep] != 0 {
			keep++
		}
		for len(stack) > keep {
			b.WriteString(close(stack[len(stack)-1]))
			stack = stack[:len(stack)-1]
		}
		var have Style
		for _, s := range stack {
			have |= s
		}
		for _, s := range order {
			if r.Style&s != 0 && have&s == 0 {
				b.WriteString(open(s))
				stack = append(stack, s)
			}
		}
		b.WriteString(escape(r.Text, r.Style))
	}
	for len(stack) > 0 {
		b.WriteString(close(stack[len(stack)-1]))
		stack = stack[:len(stack)-1]
	}
	return b.String()
}

// cslTags are the rich-text tags of CSL-JSON (citeproc-js and pandoc read them).
var cslOpen = map[Style]string{Italic: "<i>", Bold: "<b>", Code: `<span class="nocase">`, Sup: "<sup>", Sub: "<sub>"}
var cslClose = map[Style]string{Italic: "</i>", Bold: "</b>", Code: "</span>", Sup: "</sup>", Sub: "</sub>"}

// cslEscape keeps literal text from reading as a tag: CSL-JSON has no
// escape (pandoc and citeproc-js show "&lt;" as written), so a "<" that would
// open a tag is wrapped in a nocase span, which both print as "<".
func cslEscape(t string) string {
	if !strings.Contains(t, "<") {
		return t
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if t[i] == '<' && i+1 < len(t) && (t[i+1] == '/' || isASCIILetter(t[i+1])) {
			b.WriteString(`<span class="nocase"><</span>`)
			continue
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// CSL writes s as CSL-JSON rich text, paragraphs joined by sep.
func CSL(s, sep string) string {
	var parts []string
	for _, p := range Parse(s) {
		parts = append(parts, Markup(p,
			func(s Style) string { return cslOpen[s] },
			func(s Style) string { return cslClose[s] },
			func(t string, _ Style) string { return cslEscape(t) }))
	}
	return strings.Join(parts, sep)
}
