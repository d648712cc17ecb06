package render

import (
	"strconv"
	"unicode/utf8"

	"github.com/vagut/vagut/internal/evidence"
	"github.com/vagut/vagut/internal/summary"
)

// jsonAppender writes JSON for the known record shape straight into a byte
// slice: the same bytes as encoding/json (SetEscapeHTML(false)) followed by
// appendIndent, without reflection or an intermediate value. It was about a
// tenth of summarize -o json's time through encoding/json; the test
// TestAppendPaperMatchesEncodingJSON holds it to encoding/json's bytes.
type jsonAppender struct {
	b      []byte
	prefix string // before every line but the first, indented output only
	indent bool   // two spaces a level, ": " after keys
	depth  int
	first  bool // no element yet in the innermost object or array
}

// spaces indents the lines of the record; deeper levels (none in the
// record's shape) take more than one append.
const spaces = "                                "

func (w *jsonAppender) newline() {
	if !w.indent {
		return
	}
	w.b = append(w.b, '\n')
	w.b = append(w.b, w.prefix...)
	for n := 2 * w.depth; n > 0; n -= len(spaces) {
		w.b = append(w.b, spaces[:min(n, len(spaces))]...)
	}
}

func (w *jsonAppender) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.first = true
}

func (w *jsonAppender) close(c byte) {
	w.depth--
	if !w.first { // {} and [] stay on one line
		w.newline()
	}
	w.b = append(w.b, c)
	w.first = false
}

// elem starts an element of the innermost object or array.
func (w *jsonAppender) elem() {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.newline()
	w.first = false
}

// key starts a member; k is one of the contract's ASCII keys.
func (w *jsonAppender) key(k string) {
	w.elem()
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"', ':')
	if w.indent {
		w.b = append(w.b, ' ')
	}
}

func (w *jsonAppender) str(s string) { w.b = appendJSONString(w.b, s) }

func (w *jsonAppender) strPtr(s *string) {
	if s == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.str(*s)
}

func (w *jsonAppender) strs(ss []string) {
	w.open('[')
	for _, s := range ss {
		w.elem()
		w.str(s)
	}
	w.close(']')
}

func (w *jsonAppender) int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

// paper writes p as NewPaperJSON(p) encodes; ev is the evidence member,
// written only when it is not nil.
func (w *jsonAppender) paper(p *summary.Paper, ev *[]evidence.Sentence) {
	w.open('{')
	w.key("id")
	w.str(p.ID)
	w.key("path")
	w.str(p.Path)
	w.key("title")
	w.str(p.Title)
	w.key("authors")
	w.strs(p.Authors)
	for _, m := range []struct {
		k string
		v *string
	}{{"source", p.Source}, {"doi", p.DOI}, {"journal", p.Journal}, {"published", p.Published},
		{"url", p.URL}, {"full_text_url", p.FullTextURL}, {"tldr", p.TLDR}, {"contribution", p.Contribution}} {
		w.key(m.k)
		w.strPtr(m.v)
	}
	w.key("key_findings")
	w.open('[')
	for _, f := range p.KeyFindings {
		w.elem()
		w.str(f.Text)
	}
	w.close(']')
	w.key("abstract")
	w.strPtr(p.Abstract)
	w.key("linked_entities")
	w.entities(p.LinkedEntities)
	w.key("entities")
	w.entities(p.Entities)
	w.key("other_sections")
	w.open('[')
	for _, s := range p.OtherSections {
		w.elem()
		w.open('{')
		w.key("heading")
		w.str(s.Heading)
		w.key("text")
		w.str(s.Text)
		w.close('}')
	}
	w.close(']')
	if ev != nil {
		w.key("evidence")
		w.open('[')
		for _, e := range *ev {
			w.elem()
			w.open('{')
			w.key("section")
			w.str(e.Section)
			w.key("text")
			w.str(e.Text)
			w.key("matches")
			if e.Matches == nil {
				w.b = append(w.b, "null"...)
				w.close('}')
				continue
			}
			w.open('[')
			for _, m := range e.Matches {
				w.elem()
				w.open('{')
				w.key("start")
				w.int(m.Start)
				w.key("end")
				w.int(m.End)
				w.close('}')
			}
			w.close(']')
			w.close('}')
		}
		w.close(']')
	}
	w.close('}')
}

func (w *jsonAppender) entities(es []summary.Entity) {
	w.open('[')
	for i := range es {
		e := &es[i]
		w.elem()
		w.open('{')
		w.key("type")
		w.str(e.Type)
		w.key("category")
		w.str(e.Category)
		w.key("name")
		w.str(e.Name)
		w.key("description")
		w.strPtr(e.Description)
		w.key("id")
		w.strPtr(e.ID)
		w.key("aliases")
		w.strs(e.Aliases)
		w.close('}')
	}
	w.close(']')
}

// appendPaperJSON appends p as encoding/json encodes NewPaperJSON(p) (plus
// its evidence when ev is not nil): compact when prefix is "", else
// indented by two spaces with prefix before every line but the first.
func appendPaperJSON(dst []byte, p *summary.Paper, ev *[]evidence.Sentence, prefix string) []byte {
	if need := sizeHint(p, len(prefix)); cap(dst)-len(dst) < need {
		// One allocation instead of a dozen doublings, each copied and cleared.
		dst = append(make([]byte, 0, len(dst)+need), dst...)
	}
	w := jsonAppender{b: dst, prefix: prefix, indent: prefix != ""}
	w.paper(p, ev)
	return w.b
}

// sizeHint is about the length of p's JSON with prefix bytes before each
// line: its text plus each member's key, quotes and indentation.
func sizeHint(p *summary.Paper, prefix int) int {
	line := 9 // a member's quotes, comma and colon, compact
	if prefix > 0 {
		line = prefix + 16 // newline, prefix, indentation, ": "
	}
	n := 20*line + len(p.ID) + len(p.Path) + len(p.Title)
	for _, s := range p.Authors {
		n += len(s) + line
	}
	for _, s := range []*string{p.Source, p.DOI, p.Journal, p.Published, p.URL, p.FullTextURL, p.TLDR, p.Contribution, p.Abstract} {
		if s != nil {
			n += len(*s)
		}
	}
	for i := range p.KeyFindings {
		n += len(p.KeyFindings[i].Text) + line
	}
	for _, es := range [][]summary.Entity{p.LinkedEntities, p.Entities} {
		for i := range es {
			e := &es[i]
			n += len(e.Type) + len(e.Category) + len(e.Name) + 9*line
			if e.Description != nil {
				n += len(*e.Description)
			}
			if e.ID != nil {
				n += len(*e.ID)
			}
			for _, a := range e.Aliases {
				n += len(a) + line
			}
		}
	}
	for i := range p.OtherSections {
		n += len(p.OtherSections[i].Heading) + len(p.OtherSections[i].Text) + 4*line
	}
	return n + n/64 + 1 // escapes, a newline after a JSON line
}

const hexDigits = "0123456789abcdef"

// appendJSONString is encoding/json's string encoding without HTML
// escaping: quotes, backslashes and control characters escaped, invalid
// UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
