package render

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/vagut/vagut/internal/evidence"
	"github.com/vagut/vagut/internal/gen"
	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/summary"
)

// corpusPapers parses every input the project keeps: the fuzz corpus of the
// parser (hostile bytes: invalid UTF-8, control characters, brackets), the
// fixtures, the seeds and a generated corpus.
func corpusPapers(t *testing.T) []*summary.Paper {
	t.Helper()
	// The fuzz inputs: go test fuzz v1, then one []byte("...") line.
	srcs, err := gen.FuzzInputs("../parse/testdata/fuzz/FuzzParse/*")
	if err != nil || len(srcs) < 100 {
		t.Fatalf("%d fuzz inputs found: %v", len(srcs), err)
	}
	srcs = append(srcs, gen.Files("", "../../seeds", "../../testdata/corpus", "../../testdata/bad", "../../testdata/hostile", "../../testdata/views")...)
	for i := 0; i < 300; i++ {
		srcs = append(srcs, gen.Summary(11, i))
	}
	// What no file above may hold: every escape encoding/json makes.
	srcs = append(srcs, []byte("# T \"q\" \\ \x01\x08\x0c\x1f\x7f \u2028\u2029 <&> \xff\xfe é 😀\n\n"+
		"**Authors:** A \"B\", C\\D\n\nPMC · DOI: 10.1/x\"y · J\tK · 2020-01-02\n\n## TL;DR\n\nT\u2028L\n\n"+
		"## Key findings\n\n- a\x00b\n- \xc3\n\n## Weird\n\ntext \x1b[31m red\n\n## Full-text entities\n\n"+
		"- **Genes:** X (desc \"q\") [NCBI Gene 1] {aka a\\b, c\u2029}\n"))
	var papers []*summary.Paper
	for i, src := range srcs {
		p, err := parse.Parse("dir/"+strconv.Itoa(i)+"\x01\"é.md", src)
		if err == nil {
			papers = append(papers, p)
		}
	}
	if len(papers) < 100 {
		t.Fatalf("only %d papers parsed", len(papers))
	}
	return papers
}

// TestAppendPaperMatchesEncodingJSON holds the hand-written JSON to the
// bytes of encoding/json (escaping, nulls, empty lists, indentation), with
// and without evidence, compact and indented.
func TestAppendPaperMatchesEncodingJSON(t *testing.T) {
	papers := corpusPapers(t)
	for _, withEvidence := range []bool{false, true} {
		d := &Digest{}
		if withEvidence {
			d.Evidence = map[*summary.Paper][]evidence.Sentence{}
			for i, p := range papers {
				switch i % 3 {
				case 0:
					d.Evidence[p] = evidence.Find(p, []string{"a", "the", "FABP2"}, nil)
				case 1:
					d.Evidence[p] = []evidence.Sentence{{Section: "tldr", Text: "x\ny"}} // nil matches: null
				}
			}
		}
		for _, prefix := range []string{"", "    "} {
			for _, p := range papers {
				want, err := marshalPrefix(d.paperJSON(p), prefix, indentOf(prefix))
				if err != nil {
					t.Fatal(err)
				}
				got := d.AppendPaper([]byte("keep"), p, prefix)
				if !bytes.Equal(got[4:], want) || string(got[:4]) != "keep" {
					t.Fatalf("%q (evidence %v, prefix %q):\n got %s\nwant %s", p.Path, withEvidence, prefix, got[4:], want)
				}
			}
		}
	}
}

func BenchmarkAppendPaper(b *testing.B) {
	var papers []*summary.Paper
	for i := 0; i < 100; i++ {
		p, err := parse.Parse("p.md", gen.Summary(5, i))
		if err != nil {
			b.Fatal(err)
		}
		papers = append(papers, p)
	}
	d := &Digest{}
	b.Run("appender", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for i := 0; i < b.N; i++ {
			buf = d.AppendPaper(buf[:0], papers[i%len(papers)], "    ")
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := marshalPrefix(d.paperJSON(papers[i%len(papers)]), "    ", "  "); err != nil {
				b.Fatal(err)
			}
		}
	})
}
