package parse

import (
	"bytes"
	"regexp"
	"testing"
)

// sourceRE is how the Source line was read before sourceURL.
var sourceRE = regexp.MustCompile(`^Source:\s*<?(\S+?)>?\s*$`)

// TestSourceURLMatchesRegexp holds the hand-written reader of the Source
// line to the regular expression it replaces, on every line "Source:" +
// up to 6 bytes over the bytes that matter, and on real lines.
func TestSourceURLMatchesRegexp(t *testing.T) {
	alphabet := []byte{' ', '\t', '<', '>', 'h', ':', '/', '\f', 0xe2}
	var lines [][]byte
	var grow func(prefix []byte)
	grow = func(prefix []byte) {
		lines = append(lines, append([]byte("Source:"), prefix...))
		if len(prefix) == 6 {
			return
		}
		for _, c := range alphabet {
			grow(append(bytes.Clone(prefix), c))
		}
	}
	grow(nil)
	for _, l := range []string{
		"Source: https://pmc.ncbi.nlm.nih.gov/articles/PMC12769693/",
		"Source: <https://example.org/a>", "Source:<https://example.org/a> ", "Source: https://x.org/a b",
		"Source: <<a>>", "Source: <>", "Source: <", "Source: >", "Source: \u00a0https://x.org",
	} {
		lines = append(lines, []byte(l))
	}
	for _, l := range lines {
		got, ok := sourceURL(l)
		m := sourceRE.FindSubmatch(l)
		switch {
		case ok != (m != nil):
			t.Errorf("%q: matched %v, the regular expression %v", l, ok, m != nil)
		case ok && !bytes.Equal(got, m[1]):
			t.Errorf("%q: %q, the regular expression %q", l, got, m[1])
		}
	}
}
