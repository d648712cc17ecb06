package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
	"github.com/spf13/cobra/doc"

	"github.com/vagut/vagut/internal/iostreams"
)

func TestCompletionOffersFlagValues(t *testing.T) {
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "summarize", "--output", ""}, []string{"md", "json", "jsonl", "yaml", "csv", "html"}},
		{[]string{"__complete", "summarize", "--type", ""}, []string{"gene", "disease", "chemical", "species"}},
		{[]string{"__complete", "summarize", "--sort", ""}, []string{"published", "title", "path"}},
		{[]string{"__complete", "summarize", "--group-by", ""}, []string{"gene", "year", "journal"}},
		{[]string{"__complete", "summarize", "--sections", "tldr,"}, []string{"tldr,findings", "tldr,abstract"}},
		{[]string{"__complete", "entities", "--pairs", "gene,"}, []string{"gene,disease"}},
		{[]string{"__complete", "cite", "-o", ""}, []string{"bibtex", "csljson", "ris"}},
		{[]string{"__complete", "validate", "--format", ""}, []string{"text", "json", "github", "sarif"}},
		{[]string{"__complete", "rules", ""}, []string{"VG010", "invalid-doi", "VG041"}},
		{[]string{"__complete", "schema", ""}, []string{"papers", "entities", "diagnostics"}},
	}
	for _, c := range cases {
		r := run(t, "", c.args...)
		got := strings.Split(r.stdout, "\n")
		for _, w := range c.want {
			found := false
			for _, g := range got {
				if g == w {
					found = true
				}
			}
			if !found {
				t.Errorf("%v: %q not offered in\n%s", c.args, w, r.stdout)
			}
		}
	}
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		r := run(t, "", "completion", shell)
		if r.code != 0 || !strings.Contains(r.stdout, "vagut") || len(r.stdout) < 1000 {
			t.Errorf("completion %s: exit %d, %d bytes", shell, r.code, len(r.stdout))
		}
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r := run(t, "", args...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "vagut ") || !strings.Contains(r.stdout, runtime.Version()) {
			t.Errorf("%v: exit %d, %q", args, r.code, r.stdout)
		}
	}
}

// Every command teaches: a short line, a long description and examples.
func TestEveryCommandHasHelp(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	root := NewCmdRoot(ios)
	for _, c := range root.Commands() {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		if c.Short == "" || c.Long == "" {
			t.Errorf("%s: missing short or long help", c.Name())
		}
		if c.Runnable() && strings.Count(c.Example, "vagut ") < 2 {
			t.Errorf("%s: fewer than two examples", c.Name())
		}
	}
	r := run(t, "", "help", "exit-codes")
	if r.code != 0 || !strings.Contains(r.stdout, "2  usage or tool error") {
		t.Errorf("help exit-codes: %d %q", r.code, r.stdout)
	}
	r = run(t, "", "help", "config")
	if r.code != 0 || !strings.Contains(r.stdout, "required_sections") {
		t.Errorf("help config: %d", r.code)
	}
}

func TestManPages(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	root := NewCmdRoot(ios)
	dir := t.TempDir()
	if err := doc.GenManTree(root, &doc.GenManHeader{Title: "VAGUT", Section: "1"}, dir); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "vagut-summarize.1"))
	if err != nil || !strings.Contains(string(b), "group-by") {
		t.Errorf("vagut-summarize.1: %v", err)
	}
}

// In a terminal the digest is styled; with NO_COLOR, -o md or a pipe it is
// the plain Markdown, byte for byte. Lines fit the width, except a link's
// address, which is never cut.
func TestTerminalStyling(t *testing.T) {
	plain := run(t, "", "summarize").stdout
	styled := func(env map[string]string, args ...string) string {
		ios, _, out, _ := iostreams.Test()
		ios.StdoutTTY = true
		ios.Width = func() int { return 70 }
		ios.Getenv = func(k string) string { return env[k] }
		if code := Run(ios, args); code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		return out.String()
	}
	if got := styled(nil, "summarize"); got == plain || strings.Contains(got, "# vagut digest") || !strings.Contains(got, "\x1b[") {
		t.Errorf("a terminal got the plain Markdown")
	}
	if got := styled(map[string]string{"NO_COLOR": "1"}, "summarize"); got != plain {
		t.Errorf("NO_COLOR did not give the plain Markdown")
	}
	if got := styled(nil, "summarize", "-o", "md"); got != plain {
		t.Errorf("-o md did not give the plain Markdown")
	}
	out := styled(nil, "summarize")
	for _, line := range strings.Split(ansiRE.ReplaceAllString(out, ""), "\n") {
		if n := uniseg.StringWidth(line); n > 70 && !urlLine.MatchString(line) {
			t.Errorf("line of %d columns in a 70-column terminal: %q", n, line)
		}
	}
	if !strings.Contains(out, "<https://doi.org/10.1007/s10047-025-01543-6>") {
		t.Errorf("the DOI's address is not whole:\n%s", out)
	}
}

// ansiRE matches SGR and OSC 8 sequences, the only ones the renderer writes.
var ansiRE = regexp.MustCompile("\x1b\\[[0-9;]*m|\x1b\\]8;;[^\x1b]*\x1b\\\\")

// urlLine is a line longer than the width only because one address is.
var urlLine = regexp.MustCompile(`^\s*\S*<https?://\S+>\S*$`)
