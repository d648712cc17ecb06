package cli

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

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
				golden(t, c.golden, sarifWorkDir(r.stdout))
			case c.stdout == "" && r.stdout != "":
				t.Errorf("stdout not empty:\n%s", r.stdout)
			case !strings.Contains(r.stdout, c.stdout):
				t.Errorf("stdout lacks %q:\n%s", c.stdout, r.stdout)
			}
		})
	}
}

// The SARIF output is checked against the SARIF 2.1.0 JSON Schema (OASIS,
// errata 01, a copy in testdata), and for what the schema allows but code
// scanning and sarif-multitool reject: placeholders (-1), empty arrays other
// than results, paths that are neither relative to %SRCROOT% nor file: URIs.
// .ci/sarif-check runs Microsoft's validator itself when npx is present.
func TestSARIFValidatesAgainstSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs("testdata/invalid")
	for _, args := range [][]string{
		{"testdata/invalid"}, // relative
		{abs},                // absolute
		{"seeds"},            // no results
		{"-"},                // stdin
		{"testdata/../testdata/invalid/broken.md"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			stdin := ""
			if args[0] == "-" {
				b, _ := os.ReadFile("testdata/invalid/broken.md")
				stdin = string(b)
			}
			r := run(t, stdin, append([]string{"validate", "--format", "sarif"}, args...)...)
			v, err := jsonschema.UnmarshalJSON(strings.NewReader(r.stdout))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(v); err != nil {
				t.Fatalf("SARIF does not validate: %v", err)
			}
			checkSARIFValues(t, "", v)
		})
	}
}

// checkSARIFValues walks the document for placeholders, empty arrays and
// artifact URIs that code scanning cannot place.
func checkSARIFValues(t *testing.T, at string, v any) {
	t.Helper()
	switch v := v.(type) {
	case map[string]any:
		if uri, ok := v["uri"].(string); ok && !strings.HasSuffix(at, "originalUriBaseIds.%SRCROOT%") {
			if base, _ := v["uriBaseId"].(string); base != "%SRCROOT%" && !strings.HasPrefix(uri, "file:///") {
				t.Errorf("%s: uri %q is neither relative to %%SRCROOT%% nor a file: URI", at, uri)
			}
			if strings.HasPrefix(uri, "../") || strings.Contains(uri, "/../") {
				t.Errorf("%s: uri %q climbs out of its base", at, uri)
			}
		}
		for k, x := range v {
			checkSARIFValues(t, at+"."+k, x)
		}
	case []any:
		if len(v) == 0 && !strings.HasSuffix(at, ".results") {
			t.Errorf("%s: empty array", at)
		}
		for i, x := range v {
			checkSARIFValues(t, fmt.Sprintf("%s[%d]", at, i), x)
		}
	case json.Number:
		if strings.HasPrefix(string(v), "-") {
			t.Errorf("%s: placeholder %s", at, v)
		}
	case float64:
		if v < 0 {
			t.Errorf("%s: placeholder %v", at, v)
		}
	}
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
	// A parent's settings count inside a repository (up to its root).
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
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

// sarifWorkDir replaces the working folder, which SARIF names as the
// original %SRCROOT%, so that the golden file holds on any machine.
func sarifWorkDir(s string) string {
	wd, err := os.Getwd()
	if err != nil {
		return s
	}
	uri := (&url.URL{Scheme: "file", Path: filepath.ToSlash(wd)}).String()
	return strings.ReplaceAll(s, `"`+uri+`/"`, `"file:///WORKDIR/"`)
}
