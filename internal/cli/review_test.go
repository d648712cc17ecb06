package cli

import (
	"os"
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
