package cli

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// endless reads as /dev/zero does: bytes without end, whatever stat said.
type endless struct{}

func (endless) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestReadSized: the read into a buffer of the stat's size stops at the end
// whether the size was right, too small (the file grew) or too large, and
// at limit+1 bytes on a file without end; a reused buffer gives the same.
func TestReadSized(t *testing.T) {
	text := strings.Repeat("abcdefghij", 300) // 3,000 bytes
	for _, c := range []struct {
		name        string
		size, limit int64
		dst         []byte
	}{
		{"exact size", 3000, 1 << 20, nil},
		{"grew after stat", 10, 1 << 20, nil},
		{"shrank after stat", 9000, 1 << 20, nil},
		{"reused small buffer", 3000, 1 << 20, make([]byte, 5, 100)},
		{"reused large buffer", 3000, 1 << 20, make([]byte, 0, 8000)},
	} {
		for _, r := range []io.Reader{strings.NewReader(text), iotest.OneByteReader(strings.NewReader(text)), iotest.DataErrReader(strings.NewReader(text))} {
			b, err := readSized(c.dst, r, c.size, c.limit)
			if err != nil || string(b) != text {
				t.Errorf("%s: %d bytes, %v; want the 3,000 bytes", c.name, len(b), err)
			}
		}
	}
	b, err := readSized(nil, strings.NewReader(text), 3000, 100)
	if err != nil || len(b) != 101 || !bytes.Equal(b, []byte(text[:101])) {
		t.Errorf("limit 100: %d bytes, %v; want 101 (one past the limit, to say it is larger)", len(b), err)
	}
	b, err = readSized(nil, endless{}, 0, 5000)
	if err != nil || len(b) != 5001 {
		t.Errorf("a file without end: %d bytes, %v; want 5001", len(b), err)
	}
	if _, err := readSized(nil, iotest.ErrReader(io.ErrClosedPipe), 10, 100); err != io.ErrClosedPipe {
		t.Errorf("read error: %v", err)
	}
}
