package parse

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/vagut/vagut/internal/gen"
)

// TestParserReuseChangesNothing: parsers are pooled and their scratch space
// reused by the next file. Every input of the fuzz corpus, every fixture and
// generated papers are parsed in order, and the papers kept; then in reverse
// order, each after a different file than before: every paper must be the
// same, and none of those kept may have changed meanwhile.
func TestParserReuseChangesNothing(t *testing.T) {
	var srcs [][]byte
	fuzz, _ := filepath.Glob("testdata/fuzz/FuzzParse/*")
	for _, f := range fuzz {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if q, ok := strings.CutPrefix(line, "[]byte("); ok {
				if s, err := strconv.Unquote(strings.TrimSuffix(q, ")")); err == nil {
					srcs = append(srcs, []byte(s))
				}
			}
		}
	}
	if len(srcs) < 100 {
		t.Fatalf("only %d fuzz inputs found", len(srcs))
	}
	for _, dir := range []string{"../../seeds", "../../testdata", "testdata"} {
		_ = filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() && strings.HasSuffix(path, ".md") {
				if b, err := os.ReadFile(path); err == nil {
					srcs = append(srcs, b)
				}
			}
			return nil
		})
	}
	for i := 0; i < 100; i++ {
		srcs = append(srcs, gen.Summary(7, i))
	}
	type result struct {
		p   any
		err error
	}
	first := make([]result, len(srcs))
	papers := 0
	for i, src := range srcs {
		p, err := Parse("x.md", src)
		first[i] = result{p, err}
		if p != nil {
			papers++
		}
	}
	if papers < 150 {
		t.Fatalf("only %d papers parsed", papers)
	}
	for i := len(srcs) - 1; i >= 0; i-- {
		p, err := Parse("x.md", srcs[i])
		if !reflect.DeepEqual(first[i], result{p, err}) {
			t.Fatalf("input %d parsed differently after another file (or its first paper changed since)", i)
		}
	}
}
