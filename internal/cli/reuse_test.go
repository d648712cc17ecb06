package cli

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/vagut/vagut/internal/gen"
	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/validate"
)

// TestParseKeepsNothingOfSource: summarize and validate read each file into
// a buffer that the next file overwrites (loader.reuseSrc), so neither the
// paper nor validate's result may keep a slice of the bytes. Each input is
// parsed and checked from a buffer, the buffer overwritten, and the result
// compared with that of a copy nobody touches: the parser's fuzz corpus
// (invalid UTF-8, control characters, CR), every fixture, generated papers.
// (The cli tests run from the repository's root.)
func TestParseKeepsNothingOfSource(t *testing.T) {
	srcs, err := gen.FuzzInputs("internal/parse/testdata/fuzz/FuzzParse/*")
	if err != nil || len(srcs) < 100 {
		t.Fatalf("%d fuzz inputs found: %v", len(srcs), err)
	}
	srcs = append(srcs, gen.Files(".md", "seeds", "testdata")...)
	for i := 0; i < 100; i++ {
		srcs = append(srcs, gen.Summary(5, i))
	}
	cfg := validate.DefaultConfig()
	papers := 0
	for i, src := range srcs {
		buf := bytes.Clone(src)
		p, perr := parse.Parse("x.md", buf)
		r := validate.File(&cfg, "x.md", buf)
		for k := range buf {
			buf[k] = 'x'
		}
		wantP, wantErr := parse.Parse("x.md", bytes.Clone(src))
		if !reflect.DeepEqual(p, wantP) || !reflect.DeepEqual(perr, wantErr) {
			t.Fatalf("input %d: the paper changed when its source buffer was overwritten", i)
		}
		if want := validate.File(&cfg, "x.md", bytes.Clone(src)); !reflect.DeepEqual(r, want) {
			t.Fatalf("input %d: validate's result changed when its source buffer was overwritten", i)
		}
		if p != nil {
			papers++
		}
	}
	if papers < 100 {
		t.Fatalf("only %d papers parsed", papers)
	}
}
