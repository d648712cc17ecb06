package refs

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/vagut/vagut/internal/lazy"
)

// BibTeX is read by hand: no BibTeX parser for Go is served by the module
// proxy this project builds from (see the README). The grammar is BibTeX's
// own: @type{key, field = value, ...} or with ( ); values in braces, in
// quotes, numbers or @string macros, joined with #; @comment and @preamble
// skipped; text between entries is a comment, as BibTeX reads it.

type bibEntry struct {
	typ, key string
	fields   map[string]string
	order    []string
	line     int
}

type bibParser struct {
	src    string
	i      int
	line   int
	macros map[string]string
}

// months are BibTeX's predefined macros.
var months = lazy.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{"jan": "1", "feb": "2", "mar": "3", "apr": "4", "may": "5", "jun": "6",
		"jul": "7", "aug": "8", "sep": "9", "oct": "10", "nov": "11", "dec": "12"}
}}

func parseBibTeX(src string) ([]bibEntry, error) {
	p := &bibParser{src: src, line: 1, macros: map[string]string{}}
	for k, v := range months.Get() {
		p.macros[k] = v
	}
	var out []bibEntry
	for {
		at := strings.IndexByte(p.src[p.i:], '@')
		if at < 0 {
			return out, nil
		}
		p.advance(at + 1)
		line := p.line
		typ := strings.ToLower(p.ident())
		if typ == "" {
			continue // an @ in a comment
		}
		p.space()
		if p.i >= len(p.src) || (p.src[p.i] != '{' && p.src[p.i] != '(') {
			continue
		}
		closer := byte('}')
		if p.src[p.i] == '(' {
			closer = ')'
		}
		p.advance(1)
		switch typ {
		case "comment":
			if err := p.skipGroup(closer); err != nil {
				return out, err
			}
			continue
		case "preamble":
			if _, err := p.value(closer); err != nil {
				return out, err
			}
			p.space()
			p.expect(closer)
			continue
		case "string":
			p.space()
			name := strings.ToLower(p.ident())
			p.space()
			if !p.expect('=') {
				return out, p.errorf("@string: want name = value")
			}
			v, err := p.value(closer)
			if err != nil {
				return out, err
			}
			p.macros[name] = v
			p.space()
			p.expect(closer)
			continue
		}
		e := bibEntry{typ: typ, fields: map[string]string{}, line: line}
		p.space()
		start := p.i
		for p.i < len(p.src) && p.src[p.i] != ',' && p.src[p.i] != closer && !isSpace(p.src[p.i]) {
			p.advance(1)
		}
		e.key = p.src[start:p.i]
		for {
			p.space()
			if p.i >= len(p.src) {
				return out, fmt.Errorf("%d: entry %q is not closed", line, e.key)
			}
			if p.src[p.i] == closer {
				p.advance(1)
				break
			}
			if p.src[p.i] == ',' {
				p.advance(1)
				continue
			}
			name := strings.ToLower(p.ident())
			if name == "" {
				return out, p.errorf("entry %q: want a field name", e.key)
			}
			p.space()
			if !p.expect('=') {
				return out, p.errorf("entry %q: want = after %s", e.key, name)
			}
			v, err := p.value(closer)
			if err != nil {
				return out, err
			}
			if _, dup := e.fields[name]; !dup {
				e.order = append(e.order, name)
			}
			e.fields[name] = v
		}
		out = append(out, e)
	}
}

func (p *bibParser) errorf(format string, args ...any) error {
	return fmt.Errorf("%d: %s", p.line, fmt.Sprintf(format, args...))
}

func (p *bibParser) advance(n int) {
	p.line += strings.Count(p.src[p.i:p.i+n], "\n")
	p.i += n
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func (p *bibParser) space() {
	for p.i < len(p.src) && isSpace(p.src[p.i]) {
		p.advance(1)
	}
}

func (p *bibParser) expect(c byte) bool {
	if p.i < len(p.src) && p.src[p.i] == c {
		p.advance(1)
		return true
	}
	return false
}

// ident reads a name: BibTeX allows most printable characters but the
// delimiters.
func (p *bibParser) ident() string {
	start := p.i
	for p.i < len(p.src) {
		c := p.src[p.i]
		if isSpace(c) || strings.IndexByte(`{}(),=#"@%'`, c) >= 0 {
			break
		}
		p.advance(1)
	}
	return p.src[start:p.i]
}

// value reads one field's value: parts joined by #.
func (p *bibParser) value(closer byte) (string, error) {
	var b strings.Builder
	for {
		p.space()
		if p.i >= len(p.src) {
			return "", p.errorf("value not closed")
		}
		switch c := p.src[p.i]; {
		case c == '{':
			s, err := p.braced()
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		case c == '"':
			s, err := p.quoted()
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		case c >= '0' && c <= '9':
			start := p.i
			for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
				p.advance(1)
			}
			b.WriteString(p.src[start:p.i])
		default:
			name := strings.ToLower(p.ident())
			if name == "" {
				return "", p.errorf("want a value in braces, quotes, a number or a @string name")
			}
			v, ok := p.macros[name]
			if !ok {
				return "", p.errorf("unknown @string %q", name)
			}
			b.WriteString(v)
		}
		p.space()
		if !p.expect('#') {
			return b.String(), nil
		}
	}
}

// braced reads {...} with nested braces and returns the inside, braces within kept.
func (p *bibParser) braced() (string, error) {
	start, line := p.i, p.line
	depth := 0
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '\\' && p.i+1 < len(p.src):
			p.advance(2)
			continue
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				p.advance(1)
				return p.src[start+1 : p.i-1], nil
			}
		}
		p.advance(1)
	}
	return "", fmt.Errorf("%d: { not closed", line)
}

// quoted reads "..."; a quote inside braces does not end it.
func (p *bibParser) quoted() (string, error) {
	start, line := p.i, p.line
	p.advance(1)
	depth := 0
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '\\' && p.i+1 < len(p.src):
			p.advance(2)
			continue
		case c == '{':
			depth++
		case c == '}':
			depth--
		case c == '"' && depth == 0:
			p.advance(1)
			return p.src[start+1 : p.i-1], nil
		}
		p.advance(1)
	}
	return "", fmt.Errorf("%d: \" not closed", line)
}

// skipGroup skips to the closer at depth zero (an @comment{...}).
func (p *bibParser) skipGroup(closer byte) error {
	depth := 0
	for p.i < len(p.src) {
		c := p.src[p.i]
		p.advance(1)
		switch {
		case c == '{' || c == '(' && closer == ')':
			depth++
		case c == closer && depth == 0:
			return nil
		case c == '}' || c == ')' && closer == ')':
			depth--
		}
	}
	return nil
}

// splitNames cuts an author field at " and " outside braces.
func splitNames(s string) []string {
	var out []string
	depth, start := 0, 0
	words := []rune(s)
	for i := 0; i < len(words); i++ {
		switch words[i] {
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth == 0 && i+5 <= len(words) && unicode.IsSpace(words[i]) && strings.EqualFold(string(words[i+1:i+4]), "and") && unicode.IsSpace(words[i+4]) {
			out = append(out, strings.TrimSpace(string(words[start:i])))
			start = i + 5
			i += 4
		}
	}
	out = append(out, strings.TrimSpace(string(words[start:])))
	var kept []string
	for _, n := range out {
		if n != "" {
			kept = append(kept, n)
		}
	}
	return kept
}

// commaParts splits a BibTeX name at commas outside braces.
func commaParts(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}
