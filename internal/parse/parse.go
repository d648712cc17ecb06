// Package parse turns one summary file into a summary.Paper, using goldmark's
// AST so that emphasis, code spans, soft breaks and positions come out right.
package parse

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/vagut/vagut/internal/lazy"
	"github.com/vagut/vagut/internal/linkref"
	"github.com/vagut/vagut/internal/summary"
)

// Error is a defect that makes a file unusable as a summary.
type Error struct {
	Line int
	Code summary.ProblemCode // ProblemBinaryFile, ProblemMissingTitle or ProblemNotASummary
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%d: %s", e.Line, e.Msg) }

// mdParser finds the blocks only. vagut keeps text as written and reads it
// from the blocks' lines, so goldmark's inline parsing (emphasis, links, code
// spans: most of its time) would be work thrown away. Parsers keep no state
// between Parse calls, so one is shared; it is built on first use.
// goldmark's own reading of link reference definitions is quadratic in
// their number (internal/linkref).
var mdParser = lazy.Value[parser.Parser]{New: func() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithParagraphTransformers(linkref.Transformers()...),
	)
}}

// Parse reads one summary. path is kept in the record and names the paper
// when it has neither Source URL nor DOI.
func Parse(path string, raw []byte) (*summary.Paper, error) {
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return nil, &Error{Line: bytes.Count(raw[:i], []byte{'\n'}) + 1, Code: summary.ProblemBinaryFile, Msg: "not a text file (NUL byte)"}
	}
	src, badLine := prepare(raw)
	src, deep := capNesting(src)
	doc := mdParser.Get().Parse(text.NewReader(src))
	p := newParser(src, path)
	defer p.release()
	if badLine > 0 {
		p.problem(badLine, 1, summary.ProblemInvalidUTF8, "invalid UTF-8, replaced by U+FFFD")
	}
	for _, off := range deep {
		p.problem(p.idx.line(off), p.idx.col(off), summary.ProblemNestingTooDeep,
			fmt.Sprintf("more than %d nested block quotes or list items on one line; the rest of the line is read as text", MaxNesting))
	}
	p.document(doc)
	if p.paper.Title == "" {
		line := 1
		if p.firstH1 > 0 {
			line = p.firstH1
		}
		if len(bytes.TrimSpace(src)) == 0 {
			return nil, &Error{Line: line, Code: summary.ProblemMissingTitle, Msg: "empty file, not a summary"}
		}
		return nil, &Error{Line: line, Code: summary.ProblemMissingTitle, Msg: `no "# " title: not a summary`}
	}
	if !p.summaryLike() {
		return nil, &Error{Line: p.paper.TitleLine, Code: summary.ProblemNotASummary,
			Msg: "not a summary: a title, but no Authors line, metadata line, known section or Source line"}
	}
	p.paper.ID = paperID(p.paper, path)
	return p.paper, nil
}

// summaryLike reports whether a file with a title holds anything of a
// summary: a README or a page of notes beside the summaries has a title too,
// and must not come out as a paper. A heading close to a known one counts:
// its file is a summary with a typo, and the typo is what to report.
func (p *parser_) summaryLike() bool {
	pp := p.paper
	if pp.AuthorsLine != 0 || pp.MetadataLine != 0 || pp.URL != nil {
		return true
	}
	for _, h := range pp.Headings {
		if h.Key != "" || h.Near != "" {
			return true
		}
	}
	return false
}

type parser_ struct {
	src     []byte
	idx     *lineIndex
	paper   *summary.Paper
	firstH1 int // line of an empty level-1 heading, for the error

	// Scratch space reused from one entity list line to the next, and from
	// one file to the next (parsers): nothing of it is in the paper.
	linePieces, akaPieces [][2]int
	segs                  []segMap   // see paragraph
	starts                []int      // the line index's
	nodes                 []ast.Node // see document
	sections              []section  // see document

	kept []string // see keep; in the paper, so never reused
}

// parsers holds parsers whose scratch space the next file reuses: a dozen
// allocations a file fewer.
var parsers sync.Pool

func newParser(src []byte, path string) *parser_ {
	p, _ := parsers.Get().(*parser_)
	if p == nil {
		p = new(parser_)
	}
	*p = parser_{
		src: src, paper: &summary.Paper{Path: path},
		linePieces: p.linePieces[:0], akaPieces: p.akaPieces[:0], segs: p.segs[:0],
		nodes: p.nodes[:0], sections: p.sections[:0],
	}
	p.idx = newLineIndexIn(src, p.starts)
	p.starts = p.idx.starts
	return p
}

// maxScratch bounds what a pooled parser keeps: a huge file's scratch space
// is left to the collector.
const maxScratch = 1 << 14

// release returns p to the pool, its scratch space emptied of references to
// the file, its syntax tree and its paper.
func (p *parser_) release() {
	if cap(p.starts) > maxScratch || cap(p.nodes) > maxScratch || cap(p.sections) > maxScratch ||
		cap(p.segs) > maxScratch || cap(p.linePieces) > maxScratch || cap(p.akaPieces) > maxScratch {
		return
	}
	clear(p.nodes[:cap(p.nodes)])
	clear(p.sections[:cap(p.sections)])
	*p = parser_{linePieces: p.linePieces, akaPieces: p.akaPieces, segs: p.segs, starts: p.starts, nodes: p.nodes, sections: p.sections}
	parsers.Put(p)
}

func (p *parser_) problem(line, col int, code summary.ProblemCode, msg string) {
	p.paper.Problems = append(p.paper.Problems, summary.Problem{Line: line, Col: col, Code: code, Msg: msg})
}

// section collects the top-level blocks under one heading.
type section struct {
	heading summary.Heading
	blocks  []ast.Node
}

func (p *parser_) document(doc ast.Node) {
	// The blocks of the preamble and of each section, one after the other in
	// one array (only the last section grows); the sections in one slice,
	// cur its last element: a few allocations a file instead of one a section
	// and a few a section's blocks.
	nodes := p.nodes[:0]
	if n := doc.ChildCount(); cap(nodes) < n {
		nodes = make([]ast.Node, 0, n)
		p.nodes = nodes
	}
	var (
		preamble = nodes
		cur      *section
		sections = p.sections[:0]
		deep     []*ast.Heading // "### Key findings": a section's name, too deep to be one
	)
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level <= 2 {
			txt := p.inlineText(h)
			line := p.line(h)
			if h.Level == 1 && p.paper.Title == "" && cur == nil {
				if txt == "" {
					p.firstH1 = line
					continue
				}
				p.paper.Title, p.paper.TitleLine = txt, line
				continue
			}
			if h.Level == 1 {
				p.problem(line, 1, summary.ProblemMultipleTitles, "more than one \"# \" title")
			}
			if cur == nil {
				nodes = nodes[len(preamble):len(preamble)]
			} else {
				nodes = nodes[len(cur.blocks):len(cur.blocks)]
			}
			sections = append(sections, section{heading: summary.Heading{Text: txt, Key: summary.SectionOf(txt), Level: h.Level, Line: line}, blocks: nodes[:0]})
			cur = &sections[len(sections)-1]
			p.sections = sections
			if cur.heading.Key == "" {
				// Only an unknown heading pays for the comparison.
				if near := summary.NearSection(txt); near != "" {
					cur.heading.Near = near
					p.problem(line, 1, summary.ProblemUnknownSection, UnknownSection(txt, near))
				}
			}
			continue
		}
		if h, ok := n.(*ast.Heading); ok {
			if k := summary.SectionOf(p.inlineText(h)); k != "" {
				deep = append(deep, h)
			}
		}
		if p.directive(n) {
			continue // <!-- vagut-disable ... --> is for validate, not content
		}
		if url, ok := p.sourceLine(n); ok {
			u := url // declared here, so that only a Source line costs an allocation
			p.paper.URL, p.paper.URLLine = &u, p.line(n)
			// The "---" before the Source line closes the summary; it is no content.
			if cur != nil && len(cur.blocks) > 0 {
				if _, hr := cur.blocks[len(cur.blocks)-1].(*ast.ThematicBreak); hr {
					cur.blocks = cur.blocks[:len(cur.blocks)-1]
				}
			} else if cur == nil && len(preamble) > 0 {
				if _, hr := preamble[len(preamble)-1].(*ast.ThematicBreak); hr {
					preamble = preamble[:len(preamble)-1]
				}
			}
			continue
		}
		if cur == nil {
			preamble = append(preamble, n)
		} else {
			cur.blocks = append(cur.blocks, n)
		}
	}
	p.preamble(preamble)
	p.deepHeadings(deep, sections)
	seen := map[string]int{}
	p.paper.Headings = slices.Grow(p.paper.Headings, len(sections))
	for i := range sections {
		s := &sections[i]
		s.heading.Empty = len(s.blocks) == 0
		s.heading.End = s.heading.Line
		if !s.heading.Empty {
			s.heading.End = p.lastLine(s.blocks[len(s.blocks)-1])
		}
		s.heading.Placeholder = p.placeholder(s.heading.Key, s.blocks)
		p.paper.Headings = append(p.paper.Headings, s.heading)
		if k := s.heading.Key; k != "" {
			if prev, dup := seen[k]; dup {
				p.problem(s.heading.Line, 1, summary.ProblemDuplicateSection,
					fmt.Sprintf("section %q appears again (first at line %d)", s.heading.Text, prev))
				if k != summary.KeyFindings && k != summary.LinkedEntities && k != summary.FullTextEntities {
					p.other(s)
					continue
				}
			}
			seen[k] = s.heading.Line
		}
		if s.heading.Placeholder {
			if s.heading.Key == summary.FullText {
				p.paper.FullTextLine = s.heading.Line
			}
			continue
		}
		p.knownSection(s)
	}
}

// sourceLine recognises the trailing "Source: <url>" paragraph.
func (p *parser_) sourceLine(n ast.Node) (string, bool) {
	para, ok := n.(*ast.Paragraph)
	if !ok || para.Lines().Len() != 1 {
		return "", false
	}
	seg := para.Lines().At(0)
	line := bytes.TrimSpace(seg.Value(p.src))
	if !bytes.HasPrefix(line, []byte("Source:")) {
		return "", false
	}
	u, ok := sourceURL(line)
	if !ok {
		return "", false
	}
	return string(u), true
}

// sourceURL is the submatch of ^Source:\s*<?(\S+?)>?\s*$, read by hand: the regular expression's
// backtracking was a thirtieth of the parse. line starts with "Source:".
func sourceURL(line []byte) ([]byte, bool) {
	rest := line[len("Source:"):]
	for len(rest) > 0 && isRESpace(rest[0]) {
		rest = rest[1:]
	}
	for len(rest) > 0 && isRESpace(rest[len(rest)-1]) {
		rest = rest[:len(rest)-1]
	}
	for _, c := range rest {
		if isRESpace(c) {
			return nil, false // \S+ cannot cross it, nor can anything after
		}
	}
	if len(rest) > 1 && rest[0] == '<' {
		rest = rest[1:] // <? takes the bracket when what follows can match
	}
	if len(rest) > 1 && rest[len(rest)-1] == '>' {
		rest = rest[:len(rest)-1] // the lazy \S+? leaves a closing > to >?
	}
	if len(rest) == 0 {
		return nil, false
	}
	return rest, true
}

// isRESpace is \s in Go's regular expressions: [\t\n\f\r ].
func isRESpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func (p *parser_) knownSection(s *section) {
	pp := p.paper
	switch s.heading.Key {
	case summary.TLDR:
		pp.TLDR = p.prose(s.blocks)
	case summary.Contribution:
		pp.Contribution = p.prose(s.blocks)
	case summary.Abstract:
		pp.Abstract = p.prose(s.blocks)
	case summary.KeyFindings:
		pp.KeyFindings = append(pp.KeyFindings, p.findings(s.blocks)...)
	case summary.LinkedEntities:
		pp.LinkedEntities = p.entityLists(pp.LinkedEntities, s.blocks)
	case summary.FullTextEntities:
		pp.Entities = p.entityLists(pp.Entities, s.blocks)
	case summary.FullText:
		pp.FullTextLine = s.heading.Line
		if raw := p.raw(s.blocks); raw != "" {
			pp.FullText = &raw
			if u := fullTextURL(raw); u != "" {
				pp.FullTextURL = &u
			}
		}
	default:
		p.other(s)
	}
}

func (p *parser_) other(s *section) {
	p.paper.OtherSections = append(p.paper.OtherSections, summary.Section{
		Heading: s.heading.Text, Text: p.raw(s.blocks), Line: s.heading.Line,
	})
}

var urlRE = lazy.Regexp{Expr: `https?://[^\s<>()\[\]]+`}

func fullTextURL(s string) string {
	u := urlRE.Get().FindString(s)
	return strings.TrimRight(u, ".,;:!?*_")
}

// deepHeadings names each heading below level 2 that carries the name of a
// section the file does not have: its text stays in the section above it,
// and the digest would lack the section without a word.
func (p *parser_) deepHeadings(deep []*ast.Heading, sections []section) {
	if len(deep) == 0 {
		return
	}
	have := map[string]bool{}
	for i := range sections {
		have[sections[i].heading.Key] = true
	}
	for _, h := range deep {
		txt := p.inlineText(h)
		k := summary.SectionOf(txt)
		if have[k] {
			continue
		}
		have[k] = true // once per section
		p.problem(p.line(h), 1, summary.ProblemUnknownSection, fmt.Sprintf("%q is a level-%d heading, not read as a section (did you mean %q?)",
			strings.Repeat("#", h.Level)+" "+txt, h.Level, "## "+summary.SectionName(k)))
	}
}

// UnknownSection is the message for a heading close to a known section's.
func UnknownSection(heading, near string) string {
	return fmt.Sprintf("unknown section %q (did you mean %q?)", heading, summary.SectionName(near))
}

// lastLine is the line of the last character of block n, trailing blank
// lines and the "---" taken out before a Source line aside.
func (p *parser_) lastLine(n ast.Node) int {
	end := p.end(n)
	for end > 0 && (p.src[end-1] == ' ' || p.src[end-1] == '\t' || p.src[end-1] == '\n') {
		end--
	}
	return p.idx.line(max(end-1, 0))
}

// paperID is the Source URL's last segment, else the DOI, else the file stem.
func paperID(pp *summary.Paper, path string) string {
	if pp.URL != nil {
		u := *pp.URL
		if i := strings.IndexAny(u, "?#"); i >= 0 {
			u = u[:i]
		}
		u = strings.TrimRight(u, "/")
		if i := strings.LastIndexByte(u, '/'); i >= 0 && i+1 < len(u) && !strings.HasSuffix(u[:i], ":/") {
			return u[i+1:]
		}
	}
	if pp.DOI != nil && *pp.DOI != "" {
		return *pp.DOI
	}
	if path == "-" || path == "" {
		return "stdin"
	}
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}
