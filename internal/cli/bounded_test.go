package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vagut/vagut/internal/gen"
	"github.com/vagut/vagut/internal/spill"
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
		for _, o := range []string{"json", "jsonl", "csv", "md", "yaml"} {
			for _, sort := range []string{"published", "title", "path"} {
				for i, f := range flags {
					if i > 0 && (o == "csv" || o == "jsonl" || o == "yaml") && sort != "published" {
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

// TestBoundedCiteSameBytes: cite without holding the papers (with a --mem
// so small that every entry goes through temporary files, twice, and with
// the default) prints the bytes and messages of the run that holds them, in
// every format: keys shared by several papers ("Gut one", "Gut two" and
// "Guta" by one author in one year; a group of five copies of one paper
// under other DOIs), duplicates left out, filters, --entity, standard input.
func TestBoundedCiteSameBytes(t *testing.T) {
	generated := t.TempDir()
	if err := gen.Write(generated, 11, 40); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(generated, "batch000", "paper000004.md"))
	for i := 0; i < 5; i++ {
		os.WriteFile(filepath.Join(generated, fmt.Sprintf("same-key-%d.md", i)),
			[]byte(strings.ReplaceAll(strings.Replace(string(b), "/gen.11.4 ", fmt.Sprintf("/gen.11.4.%d ", i), 1), "G11-4", fmt.Sprintf("G11-4x%d", i))), 0o644)
	}
	os.WriteFile(filepath.Join(generated, "a-copy.md"), b, 0o644) // the same paper: left out
	os.WriteFile(filepath.Join(generated, "broken.md"), []byte("no title\n"), 0o644)
	corpora := [][]string{append([]string{"../../testdata/dups"}, hostileCite()...), {generated}, {"../../seeds", "../../testdata/corpus", "-"}}
	for _, dirs := range corpora {
		for _, o := range citeFormats {
			for _, f := range [][]string{{}, {"--grep", "gut|lactate"}, {"--entity", "FABP2"}, {"--since", "2015"}} {
				args := append(append([]string{"cite", "-q", "-o", o}, f...), dirs...)
				holdPapers = true
				want := run(t, "# Stdin paper\n", args...)
				holdPapers = false
				for _, mem := range []string{"1", "64MB"} {
					before := spill.FilesWritten()
					got := run(t, "# Stdin paper\n", append(args, "--mem", mem)...)
					if d := cmp.Diff(want, got, cmp.AllowUnexported(result{})); d != "" {
						t.Fatalf("vagut --mem %s %s (-held +bounded):\n%s", mem, strings.Join(args, " "), d)
					}
					// Not held: with a budget of a byte, entries wait in files.
					if mem == "1" && strings.Count(got.stdout, "\n") > 20 && spill.FilesWritten() == before {
						t.Fatalf("vagut --mem 1 %s wrote no temporary file: the entries were held", strings.Join(args, " "))
					}
				}
			}
		}
	}
}
