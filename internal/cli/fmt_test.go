package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyTree copies files into a temporary folder and returns it.
func copyTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, from := range files {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o640); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFmtCheckSeedsIsClean(t *testing.T) {
	r := run(t, "", "fmt", "--check", "seeds")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("fmt --check seeds: exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
}

func TestFmtCheckAndWrite(t *testing.T) {
	dir := copyTree(t, map[string]string{
		"crlf.md": "testdata/corpus/crlf-rat.md", // CRLF: not canonical
		"seed.md": "seeds/PMC12769693.md",        // canonical
		"bad.md":  "testdata/bad/no-title.md",    // not a summary
	})
	crlf, seed, bad := filepath.Join(dir, "crlf.md"), filepath.Join(dir, "seed.md"), filepath.Join(dir, "bad.md")
	before := map[string]string{crlf: readText(t, crlf), seed: readText(t, seed), bad: readText(t, bad)}

	r := run(t, "", "fmt", "--check", dir)
	if r.code != 1 || r.stdout != crlf+"\n" || r.stderr != "vagut: "+bad+":1: no \"# \" title: not a summary\n" {
		t.Errorf("--check: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	for p, b := range before {
		if readText(t, p) != b {
			t.Errorf("--check changed %s", p)
		}
	}

	r = run(t, "", "fmt", "--write", dir)
	if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, bad) {
		t.Errorf("--write: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	got := readText(t, crlf)
	if strings.Contains(got, "\r") || !strings.HasPrefix(got, "# Early enteral nutrition in rats on ECMO\n\n**Authors:**") {
		t.Errorf("crlf.md not rewritten canonically:\n%q", got)
	}
	if info, _ := os.Stat(crlf); info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", info.Mode().Perm())
	}
	if readText(t, seed) != before[seed] || readText(t, bad) != before[bad] {
		t.Error("--write touched a canonical or unparsable file")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".vagut-fmt-*")); len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	// Now everything that parses is canonical: --check lists nothing.
	r = run(t, "", "fmt", "--check", crlf, seed)
	if r.code != 0 || r.stdout != "" {
		t.Errorf("--check after --write: exit %d, %q", r.code, r.stdout)
	}
}

func TestFmtStdout(t *testing.T) {
	src := readText(t, "testdata/corpus/crlf-rat.md")
	r := run(t, src, "fmt", "-")
	want := "# Early enteral nutrition in rats on ECMO\n\n**Authors:** Akira Sato, Beatriz Costa\n\nPMC · Critical Care · 2019-05-14\n\n## TL;DR\n\n" +
		"Early enteral feeding preserved the gut barrier in rats.\n\n## Key findings\n\n- Enteral feeding lowered IL-6 by half.\n- Rats fed early lost less weight.\n\n" +
		"## Full-text entities\n\n- **Genes:** Il6 (interleukin 6) [NCBI Gene 24498]\n- **Species:** Rattus norvegicus (brown rat, species) [taxon 10116]\n\n" +
		"---\nSource: https://tomesphere.com/paper/PMC6500002\n"
	if r.code != 0 || r.stdout != want {
		t.Errorf("exit %d, stdout:\n%s", r.code, r.stdout)
	}
}

func TestFmtFollowsSymlinks(t *testing.T) {
	dir := copyTree(t, map[string]string{"real.md": "testdata/corpus/crlf-rat.md"})
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("real.md", link); err != nil {
		t.Skip(err)
	}
	if r := run(t, "", "fmt", "--write", link); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if strings.Contains(readText(t, filepath.Join(dir, "real.md")), "\r") {
		t.Error("the link's target was not rewritten")
	}
}

// A folder where no file can be created: the summary is left as it was and
// the failure is named. As root, permissions do not stop the write, so the
// failure is also injected where the temporary file is made.
func TestFmtWriteReadOnlyFolder(t *testing.T) {
	dir := copyTree(t, map[string]string{"crlf.md": "testdata/corpus/crlf-rat.md"})
	path := filepath.Join(dir, "crlf.md")
	before := readText(t, path)
	if os.Geteuid() == 0 {
		createTemp = func(string, string) (*os.File, error) {
			return nil, &os.PathError{Op: "open", Path: filepath.Join(dir, ".vagut-fmt-1"), Err: os.ErrPermission}
		}
		defer func() { createTemp = os.CreateTemp }()
	} else {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(dir, 0o755)
	}
	r := run(t, "", "fmt", "--write", dir)
	want := "vagut: " + path + ": not rewritten: cannot create a temporary file in " + dir + ": permission denied\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("exit %d, stderr %q, want %q", r.code, r.stderr, want)
	}
	if readText(t, path) != before {
		t.Error("the summary changed although the write failed")
	}
}

func TestFmtUsage(t *testing.T) {
	for _, c := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"fmt", "--check", "--write", "seeds"}, "vagut: --check and --write cannot be used together\n"},
		{[]string{"fmt", "--write", "-"}, "vagut: --write cannot rewrite standard input\n"},
		{[]string{"fmt", "missing.md"}, "vagut: missing.md: no such file or directory\n"},
	} {
		r := run(t, "", c.args...)
		if r.code != 2 || r.stderr != c.stderr {
			t.Errorf("%v: exit %d, stderr %q", c.args, r.code, r.stderr)
		}
	}
}
