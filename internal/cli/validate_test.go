package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/vagut/vagut/internal/iostreams"
)

func runEnv(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	ios.Getenv = func(k string) string { return env[k] }
	code := Run(ios, args)
	return result{out.String(), errOut.String(), code}
}

func TestValidateCLI(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		env    map[string]string
		golden string
		stdout string
		stderr string
		code   int
	}{
		{name: "seed is valid", args: []string{"validate", "seeds"}},
		{name: "text", args: []string{"validate", "testdata/invalid"}, golden: "validate.txt",
			stderr: "vagut: 9 errors, 2 warnings in 3 files\n", code: 1},
		{name: "json", args: []string{"validate", "testdata/invalid", "--format", "json"}, golden: "validate.json", code: 1},
		{name: "github", args: []string{"validate", "testdata/invalid", "--format", "github"}, golden: "validate-github.txt", code: 1},
		{name: "github when GITHUB_ACTIONS=true", args: []string{"validate", "testdata/invalid"}, env: map[string]string{"GITHUB_ACTIONS": "true"},
			golden: "validate-github.txt", code: 1},
		{name: "--format wins over GITHUB_ACTIONS", args: []string{"validate", "testdata/invalid", "--format", "json"},
			env: map[string]string{"GITHUB_ACTIONS": "true"}, golden: "validate.json", code: 1},
		{name: "sarif", args: []string{"validate", "testdata/invalid", "--format", "sarif"}, golden: "validate.sarif", code: 1},
		{name: "json of a clean folder is an empty list", args: []string{"validate", "seeds", "--format", "json"}, stdout: "[]\n"},
		{name: "warnings alone pass", args: []string{"validate", "testdata/corpus/no-source-line.md", "--config", "testdata/config/lenient.yaml"},
			stdout: "[VG026/unknown-category]", stderr: "vagut: 0 errors, 2 warnings in 1 file\n"},
		{name: "--strict fails on warnings", args: []string{"validate", "--strict", "testdata/corpus/no-source-line.md", "--config", "testdata/config/lenient.yaml"},
			stdout: "[VG026/unknown-category]", stderr: "vagut: 0 errors, 2 warnings in 1 file\n", code: 1},
		{name: "config turns a rule off", args: []string{"validate", "testdata/corpus/no-source-line.md", "--config", "testdata/config/quiet.yaml"}},
		{name: "config prefixes", args: []string{"validate", "seeds", "--config", "testdata/config/prefixes.yaml", "--format", "json"},
			stdout: `"message": "Rattus norvegicus: id prefix NCBITAXON is not among the allowed (MESH, MONDO, NCBIGene)"`},
		{name: "bad config key", args: []string{"validate", "seeds", "--config", "testdata/config/bad-key.yaml"},
			stderr: "vagut: testdata/config/bad-key.yaml:3: unknown key \"required\" (known: paths, exclude, required_sections, rules, id_prefixes)\n", code: 2},
		{name: "bad config type", args: []string{"validate", "seeds", "--config", "testdata/config/bad-type.yaml"},
			stderr: "vagut: testdata/config/bad-type.yaml:2: rules: want a mapping of rule id or name to off, warning or error\n", code: 2},
		{name: "bad severity", args: []string{"validate", "seeds", "--config", "testdata/config/bad-severity.yaml"},
			stderr: "vagut: testdata/config/bad-severity.yaml:3: rules: VG010: severity \"fatal\": want off, warning or error\n", code: 2},
		{name: "missing config", args: []string{"validate", "seeds", "--config", "nope.yaml"},
			stderr: "vagut: nope.yaml: no such file or directory\n", code: 2},
		{name: "no such path", args: []string{"validate", "nowhere"}, stderr: "vagut: nowhere: no such file or directory\n", code: 2},
		{name: "bad format", args: []string{"validate", "--format", "xml"},
			stderr: "vagut: unknown output format \"xml\" for validate (want text, json, github or sarif)\n", code: 2},
		{name: "rules list", args: []string{"rules"}, stdout: "VG010  invalid-doi          error    the DOI is not of the form 10.<digits>/<suffix>\n"},
		{name: "rule by id", args: []string{"rules", "vg023"}, stdout: "Bad:\n\n    - **Diseases:** cardiogenic shock (MONDO:800175)\n"},
		{name: "rule by name", args: []string{"rules", "duplicate-doi"}, stdout: "VG040 duplicate-doi (default: error)"},
		{name: "unknown rule", args: []string{"rules", "VG999"}, stderr: "vagut: unknown rule \"VG999\" (vagut rules lists them)\n", code: 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runEnv(t, c.env, c.args...)
			if r.code != c.code {
				t.Errorf("exit %d, want %d (stderr %q)", r.code, c.code, r.stderr)
			}
			if r.stderr != c.stderr {
				t.Errorf("stderr:\n got %q\nwant %q", r.stderr, c.stderr)
			}
			switch {
			case c.golden != "":
				golden(t, c.golden, r.stdout)
			case c.stdout == "" && r.stdout != "":
				t.Errorf("stdout not empty:\n%s", r.stdout)
			case !strings.Contains(r.stdout, c.stdout):
				t.Errorf("stdout lacks %q:\n%s", c.stdout, r.stdout)
			}
		})
	}
}

// The SARIF output is checked against the SARIF 2.1.0 JSON Schema (OASIS,
// as shipped with go-sarif, validated by gojsonschema). Reading it into
// go-sarif's types first is lossless here: writing it back gives the same
// document, so nothing escaped the check.
func TestSARIFValidatesAgainstSchema(t *testing.T) {
	r := run(t, "", "validate", "testdata/invalid", "--format", "sarif")
	rep, err := sarif.FromBytes([]byte(r.stdout), sarif.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Validate(); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
	var back bytes.Buffer
	if err := rep.PrettyWrite(&back); err != nil {
		t.Fatal(err)
	}
	var a, b any
	if json.Unmarshal([]byte(r.stdout), &a) != nil || json.Unmarshal(back.Bytes(), &b) != nil || !jsonEqual(a, b) {
		t.Errorf("the round trip through go-sarif lost something:\n%s", back.String())
	}
	res := rep.Runs[0].Results
	if len(res) != 11 || *res[0].RuleID != "VG010" || *res[0].Locations[0].PhysicalLocation.Region.StartLine != 5 {
		t.Errorf("results: %d, first %v", len(res), *res[0].RuleID)
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func TestConfigFoundInParentFolder(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "notes", "deep")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	summary, _ := os.ReadFile("testdata/corpus/preprint-minimal.md")
	if err := os.WriteFile(filepath.Join(dir, "notes", "p.md"), summary, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := "paths: [notes]\nrequired_sections: [TL;DR]\nrules:\n  missing-source: off\n"
	if err := os.WriteFile(filepath.Join(dir, ".vagut.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	if err := os.Chdir(sub); err != nil {
		t.Fatal(err)
	}
	// No PATH: the config's paths, relative to the config's folder.
	r := run(t, "", "validate")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("validate with parent config: exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
	r = run(t, "", "summarize", "-o", "jsonl")
	if r.code != 0 || !strings.Contains(r.stdout, `"path":"../p.md"`) {
		t.Errorf("summarize with config paths: exit %d %q %q", r.code, r.stdout, r.stderr)
	}
}
