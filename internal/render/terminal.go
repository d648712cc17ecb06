package render

import (
	"io"
	"strconv"
	"strings"

	"github.com/rivo/uniseg"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/vagut/vagut/internal/sanitize"
)

// Term says how to write for a terminal.
type Term struct {
	// Width is the terminal's width in columns; 0 means 80.
	Width int
	// Hyperlinks emits links as OSC 8 hyperlinks; without them a link's
	// address follows its text.
	Hyperlinks bool
	// NoColor leaves out colours and bold (NO_COLOR), for tables shown
	// aligned in a terminal all the same.
	NoColor bool
}

// maxTermWidth keeps prose readable on a very wide terminal.
const maxTermWidth = 120

func (t Term) cols() int {
	w := t.Width
	if w <= 0 {
		w = 80
	}
	return min(w, maxTermWidth)
}

// Terminal writes the Markdown digest styled for reading in a terminal:
// headings, emphasis, lists and links in ANSI styles, wrapped to the width
// between words only, so a URL is never cut. Every piece of summary text is
// sanitised: no control character from a summary reaches the terminal.
// Each paper is parsed on its own, so its link reference definitions stay
// its own.
func Terminal(w io.Writer, d *Digest, t Term) error {
	r := &termRenderer{t: t, cols: t.cols()}
	p := parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))
	for _, part := range markdownParts(d) {
		r.src = []byte(part)
		r.blocks(p.Parse(text.NewReader(r.src)), "", "", false)
	}
	_, err := io.WriteString(w, r.out.String())
	return err
}

// SGR parameters of the styles used.
const (
	sgrBold      = "1"
	sgrDim       = "2"
	sgrItalic    = "3"
	sgrUnderline = "4"
	sgrH1        = "1;35"
	sgrH2        = "1;36"
	sgrCode      = "33"
	sgrLink      = "4;34"
)

type termRenderer struct {
	src  []byte
	t    Term
	cols int
	out  strings.Builder
	// started is set once a block was written, so the next one is set off by
	// a blank line.
	started bool
}

// frag is a run of text in one style, part of a word.
type frag struct {
	text  string // sanitised
	style string // SGR parameters, "" for plain
	link  string // OSC 8 target, "" for none
}

// word is what wrapping never breaks: text between spaces, or a whole URL.
type word []frag

func (w word) width() int {
	n := 0
	for _, f := range w {
		n += uniseg.StringWidth(f.text)
	}
	return n
}

// blocks writes the children of n; first prefixes the first line written,
// rest every other line. tight lists have no blank line between items.
func (r *termRenderer) blocks(n ast.Node, first, rest string, tight bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if r.started && !tight {
			r.out.WriteString(strings.TrimRight(rest, " ") + "\n")
		}
		r.block(c, first, rest)
		r.started = true
		first = rest
	}
}

func (r *termRenderer) block(n ast.Node, first, rest string) {
	switch n := n.(type) {
	case *ast.Heading:
		style := sgrH2
		if n.Level == 1 {
			style = sgrH1
		}
		r.wrap(r.inlines(n, []string{style}, ""), first, rest)
	case *ast.Paragraph, *ast.TextBlock:
		r.wrap(r.inlines(n, nil, ""), first, rest)
	case *ast.List:
		num := n.Start
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			if item != n.FirstChild() && !n.IsTight {
				r.out.WriteString(strings.TrimRight(rest, " ") + "\n")
			}
			bullet := "• "
			if n.IsOrdered() {
				bullet = strconv.Itoa(num) + ". "
				num++
			}
			pad := strings.Repeat(" ", uniseg.StringWidth(bullet))
			saved := r.started
			r.started = false
			r.blocks(item, first+bullet, rest+pad, n.IsTight)
			r.started = saved
			first = rest
		}
	case *ast.Blockquote:
		saved := r.started
		r.started = false
		r.blocks(n, first+"│ ", rest+"│ ", false)
		r.started = saved
	case *ast.HTMLBlock:
		// Raw HTML from a summary is shown as its text, wrapped, line by line.
		var words []word
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			for _, f := range strings.FieldsFunc(string(seg.Value(r.src)), isBreak) {
				words = append(words, word{{sanitize.Line(f), sgrCode, ""}})
			}
			words = append(words, nil)
		}
		if n.HasClosure() {
			for _, f := range strings.FieldsFunc(string(n.ClosureLine.Value(r.src)), isBreak) {
				words = append(words, word{{sanitize.Line(f), sgrCode, ""}})
			}
		}
		r.wrap(words, first, rest)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			line := strings.TrimRight(string(seg.Value(r.src)), "\r\n")
			r.out.WriteString(first + styled(sgrCode, sanitize.Line(line)) + "\n")
			first = rest
		}
	case *ast.ThematicBreak:
		r.out.WriteString(first + styled(sgrDim, strings.Repeat("─", max(r.cols-uniseg.StringWidth(first), 3))) + "\n")
	default:
		r.blocks(n, first, rest, false)
	}
}

// inlines turns the inline content of n into words; a nil word is a hard
// line break.
func (r *termRenderer) inlines(n ast.Node, styles []string, link string) []word {
	var words []word
	var cur word
	end := func() {
		if len(cur) > 0 {
			words = append(words, cur)
			cur = nil
		}
	}
	add := func(s string, styles []string, link string) {
		if startsWithSpace(s) {
			end()
		}
		parts := strings.FieldsFunc(s, isBreak)
		for i, part := range parts {
			if i > 0 {
				end()
			}
			cur = append(cur, frag{sanitize.Line(part), strings.Join(styles, ";"), link})
		}
		if endsWithSpace(s) && len(parts) > 0 {
			end()
		}
	}
	var walk func(n ast.Node, styles []string, link string)
	walk = func(n ast.Node, styles []string, link string) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				v := c.Segment.Value(r.src)
				if !c.IsRaw() {
					v = unescapeMarkdown(v)
				}
				add(string(v), styles, link)
				if c.HardLineBreak() {
					end()
					words = append(words, nil)
				} else if c.SoftLineBreak() {
					end()
				}
			case *ast.String:
				add(string(c.Value), styles, link)
			case *ast.CodeSpan:
				var b strings.Builder
				for t := c.FirstChild(); t != nil; t = t.NextSibling() {
					if tx, ok := t.(*ast.Text); ok {
						b.Write(tx.Segment.Value(r.src))
					}
				}
				add(b.String(), append(styles[:len(styles):len(styles)], sgrCode), link)
			case *ast.Emphasis:
				s := sgrItalic
				if c.Level >= 2 {
					s = sgrBold
				}
				walk(c, append(styles[:len(styles):len(styles)], s), link)
			case *ast.Link:
				r.link(&words, &cur, end, walk, c, string(c.Destination), styles)
			case *ast.Image:
				r.link(&words, &cur, end, walk, c, string(c.Destination), styles)
			case *ast.AutoLink:
				u := string(c.URL(r.src))
				end()
				target := ""
				if r.t.Hyperlinks && linkable(u) {
					target = u
				}
				words = append(words, word{{sanitize.Line(string(c.Label(r.src))), strings.Join(append(styles[:len(styles):len(styles)], sgrLink), ";"), target}})
			case *ast.RawHTML:
				segs := c.Segments
				for i := 0; i < segs.Len(); i++ {
					seg := segs.At(i)
					add(string(seg.Value(r.src)), styles, link)
				}
			default:
				walk(c, styles, link)
			}
		}
	}
	walk(n, styles, link)
	end()
	return words
}

// link writes a link's text underlined; with hyperlinks the text is the
// link, without them its address follows as one unbreakable word.
func (r *termRenderer) link(words *[]word, cur *word, end func(), walk func(ast.Node, []string, string), n ast.Node, dest string, styles []string) {
	ls := append(styles[:len(styles):len(styles)], sgrLink)
	if r.t.Hyperlinks && linkable(dest) {
		walk(n, ls, dest)
		return
	}
	walk(n, ls, "")
	if dest == "" || linkText(n, r.src) == dest {
		return
	}
	// The address is a word of its own, but text right after it (a closing
	// parenthesis) sticks to it as it does in the source.
	end()
	*cur = word{{"<" + sanitize.Line(dest) + ">", sgrDim, ""}}
}

// linkText is the plain text of a link, to skip repeating an address shown already.
func linkText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// unescapeMarkdown resolves backslash escapes and character references, as
// goldmark's HTML writer does; sanitising comes after, so a &#27; is shown
// as an escape too.
func unescapeMarkdown(b []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(b)))
}

// linkable: an OSC 8 target must be a web address of printable ASCII, so
// nothing in it can end the sequence early.
func linkable(u string) bool {
	if !isHTTP(u) {
		return false
	}
	for i := 0; i < len(u); i++ {
		if u[i] <= 0x20 || u[i] >= 0x7f {
			return false
		}
	}
	return true
}

// isBreak is where wrapping may break a line: ASCII spaces only, so a
// no-break space holds and a control character is shown, not swallowed.
func isBreak(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }

func startsWithSpace(s string) bool { return s != "" && isBreak(rune(s[0])) }
func endsWithSpace(s string) bool   { return s != "" && isBreak(rune(s[len(s)-1])) }

// wrap writes words filling lines to the width; a word wider than a line
// stays whole on its own line. A style or hyperlink is opened once for a run
// of words and closed at each line's end, so a pager never carries it over.
func (r *termRenderer) wrap(words []word, first, rest string) {
	prefix := first
	line := 0
	open := false
	var active frag // style and link in force
	closeActive := func() {
		if active.link != "" {
			r.out.WriteString(hyperlinkEnd)
		}
		if active.style != "" {
			r.out.WriteString(sgrReset)
		}
		active = frag{}
	}
	newline := func() {
		closeActive()
		r.out.WriteString("\n")
		prefix, line, open = rest, 0, false
	}
	for _, w := range words {
		if w == nil { // hard break
			newline()
			continue
		}
		ww := w.width()
		avail := r.cols - uniseg.StringWidth(prefix)
		if open && line+1+ww > avail {
			newline()
		}
		space := open
		if !open {
			r.out.WriteString(prefix)
			open = true
		}
		for _, f := range w {
			if f.style != active.style || f.link != active.link {
				closeActive()
				if space {
					r.out.WriteString(" ")
					line++
					space = false
				}
				if f.link != "" {
					r.out.WriteString(hyperlinkStart(f.link))
				}
				if f.style != "" {
					r.out.WriteString("\x1b[" + f.style + "m")
				}
				active = f
			}
			if space {
				r.out.WriteString(" ")
				line++
				space = false
			}
			r.out.WriteString(f.text)
		}
		line += ww
	}
	if open {
		closeActive()
		r.out.WriteString("\n")
	}
}

const sgrReset = "\x1b[0m"

// OSC 8 hyperlinks, ST-terminated.
func hyperlinkStart(u string) string { return "\x1b]8;;" + u + "\x1b\\" }

const hyperlinkEnd = "\x1b]8;;\x1b\\"

func styled(sgr, s string) string {
	if sgr == "" || s == "" {
		return s
	}
	return "\x1b[" + sgr + "m" + s + sgrReset
}

// HyperlinksSupported guesses from the environment whether the terminal
// shows OSC 8 hyperlinks; FORCE_HYPERLINK=1 or 0 decides.
func HyperlinksSupported(getenv func(string) string) bool {
	switch getenv("FORCE_HYPERLINK") {
	case "1", "true":
		return true
	case "0", "false":
		return false
	}
	if getenv("TMUX") != "" || strings.HasPrefix(getenv("TERM"), "screen") {
		return false // tmux and screen drop them unless configured
	}
	switch getenv("TERM_PROGRAM") {
	case "iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper", "Tabby", "rio":
		return true
	}
	if v, err := strconv.Atoi(getenv("VTE_VERSION")); err == nil && v >= 5000 {
		return true
	}
	if getenv("KITTY_WINDOW_ID") != "" || getenv("WT_SESSION") != "" || getenv("DOMTERM") != "" {
		return true
	}
	switch getenv("TERM") {
	case "xterm-kitty", "alacritty", "foot", "xterm-ghostty", "wezterm":
		return true
	}
	return false
}
