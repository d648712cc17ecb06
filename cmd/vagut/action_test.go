package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The GitHub Action's shell steps, run here as the runner runs them (bash
// -eo pipefail, the step's env with its expressions filled in, GITHUB_OUTPUT
// and GITHUB_PATH files): Go is found, vagut is built from the action's own
// files and stamped with a release tag, and the check step fails on findings,
// writes SARIF, and runs fmt --check. actionlint (.ci/actionlint) checks the
// metadata; this checks what the scripts do.
func TestActionSteps(t *testing.T) {
	if testing.Short() {
		t.Skip("builds vagut")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go not found")
	}
	root, _ := filepath.Abs("../..")
	b, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Inputs map[string]struct{ Default string } `yaml:"inputs"`
		Runs   struct {
			Using string `yaml:"using"`
			Steps []struct {
				ID, Name, Run, Uses, Shell, If string
				Env                            map[string]string
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(b, &action); err != nil {
		t.Fatal(err)
	}
	if action.Runs.Using != "composite" {
		t.Fatalf("runs.using %q", action.Runs.Using)
	}
	temp := t.TempDir()
	pathFile := filepath.Join(temp, "path")
	os.WriteFile(pathFile, nil, 0o644)
	installed := false
	expr := regexp.MustCompile(`\$\{\{\s*([a-z_.-]+)\s*\}\}`)
	// runAction runs every shell step with these inputs and returns the
	// last step's exit code, its stdout and the outputs.
	runAction := func(inputs map[string]string) (int, string, string) {
		t.Helper()
		out := filepath.Join(temp, "output")
		os.WriteFile(out, nil, 0o644)
		code, stdout := 0, ""
		for _, s := range action.Runs.Steps {
			if s.Run == "" {
				continue // actions/setup-go: the test's Go is used
			}
			if s.Name == "Install vagut" && installed {
				continue // one build: GITHUB_PATH keeps it on PATH
			}
			if s.Shell != "bash" {
				t.Fatalf("step %q: shell %q", s.Name, s.Shell)
			}
			env := append(os.Environ(), "GITHUB_ACTIONS=true", "GITHUB_OUTPUT="+out, "GITHUB_PATH="+pathFile, "RUNNER_TEMP="+temp)
			extra, _ := os.ReadFile(pathFile)
			for _, p := range strings.Fields(string(extra)) {
				env = append(env, "PATH="+p+string(os.PathListSeparator)+os.Getenv("PATH"))
			}
			for k, v := range s.Env {
				v = expr.ReplaceAllStringFunc(v, func(m string) string {
					name := expr.FindStringSubmatch(m)[1]
					switch {
					case name == "github.action_path":
						return root
					case name == "github.action_ref":
						return "v1.2.3"
					case strings.HasPrefix(name, "inputs."):
						key := strings.TrimPrefix(name, "inputs.")
						if v, ok := inputs[key]; ok {
							return v
						}
						in, ok := action.Inputs[key]
						if !ok {
							t.Fatalf("step %q: unknown input %s", s.Name, key)
						}
						return in.Default
					}
					t.Fatalf("step %q: expression %s", s.Name, m)
					return ""
				})
				env = append(env, k+"="+v)
			}
			cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", s.Run)
			cmd.Dir = filepath.Join(root, "testdata")
			cmd.Env = env
			var o, e bytes.Buffer
			cmd.Stdout, cmd.Stderr = &o, &e
			err := cmd.Run()
			code, stdout = cmd.ProcessState.ExitCode(), o.String()
			if err != nil && s.ID != "check" {
				t.Fatalf("step %q: %v\n%s%s", s.Name, err, o.String(), e.String())
			}
			if s.ID == "go" && !strings.Contains(mustRead(t, out), "have=true") {
				t.Errorf("the Go running this test (1.26 or later) was not found: %s", mustRead(t, out))
			}
			if s.Name == "Install vagut" {
				installed = true
				if !strings.Contains(stdout, "vagut v1.2.3 ") {
					t.Errorf("install step: vagut version printed %q, want the tag v1.2.3", stdout)
				}
			}
		}
		return code, stdout, mustRead(t, out)
	}

	code, stdout, _ := runAction(map[string]string{"paths": "../seeds"})
	if code != 0 {
		t.Errorf("seeds: exit %d\n%s", code, stdout)
	}
	sarif := filepath.Join(temp, "vagut.sarif")
	code, stdout, outputs := runAction(map[string]string{"paths": "invalid\n../seeds", "sarif": sarif})
	if code != 1 {
		t.Errorf("invalid: exit %d, want 1", code)
	}
	for _, want := range []string{"::error file=invalid/broken.md,line=", "::group::vagut fmt --check --diff invalid ../seeds"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("invalid: stdout lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(outputs, "sarif="+sarif) || !strings.Contains(mustRead(t, sarif), `"ruleId": "VG010"`) {
		t.Errorf("sarif: output %q, file:\n%.300s", outputs, mustRead(t, sarif))
	}
	// Warnings alone pass, unless strict.
	lenient := map[string]string{"paths": "corpus/no-source-line.md", "config": "config/lenient.yaml", "fmt": "false"}
	if code, stdout, _ := runAction(lenient); code != 0 || !strings.Contains(stdout, "::warning ") {
		t.Errorf("warnings: exit %d\n%s", code, stdout)
	}
	lenient["strict"] = "true"
	if code, _, _ := runAction(lenient); code != 1 {
		t.Errorf("strict warnings: exit %d, want 1", code)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
