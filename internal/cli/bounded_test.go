package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vagut/vagut/internal/gen"
)

// TestBoundedSummarizeSameBytes: with a --mem so small that every paper
// goes through a temporary file (and the files through more than one round
// of merging), with the default, and holding every paper as before, every
// format, order and filter prints the same bytes and the same messages.
func TestBoundedSummarizeSameBytes(t *testing.T) {
	generated := t.TempDir()
	if err := gen.Write(generated, 9, 70); err != nil {
		t.Fatal(err)
	}
	// Two files with one title: the second heading gets its id.
	b, _ := os.ReadFile(filepath.Join(generated, "batch000", "paper000001.md"))
	os.WriteFile(filepath.Join(generated, "same-title.md"), []byte(strings.Replace(string(b), "/gen.9.1 ", "/gen.9.1x ", 1)), 0o644)
	os.WriteFile(filepath.Join(generated, "broken.md"), []byte("no title\n"), 0o644)
	// The same paper twice: the first by path is kept.
	b, _ = os.ReadFile(filepath.Join(generated, "batch000", "paper000002.md"))
	os.WriteFile(filepath.Join(generated, "a-copy.md"), b, 0o644)
	corpora := [][]string{{"../../testdata/corpus", "../../testdata/views"}, {"../../testdata/bad"}, {generated}, {"../../seeds", "-"}}
	flags := [][]string{{}, {"--limit", "7"}, {"--grep", "gut|lactate"}, {"--type", "gene,disease"},
		{"--grep", "the", "--evidence"}, {"--since", "2015"}, {"--limit", "1", "--sort", "title"},
		{"--entity", "FABP2"}, {"--entity", "IL6-1", "--evidence"}}
	for _, dirs := range corpora {
		for _, o := range []string{"json", "jsonl", "csv", "md"} {
			for _, sort := range []string{"published", "title", "path"} {
				for i, f := range flags {
					if i > 0 && (o == "csv" || o == "jsonl") && sort != "published" {
						continue // the filters are the same code in every format and order
					}
					args := append(append([]string{"summarize", "-q", "-o", o, "--sort", sort}, f...), dirs...)
					holdPapers = true
					want := run(t, "# Stdin paper\n", args...)
					holdPapers = false
					for _, mem := range []string{"1", "64MB"} {
						got := run(t, "# Stdin paper\n", append(args, "--mem", mem)...)
						if d := cmp.Diff(want, got, cmp.AllowUnexported(result{})); d != "" {
							t.Fatalf("vagut --mem %s %s (-held +bounded):\n%s", mem, strings.Join(args, " "), d)
						}
					}
				}
			}
		}
	}
}

// TestStreamedEntitiesSameBytes: the index built as papers stream by is the
// one built from every paper held, in every format and with the filters.
func TestStreamedEntitiesSameBytes(t *testing.T) {
	generated := t.TempDir()
	if err := gen.Write(generated, 10, 60); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(generated, "batch000", "paper000003.md"))
	os.WriteFile(filepath.Join(generated, "a-copy.md"), b, 0o644)
	for _, dirs := range [][]string{{"../../testdata/corpus", "../../testdata/views"}, {generated}, {"../../seeds", "-"}} {
		for _, o := range []string{"json", "jsonl", "csv", "md"} {
			for _, f := range [][]string{{}, {"--type", "gene"}, {"--min-papers", "3"}, {"--entity", "FABP2"}, {"--grep", "gut", "--since", "2010"}} {
				args := append(append([]string{"entities", "-q", "-o", o}, f...), dirs...)
				holdPapers = true
				want := run(t, "# Stdin paper\n", args...)
				holdPapers = false
				if got := run(t, "# Stdin paper\n", args...); got != want {
					t.Fatalf("vagut %s: streamed differs from held:\n%s", strings.Join(args, " "), cmp.Diff(want, got, cmp.AllowUnexported(result{})))
				}
			}
		}
	}
}
