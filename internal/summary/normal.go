package summary

import "strings"

// lowerWords writes the ASCII string s lower-cased into dst, its words
// (split at the bytes sep marks) joined by one space: strings.ToLower and
// strings.Join over strings.FieldsFunc, without their three allocations on
// the parser's path (every heading, every entity list item). ok is false
// when s holds a byte past ASCII, or does not fit dst; the caller then
// takes the general path.
func lowerWords(dst []byte, s string, sep func(byte) bool) (out []byte, ok bool) {
	out = dst[:0]
	pending := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return nil, false
		case sep(c):
			pending = len(out) > 0
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if pending {
			if len(out) == cap(out) {
				return nil, false
			}
			out = append(out, ' ')
			pending = false
		}
		if len(out) == cap(out) {
			return nil, false
		}
		out = append(out, c)
	}
	return out, true
}

// headingSep splits a heading's words, as NormalHeading does.
func headingSep(c byte) bool { return c == ' ' || c == '-' || c == '_' }

// asciiSpace is unicode.IsSpace for ASCII bytes, as strings.Fields splits.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// normalHeadingASCII is NormalHeading(h) into dst for an ASCII heading.
func normalHeadingASCII(dst []byte, h string) ([]byte, bool) {
	return lowerWords(dst, strings.TrimRight(strings.TrimSpace(h), ":"), headingSep)
}
