package summary

import (
	"strings"
	"testing"
)

// TestLowerWordsMatchesGeneralPath holds the allocation-free ASCII paths of
// SectionOf and TypeOf to the general ones on every string of up to 5
// bytes over the bytes that matter, and on the format's own names.
func TestLowerWordsMatchesGeneralPath(t *testing.T) {
	alphabet := []byte{' ', '\t', '\n', '-', '_', ':', 'a', 'K', ';', 'z', 0xc3}
	var inputs []string
	var grow func(prefix []byte)
	grow = func(prefix []byte) {
		inputs = append(inputs, string(prefix))
		if len(prefix) == 5 {
			return
		}
		for _, c := range alphabet {
			grow(append(prefix, c))
		}
	}
	grow(nil)
	for _, s := range Sections {
		inputs = append(inputs, s.Name, strings.ToUpper(s.Name)+" :", " "+s.Name+"::")
		inputs = append(inputs, s.Aliases...)
	}
	for _, e := range EntityTypes {
		inputs = append(inputs, e.Labels...)
		for _, l := range e.Labels {
			inputs = append(inputs, strings.ToUpper(l), "  "+l+" \t", strings.ReplaceAll(l, " ", "\n"))
		}
	}
	inputs = append(inputs, strings.Repeat("Key findings ", 10))
	var buf [64]byte
	for _, s := range inputs {
		if got, ok := normalHeadingASCII(buf[:0], s); ok && string(got) != NormalHeading(s) {
			t.Errorf("heading %q: %q, want %q", s, got, NormalHeading(s))
		}
		if got, ok := lowerWords(buf[:0], s, asciiSpace); ok {
			if want := strings.ToLower(strings.Join(strings.Fields(s), " ")); string(got) != want {
				t.Errorf("category %q: %q, want %q", s, got, want)
			}
		}
	}
}
