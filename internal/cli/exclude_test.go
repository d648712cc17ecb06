package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// notesFolder is a folder of two summaries, a README.md that is no summary
// of a paper, and a drafts folder.
func notesFolder(t *testing.T) (root, notes string) {
	t.Helper()
	root = t.TempDir()
	notes = filepath.Join(root, "notes")
	for name, from := range map[string]string{"v1.md": "v1-human-2019.md", "drafts/v2.md": "v2-pig-2020.md"} {
		src, err := os.ReadFile(filepath.Join(viewsDir, from))
		if err != nil {
			t.Fatal(err)
		}
		writeBytes(t, filepath.Join(notes, name), src)
	}
	writeBytes(t, filepath.Join(notes, "README.md"), []byte("# Notes folder\n\nOne summary per paper; drafts in drafts/.\n"))
	return root, notes
}

func titles(t *testing.T, r result) string {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	return strings.TrimSpace(r.stdout)
}

const (
	v1Title = `"I-FABP and IL-6 after cardiogenic shock on VA-ECMO"`
	v2Title = `"Gut barrier failure in a porcine ECMO model"`
)

// A README.md in the notes folder was a paper ("Notes folder") in every
// output, and exclude: was an unknown key. Now exclude: leaves it out, its
// globs relative to the config file.
func TestExcludeInConfig(t *testing.T) {
	root, notes := notesFolder(t)
	before := run(t, "", "summarize", notes, "-o", "jsonl", "--sort", "path", "--jq", ".title")
	// Read, it is named as no summary (issue 9, item 5).
	if !strings.Contains(before.stderr, "README.md:1: not a summary") {
		t.Fatalf("the README should be read without exclusion: %s", before.stderr)
	}
	cfg := writeBytes(t, filepath.Join(root, ".vagut.yaml"), []byte("exclude:\n  - README.md\n  - /notes/drafts/\n"))
	for _, args := range [][]string{
		{"summarize", "-o", "jsonl", "--sort", "path", "--jq", ".title"},
		{"summarize", "-o", "json", "--jq", ".papers[].title"},
		{"cite", "-o", "csljson", "--jq", ".[].title"},
		{"entities", "-o", "json", "--jq", `.entities[] | select(.name == "FABP2") | .papers`},
	} {
		r := run(t, "", append(args, "--config", cfg, notes)...)
		want := v1Title
		if args[0] == "entities" {
			want = "1"
		}
		if got := titles(t, r); got != want || r.stderr != "" {
			t.Errorf("%v: %s, want %s (stderr %q)", args, got, want, r.stderr)
		}
	}
	// validate and fmt walk the same way.
	if r := run(t, "", "validate", "--config", cfg, notes); strings.Contains(r.stdout, "README") {
		t.Errorf("validate read the excluded README:\n%s", r.stdout)
	}
	if r := run(t, "", "fmt", "--check", "--config", cfg, notes); strings.Contains(r.stdout+r.stderr, "README") {
		t.Errorf("fmt read the excluded README:\n%s%s", r.stdout, r.stderr)
	}
	// An explicit file is always read, as ripgrep searches a path it is given.
	r := run(t, "", "summarize", "--config", cfg, filepath.Join(notes, "README.md"), "-o", "jsonl", "--jq", ".title")
	if r.code != 1 || !strings.Contains(r.stderr, "README.md:1: not a summary") {
		t.Errorf("explicit file: exit %d, %s", r.code, r.stderr)
	}
	// A bad glob is a usage error at its line.
	bad := writeBytes(t, filepath.Join(root, "bad.yaml"), []byte("exclude:\n  - README.md\n  - \"[oops\"\n"))
	r = run(t, "", "summarize", "--config", bad, notes)
	if r.code != 2 || !strings.Contains(r.stderr, "bad.yaml:3: exclude: \"[oops\": malformed pattern") {
		t.Errorf("bad glob: exit %d, %q", r.code, r.stderr)
	}
}

// --exclude GLOB, repeatable, relative to the working folder.
func TestExcludeFlag(t *testing.T) {
	_, notes := notesFolder(t)
	r := run(t, "", "summarize", notes, "--exclude", "README.md", "--exclude", "drafts/", "-o", "jsonl", "--jq", ".title")
	if got := titles(t, r); got != v1Title {
		t.Errorf("got %s", got)
	}
	r = run(t, "", "summarize", filepath.Join(notes, "drafts"), "--exclude", "*.md")
	if r.code != 2 || !strings.Contains(r.stderr, "every summary file in this folder is excluded") {
		t.Errorf("all excluded: exit %d, %q", r.code, r.stderr)
	}
	r = run(t, "", "summarize", notes, "--exclude", "[")
	if r.code != 2 || !strings.Contains(r.stderr, `vagut: --exclude: "[": malformed pattern`) {
		t.Errorf("bad glob: exit %d, %q", r.code, r.stderr)
	}
}

// .gitignore files count inside a git repository, as ripgrep reads them:
// the repository's own, a nested one, .git/info/exclude; --no-ignore turns
// them off; outside a repository they do not count.
func TestGitignore(t *testing.T) {
	root, notes := notesFolder(t)
	writeBytes(t, filepath.Join(notes, ".gitignore"), []byte("# the folder's own notes\nREADME.md\n"))
	r := run(t, "", "summarize", notes, "-o", "jsonl", "--jq", ".title")
	if !strings.Contains(r.stderr, "README.md:1: not a summary") {
		t.Errorf("outside a repository .gitignore counted: %s", r.stderr)
	}
	if err := os.MkdirAll(filepath.Join(root, ".git", "info"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := titles(t, run(t, "", "summarize", notes, "-o", "jsonl", "--sort", "path", "--jq", ".title")); got != v2Title+"\n"+v1Title {
		t.Errorf("in a repository: %s", got)
	}
	writeBytes(t, filepath.Join(root, ".gitignore"), []byte("notes/drafts/\n"))
	if got := titles(t, run(t, "", "summarize", notes, "-o", "jsonl", "--jq", ".title")); got != v1Title {
		t.Errorf("with the root .gitignore: %s", got)
	}
	if r := run(t, "", "summarize", notes, "--no-ignore", "-o", "jsonl", "--jq", ".title"); strings.Count(strings.TrimSpace(r.stdout), "\n") != 1 ||
		!strings.Contains(r.stderr, "README.md:1: not a summary") {
		t.Errorf("--no-ignore: %s%s", r.stdout, r.stderr)
	}
	// A later line brings a file back, and .git/info/exclude counts too.
	writeBytes(t, filepath.Join(notes, "drafts", ".gitignore"), []byte("!v2.md\n"))
	writeBytes(t, filepath.Join(root, ".gitignore"), []byte("*.md\n"))
	writeBytes(t, filepath.Join(root, ".git", "info", "exclude"), []byte("v1.md\n"))
	writeBytes(t, filepath.Join(notes, "drafts", "v3.md"), []byte("# Another\n"))
	if got := titles(t, run(t, "", "summarize", notes, "-o", "jsonl", "--jq", ".title")); got != v2Title {
		t.Errorf("negation: %s", got)
	}
	// A bad line is named; the other rules still apply.
	writeBytes(t, filepath.Join(notes, ".gitignore"), []byte("README.md\n[oops\n"))
	r = run(t, "", "summarize", notes, "--exclude", "v1.md", "-o", "jsonl", "--jq", ".title")
	if want := "/notes/.gitignore:2: warning: malformed pattern"; !strings.Contains(r.stderr, want) || r.code != 0 {
		t.Errorf("bad line: exit %d, stderr %q, want %q", r.code, r.stderr, want)
	}
}

// vagut rules says how to turn a rule off and how to leave files out.
func TestRulesDocumentsSilencing(t *testing.T) {
	r := run(t, "", "rules")
	for _, want := range []string{"<!-- vagut-disable VG006 -->", "<!-- vagut-disable-next-line VG023 -->",
		"<!-- vagut-disable-line invalid-id -->", "exclude: [README.md", "--exclude GLOB", "--no-ignore"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("vagut rules does not show %q", want)
		}
	}
	if h := run(t, "", "rules", "--help"); !strings.Contains(h.stdout, "vagut-disable-next-line") {
		t.Error("vagut rules --help does not show the inline comments")
	}
}

// A summary turns rules off in its own comments; the comments are no
// content, and fmt keeps them.
func TestInlineDisablesCLI(t *testing.T) {
	dir := t.TempDir()
	doc := "# Title\n\nPMC · DOI: 10.1000/inline.1 · Critical Care · 2023-05-14\n\n<!-- vagut-disable VG006 -->\n\n" +
		"## TL;DR\n\nShort.\n\n## Key findings\n\n- One.\n\n## Abstract\n\nText.\n\n## Full-text entities\n\n" +
		"<!-- vagut-disable-next-line VG023 -->\n- **Diseases:** cardiogenic shock (MONDO:800175)\n" +
		"- **Diseases:** shock (MONDO:123) <!-- vagut-disable-line invalid-id -->\n"
	path := writeBytes(t, filepath.Join(dir, "a.md"), []byte(doc))
	if r := run(t, "", "validate", path); r.code != 0 || r.stdout != "" {
		t.Errorf("validate: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r := run(t, "", "summarize", path, "-o", "json", "--jq", "[.papers[0] | .other_sections, [.entities[].name]]")
	if want := "[\n  [],\n  [\n    \"cardiogenic shock\",\n    \"shock\"\n  ]\n]\n"; r.stdout != want {
		t.Errorf("the comments leak into the record: %s", r.stdout)
	}
	f := run(t, "", "fmt", path)
	if f.code != 0 || strings.Count(f.stdout, "<!-- vagut-") != 3 {
		t.Errorf("fmt: exit %d, the comments are not all kept:\n%s%s", f.code, f.stdout, f.stderr)
	}
	formatted := writeBytes(t, filepath.Join(dir, "formatted.md"), []byte(f.stdout))
	if r := run(t, "", "validate", formatted); r.code != 0 || r.stdout != "" {
		t.Errorf("validate after fmt: exit %d\n%s", r.code, r.stdout)
	}
	// Without the comments the same file has three errors.
	bare := strings.NewReplacer("<!-- vagut-disable VG006 -->\n\n", "", "<!-- vagut-disable-next-line VG023 -->\n", "", " <!-- vagut-disable-line invalid-id -->", "").Replace(doc)
	path = writeBytes(t, filepath.Join(dir, "b.md"), []byte(bare))
	if r := run(t, "", "validate", path); r.code != 1 || strings.Count(r.stdout, "error:") != 3 {
		t.Errorf("without comments: exit %d\n%s", r.code, r.stdout)
	}
}

// Under a working folder reached through a link, an excluded path written
// through the link's target (or the other way round) left its files in,
// silently: the paths were compared as text.
func TestExcludePathThroughLink(t *testing.T) {
	root, _ := notesFolder(t)
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ cwd, exclude string }{
		{link, filepath.Join(real, "notes", "drafts")},
		{real, filepath.Join(link, "notes", "drafts")},
		{link, filepath.Join(link, "notes", "drafts")},
	} {
		t.Run(c.cwd+" "+c.exclude, func(t *testing.T) {
			t.Chdir(c.cwd)
			t.Setenv("PWD", c.cwd) // as a shell has it: Getwd answers with the link
			r := run(t, "", "summarize", "notes", "--exclude", c.exclude, "--exclude", "README.md", "-o", "jsonl", "--jq", ".title")
			if got := titles(t, r); got != v1Title {
				t.Errorf("from %s, --exclude %s: got %s", c.cwd, c.exclude, got)
			}
		})
	}
}
