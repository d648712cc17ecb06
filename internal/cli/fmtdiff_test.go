package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/vagut/vagut/internal/iostreams"
	"github.com/vagut/vagut/internal/sanitize"
)

// fmt --write --verbose names what it rewrote, on stdout, and nothing else.
func TestFmtWriteVerbose(t *testing.T) {
	dir := copyTree(t, map[string]string{"crlf.md": "testdata/corpus/crlf-rat.md", "seed.md": "seeds/PMC12769693.md"})
	r := run(t, "", "fmt", "--write", "--verbose", dir)
	if r.code != 0 || r.stdout != filepath.Join(dir, "crlf.md")+"\n" || r.stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if r := run(t, "", "fmt", "--verbose", dir); r.code != 2 {
		t.Errorf("--verbose without --write: exit %d", r.code)
	}
}

// A seed with one bullet written "* ": not canonical from that line on.
func starBullet(t *testing.T, dir, name string) (path string, line int) {
	t.Helper()
	seed := readText(t, "seeds/PMC12769693.md")
	i := strings.Index(seed, "- Gut dysfunction")
	src := seed[:i] + "*" + seed[i+1:]
	path = filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, strings.Count(seed[:i], "\n") + 1
}

// fmt --diff prints what gofmt -d prints: a unified diff patch -p0 applies.
func TestFmtDiff(t *testing.T) {
	dir := t.TempDir()
	path, line := starBullet(t, dir, "x.md")
	canon := filepath.Join(dir, "seed.md")
	os.WriteFile(canon, []byte(readText(t, "seeds/PMC12769693.md")), 0o644)
	want := "diff " + path + ".orig " + path + "\n--- " + path + ".orig\n+++ " + path + "\n" +
		"@@ -" + itoa(line-3) + ",7 +" + itoa(line-3) + ",7 @@\n" +
		" ## Key findings\n \n - VA-ECMO can cause gut injury through microcirculatory dysfunction and ischemia-reperfusion.\n" +
		"-* Gut dysfunction during VA-ECMO leads to bacterial translocation and systemic inflammation.\n" +
		"+- Gut dysfunction during VA-ECMO leads to bacterial translocation and systemic inflammation.\n" +
		" - Incorporating gut-protective strategies in VA-ECMO protocols is essential for better outcomes.\n \n ## Abstract\n"
	for _, args := range [][]string{{"fmt", "--diff", dir}, {"fmt", "-d", path, canon}} {
		r := run(t, "", args...)
		if r.code != 0 || r.stdout != want || r.stderr != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout:\n%s", args, r.code, r.stderr, r.stdout)
		}
	}
	// With --check: the diffs instead of the names, and exit 1.
	if r := run(t, "", "fmt", "--check", "--diff", dir); r.code != 1 || r.stdout != want {
		t.Errorf("--check --diff: exit %d, stdout:\n%s", r.code, r.stdout)
	}
	if _, err := exec.LookPath("patch"); err != nil {
		t.Log("patch not installed: the diff is not applied")
		return
	}
	canonText := readText(t, canon)
	t.Chdir(dir) // patch takes relative names only
	r := run(t, "", "fmt", "--diff", "x.md")
	cmd := exec.Command("patch", "-p0", "-s")
	cmd.Stdin = strings.NewReader(r.stdout)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch: %v\n%s", err, out)
	}
	if readText(t, path) != canonText {
		t.Error("the patched file is not the canonical one")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// Under GitHub Actions, fmt --check annotates each file at its first changed
// line, escaping file names as the workflow-command grammar requires.
func TestFmtCheckGitHubAnnotations(t *testing.T) {
	dir := t.TempDir()
	plain, line := starBullet(t, dir, "x.md")
	odd, _ := starBullet(t, dir, "a,b:c%d\nfake.md")
	crlf := filepath.Join(dir, "crlf.md")
	os.WriteFile(crlf, []byte(readText(t, "testdata/corpus/crlf-rat.md")), 0o644)
	ios, _, out, errOut := iostreams.Test()
	ios.Getenv = func(k string) string {
		if k == "GITHUB_ACTIONS" {
			return "true"
		}
		return ""
	}
	code := Run(ios, []string{"fmt", "--check", odd, crlf, plain})
	esc := strings.NewReplacer("%", "%25", "\n", "%0A")
	// The name as people read it: the newline shown, never a second line.
	oddData := esc.Replace(sanitize.Line(odd))
	oddProp := strings.NewReplacer(",", "%2C", ":", "%3A").Replace(esc.Replace(odd))
	want := sanitize.Line(odd) + "\n" +
		"::error file=" + oddProp + ",line=" + itoa(line) + ",title=vagut fmt::" + oddData + " is not in canonical form from line " + itoa(line) + ": run vagut fmt --write " + oddData + "\n" +
		crlf + "\n" +
		"::error file=" + crlf + ",line=1,title=vagut fmt::" + crlf + " is not in canonical form from line 1: run vagut fmt --write " + crlf + "\n" +
		plain + "\n" +
		"::error file=" + plain + ",line=" + itoa(line) + ",title=vagut fmt::" + plain + " is not in canonical form from line " + itoa(line) + ": run vagut fmt --write " + plain + "\n"
	if code != 1 || out.String() != want || errOut.String() != "" {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, errOut, out, want)
	}
	// Outside GitHub Actions: names only.
	if r := run(t, "", "fmt", "--check", plain); r.stdout != plain+"\n" {
		t.Errorf("without GITHUB_ACTIONS: %q", r.stdout)
	}
}

// Standard input is named as gofmt -d names it.
func TestFmtDiffStdin(t *testing.T) {
	r := run(t, readText(t, "testdata/corpus/crlf-rat.md"), "fmt", "--diff", "-")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "diff <standard input>.orig <standard input>\n--- <standard input>.orig\n+++ <standard input>\n@@ -1,") {
		t.Errorf("exit %d, stdout:\n%s", r.code, r.stdout)
	}
}
