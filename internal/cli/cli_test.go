package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vagut/vagut/internal/iostreams"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// Tests run from the repository root, so that paths in the output read as a
// user would type them and the default ./seeds is found.
func TestMain(m *testing.M) {
	// The test binary doubles as vagut for tests that need a real terminal
	// (tmux) or a real process (signals, pipes).
	if os.Getenv("VAGUT_TEST_AS_VAGUT") == "1" {
		os.Exit(Main())
	}
	flag.Parse()
	if err := os.Chdir("../.."); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

type result struct {
	stdout, stderr string
	code           int
}

func run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	ios, in, out, errOut := iostreams.Test()
	in.WriteString(stdin)
	code := Run(ios, args)
	return result{out.String(), errOut.String(), code}
}

const corpusDir = "testdata/corpus"

// ids runs summarize -o jsonl with args and returns the paper ids in order.
func ids(t *testing.T, args ...string) []string {
	t.Helper()
	r := run(t, "", append([]string{"summarize", "-o", "jsonl"}, args...)...)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("summarize %v: exit %d, stderr %q", args, r.code, r.stderr)
	}
	out := []string{}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if line == "" {
			continue
		}
		var p struct{ ID string }
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("jsonl line %q: %v", line, err)
		}
		out = append(out, p.ID)
	}
	return out
}

const (
	seed    = "PMC12769693"                  // 2026-01-05, Journal of Artificial Organs
	pig     = "PMC8000001"                   // 2021-08-15, pig, FABP2
	rat     = "PMC6500002"                   // 2019-05-14, Critical Care, no DOI
	cohort  = "PMC9900003"                   // 2023-02-03, medRxiv, FABP2
	micro   = "10.1097/CCM.0000000000005123" // 2022-11-30, Critical Care Medicine
	preprnt = "10.48550/arXiv.2403.01234"    // 2024-03-02, arXiv
)

// Every filter has a case that a broken filter would fail.
func TestFilters(t *testing.T) {
	all := []string{"seeds", corpusDir}
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"no filter, newest first", nil, []string{seed, preprnt, cohort, micro, pig, rat}},
		{"entity by alias", []string{"--entity", "I-FABP"}, []string{seed, cohort, pig}},
		{"entity by name, any case", []string{"--entity", "fabp2"}, []string{seed, cohort, pig}},
		{"entity by CURIE", []string{"--entity", "NCBIGene:2169"}, []string{seed, cohort, pig}},
		{"entity by written id", []string{"--entity", "NCBI Gene 2169"}, []string{seed, cohort, pig}},
		{"entity by taxon", []string{"--entity", "taxon 9823"}, []string{pig}},
		{"entity in linked entities only", []string{"--entity", "MONDO:0800175"}, []string{seed, cohort}},
		{"entity by accession", []string{"--entity", "cvcl_0025"}, []string{micro}},
		{"entity OR", []string{"--entity", "Sus scrofa", "--entity", "Escherichia coli"}, []string{micro, pig}},
		{"entity unknown", []string{"--entity", "no such gene"}, []string{}},
		{"type restricts entity", []string{"--entity", "FABP2", "--type", "species"}, []string{}},
		{"type as category", []string{"--entity", "FABP2", "--type", "Genes"}, []string{seed, cohort, pig}},
		{"grep title", []string{"--grep", "COHORT study"}, []string{cohort}},
		{"grep findings and tldr", []string{"--grep", `lactate`}, []string{pig}},
		{"grep regex over abstract", []string{"--grep", `sequenced\s+stool`}, []string{micro}},
		{"grep contribution", []string{"--grep", "large-animal"}, []string{pig}},
		{"author, Unicode case", []string{"--author", "ØDEGAARD"}, []string{pig}},
		{"author OR", []string{"--author", "sato", "--author", "silva"}, []string{micro, rat}},
		{"journal substring", []string{"--journal", "critical care"}, []string{micro, rat}},
		{"since year", []string{"--since", "2022"}, []string{seed, preprnt, cohort, micro}},
		{"until month, inclusive", []string{"--until", "2021-08"}, []string{pig, rat}},
		{"since = until day", []string{"--since", "2021-08-15", "--until", "2021-08-15"}, []string{pig}},
		{"AND across flags", []string{"--entity", "I-FABP", "--since", "2022"}, []string{seed, cohort}},
		{"sort title", []string{"--sort", "title"}, []string{preprnt, rat, cohort, seed, pig, micro}},
		{"sort path", []string{"--sort", "path"}, []string{seed, cohort, rat, micro, pig, preprnt}},
		{"limit", []string{"--limit", "2"}, []string{seed, preprnt}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ids(t, append(append([]string{}, all...), c.args...)...)
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTypeAloneShowsOnlyThatType(t *testing.T) {
	r := run(t, "", "summarize", "seeds", corpusDir, "--type", "species", "-o", "json")
	var doc struct {
		Count  int
		Papers []struct {
			Entities       []struct{ Type string } `json:"entities"`
			LinkedEntities []struct{ Type string } `json:"linked_entities"`
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || r.code != 0 {
		t.Fatalf("exit %d, %v", r.code, err)
	}
	if doc.Count != 6 {
		t.Errorf("--type alone filtered papers: count %d, want 6", doc.Count)
	}
	n := 0
	for _, p := range doc.Papers {
		for _, e := range append(p.Entities, p.LinkedEntities...) {
			n++
			if e.Type != "species" {
				t.Errorf("entity of type %q shown with --type species", e.Type)
			}
		}
	}
	if n != 8 { // seed 2, pig 1 + 1 linked, rat 1, cohort 1, micro 2
		t.Errorf("%d species entities, want 8", n)
	}
}

// CLI cases: args and stdin in, stdout, stderr and exit code out.
func TestCLI(t *testing.T) {
	seedText, err := os.ReadFile("seeds/PMC12769693.md")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		args   []string
		stdin  string
		golden string // compare stdout with testdata/golden/<golden>
		stdout string // else stdout must contain this
		stderr string
		code   int
	}{
		{name: "default digest of seeds", args: []string{"summarize"}, golden: "seed.md"},
		{name: "seed json", args: []string{"summarize", "-o", "json"}, golden: "seed.json"},
		{name: "corpus json", args: []string{"summarize", corpusDir, "-o", "json"}, golden: "corpus.json"},
		{name: "corpus jsonl", args: []string{"summarize", corpusDir, "-o", "jsonl", "--sort", "path"}, golden: "corpus.jsonl"},
		{name: "corpus digest, every section", args: []string{"summarize", corpusDir, "--sections", "tldr,contribution,findings,abstract,entities"}, golden: "corpus-all.md"},
		{name: "filtered digest", args: []string{"summarize", "seeds", corpusDir, "--entity", "I-FABP", "--type", "gene", "--since", "2022", "--sections", "tldr"}, golden: "filtered.md"},
		{name: "empty digest is exit 0", args: []string{"summarize", "--entity", "nothing"}, golden: "empty.md"},
		{name: "empty json has a list", args: []string{"summarize", "--since", "2030", "-o", "json"}, stdout: `"papers": []`},
		{name: "stdin", args: []string{"summarize", "-", "-o", "jsonl"}, stdin: string(seedText), stdout: `"path":"-"`},
		{name: "bad files reported, the rest printed", args: []string{"summarize", "testdata/bad", "seeds", "-o", "jsonl"}, stdout: `"id":"PMC12769693"`,
			stderr: "vagut: testdata/bad/binary.md:2: not a text file (NUL byte)\n" +
				"vagut: testdata/bad/empty.md:1: empty file, not a summary\n" +
				"vagut: testdata/bad/no-title.md:1: no \"# \" title: not a summary\n" +
				"vagut: 4 files, 1 paper, 3 errors\n", code: 1},
		{name: "only bad files", args: []string{"summarize", "testdata/bad/no-title.md"},
			stdout: "0 of 0 papers", stderr: "vagut: testdata/bad/no-title.md:1: no \"# \" title: not a summary\nvagut: 1 file, 0 papers, 1 error\n", code: 1},
		{name: "missing path", args: []string{"summarize", "no/such/dir"}, stderr: "vagut: no/such/dir: no such file or directory\n", code: 2},
		{name: "missing path beside a good one", args: []string{"summarize", "nope.md", "seeds", "-o", "jsonl"}, stdout: `"id":"PMC12769693"`,
			stderr: "vagut: nope.md: no such file or directory\n", code: 2},
		{name: "folder without summaries", args: []string{"summarize", "internal/cli"},
			stderr: "vagut: internal/cli: no summary files (.md, .markdown, .txt) in this folder\n", code: 2},
		{name: "unknown flag", args: []string{"summarize", "--bogus"}, stderr: "vagut: unknown flag: --bogus\n", code: 2},
		{name: "unknown output", args: []string{"summarize", "-o", "xml"}, stderr: "vagut: unknown output format \"xml\" for summarize (want md, json, jsonl, yaml, csv or html)\n", code: 2},
		{name: "bad date", args: []string{"summarize", "--since", "2021-02-30"}, stderr: "vagut: --since: \"2021-02-30\" is not a real calendar date\n", code: 2},
		{name: "bad until", args: []string{"summarize", "--until", "2021 Spring"}, stderr: "vagut: --until: \"2021 Spring\" is not in a form vagut reads: write YYYY-MM-DD, YYYY-MM or YYYY\n", code: 2},
		{name: "not a date", args: []string{"summarize", "--until", "yesterday"}, stderr: "vagut: --until: \"yesterday\" is not a date: want YYYY, YYYY-MM or YYYY-MM-DD\n", code: 2},
		{name: "since after until", args: []string{"summarize", "--since", "2022", "--until", "2021"}, stderr: "vagut: --since 2022 is after --until 2021\n", code: 2},
		{name: "bad regex", args: []string{"summarize", "--grep", "a(b"}, stderr: "vagut: --grep: invalid regular expression: missing closing ): \"a(b\"\n", code: 2},
		{name: "bad sort", args: []string{"summarize", "--sort", "date"}, stderr: "vagut: --sort: unknown key \"date\" (want published, title, path)\n", code: 2},
		{name: "bad limit", args: []string{"summarize", "--limit", "-1"}, stderr: "vagut: --limit: must be 0 or more, not -1\n", code: 2},
		{name: "limit not a number", args: []string{"summarize", "--limit", "x"}, stderr: "vagut: invalid argument \"x\" for \"--limit\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\n", code: 2},
		{name: "bad section", args: []string{"summarize", "--sections", "tldr,methods"}, stderr: "vagut: --sections: unknown section \"methods\" (want tldr, contribution, findings, abstract, entities)\n", code: 2},
		{name: "unknown command", args: []string{"sumarize"}, stderr: "vagut: unknown command \"sumarize\" (did you mean \"summarize\"?)\n", code: 2},
		{name: "help has examples", args: []string{"summarize", "--help"}, stdout: "vagut summarize --entity fabp2 --entity NCBIGene:2169"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, c.stdin, c.args...)
			if r.code != c.code {
				t.Errorf("exit code %d, want %d (stderr %q)", r.code, c.code, r.stderr)
			}
			if r.stderr != c.stderr {
				t.Errorf("stderr:\n got %q\nwant %q", r.stderr, c.stderr)
			}
			switch {
			case c.golden != "":
				golden(t, c.golden, r.stdout)
			case !strings.Contains(r.stdout, c.stdout):
				t.Errorf("stdout does not contain %q:\n%s", c.stdout, r.stdout)
			}
		})
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

// Same inputs, same bytes: run twice and with the arguments reordered.
func TestDeterministic(t *testing.T) {
	for _, o := range []string{"json", "jsonl", "md"} {
		a := run(t, "", "summarize", "seeds", corpusDir, "-o", o)
		b := run(t, "", "summarize", corpusDir, "seeds", "-o", o)
		if !bytes.Equal([]byte(a.stdout), []byte(b.stdout)) {
			t.Errorf("-o %s: output depends on argument order", o)
		}
	}
}

// The JSON document keeps every key of the contract, lists never null.
func TestJSONContractKeys(t *testing.T) {
	r := run(t, "", "summarize", corpusDir, "-o", "json")
	var doc map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["schema_version"] != float64(1) {
		t.Errorf("schema_version = %v", doc["schema_version"])
	}
	paperKeys := []string{"id", "path", "title", "authors", "source", "doi", "journal", "published", "url",
		"full_text_url", "tldr", "contribution", "key_findings", "abstract", "linked_entities", "entities", "other_sections"}
	lists := map[string]bool{"authors": true, "key_findings": true, "linked_entities": true, "entities": true, "other_sections": true}
	entityKeys := []string{"type", "category", "name", "description", "id", "aliases"}
	for _, p := range doc["papers"].([]any) {
		pm := p.(map[string]any)
		if len(pm) != len(paperKeys) {
			t.Errorf("paper has %d keys, want %d", len(pm), len(paperKeys))
		}
		for _, k := range paperKeys {
			v, ok := pm[k]
			if !ok {
				t.Errorf("paper %v lacks key %q", pm["id"], k)
			}
			if _, isList := v.([]any); lists[k] && !isList {
				t.Errorf("paper %v: %q is %v, want a list", pm["id"], k, v)
			}
		}
		for _, list := range []string{"linked_entities", "entities"} {
			for _, e := range pm[list].([]any) {
				em := e.(map[string]any)
				for _, k := range entityKeys {
					if _, ok := em[k]; !ok {
						t.Errorf("entity %v lacks %q", em["name"], k)
					}
				}
				if _, ok := em["aliases"].([]any); !ok {
					t.Errorf("entity %v: aliases not a list", em["name"])
				}
			}
		}
	}
}
