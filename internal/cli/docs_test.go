package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The docs are part of the repository: every relative link in README.md and
// docs/*.md resolves to a file inside it, and nothing points outside.
func TestDocsLinksStayInRepo(t *testing.T) {
	files, _ := filepath.Glob("docs/*.md")
	files = append(files, "README.md")
	link := regexp.MustCompile(`\]\(([^)#\s]+)(?:#[^)]*)?\)`)
	root, _ := filepath.Abs(".")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "../shared") || strings.Contains(string(b), "/work/") {
			t.Errorf("%s refers to a path outside the repository", f)
		}
		for _, m := range link.FindAllStringSubmatch(string(b), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			abs, _ := filepath.Abs(filepath.Join(filepath.Dir(f), target))
			if !strings.HasPrefix(abs, root+string(filepath.Separator)) {
				t.Errorf("%s: link %s leaves the repository", f, target)
				continue
			}
			if _, err := os.Stat(abs); err != nil {
				t.Errorf("%s: link %s: %v", f, target, err)
			}
		}
	}
	for _, want := range []string{"docs/format.md", "docs/json.md", "docs/ci.md"} {
		b, _ := os.ReadFile("README.md")
		if !strings.Contains(string(b), "("+want+")") {
			t.Errorf("README.md does not link %s", want)
		}
	}
}

// The example in docs/format.md is a valid, canonical summary, and its
// fields read as the page's table says.
func TestFormatDocExample(t *testing.T) {
	b, err := os.ReadFile("docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	start := strings.Index(doc, "```markdown\n# ")
	if start < 0 {
		t.Fatal("no example summary in docs/format.md")
	}
	example := doc[start+len("```markdown\n"):]
	example = example[:strings.Index(example, "```\n")]
	if r := run(t, example, "validate", "-"); r.code != 0 || r.stdout != "" {
		t.Errorf("the example does not validate: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r := run(t, example, "summarize", "-", "-o", "json")
	for _, want := range []string{`"id": "PMC12769693"`, `"source": "PMC"`, `"doi": "10.1007/s10047-025-01543-6"`,
		`"journal": "Journal of Artificial Organs"`, `"published": "2026-01-05"`, `"id": "NCBIGene:2169"`,
		`"id": "NCBITaxon:10116"`, `"description": "brown rat, species"`, `"aliases": [
            "FABPI",`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("summarize of the docs example lacks %s", want)
		}
	}
}

func TestHelpFormat(t *testing.T) {
	r := run(t, "", "help", "format")
	for _, want := range []string{"docs/format.md", "YYYY-MM", "NCBIGene:2169", "vagut-disable"} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("help format: exit %d, lacks %q", r.code, want)
		}
	}
}

// The workflow in docs/ci.md is the file actionlint checks in CI.
func TestCIDocWorkflowIsTheExample(t *testing.T) {
	doc, err := os.ReadFile("docs/ci.md")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("docs/examples/vagut.yml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "```yaml\n"+string(example)+"```\n") {
		t.Error("the workflow in docs/ci.md differs from docs/examples/vagut.yml")
	}
}
