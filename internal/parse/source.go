package parse

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// prepare strips a BOM, turns CRLF and lone CR into LF (CommonMark's line
// endings, so line numbers do not move) and replaces invalid UTF-8 with U+FFFD.
// It reports the line of the first invalid byte, 0 if none.
func prepare(src []byte) (out []byte, badUTF8Line int) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') >= 0 {
		b := make([]byte, 0, len(src))
		for i := 0; i < len(src); i++ {
			if src[i] == '\r' {
				b = append(b, '\n')
				if i+1 < len(src) && src[i+1] == '\n' {
					i++
				}
				continue
			}
			b = append(b, src[i])
		}
		src = b
	}
	if !utf8.Valid(src) {
		for i := 0; i < len(src); {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n == 1 {
				badUTF8Line = bytes.Count(src[:i], []byte{'\n'}) + 1
				break
			}
			i += n
		}
		src = bytes.ToValidUTF8(src, []byte("\uFFFD"))
	}
	return src, badUTF8Line
}

// lineIndex maps byte offsets to 1-based lines and columns.
type lineIndex struct {
	src    []byte
	starts []int
	// The last column computed: entities are visited left to right, so on a
	// 5 MB one-line list each column costs the distance from the previous one.
	lastLine, lastOff, lastCol int
}

func newLineIndex(src []byte) *lineIndex { return newLineIndexIn(src, nil) }

// newLineIndexIn is newLineIndex with the line starts in buf's space.
func newLineIndexIn(src []byte, buf []int) *lineIndex {
	starts := buf[:0]
	if n := bytes.Count(src, []byte{'\n'}) + 1; cap(starts) < n {
		starts = make([]int, 0, n)
	}
	starts = append(starts, 0)
	for i := 0; ; {
		k := bytes.IndexByte(src[i:], '\n') // vectorised, unlike a loop over the bytes
		if k < 0 {
			break
		}
		i += k + 1
		starts = append(starts, i)
	}
	return &lineIndex{src: src, starts: starts}
}

// line returns the 1-based line of offset off.
func (x *lineIndex) line(off int) int {
	return sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off })
}

// col returns the 1-based column of off, counted in characters.
func (x *lineIndex) col(off int) int {
	l := x.line(off)
	if off > len(x.src) {
		off = len(x.src)
	}
	start := x.starts[l-1]
	if x.lastLine == l && x.lastOff <= off {
		x.lastCol += utf8.RuneCount(x.src[x.lastOff:off])
	} else {
		x.lastCol = utf8.RuneCount(x.src[start:off]) + 1
	}
	x.lastLine, x.lastOff = l, off
	return x.lastCol
}

// lineStart returns the offset where 1-based line l starts (len(src) past the end).
func (x *lineIndex) lineStart(l int) int {
	if l-1 < len(x.starts) {
		return x.starts[l-1]
	}
	return len(x.src)
}

// MaxNesting is how many block quotes and list items one line may open.
// goldmark's work per line grows with the number of containers open on it
// times the line's length, so 100,000 ">" on one line took seconds and
// 200,000 four times as long. CommonMark implementations cap the depth
// (markdown-it at 100); past it vagut escapes the next marker, so the rest of
// the line is kept as text, and reports the line.
const MaxNesting = 100

// capNesting escapes, with a backslash, the first container marker past
// MaxNesting on each line. It returns src itself when no line nests that
// deep, and the offsets (in the result) of the backslashes it added.
func capNesting(src []byte) ([]byte, []int) {
	var out []byte
	var at []int
	last := 0 // src is copied into out up to here
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		if m := deepMarker(src[start:end]); m >= 0 {
			if out == nil {
				out = make([]byte, 0, len(src)+64)
			}
			out = append(out, src[last:start+m]...)
			at = append(at, len(out))
			out = append(out, '\\')
			last = start + m
		}
		start = end + 1
	}
	if out == nil {
		return src, nil
	}
	return append(out, src[last:]...), at
}

// deepMarker returns the offset in line l of the container marker that
// would open the (MaxNesting+1)th block quote or list item, or -1. It reads
// markers as CommonMark does at the start of a line: ">", "-", "*", "+" or
// up to nine digits and "." or ")", each after at most three spaces; a
// thematic break ("- - -") is no marker.
func deepMarker(l []byte) int {
	if len(l) <= MaxNesting {
		return -1 // each level takes at least one byte
	}
	i, depth := 0, 0
	for {
		sp := 0
		for i < len(l) && (l[i] == ' ' || l[i] == '\t') && sp < 4 {
			i++
			sp++
		}
		if sp == 4 || i >= len(l) {
			return -1
		}
		mark := i
		switch c := l[i]; {
		case c == '>':
			i++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t'):
			if depth >= MaxNesting && thematicBreak(l[i:]) {
				return -1
			}
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j >= len(l) || (l[j] != '.' && l[j] != ')') || (j+1 < len(l) && l[j+1] != ' ' && l[j+1] != '\t') {
				return -1
			}
			mark, i = j, j+1
		default:
			return -1
		}
		depth++
		if depth > MaxNesting {
			return mark
		}
	}
}

// thematicBreak reports whether l is three or more of one of - * _ with
// only spaces or tabs between.
func thematicBreak(l []byte) bool {
	var c byte
	n := 0
	for _, b := range l {
		switch {
		case b == ' ' || b == '\t':
		case n == 0 && (b == '-' || b == '*' || b == '_'):
			c, n = b, 1
		case b == c:
			n++
		default:
			return false
		}
	}
	return n >= 3
}
