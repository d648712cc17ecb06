package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Gaps found by the review of 2955f88, one test per gap.

// offConfig turns VG003 (a required section missing) off: a run that reads
// it passes a file without sections, one that does not fails.
const offConfig = "required_sections: []\nrules:\n  VG003: off\n"

// noSections is a summary that VG003 fails under the default settings.
const noSections = hostileHead + "- **Genes:** FABP2 [NCBI Gene 2169]" + hostileTail

// usesConfig says whether validate --strict a.md in dir read offConfig.
func usesConfig(t *testing.T, dir string) (bool, result) {
	t.Helper()
	writeBytes(t, filepath.Join(dir, "a.md"), []byte(noSections))
	t.Chdir(dir)
	r := run(t, "", "--verbose", "validate", "--strict", "a.md")
	if r.code == 0 {
		return true, r
	}
	if r.code != 1 || !strings.Contains(r.stdout, "VG003") {
		t.Fatalf("validate: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	return false, r
}

// Outside a git repository the settings search went up to /: a
// .vagut.yaml planted in /tmp applied to every folder under it.
func TestGapsConfigOutsideRepository(t *testing.T) {
	t.Run("a parent outside any repository is not read", func(t *testing.T) {
		outer := t.TempDir() // stands for /tmp
		t.Setenv("HOME", t.TempDir())
		writeBytes(t, filepath.Join(outer, ".vagut.yaml"), []byte(offConfig))
		if used, r := usesConfig(t, filepath.Join(outer, "notes", "sub")); used {
			t.Errorf("%s/.vagut.yaml applied to a folder under it: %q", outer, r.stderr)
		} else if !strings.Contains(r.stderr, "default settings") {
			t.Errorf("--verbose does not say the defaults are used: %q", r.stderr)
		}
	})
	t.Run("the working folder's own is read", func(t *testing.T) {
		dir := t.TempDir()
		t.Setenv("HOME", t.TempDir())
		writeBytes(t, filepath.Join(dir, ".vagut.yaml"), []byte(offConfig))
		if used, r := usesConfig(t, dir); !used {
			t.Errorf("the working folder's .vagut.yaml was not read: %q", r.stderr)
		} else if !strings.Contains(r.stderr, "vagut: settings from .vagut.yaml\n") {
			t.Errorf("--verbose does not name the file: %q", r.stderr)
		}
	})
	t.Run("inside the home folder, up to it", func(t *testing.T) {
		home := t.TempDir()
		t.Setenv("HOME", home)
		writeBytes(t, filepath.Join(home, ".vagut.yaml"), []byte(offConfig))
		if used, r := usesConfig(t, filepath.Join(home, "notes", "sub")); !used {
			t.Errorf("the home folder's .vagut.yaml was not read: %q", r.stderr)
		} else if !strings.Contains(r.stderr, "vagut: settings from "+filepath.Join("..", "..", ".vagut.yaml")+"\n") {
			t.Errorf("--verbose does not name the file: %q", r.stderr)
		}
	})
	t.Run("inside a repository, up to its root", func(t *testing.T) {
		repo := t.TempDir()
		t.Setenv("HOME", t.TempDir())
		writeBytes(t, filepath.Join(repo, ".git", "HEAD"), []byte("ref: refs/heads/main\n"))
		writeBytes(t, filepath.Join(repo, ".vagut.yaml"), []byte(offConfig))
		if used, r := usesConfig(t, filepath.Join(repo, "notes", "sub")); !used {
			t.Errorf("the repository's .vagut.yaml was not read: %q", r.stderr)
		}
	})
	t.Run("a folder anyone may write to is not searched", func(t *testing.T) {
		tmp := t.TempDir()
		t.Setenv("HOME", t.TempDir())
		if err := os.Chmod(tmp, 0o1777); err != nil {
			t.Fatal(err)
		}
		// A .git planted in /tmp does not make it a repository root.
		writeBytes(t, filepath.Join(tmp, ".git", "HEAD"), []byte("ref: refs/heads/main\n"))
		writeBytes(t, filepath.Join(tmp, ".vagut.yaml"), []byte(offConfig))
		if used, r := usesConfig(t, filepath.Join(tmp, "ci")); used {
			t.Errorf("a .vagut.yaml planted beside a planted .git was read: %q", r.stderr)
		}
		// Run in /tmp itself, its .vagut.yaml is named, not read.
		used, r := usesConfig(t, tmp)
		if used {
			t.Errorf("%s/.vagut.yaml was read", tmp)
		}
		if !strings.Contains(r.stderr, "vagut: warning: .vagut.yaml not read: anyone may write to its folder (give it with --config to use it)\n") {
			t.Errorf("the file passed over is not named: %q", r.stderr)
		}
		if r := run(t, "", "--config", ".vagut.yaml", "validate", "--strict", "a.md"); r.code != 0 {
			t.Errorf("--config .vagut.yaml: exit %d, %q", r.code, r.stdout+r.stderr)
		}
	})
}

// A link reference definition placed after the Key findings list was read as
// one more finding ("[t1]: https://…" in key_findings, and a bullet of the digest).
func TestGapsLinkDefinitionAfterFindings(t *testing.T) {
	src := "# T\n\nPMC · DOI: 10.1/x · J · 2020-01-01\n\n## TL;DR\n\nt\n\n## Key findings\n\n" +
		"- one from [the trial][t1]\n- two\n\n[t1]: https://example.org/x\n\n## Abstract\n\na\n\n---\nSource: https://x.org/paper/P1\n"
	path := writeTemp(t, "a.md", src)
	r := run(t, "", "summarize", "-o", "json", "--jq", ".papers[0].key_findings", path)
	if r.code != 0 || r.stdout != "[\n  \"one from [the trial][t1]\",\n  \"two\"\n]\n" {
		t.Errorf("key_findings: exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
	r = run(t, "", "summarize", "--sections", "findings", path)
	if !strings.Contains(r.stdout, "- one from [the trial](https://example.org/x)\n- two\n\n") || strings.Contains(r.stdout, "- \\[t1]") {
		t.Errorf("digest: the link is not kept, or the definition is a finding:\n%s", r.stdout)
	}
	// fmt keeps the definition where it stands: the file is canonical.
	if r := run(t, "", "fmt", "--check", path); r.code != 0 {
		t.Errorf("fmt --check: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	if r := run(t, "", "validate", path); r.code != 0 || r.stdout != "" {
		t.Errorf("validate: exit %d, %q", r.code, r.stdout)
	}
}

// A link inside the folder to another file of the folder (a.md -> z.md) is
// the same file: fmt --write rewrote nothing and failed (exit 1), because the
// walk kept the link's name, which --write does not follow.
func TestGapsFmtLinkAliasInFolder(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("seeds/PMC12769693.md")
	if err != nil {
		t.Fatal(err)
	}
	messy := strings.ReplaceAll(string(seed), "\n- ", "\n* ")
	z := writeBytes(t, filepath.Join(dir, "z.md"), []byte(messy))
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if os.Symlink("z.md", filepath.Join(dir, "a.md")) != nil || os.Symlink("../z.md", filepath.Join(dir, "sub", "y.md")) != nil {
		t.Skip("no symbolic links here")
	}
	t.Chdir(dir)
	if r := run(t, "", "fmt", "--check", "."); r.code != 1 || r.stdout != "z.md\n" || r.stderr != "" {
		t.Errorf("fmt --check: exit %d, stdout %q, stderr %q; want z.md listed once", r.code, r.stdout, r.stderr)
	}
	if r := run(t, "", "fmt", "--write", "--verbose", "."); r.code != 0 || r.stdout != "z.md\n" || r.stderr != "" {
		t.Errorf("fmt --write: exit %d, stdout %q, stderr %q; want z.md rewritten, exit 0", r.code, r.stdout, r.stderr)
	}
	if got, _ := os.ReadFile(z); string(got) != string(seed) {
		t.Errorf("z.md is not in canonical form after fmt --write")
	}
	if fi, err := os.Lstat(filepath.Join(dir, "a.md")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("a.md is no longer a link: %v", err)
	}
	if r := run(t, "", "fmt", "--check", "."); r.code != 0 {
		t.Errorf("fmt --check after --write: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
}

// An exclude given as a path (./notes/drafts, an absolute path) worked with
// --exclude but was not applied from exclude: in .vagut.yaml.
func TestGapsExcludePathInConfig(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile("seeds/PMC12769693.md")
	if err != nil {
		t.Fatal(err)
	}
	writeBytes(t, filepath.Join(root, "notes", "a.md"), seed)
	writeBytes(t, filepath.Join(root, "notes", "drafts", "d.md"), []byte("# Draft\n\nnot a summary yet\n"))
	t.Chdir(root)
	forms := []string{"notes/drafts", "notes/drafts/", "/notes/drafts", "./notes/drafts", "./notes/drafts/",
		filepath.Join(root, "notes", "drafts"), "../" + filepath.Base(root) + "/notes/drafts"}
	for _, form := range forms {
		if r := run(t, "", "validate", "--exclude", form, "notes"); r.code != 0 {
			t.Errorf("--exclude %s: exit %d, %q", form, r.code, r.stdout+r.stderr)
		}
		cfg := writeBytes(t, filepath.Join(root, ".vagut.yaml"), []byte("exclude:\n  - \""+form+"\"\n"))
		if r := run(t, "", "validate", "notes"); r.code != 0 {
			t.Errorf("exclude: [%s] in .vagut.yaml: exit %d, %q", form, r.code, r.stdout+r.stderr)
		}
		// From another folder, the config's globs stay relative to its own.
		t.Chdir(filepath.Join(root, "notes"))
		if r := run(t, "", "validate", "."); r.code != 0 {
			t.Errorf("exclude: [%s] in .vagut.yaml, run in notes/: exit %d, %q", form, r.code, r.stdout+r.stderr)
		}
		t.Chdir(root)
		os.Remove(cfg)
	}
}

// --quiet hides warnings (a repaired date or byte, a duplicate, a walk's
// note) and never an error. The date and invalid UTF-8 warnings went
// through it.
func TestGapsQuietHidesWarningsNotErrors(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("seeds/PMC12769693.md")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(seed), "2026-01-05", "2018 Spring", 1) + "\n\xff\n"
	writeBytes(t, filepath.Join(dir, "a.md"), []byte(bad))
	writeBytes(t, filepath.Join(dir, "b.md"), seed) // same DOI as a.md: a duplicate
	for _, args := range [][]string{
		{"summarize"}, {"summarize", "-o", "json"}, {"summarize", "-o", "jsonl"}, {"summarize", "-o", "csv"},
		{"entities"}, {"cite"},
	} {
		loud := run(t, "", append(args, dir)...)
		for _, w := range []string{"a.md:5: warning: date 2018 Spring", "a.md:42: warning: invalid UTF-8", "b.md:5: warning: duplicate of"} {
			if !strings.Contains(loud.stderr, w) {
				t.Errorf("%v: without -q, %q is not said: %q", args, w, loud.stderr)
			}
		}
		quiet := run(t, "", append(append(args, "-q"), dir)...)
		if quiet.code != 0 || quiet.stderr != "" || quiet.stdout != loud.stdout {
			t.Errorf("%v -q: exit %d, stderr %q (want none), same stdout %v", args, quiet.code, quiet.stderr, quiet.stdout == loud.stdout)
		}
	}
	// Errors are never hidden.
	writeBytes(t, filepath.Join(dir, "c.md"), []byte("# Notes\n\njust notes\n"))
	r := run(t, "", "summarize", "-q", "-o", "json", dir)
	if r.code != 1 || r.stderr != "vagut: "+filepath.Join(dir, "c.md")+`:1: not a summary: a title, but no Authors line, metadata line, known section or Source line`+"\n" {
		t.Errorf("-q with an error: exit %d, stderr %q", r.code, r.stderr)
	}
	// vagut new: a field written otherwise is a warning too.
	r = run(t, "", "new", "-q", "--title", "X", "--journal", "A · B", "-o", t.TempDir())
	if r.code != 0 || r.stderr != "" {
		t.Errorf("new -q: exit %d, stderr %q", r.code, r.stderr)
	}
}

// The closing count counted a duplicate left out among the papers
// ("5 files, 4 papers, 1 duplicate left out, 1 error") where -o json's
// total did not (3): the papers of the count are the total, and the files
// add up to papers, duplicates and errors.
func TestGapsClosingCountAgreesWithTotal(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("seeds/PMC12769693.md")
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"p1.md", "p2.md", "p3.md"} {
		src := strings.ReplaceAll(string(seed), "PMC12769693", fmt.Sprintf("PMC%d", i+1))
		src = strings.ReplaceAll(src, "10.1007/s10047-025-01543-6", fmt.Sprintf("10.1/x%d", i+1))
		writeBytes(t, filepath.Join(dir, name), []byte(src))
		if i == 0 {
			writeBytes(t, filepath.Join(dir, "p1dup.md"), []byte(src))
		}
	}
	writeBytes(t, filepath.Join(dir, "notes.md"), []byte("# Notes\n\nx\n"))
	for _, o := range []string{"json", "jsonl", "md", "csv"} {
		r := run(t, "", "summarize", "-o", o, "--limit", "1", dir)
		if !strings.HasSuffix(r.stderr, "vagut: 5 files, 3 papers, 1 duplicate left out, 1 error\n") {
			t.Errorf("-o %s: closing count %q", o, r.stderr)
		}
	}
	r := run(t, "", "summarize", "-q", "-o", "json", "--jq", ".total", dir)
	if r.stdout != "3\n" {
		t.Errorf("total %q", r.stdout)
	}
}

// summarize --fromat got no suggestion: the output flag is --output there
// and --format on validate. Both names (and -o) are one flag on every
// command that writes data, and a misspelling of either is suggested.
func TestGapsOutputFlagNames(t *testing.T) {
	for _, c := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"summarize", "--fromat", "json", "seeds"}, "vagut: unknown flag: --fromat (did you mean --format?)\n"},
		{[]string{"entities", "--fromat", "json", "seeds"}, "vagut: unknown flag: --fromat (did you mean --format?)\n"},
		{[]string{"cite", "--fromat", "ris", "seeds"}, "vagut: unknown flag: --fromat (did you mean --format?)\n"},
		{[]string{"validate", "--outptu", "json", "seeds"}, "vagut: unknown flag: --outptu (did you mean --output?)\n"},
		{[]string{"new", "--fromat", "x.bib"}, "vagut: unknown flag: --fromat (did you mean --from?)\n"}, // new's -o is a folder
	} {
		if r := run(t, "", c.args...); r.code != 2 || r.stderr != c.stderr {
			t.Errorf("%q: exit %d, stderr %q; want %q", c.args, r.code, r.stderr, c.stderr)
		}
	}
	for _, same := range [][2][]string{
		{{"summarize", "-o", "jsonl", "seeds"}, {"summarize", "--format", "jsonl", "seeds"}},
		{{"entities", "-o", "csv", "seeds"}, {"entities", "--format", "csv", "seeds"}},
		{{"cite", "-o", "ris", "seeds"}, {"cite", "--format=ris", "seeds"}},
		{{"validate", "-o", "json", "seeds"}, {"validate", "--output", "json", "seeds"}},
	} {
		a, b := run(t, "", same[0]...), run(t, "", same[1]...)
		if a.code != 0 || b.code != 0 || a.stdout != b.stdout || b.stderr != "" {
			t.Errorf("%q and %q differ: exit %d/%d, stderr %q", same[0], same[1], a.code, b.code, b.stderr)
		}
	}
	// --format names the output of summarize for --jq too.
	if r := run(t, "", "summarize", "--format", "md", "--jq", ".total", "seeds"); r.code != 2 || r.stderr != "vagut: --jq needs -o json or jsonl, not md\n" {
		t.Errorf("--jq with --format md: exit %d, %q", r.code, r.stderr)
	}
}

// Did you mean on a 100 KB unknown command took 1.3 s: cobra's edit
// distance allocated a row per byte for every command, and ran twice. The
// work is bounded: at most a few times the argument's bytes are allocated.
func TestGapsSuggestionBounded(t *testing.T) {
	word := strings.Repeat("x", 100<<10)
	for _, args := range [][]string{{word}, {"help", word}, {"summarize", "--" + word}, {"validate", "--" + word + "=1"}} {
		var r result
		allocs := testingAllocBytes(func() { r = run(t, "", args...) })
		if r.code != 2 || strings.Contains(r.stderr, "did you mean") || !strings.HasPrefix(r.stderr, "vagut: unknown ") {
			t.Errorf("%.20s…: exit %d, stderr %.80q", args, r.code, r.stderr)
		}
		if allocs > 40*uint64(len(word)) {
			t.Errorf("%.20s…: %d bytes allocated for a %d-byte argument; want at most 40 per byte", args, allocs, len(word))
		}
	}
}

// vagut help nope printed "Unknown help topic" and the whole usage on
// stdout, exit 0: it is a usage error, one line, with a suggestion.
func TestGapsUnknownHelpTopic(t *testing.T) {
	for topic, want := range map[string]string{
		"summarise": "vagut: unknown help topic \"summarise\" (did you mean \"summarize\"?)\n",
		"confg":     "vagut: unknown help topic \"confg\" (did you mean \"config\"?)\n",
		"nope":      "vagut: unknown help topic \"nope\"\n",
	} {
		if r := run(t, "", "help", topic); r.code != 2 || r.stderr != want || r.stdout != "" {
			t.Errorf("help %s: exit %d, stdout %.40q, stderr %q; want %q", topic, r.code, r.stdout, r.stderr, want)
		}
	}
	if r := run(t, "", "help", "config"); r.code != 0 || !strings.Contains(r.stdout, ".vagut.yaml") {
		t.Errorf("help config: exit %d, %.80q", r.code, r.stdout)
	}
}
