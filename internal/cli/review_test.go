package cli

import (
	"os"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/vagut/vagut/internal/iostreams"
	"path/filepath"
	"strings"
	"testing"
)

// Run from a working folder reached through a symbolic link (macOS /tmp is
// /private/tmp; a checkout under a linked home), a link inside the folder to
// another file of the folder was named "outside the folder given", and once
// that was right, the link's name stood for the file, which fmt --write does
// not follow.
func TestReviewLinkAliasUnderLinkedWorkingFolder(t *testing.T) {
	base := t.TempDir()
	real := filepath.Join(base, "real")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile("seeds/PMC12769693.md")
	if err != nil {
		t.Fatal(err)
	}
	messy := strings.ReplaceAll(string(seed), "\n- ", "\n* ")
	z := writeBytes(t, filepath.Join(real, "z.md"), []byte(messy))
	if os.Symlink("z.md", filepath.Join(real, "a.md")) != nil || os.Symlink("real", filepath.Join(base, "lnk")) != nil {
		t.Skip("no symbolic links here")
	}
	t.Chdir(filepath.Join(base, "lnk"))
	if r := run(t, "", "fmt", "--check", "."); r.code != 1 || r.stdout != "z.md\n" || r.stderr != "" {
		t.Errorf("fmt --check: exit %d, stdout %q, stderr %q; want z.md listed once, no warning", r.code, r.stdout, r.stderr)
	}
	if r := run(t, "", "fmt", "--write", "--verbose", "."); r.code != 0 || r.stdout != "z.md\n" || r.stderr != "" {
		t.Errorf("fmt --write: exit %d, stdout %q, stderr %q; want z.md rewritten, exit 0", r.code, r.stdout, r.stderr)
	}
	if got, _ := os.ReadFile(z); string(got) != string(seed) {
		t.Errorf("z.md is not in canonical form after fmt --write")
	}
}

// An extra argument to a command that takes none (vagut version summarise)
// was answered with a suggestion among vagut's commands ("did you mean
// "summarize"?", and for vagut version completion, "did you mean
// "completion"?"), and only when the whole tree was built: the one-command
// tree said nothing more. The argument is no command of vagut's; the
// message names the command that refused it, the same in both trees.
func TestReviewExtraArgumentNoCommandSuggestion(t *testing.T) {
	for _, args := range [][]string{{"version", "summarise"}, {"version", "completion"}, {"new", "--title", "x", "valdate"}} {
		one := run(t, "", args...)
		whole := run(t, "", append([]string{"--quiet"}, args...)...)
		if one.code != 2 || whole.code != 2 || one.stderr != whole.stderr || one.stdout != whole.stdout {
			t.Errorf("%v: one-command tree: exit %d, %q; whole tree: exit %d, %q", args, one.code, one.stderr, whole.code, whole.stderr)
		}
		if strings.Contains(whole.stderr, "did you mean") || !strings.Contains(whole.stderr, `for "vagut `+args[0]+`"`) {
			t.Errorf("%v: %q; want the refusing command named and no suggestion", args, whole.stderr)
		}
	}
	if r := run(t, "", "--quiet", "summarise"); r.stderr != "vagut: unknown command \"summarise\" (did you mean \"summarize\"?)\n" {
		t.Errorf("a misspelt command: %q", r.stderr)
	}
}

// The file a link alias stands for took the alias's place in the listing:
// with a.md -> z.md, fmt --check listed z.md before b.md, an order no name
// explains (and a different one once the alias goes).
func TestReviewLinkAliasKeepsNameOrder(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("seeds/PMC12769693.md")
	if err != nil {
		t.Fatal(err)
	}
	messy := strings.ReplaceAll(string(seed), "\n- ", "\n* ")
	writeBytes(t, filepath.Join(dir, "z.md"), []byte(messy))
	writeBytes(t, filepath.Join(dir, "b.md"), []byte(strings.ReplaceAll(messy, "PMC12769693", "PMC1")))
	if os.Symlink("z.md", filepath.Join(dir, "a.md")) != nil {
		t.Skip("no symbolic links here")
	}
	t.Chdir(dir)
	if r := run(t, "", "fmt", "--check", "."); r.code != 1 || r.stdout != "b.md\nz.md\n" {
		t.Errorf("fmt --check: exit %d, stdout %q, stderr %q; want b.md then z.md", r.code, r.stdout, r.stderr)
	}
}

// Every command run with several workers on first use of the tables,
// regular expressions and parsers built lazily (internal/lazy): under
// go test -race, a value built at first use and read by another worker
// without the Once would be a reported race.
func TestReviewConcurrentFirstUse(t *testing.T) {
	for _, args := range [][]string{
		{"summarize", "-j", "4", "-o", "json", "testdata/corpus", "seeds", "testdata/dups"},
		{"validate", "-j", "4", "-o", "sarif", "testdata/corpus", "seeds", "testdata/invalid"},
		{"entities", "-j", "4", "-o", "csv", "testdata/corpus", "seeds"},
		{"cite", "-j", "4", "testdata/corpus", "seeds"},
		{"fmt", "-j", "4", "--check", "testdata/corpus", "seeds"},
		{"summarize", "-j", "4", "-o", "html", "testdata/corpus", "seeds"},
	} {
		if r := run(t, "", args...); r.code == 2 || r.stdout == "" && args[0] != "fmt" {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

// The prose of vagut --help and each command's --help is wrapped at 80
// columns, as the rest of it: a line of 115 came from an edit. Indented
// lines (tables, examples) may be wider.
func TestReviewHelpProseWrapped(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	root := NewCmdRoot(ios)
	cmds := append([]*cobra.Command{root}, root.Commands()...)
	for _, c := range cmds {
		for i, line := range strings.Split(c.Long, "\n") {
			if n := utf8.RuneCountInString(line); n > 80 && !strings.HasPrefix(line, " ") {
				t.Errorf("vagut %s --help, line %d: %d columns: %q", c.Name(), i+1, n, line)
			}
		}
	}
}

// hardBreaks is a summary whose abstract is one paragraph of n lines, each
// ending in a hard line break ("\").
func hardBreaks(n int) string {
	return "# T\n\nPMC · DOI: 10.1/x · J · 2020-01-01\n\n## TL;DR\n\nt\n\n## Abstract\n\n" +
		strings.Repeat("word\\\n", n) + "end\n" + hostileTail
}

// fmt placed each hard break by counting the paragraph's lines from its
// first: quadratic in the lines of a paragraph of breaks (40,000 lines,
// 240 KB: 1.2 s).
func TestReviewComplexityDoubling(t *testing.T) {
	if testing.Short() {
		t.Skip("times runs; skipped with -short")
	}
	doublingWithin(t, 8000, 3.0, func(n int) func() {
		p := writeTemp(t, "s.md", hardBreaks(n))
		return func() { run(t, "", "fmt", "--check", p) }
	})
	// goldmark's link parser reads each shortcut reference's label by
	// scanning the paragraph's lines from its last: lines times brackets
	// (80,000 lines of "as shown [1] x": 2.3 s).
	doubling(t, 8000, func(n int) func() {
		p := writeTemp(t, "s.md", "# T\n\nPMC · DOI: 10.1/x · J · 2020-01-01\n\n## Abstract\n\n"+
			strings.Repeat("as shown [1] x\n", n)+"end\\\nlast\n\n[1]: https://example.org/a\n"+hostileTail)
		return func() { run(t, "", "fmt", "--check", p) }
	})
	doubling(t, 8000, func(n int) func() {
		p := writeTemp(t, "s.md", "# T\n\nPMC · DOI: 10.1/x · J · 2020-01-01\n\n## Abstract\n\n"+
			strings.Repeat("[x]: <\n", n)+hostileTail)
		return func() { run(t, "", "fmt", "--check", p) }
	})
}

// A one-letter name was near every name of up to three letters: --o
// suggested --jq (not --output), vagut e "new", vagut help e "new". One
// letter is taken as the start of a name.
func TestReviewDidYouMeanOneLetter(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"summarize", "--o", "json"}, "vagut: unknown flag: --o (did you mean --output?)\n"},
		{[]string{"summarize", "--j", "2"}, "vagut: unknown flag: --j (did you mean --jobs, --journal or --jq?)\n"},
		{[]string{"validate", "--s"}, "vagut: unknown flag: --s (did you mean --strict?)\n"},
		{[]string{"e"}, "vagut: unknown command \"e\" (did you mean \"entities\"?)\n"},
		{[]string{"help", "e"}, "vagut: unknown help topic \"e\" (did you mean \"entities\" or \"exit-codes\"?)\n"},
		{[]string{"summarize", "--jb", "2"}, "vagut: unknown flag: --jb (did you mean --jobs or --jq?)\n"},
	} {
		if r := run(t, "", c.args...); r.code != 2 || r.stderr != c.want {
			t.Errorf("%q: exit %d, %q; want %q", c.args, r.code, r.stderr, c.want)
		}
	}
}
