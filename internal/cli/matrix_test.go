package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/vagut/vagut/internal/iostreams"
)

// goodFile is a valid summary that every matrix case keeps beside its bad
// input, to show that the other inputs still come out.
func goodFile(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile("seeds/PMC12769693.md")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "good.md")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func writeBytes(t *testing.T, path string, b []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// jsonlIDs returns the ids of the papers of summarize -o jsonl.
func jsonlIDs(t *testing.T, stdout string) []string {
	t.Helper()
	var ids []string
	sc := bufio.NewScanner(strings.NewReader(stdout))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var p struct{ ID string }
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("jsonl: %v", err)
		}
		ids = append(ids, p.ID)
	}
	return ids
}

// The matrix: each bad input is answered by one clear line and the right exit
// code while the good file beside it still comes out.
func TestBadInputMatrix(t *testing.T) {
	nested := "# Deep\n\nPMC · 2020-01-01\n\n## Notes\n\n" + strings.Repeat("- ", 10000) + "x\n\n" + strings.Repeat(">", 10000) + " y\n"
	cases := []struct {
		name   string
		file   string
		data   []byte
		stderr string // the line about the bad file; DIR is its folder
		code   int
		papers int // papers out, the good one included
	}{
		{"empty file", "empty.md", nil, "vagut: DIR/empty.md:1: empty file, not a summary\n", 1, 1},
		{"BOM only", "bom.md", []byte("\xef\xbb\xbf"), "vagut: DIR/bom.md:1: empty file, not a summary\n", 1, 1},
		{"binary bytes and NUL", "blob.md", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "vagut: DIR/blob.md:3: not a text file (NUL byte)\n", 1, 1},
		{"invalid UTF-8", "latin1.md", []byte("# R\xe9sum\xe9\n\n## TL;DR\n\nCaf\xe9 au lait.\n"), "vagut: DIR/latin1.md:1: warning: invalid UTF-8, replaced by U+FFFD\n", 0, 2},
		{"deeply nested lists and quotes", "deep.md", []byte(nested), "", 0, 2},
		{"not a summary", "notes.md", []byte("just notes\n"), "vagut: DIR/notes.md:1: no \"# \" title: not a summary\n", 1, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			goodFile(t, dir)
			writeBytes(t, filepath.Join(dir, c.file), c.data)
			r := run(t, "", "summarize", dir, "-o", "jsonl")
			want := strings.ReplaceAll(c.stderr, "DIR", dir)
			if c.code == 1 {
				want += fmt.Sprintf("vagut: 2 files, %s, 1 error\n", plural(c.papers, "paper"))
			}
			if r.code != c.code || r.stderr != want {
				t.Errorf("exit %d, stderr %q; want %d, %q", r.code, r.stderr, c.code, want)
			}
			if ids := jsonlIDs(t, r.stdout); len(ids) != c.papers {
				t.Errorf("%d papers out, want %d", len(ids), c.papers)
			}
		})
	}
}

func TestTooLarge(t *testing.T) {
	dir := t.TempDir()
	goodFile(t, dir)
	big := filepath.Join(dir, "big.md")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Truncate(big, 11<<20); err != nil { // sparse: nothing is written
		t.Fatal(err)
	}
	r := run(t, "", "summarize", dir, "-o", "jsonl")
	want := "vagut: " + big + ": 11MB, larger than --max-size 10MB\nvagut: 2 files, 1 paper, 1 error\n"
	if r.code != 1 || r.stderr != want || len(jsonlIDs(t, r.stdout)) != 1 {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	r = run(t, "", "summarize", dir, "-o", "jsonl", "--max-size", "1KB")
	if r.code != 1 || !strings.Contains(r.stderr, "good.md: 4.4KB, larger than --max-size 1KB") {
		t.Errorf("--max-size 1KB: exit %d, stderr %q", r.code, r.stderr)
	}
	r = run(t, "", "summarize", dir, "--max-size", "ten")
	if r.code != 2 || !strings.Contains(r.stderr, "want a size such as 10MB") {
		t.Errorf("--max-size ten: exit %d, stderr %q", r.code, r.stderr)
	}
}

// A 5 MB entity list on one line: parsed whole, every entity kept.
func TestHugeEntityLine(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("# Many genes\n\n## Full-text entities\n\n- **Genes:** ")
	n := 0
	for b.Len() < 5<<20 {
		if n > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "G%d (gene %d, a description) [NCBI Gene %d] {aka g%d, gg%d}", n, n, n, n, n)
		n++
	}
	path := writeBytes(t, filepath.Join(dir, "huge.md"), []byte(b.String()+"\n"))
	r := run(t, "", "summarize", path, "-o", "json", "--jq", ".papers[0].entities | [length, .[-1].id, .[-1].aliases[1]]")
	want := fmt.Sprintf("[\n  %d,\n  \"NCBIGene:%d\",\n  \"gg%d\"\n]\n", n, n-1, n-1)
	if r.code != 0 || r.stdout != want {
		t.Errorf("exit %d, stdout %q, want %q (stderr %q)", r.code, r.stdout, want, r.stderr)
	}
}

func TestSymlinkLoopInMatrix(t *testing.T) {
	dir := t.TempDir()
	goodFile(t, dir)
	if err := os.Symlink(".", filepath.Join(dir, "again")); err != nil {
		t.Skip(err)
	}
	r := run(t, "", "summarize", dir, "-o", "jsonl")
	want := "vagut: " + filepath.Join(dir, "again") + ": warning: symbolic link loop, not followed again\n"
	if r.code != 0 || r.stderr != want || len(jsonlIDs(t, r.stdout)) != 1 {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	goodFile(t, dir)
	locked := writeBytes(t, filepath.Join(dir, "locked.md"), []byte("# Locked\n"))
	if os.Geteuid() == 0 {
		// Root reads any file: make the read fail as it would for a user.
		readFile = func(p string) ([]byte, error) {
			if p == locked {
				return nil, &os.PathError{Op: "open", Path: p, Err: syscall.EACCES}
			}
			return os.ReadFile(p)
		}
		defer func() { readFile = nil }()
	} else if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "summarize", dir, "-o", "jsonl")
	want := "vagut: " + locked + ": permission denied\nvagut: 2 files, 1 paper, 1 error\n"
	if r.code != 1 || r.stderr != want || len(jsonlIDs(t, r.stdout)) != 1 {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestFolderNamedLikeASummary(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "x.md")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "summarize", folder)
	if r.code != 2 || r.stderr != "vagut: "+folder+": no summary files (.md, .markdown, .txt) in this folder\n" {
		t.Errorf("empty x.md/: exit %d, stderr %q", r.code, r.stderr)
	}
	goodFile(t, folder) // a folder named x.md is walked like any folder
	r = run(t, "", "summarize", dir, "-o", "jsonl")
	if r.code != 0 || len(jsonlIDs(t, r.stdout)) != 1 {
		t.Errorf("x.md/good.md: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestFileDeletedBetweenListingAndReading(t *testing.T) {
	dir := t.TempDir()
	goodFile(t, dir)
	gone := writeBytes(t, filepath.Join(dir, "gone.md"), []byte("# Gone\n"))
	readFile = func(p string) ([]byte, error) {
		if p == gone {
			os.Remove(p) // listed a moment ago, deleted now
		}
		return os.ReadFile(p)
	}
	defer func() { readFile = nil }()
	r := run(t, "", "summarize", dir, "-o", "jsonl")
	want := "vagut: " + gone + ": no such file or directory\nvagut: 2 files, 1 paper, 1 error\n"
	if r.code != 1 || r.stderr != want || len(jsonlIDs(t, r.stdout)) != 1 {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// closedPipe takes the first write and fails every later one, as a pipe
// whose reader (head -1) has gone does.
type closedPipe struct{ writes int }

func (c *closedPipe) Write(p []byte) (int, error) {
	c.writes++
	if c.writes > 1 {
		return 0, &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.EPIPE}
	}
	return len(p), nil
}

func TestStdoutClosedEarlyIsQuiet(t *testing.T) {
	ios, _, _, errOut := iostreams.Test()
	out := &closedPipe{}
	ios.Out = out
	code := Run(ios, []string{"summarize", "seeds", viewsDir, "-o", "jsonl", "--sort", "path"})
	if code != 0 || errOut.String() != "" {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
	if out.writes != 2 {
		t.Errorf("%d writes: the stream did not stop at the broken pipe", out.writes)
	}
}

// Every input is accounted for: in the output, or named in an error.
func TestEveryInputAccountedFor(t *testing.T) {
	dirs := []string{"seeds", "testdata/corpus", viewsDir, "testdata/bad", "testdata/invalid", "testdata/hostile"}
	r := run(t, "", append([]string{"summarize", "-o", "jsonl", "--sort", "path"}, dirs...)...)
	var files int
	for _, d := range dirs {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
				files++
			}
		}
	}
	// The last line is the count; warnings name papers that still came out,
	// or files left out as the same paper as another (duplicates).
	dups := strings.Count(r.stderr, ", left out\n")
	errs := strings.Count(r.stderr, "\n") - 1 - strings.Count(r.stderr, ": warning: ")
	papers := len(jsonlIDs(t, r.stdout))
	if dups == 0 || papers+dups+errs != files || !strings.HasSuffix(r.stderr,
		fmt.Sprintf("vagut: %d files, %d papers, %d duplicate%s left out, %d errors\n", files, papers, dups, map[bool]string{true: "s"}[dups > 1], errs)) {
		t.Errorf("%d files: %d papers + %d duplicates + %d errors\n%s", files, papers, dups, errs, r.stderr)
	}
}

// Streaming (-o jsonl --sort path) and collecting (-o json --sort path) give
// the same papers in the same order, with any number of workers.
func TestStreamingMatchesCollecting(t *testing.T) {
	args := []string{"seeds", "testdata/corpus", viewsDir, "--sort", "path", "--grep", "e"}
	var want []string
	j := run(t, "", append([]string{"summarize", "-o", "json", "--jq", ".papers[].id"}, args...)...)
	for _, l := range strings.Fields(j.stdout) {
		want = append(want, strings.Trim(l, `"`))
	}
	if len(want) < 10 {
		t.Fatalf("only %d papers: %s", len(want), j.stderr)
	}
	for _, jobs := range []string{"1", "2", "8"} {
		r := run(t, "", append([]string{"summarize", "-o", "jsonl", "-j", jobs}, args...)...)
		if got := jsonlIDs(t, r.stdout); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("-j %s: %v, want %v", jobs, got, want)
		}
	}
	r := run(t, "", append([]string{"summarize", "-o", "jsonl", "--limit", "2"}, args...)...)
	if got := jsonlIDs(t, r.stdout); len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("--limit 2 while streaming: %v", got)
	}
}

// The real binary, its stdout piped into a reader that stops after one line:
// no message, no broken-pipe trace.
func TestRealPipeClosedEarly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "vagut")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/vagut").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "summarize", "seeds", "testdata/corpus", viewsDir, "-o", "jsonl", "--sort", "path", "-j", "1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "{") {
		t.Fatalf("first line %q: %v", line, err)
	}
	stdout.Close()
	err = cmd.Wait()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr after the reader left: %q", stderr.String())
	}
}
