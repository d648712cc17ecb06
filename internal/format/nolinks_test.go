package format

import (
	"github.com/vagut/vagut/internal/gen"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Past maxBrackets "]" in a file, scan parses without goldmark's link
// parser. The hard breaks and definitions it finds must be the same on what
// summaries hold: every fixture, the seed, the fuzz corpus, and links whose
// text holds a break.
func TestScanWithoutLinksFindsTheSame(t *testing.T) {
	inputs := gen.Files(".md", "../../testdata")
	inputs = append(inputs, gen.Files("", "../../seeds")...)
	fuzz, err := gen.FuzzInputs("testdata/fuzz/FuzzFormat/*")
	if err != nil {
		t.Fatal(err)
	}
	inputs = append(inputs, fuzz...)
	head := "# T\n\nPMC · DOI: 10.1/x · J · 2020-01-01\n\n## Abstract\n\n"
	for _, body := range []string{
		"see [the trial][t1]\\\nand [a\\\nb](https://x.org) then  \nend\n\n[t1]: https://x.org/t\n",
		"![fig](a.png)\\\n[x] `code\\` y\\\nz\n",
		"[link text  \nover lines](u)\\\nlast\n",
	} {
		inputs = append(inputs, []byte(head+body))
	}
	if len(inputs) < 50 {
		t.Fatalf("only %d inputs found", len(inputs))
	}
	for i, in := range inputs {
		full, plain := scanWith(in, mdFull.Get()), scanWith(in, mdNoLinks.Get())
		if d := cmp.Diff(full, plain, cmp.AllowUnexported(extras{}, hardBreak{})); d != "" {
			t.Errorf("input %d (%q…): without links (-full +plain):\n%s", i, firstBytes(in, 80), d)
		}
	}
}

func firstBytes(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}
