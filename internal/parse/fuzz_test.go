package parse

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/vagut/vagut/internal/summary"
)

// FuzzParse checks that no input panics the parser and that what it returns
// is consistent: a title, positions inside the file, valid UTF-8 everywhere.
// Crashers are kept in testdata/fuzz/FuzzParse and rerun by `go test`.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"../../seeds", "../../testdata/corpus", "../../testdata/bad"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("# T\n\n## Full-text entities\n\n- **Genes:** A (x [y) {aka z, B ((()\n"))
	// Inputs that were quadratic once: deep nesting, one entity per line.
	f.Add([]byte("# T\n\n" + strings.Repeat(">", 300) + " x\n" + strings.Repeat("- ", 300) + "x\n" + strings.Repeat("1. ", 300) + "x\n"))
	f.Add([]byte("# T\n\n## Full-text entities\n\n- **Genes:** " + strings.Repeat("A [NCBI Gene 1],\n  ", 200) + strings.Repeat(",", 200) + "\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		// A hang is a failure too: the fuzzer records the input it stopped
		// on. Time must stay linear in the input, so any input under 1 MB
		// gets 1 s (the fuzzer's inputs are far smaller).
		limit := time.Second
		if len(src) >= 1<<20 {
			limit = 5 * time.Second
		}
		type res struct {
			p   *summary.Paper
			err error
		}
		done := make(chan res, 1)
		go func() {
			p, err := Parse("fuzz.md", src)
			done <- res{p, err}
		}()
		var r res
		select {
		case r = <-done:
		case <-time.After(limit):
			t.Fatalf("Parse did not return within %v on a %d-byte input", limit, len(src))
		}
		p, err := r.p, r.err
		lines := bytes.Count(src, []byte{'\n'}) + bytes.Count(src, []byte{'\r'}) + 1
		if err != nil {
			pe, ok := err.(*Error)
			if !ok || pe.Line < 1 || pe.Line > lines {
				t.Fatalf("bad error %#v for %d lines", err, lines)
			}
			return
		}
		if p.Title == "" || p.ID == "" {
			t.Fatalf("parsed without title or id: %+v", p)
		}
		check := func(what string, line, col int) {
			if line < 1 || line > lines || col < 0 {
				t.Fatalf("%s at %d:%d, outside a %d-line file", what, line, col, lines)
			}
		}
		check("title", p.TitleLine, 1)
		for _, k := range p.KeyFindings {
			check("finding", k.Line, 1)
		}
		for _, e := range p.AllEntities() {
			check("entity", e.Line, e.Col)
			if e.Col < 1 || e.Type == "" {
				t.Fatalf("entity %+v", e)
			}
		}
		for _, pr := range p.Problems {
			check("problem", pr.Line, pr.Col)
		}
		b, err := json.Marshal(p)
		if err != nil || !utf8.Valid(b) {
			t.Fatalf("record does not marshal to valid JSON: %v", err)
		}
	})
}
