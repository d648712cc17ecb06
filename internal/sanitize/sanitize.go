// Package sanitize shows the characters that would act on a terminal as
// visible text. Summaries and file names are untrusted: an ESC sequence in a
// title could rename the window, write the clipboard or erase lines, a
// newline in a file name could forge a message, U+202E could reverse what is
// read. Everything printed to a terminal or to stderr passes through here.
package sanitize

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Line makes s safe as (part of) one line: every control character, the
// newline included, is shown as an escape.
func Line(s string) string { return clean(s, false) }

// Text makes s safe for a terminal keeping its line breaks and tabs.
func Text(s string) string { return clean(s, true) }

// Unsafe reports whether r would be escaped by Line.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f: // C0 controls, ESC, DEL
		return true
	case r >= 0x80 && r <= 0x9f: // C1 controls (CSI, OSC, DCS as one code point)
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c: // bidi marks
		return true
	}
	return false
}

func clean(s string, keepLines bool) string {
	ok := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || (Unsafe(r) && !(keepLines && (r == '\n' || r == '\t'))) {
			ok = false
			break
		}
		i += n
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepLines && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case Unsafe(r):
			fmt.Fprintf(&b, "U+%04X", r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Writer passes text on with Text applied, for output that reaches a
// terminal. A character split across two writes is held back until it is
// whole; Flush writes what is left.
type Writer struct {
	w    io.Writer
	tail []byte
}

// NewWriter returns a Writer on w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

func (s *Writer) Write(p []byte) (int, error) {
	buf := p
	if len(s.tail) > 0 {
		buf = append(s.tail, p...)
		s.tail = nil
	}
	// Hold back an incomplete character at the end.
	cut := len(buf)
	for k := 1; k <= 3 && k <= len(buf); k++ {
		c := buf[len(buf)-k]
		if c < 0x80 {
			break
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(buf[len(buf)-k:]) {
				cut = len(buf) - k
			}
			break
		}
	}
	s.tail = append([]byte(nil), buf[cut:]...)
	if _, err := io.WriteString(s.w, Text(string(buf[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes a held-back incomplete character, escaped.
func (s *Writer) Flush() error {
	if len(s.tail) == 0 {
		return nil
	}
	t := s.tail
	s.tail = nil
	_, err := io.WriteString(s.w, Text(string(t)))
	return err
}
