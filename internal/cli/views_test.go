package cli

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/vagut/vagut/internal/schema"
)

const viewsDir = "testdata/views"

func TestViewGoldens(t *testing.T) {
	cases := []struct {
		golden string
		args   []string
	}{
		{"views-entities.md", []string{"entities", viewsDir}},
		{"views-entities.json", []string{"entities", viewsDir, "-o", "json"}},
		{"views-entities.jsonl", []string{"entities", viewsDir, "-o", "jsonl", "--type", "gene"}},
		{"views-entities.csv", []string{"entities", viewsDir, "-o", "csv"}},
		{"views-entities.yaml", []string{"entities", viewsDir, "-o", "yaml", "--min-papers", "3"}},
		{"views-entities-fabp2.md", []string{"entities", viewsDir, "--entity", "I-FABP", "--type", "disease"}},
		{"views-pairs.md", []string{"entities", viewsDir, "--pairs", "gene,disease", "--min-papers", "2"}},
		{"views-pairs.json", []string{"entities", viewsDir, "--pairs", "Genes,species"}},
		{"views-pairs.csv", []string{"entities", viewsDir, "--pairs", "gene,disease", "-o", "csv"}},
		{"views-group-gene.md", []string{"summarize", viewsDir, "--group-by", "gene", "--sections", "tldr,findings"}},
		{"views-group-year.md", []string{"summarize", viewsDir, "--group-by", "year", "--sections", "tldr"}},
		{"views-group-journal.json", []string{"summarize", viewsDir, "--group-by", "journal", "-o", "json", "--jq", "{group_by, groups}"}},
		{"views-evidence.md", []string{"summarize", viewsDir, "--entity", "FABP2", "--grep", "lactate", "--evidence", "--sections", "tldr"}},
		{"views-evidence.json", []string{"summarize", viewsDir, "--entity", "I-FABP", "--evidence", "-o", "json", "--jq", "[.papers[] | {id, evidence}]"}},
		{"views-summary.csv", []string{"summarize", viewsDir, "-o", "csv", "--sort", "path"}},
		{"views-summary.yaml", []string{"summarize", viewsDir, "-o", "yaml", "--limit", "1"}},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			r := run(t, "", c.args...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			golden(t, c.golden, r.stdout)
		})
	}
}

// --jq gives what jq gives, computed here from the fixtures by hand.
func TestJQ(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"summarize", viewsDir, "--jq", ".count"}, "9\n"},
		{[]string{"summarize", viewsDir, "--entity", "I-FABP", "--jq", "[.papers[].id]"}, "[\n  \"V6\",\n  \"V5\",\n  \"V2\",\n  \"V1\"\n]\n"},
		{[]string{"summarize", viewsDir, "-o", "jsonl", "--since", "2024", "--jq", ".journal"}, "\"Journal of Artificial Organs\"\n\"Critical Care\"\n"},
		{[]string{"entities", viewsDir, "--jq", `.entities[] | select(.name == "IL6") | .mentions`}, "5\n"},
		{[]string{"entities", viewsDir, "--pairs", "gene,disease", "--jq", ".pairs[0] | [.a.name, .b.name, .papers]"}, "[\n  \"FABP2\",\n  \"mesenteric ischemia\",\n  3\n]\n"},
		{[]string{"validate", "testdata/invalid", "--jq", "map(.rule) | unique | length"}, "10\n"},
		{[]string{"schema", "paper", "--jq", ".[\"$defs\"].paper.required | length"}, "17\n"},
		{[]string{"summarize", "seeds", "--jq", ".papers[0].entities | map(select(.type == \"gene\")) | length"}, "9\n"},
		{[]string{"summarize", "seeds", "--jq", "empty"}, ""},
	}
	for _, c := range cases {
		r := run(t, "", c.args...)
		code := 0
		if c.args[0] == "validate" {
			code = 1 // the findings still set the exit code
		}
		if r.code != code || r.stdout != c.want {
			t.Errorf("%v: exit %d, stdout %q, want %q (stderr %q)", c.args, r.code, r.stdout, c.want, r.stderr)
		}
	}
}

func TestJQErrors(t *testing.T) {
	cases := []struct {
		args   []string
		stderr string
	}{
		{[]string{"summarize", "--jq", ".papers["}, "vagut: --jq: unexpected EOF\n"},
		{[]string{"summarize", "--jq", "nosuchfunc"}, "vagut: --jq: function not defined: nosuchfunc/0\n"},
		{[]string{"summarize", "-o", "md", "--jq", "."}, "vagut: --jq needs -o json or jsonl, not md\n"},
		{[]string{"summarize", "--jq", ".papers[0].title.x"}, "vagut: --jq: expected an object but got: string (\"Heart–gut"},
	}
	for _, c := range cases {
		r := run(t, "", c.args...)
		if r.code != 2 || !strings.HasPrefix(r.stderr, c.stderr) || r.stdout != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want stderr %q", c.args, r.code, r.stderr, r.stdout, c.stderr)
		}
	}
}

func TestViewUsageErrors(t *testing.T) {
	cases := []struct {
		args   []string
		stderr string
	}{
		{[]string{"summarize", "--evidence"}, "vagut: --evidence needs --entity or --grep: evidence of what?\n"},
		{[]string{"summarize", "--group-by", "gene", "-o", "csv"}, "vagut: --group-by works with -o md, html, json or yaml, not csv\n"},
		{[]string{"entities", "--pairs", "gene"}, "vagut: --pairs: want two types, as gene,disease; not \"gene\"\n"},
		{[]string{"entities", "-o", "html"}, "vagut: unknown output format \"html\" for entities (want md, json, jsonl, csv or yaml)\n"},
		{[]string{"schema", "nope"}, "vagut: unknown schema \"nope\" (want papers, paper, entities, entity-row, pairs, pair, diagnostics)\n"},
	}
	for _, c := range cases {
		r := run(t, "", c.args...)
		if r.code != 2 || r.stderr != c.stderr {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, r.code, r.stderr, c.stderr)
		}
	}
}

// CSV is RFC 4180: it reads back with a header and one row per record.
func TestCSVReadsBack(t *testing.T) {
	r := run(t, "", "summarize", viewsDir, "-o", "csv")
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(rows) != 10 || rows[0][0] != "id" || len(rows[1]) != 16 {
		t.Fatalf("papers csv: %v, %d rows", err, len(rows))
	}
	r = run(t, "", "entities", viewsDir, "-o", "csv")
	rows, err = csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(rows) != 18 || rows[2][2] != "IL6" || rows[2][3] != "IL-6; IL6" {
		t.Fatalf("entities csv: %v, %v", err, rows[:3])
	}
}

// YAML is the JSON document, same keys, same values.
func TestYAMLIsTheJSON(t *testing.T) {
	for _, args := range [][]string{{"summarize", viewsDir}, {"entities", viewsDir}} {
		j := run(t, "", append(args, "-o", "json")...)
		y := run(t, "", append(args, "-o", "yaml")...)
		var fromJSON, fromYAML any
		if err := json.Unmarshal([]byte(j.stdout), &fromJSON); err != nil {
			t.Fatal(err)
		}
		if err := yaml.Unmarshal([]byte(y.stdout), &fromYAML); err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(fromJSON)
		b, _ := json.Marshal(fromYAML)
		if !bytes.Equal(a, b) {
			t.Errorf("%v: YAML and JSON differ", args)
		}
	}
}

// Every JSON document vagut writes validates against its schema, with a real
// validator, so schema and output cannot drift apart.
func TestOutputsMatchSchemas(t *testing.T) {
	c := jsonschema.NewCompiler()
	for _, d := range schema.Docs() {
		b, _ := json.Marshal(d.Schema)
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource(d.Name+".json", doc); err != nil {
			t.Fatal(err)
		}
	}
	compiled := map[string]*jsonschema.Schema{}
	for _, d := range schema.Docs() {
		s, err := c.Compile(d.Name + ".json")
		if err != nil {
			t.Fatalf("schema %s does not compile: %v", d.Name, err)
		}
		compiled[d.Name] = s
	}
	cases := []struct {
		schema string
		args   []string
		lines  bool
	}{
		{"papers", []string{"summarize", "seeds", viewsDir, "testdata/corpus", "-o", "json"}, false},
		{"papers", []string{"summarize", viewsDir, "-o", "json", "--entity", "fabp2", "--grep", "flow", "--evidence", "--since", "2020", "--limit", "3"}, false},
		{"papers", []string{"summarize", viewsDir, "-o", "json", "--group-by", "gene"}, false},
		{"papers", []string{"summarize", viewsDir, "-o", "json", "--entity", "none"}, false},
		{"paper", []string{"summarize", "seeds", viewsDir, "testdata/corpus", "-o", "jsonl"}, true},
		{"paper", []string{"summarize", viewsDir, "-o", "jsonl", "--grep", "sepsis", "--evidence"}, true},
		{"entities", []string{"entities", "seeds", viewsDir, "testdata/corpus", "-o", "json"}, false},
		{"entity-row", []string{"entities", viewsDir, "-o", "jsonl"}, true},
		{"pairs", []string{"entities", viewsDir, "--pairs", "gene,gene", "-o", "json"}, false},
		{"pair", []string{"entities", viewsDir, "--pairs", "disease,species", "-o", "jsonl"}, true},
		{"diagnostics", []string{"validate", "testdata/invalid", "testdata/corpus", "--format", "json"}, false},
		{"diagnostics", []string{"validate", "seeds", "--format", "json"}, false},
	}
	for _, tc := range cases {
		r := run(t, "", tc.args...)
		var docs []string
		if tc.lines {
			sc := bufio.NewScanner(strings.NewReader(r.stdout))
			sc.Buffer(make([]byte, 1<<20), 1<<24)
			for sc.Scan() {
				docs = append(docs, sc.Text())
			}
		} else {
			docs = []string{r.stdout}
		}
		if len(docs) == 0 {
			t.Errorf("%v: no output", tc.args)
		}
		for _, d := range docs {
			v, err := jsonschema.UnmarshalJSON(strings.NewReader(d))
			if err != nil {
				t.Fatalf("%v: %v", tc.args, err)
			}
			if err := compiled[tc.schema].Validate(v); err != nil {
				t.Errorf("%v does not match schema %s: %v", tc.args, tc.schema, err)
			}
		}
	}
	// And the schemas are not so loose that anything passes.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"schema_version": 1, "entities": [{"type": "gene", "name": "x"}]}`))
	if compiled["entities"].Validate(bad) == nil {
		t.Error("the entities schema accepted a row without counts")
	}
}

func TestSchemaFields(t *testing.T) {
	r := run(t, "", "schema", "--fields", "papers")
	for _, want := range []string{
		"papers[].entities[].id", "string|null", "the id as a CURIE (NCBIGene:2169), or null for (-) or none",
		"papers[].evidence[].matches[].start", "filters.since",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--fields papers lacks %q", want)
		}
	}
	r = run(t, "", "schema")
	if !strings.Contains(r.stdout, "entities     vagut entities -o json") {
		t.Errorf("schema list:\n%s", r.stdout)
	}
}
