package format

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/summary"
)

// FuzzFormat checks the round trip: when fmt formats, its output parses to the
// same record and formatting it again changes nothing; otherwise it says why.
// Refusals, the last-resort meaning check's included, leave the file untouched
// and are allowed.
func FuzzFormat(f *testing.F) {
	for _, dir := range []string{"../../seeds", "../../testdata/corpus"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("# T\n\n## Notes\n\nbefore\n\n---\nSource: https://x.org/p/P1\n\nafter\n"))
	f.Add([]byte("# T\n**Authors:** A; B, C\n\n## Key findings\n\n1. one\n2. two\n\n## Linked entities\n\n- x, y\n"))
	f.Add([]byte("# T\n\nPubMed | DOI: 10.1/x | J • 2018 Sept. 5\n\n## TL;DR\n\nx\n"))
	f.Add([]byte("# T\n\nbioRxiv • May 2018\n"))
	f.Add([]byte("# T\n\n## TL;DR\n\na\\\nb  \nc `d\\\ne`\n\n## Key findings\n\n* x  \n  y\n\n[t]: https://e.org/t\n\n## Linked entities\n\n- **Genes:** A [NCBI Gene 1]\n\n[u]: <https://e.org/u> \"U\"\n"))
	f.Add([]byte("# T\n<!-- vagut-disable VG006 -->\n## Key findings\n\n* a <!-- vagut-disable-line VG022 -->\n<!-- vagut-disable-next-line VG022 -->\n* b\n\n## Full-text entities\n\n- **Genes:** A [NCBI Gene 1],\n  B [NCBI Gene 2] <!-- vagut-disable-line -->\n<!-- vagut-disable -->"))
	f.Fuzz(func(t *testing.T, src []byte) {
		out, err := sourceWithin(t, src, 5*time.Second)
		if err != nil {
			var fe *Error
			var pe *parse.Error
			switch {
			case errors.As(err, &pe):
			case errors.As(err, &fe) && strings.HasPrefix(fe.Msg, "not formatted: "):
			default:
				t.Fatalf("fmt failed its own meaning check: %v", err)
			}
			return
		}
		before, _ := parse.Parse("fuzz.md", src)
		after, err := parse.Parse("fuzz.md", out)
		if err != nil || !summary.SameContent(before, after) {
			t.Fatalf("output reads differently (%v):\n%q", err, out)
		}
		again, err := Source("fuzz.md", out)
		if err != nil {
			t.Fatalf("fmt output does not format: %v\n%q", err, out)
		}
		if string(again) != string(out) {
			t.Fatalf("not idempotent:\n%q\n%q", out, again)
		}
	})
}

// sourceWithin fails the test when Source hangs, so the fuzzer keeps the input.
func sourceWithin(t *testing.T, src []byte, limit time.Duration) ([]byte, error) {
	type res struct {
		out []byte
		err error
	}
	done := make(chan res, 1)
	go func() {
		out, err := Source("fuzz.md", src)
		done <- res{out, err}
	}()
	select {
	case r := <-done:
		return r.out, r.err
	case <-time.After(limit):
		t.Fatalf("Source did not return within %v on a %d-byte input", limit, len(src))
		return nil, nil
	}
}
