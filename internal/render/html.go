package render

import (
	"bytes"
	"html"
	"io"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/vagut/vagut/internal/inline"
	"github.com/vagut/vagut/internal/lazy"
)

// HTML writes the Markdown digest as one self-contained page: inline CSS, no
// script, no external asset, readable on a phone. Summaries are untrusted:
// their raw HTML is shown escaped, links are kept only when http(s), and
// images become links, so the page loads nothing.
func HTML(w io.Writer, d *Digest) error {
	// Each paper is converted on its own: its link reference definitions
	// are its own, and cannot redirect a link of another summary.
	var body bytes.Buffer
	for _, part := range markdownParts(d) {
		if err := pageMarkdown.Get().Convert([]byte(part), &body); err != nil {
			return err
		}
	}
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="vagut">
<title>`)
	b.WriteString(html.EscapeString(pageTitle(d)))
	b.WriteString("</title>\n<style>\n" + pageCSS + "</style>\n</head>\n<body>\n<main>\n")
	b.Write(body.Bytes())
	b.WriteString("</main>\n</body>\n</html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func pageTitle(d *Digest) string {
	if len(d.Papers) == 1 && d.GroupBy == "" {
		// <title> shows text, not Markdown: no asterisks or backticks.
		return inline.Plain(d.Papers[0].Title, " ") + " · vagut digest"
	}
	return "vagut digest: " + count(len(d.Papers), "paper")
}

// No extension: goldmark/extension compiles linkify's regular expressions
// at start-up (3 ms, most of what vagut paid to start), and summaries are
// read without tables anyway (a table shows as its text). Built on first use,
// by -o html only.
var pageMarkdown = lazy.Value[goldmark.Markdown]{New: func() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(safeLinks{}, 100))),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(escapedHTML{}, 100))),
	)
}}

// escapedHTML shows raw HTML from a summary as text instead of passing it through.
type escapedHTML struct{}

func (escapedHTML) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := 0; i < segs.Len(); i++ {
				seg := segs.At(i)
				_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	r.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString("<pre class=\"raw-html\">")
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
		}
		if b := n.(*ast.HTMLBlock); b.HasClosure() {
			_, _ = w.WriteString(html.EscapeString(string(b.ClosureLine.Value(src))))
		}
		_, _ = w.WriteString("</pre>\n")
		return ast.WalkSkipChildren, nil
	})
}

// safeLinks keeps a link only when it goes to http(s); images become links.
type safeLinks struct{}

func (safeLinks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var links []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n.(type) {
			case *ast.Link, *ast.Image, *ast.AutoLink:
				links = append(links, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range links {
		parent := n.Parent()
		if parent == nil {
			continue
		}
		switch l := n.(type) {
		case *ast.Link:
			if !isHTTP(string(l.Destination)) {
				unwrap(parent, l)
			}
		case *ast.AutoLink:
			if l.AutoLinkType != ast.AutoLinkURL || !isHTTP(string(l.URL(src))) {
				parent.ReplaceChild(parent, l, ast.NewString(l.Label(src)))
			}
		case *ast.Image:
			if isHTTP(string(l.Destination)) {
				link := ast.NewLink()
				link.Destination = l.Destination
				link.Title = l.Title
				link.AppendChild(link, ast.NewString([]byte("image: ")))
				for c := l.FirstChild(); c != nil; {
					next := c.NextSibling()
					link.AppendChild(link, c)
					c = next
				}
				parent.ReplaceChild(parent, l, link)
			} else {
				unwrap(parent, l)
			}
		}
	}
}

// unwrap replaces n by its children.
func unwrap(parent, n ast.Node) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

const pageCSS = `:root { color-scheme: light dark; --fg: #1b1f24; --bg: #fdfdfc; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #30363d; --accent: #58a6ff; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 0.25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; padding-top: 1rem; border-top: 1px solid var(--line); }
h1 + p { color: var(--muted); }
h2 + p { color: var(--muted); font-size: 0.95rem; }
a { color: var(--accent); }
ul { padding-left: 1.25rem; }
li { margin: 0.25rem 0; }
code { font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; }
pre.raw-html { white-space: pre-wrap; color: var(--muted); }
`
