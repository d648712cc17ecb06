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

func newLineIndex(src []byte) *lineIndex {
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
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
