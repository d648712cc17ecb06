package sanitize

import (
	"bytes"
	"testing"
)

func TestLine(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain text · é 漢字", "plain text · é 漢字"},
		{"a\x1b]0;title\x07b", `a\x1b]0;title\x07b`},
		{"fake.md\nvagut: x", `fake.md\nvagut: x`},
		{"cr\rtab\t", `cr\rtab\t`},
		{"del\x7f", `del\x7f`},
		{"c1 \u009b2J", "c1 U+009B2J"},
		{"\u202eevil\u202c \u2066iso\u2069 \u200f", "U+202EevilU+202C U+2066isoU+2069 U+200F"},
		{"bad \xff byte", `bad \xff byte`},
		{"\ufffd stays", "\ufffd stays"},
	} {
		if got := Line(c.in); got != c.want {
			t.Errorf("Line(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Text("two\nlines\tand \x1b[2J"); got != "two\nlines\tand \\x1b[2J" {
		t.Errorf("Text kept or lost the wrong things: %q", got)
	}
}

// A character split across writes is held back whole, not escaped as two
// broken halves.
func TestWriterSplitsCharacters(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	in := []byte("é\u202e漢\x1b")
	for i := range in {
		if _, err := w.Write(in[i : i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Write([]byte{0xe6}); err != nil { // an incomplete character at the end
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), `éU+202E漢\x1b\xe6`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
