package parse

import (
	"reflect"
	"testing"

	"github.com/vagut/vagut/internal/gen"
)

// TestParserReuseChangesNothing: parsers are pooled and their scratch space
// reused by the next file. Every input of the fuzz corpus, every fixture and
// generated papers are parsed in order, and the papers kept; then in reverse
// order, each after a different file than before: every paper must be the
// same, and none of those kept may have changed meanwhile.
func TestParserReuseChangesNothing(t *testing.T) {
	srcs, err := gen.FuzzInputs("testdata/fuzz/FuzzParse/*")
	if err != nil || len(srcs) < 100 {
		t.Fatalf("%d fuzz inputs found: %v", len(srcs), err)
	}
	srcs = append(srcs, gen.Files(".md", "../../seeds", "../../testdata", "testdata")...)
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
