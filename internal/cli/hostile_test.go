package cli

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Hostile inputs of issue 10: each generator makes an input of size n.

const hostileHead = "# T\n\nPMC · DOI: 10.1/x · J · 2020-01-01\n\n## TL;DR\n\nt\n\n## Full-text entities\n\n"
const hostileTail = "\n\n---\nSource: https://x.org/paper/P1\n"

// entityLines is one entity list item with one entity per continuation line.
func entityLines(n int) string {
	var b strings.Builder
	b.WriteString(hostileHead + "- **Genes:** ")
	for i := range n {
		if i > 0 {
			b.WriteString(",\n  ")
		}
		fmt.Fprintf(&b, "G%d [NCBI Gene %d]", i, i+1)
	}
	return b.String() + hostileTail
}

// linkDefinitions is n link reference definitions in one paragraph.
func linkDefinitions(n int) string {
	var b strings.Builder
	b.WriteString(hostileHead + "G1 [NCBI Gene 1]\n\n## Abstract\n\n")
	for i := range n {
		fmt.Fprintf(&b, "[l%d]: https://x.org/%d\n", i, i)
	}
	return b.String() + hostileTail
}

func nestedQuotes(n int) string { return hostileHead + strings.Repeat(">", n) + " x" + hostileTail }
func nestedLists(n int) string  { return hostileHead + strings.Repeat("- ", n) + "x" + hostileTail }
func commas(n int) string {
	return hostileHead + "- **Genes:** " + strings.Repeat(",", n) + hostileTail
}

// geneDiseasePairs is one paper with √n genes and √n diseases: n pairs.
func geneDiseasePairs(n int) string {
	n = int(math.Sqrt(float64(n)))
	var b strings.Builder
	b.WriteString(hostileHead + "- **Genes:** ")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "G%d [NCBI Gene %d]", i, i+1)
	}
	b.WriteString("\n- **Diseases:** ")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "D%d (MESH:D%06d)", i, i)
	}
	return b.String() + hostileTail
}

// configOfSize is a valid .vagut.yaml of about n bytes.
func configOfSize(n int) string {
	var b strings.Builder
	b.WriteString("id_prefixes:\n")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "  - P%d\n", i)
	}
	return b.String()
}

// symlinkLadder makes n folders, each holding a summary and two links to
// the next: 2^n routes to the last one.
func symlinkLadder(t testing.TB, n int) string {
	root := t.TempDir()
	for i := range n {
		d := filepath.Join(root, fmt.Sprintf("l%d", i))
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		head := strings.Replace(hostileHead, "# T", fmt.Sprintf("# T%d", i), 1)
		head = strings.Replace(head, "10.1/x", fmt.Sprintf("10.1/x%d", i), 1) // one paper per level, not duplicates
		src := head + strings.Replace(hostileTail, "P1", fmt.Sprintf("P%d", i), 1)
		if err := os.WriteFile(filepath.Join(d, "p.md"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			prev := filepath.Join(root, fmt.Sprintf("l%d", i-1))
			for _, name := range []string{"a", "b"} {
				if err := os.Symlink(filepath.Join("..", fmt.Sprintf("l%d", i)), filepath.Join(prev, name)); err != nil {
					t.Skipf("no symbolic links here: %v", err)
				}
			}
		}
	}
	// The folder of all levels: links lead only to folders inside the PATH
	// given (a link out of it is not followed).
	return root
}

func writeTemp(t testing.TB, name, content string) string {
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// doubling fails when the CPU time of run grows more than 2.5 times per
// doubling of its input. It times sizes n and 4n (two doublings, so that one
// step's cache or collector effects do not decide alone) and compares the
// ratio with 2.5²: linear work gives 4, n log n about 4.5, quadratic 16. Each
// time is the best of five runs after a warm-up, interleaved, in CPU time, so
// that a busy machine does not fail it. setup prepares an input outside the
// timing.
func doubling(t *testing.T, n int, setup func(n int) func()) {
	t.Helper()
	doublingWithin(t, n, 2.5, setup)
}

// doublingWithin is doubling with another bound per doubling, for a run
// whose linear time drifts up in-process (the fmt round trip of one
// paragraph of 32,000 hard breaks: 2.2–2.6× per doubling here, a separate
// binary 1.8×; quadratic was 3.5× and more).
func doublingWithin(t *testing.T, n int, bound float64, setup func(n int) func()) {
	t.Helper()
	small, large := setup(n), setup(4*n)
	small()
	large()
	// A ratio past the bound is measured again, and fails when it stays
	// past it. A quadratic run fails every time.
	var perDoubling float64
	var a, b time.Duration
	for range 3 {
		a, b = time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
		for range 5 {
			runtime.GC() // no collection left over from the run before
			start := cpuTime()
			small()
			a = min(a, cpuTime()-start)
			runtime.GC()
			start = cpuTime()
			large()
			b = min(b, cpuTime()-start)
		}
		perDoubling = math.Sqrt(float64(b) / float64(max(a, time.Microsecond)))
		t.Logf("n=%d: %v, 4n: %v, %.2f× per doubling (CPU time)", n, a, b, perDoubling)
		if perDoubling <= bound {
			return
		}
	}
	t.Errorf("each doubling of the input from %d to %d took %.1f× the time (%v → %v); want at most %.1f×", n, 4*n, perDoubling, a, b, bound)
}

// Complexity guard: for each generator, time grows in proportion to the input.
func TestComplexityDoubling(t *testing.T) {
	if testing.Short() {
		t.Skip("times runs; skipped with -short")
	}
	file := func(gen func(int) string, args ...string) func(int) func() {
		return func(n int) func() {
			p := writeTemp(t, "s.md", gen(n))
			return func() { run(t, "", append(args, p)...) }
		}
	}
	cases := []struct {
		name  string
		n     int
		setup func(n int) func()
	}{
		{"entity lines", 10000, file(entityLines, "validate")},
		{"nested quotes", 20000, file(nestedQuotes, "validate")},
		{"nested lists", 5000, file(nestedLists, "validate")},
		// goldmark's own reading of definitions is quadratic (internal/linkref).
		{"link definitions", 5000, file(linkDefinitions, "validate")},
		{"link definitions, fmt", 5000, file(linkDefinitions, "fmt")},
		{"link definitions, digest", 5000, file(linkDefinitions, "summarize", "--sections", "abstract")},
		{"findings", 20000, file(commas, "validate", "--format", "sarif")},
		// --min-papers 2 prints nothing for one paper: the count of pairs alone
		// is timed, not the test's output buffer.
		{"pairs", 10000, file(geneDiseasePairs, "entities", "-o", "jsonl", "--min-papers", "2", "--pairs", "gene,disease")},
		{"symlink ladder", 12, func(n int) func() {
			dir := symlinkLadder(t, n)
			return func() { run(t, "", "summarize", "-o", "jsonl", dir) }
		}},
		{"config size", 16 << 10, func(n int) func() {
			cfg := writeTemp(t, ".vagut.yaml", configOfSize(n))
			return func() { run(t, "", "--config", cfg, "summarize", "-o", "jsonl", "seeds") }
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doubling(t, c.n, c.setup)
		})
	}
}

func TestHostileNestingReported(t *testing.T) {
	p := writeTemp(t, "deep.md", nestedLists(5000))
	r := run(t, "", "validate", p)
	if r.code != 1 || !strings.Contains(r.stdout, ":11:201: error: more than 100 nested block quotes or list items on one line") {
		t.Errorf("exit %d, stdout:\n%s", r.code, r.stdout)
	}
}

func TestHostileSymlinkLadderOnce(t *testing.T) {
	dir := symlinkLadder(t, 16)
	done := make(chan result, 1)
	go func() { done <- run(t, "", "summarize", "-o", "jsonl", dir) }()
	select {
	case r := <-done:
		if r.code != 0 || strings.Count(r.stdout, "\n") != 16 {
			t.Errorf("exit %d, %d papers, stderr %q", r.code, strings.Count(r.stdout, "\n"), r.stderr)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a 16-level ladder of symbolic links is still being walked after 20s")
	}
}

func TestHostileDiagnosticsCapped(t *testing.T) {
	p := writeTemp(t, "commas.md", commas(1000))
	r := run(t, "", "validate", p)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 1 || len(lines) != 101 {
		t.Fatalf("exit %d, %d lines; want 101", r.code, len(lines))
	}
	want := "error: … and 904 more in this file, not listed (904 errors, 0 warnings) [VG022/empty-item]"
	if !strings.HasSuffix(lines[100], want) {
		t.Errorf("last line %q, want suffix %q", lines[100], want)
	}
	if !strings.Contains(r.stderr, "vagut: 1004 errors, 0 warnings in 1 file") {
		t.Errorf("stderr %q: the count must include those not listed", r.stderr)
	}
	r = run(t, "", "validate", "--format", "sarif", p)
	if n := strings.Count(r.stdout, `"ruleId"`); n != 101 {
		t.Errorf("SARIF has %d results, want 101", n)
	}
}

// entities --pairs --min-papers 2 prints nothing for one paper: its memory
// must not hold a set of papers per pair (6 GB for 3,000 × 3,000).
func TestHostilePairsMemory(t *testing.T) {
	p := writeTemp(t, "pairs.md", geneDiseasePairs(90000)) // 300 × 300
	var r result
	allocs := testingAllocBytes(func() { r = run(t, "", "entities", "--pairs", "gene,disease", "--min-papers", "2", p) })
	if r.code != 0 || strings.TrimSpace(r.stdout) == "" && r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if per := allocs / 90000; per > 200 {
		t.Errorf("allocated %d bytes per pair with nothing to print; want at most 200", per)
	}
}

func TestHostileFlagsBounded(t *testing.T) {
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-j", "9223372036854775807"}, "--jobs 9223372036854775807: want a number from 1 to 1024"},
		{[]string{"-j", "2000000000"}, "--jobs 2000000000: want a number from 1 to 1024"},
		{[]string{"-j", "0"}, "--jobs 0: want a number from 1 to 1024"},
		{[]string{"--max-size", "1e30"}, `invalid argument "1e30" for "--max-size" flag: want a size from 1B to 1024GB`},
	} {
		r := run(t, "", append([]string{"summarize"}, append(c.args, "seeds")...)...)
		if r.code != 2 || !strings.Contains(r.stderr, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", c.args, r.code, r.stderr, c.msg)
		}
	}
}

func TestHostileBoundedReads(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	r := run(t, "", "summarize", "--max-size", "1MB", "/dev/zero")
	if r.code != 1 || !strings.Contains(r.stderr, "vagut: /dev/zero: larger than --max-size 1MB") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	r = run(t, strings.Repeat("x", 2<<20), "summarize", "--max-size", "1MB", "-")
	if r.code != 1 || !strings.Contains(r.stderr, "standard input is larger than --max-size 1MB") {
		t.Errorf("stdin: exit %d, stderr %q", r.code, r.stderr)
	}
	cfg := writeTemp(t, ".vagut.yaml", configOfSize(2<<20))
	r = run(t, "", "--config", cfg, "summarize", "seeds")
	if r.code != 2 || !strings.Contains(r.stderr, cfg+": larger than 1MB") {
		t.Errorf("config: exit %d, stderr %q", r.code, r.stderr)
	}
}

// A .vagut.yaml above the repository root is not the repository's.
func TestHostileConfigStopsAtRepoRoot(t *testing.T) {
	outer := t.TempDir()
	if err := os.WriteFile(filepath.Join(outer, ".vagut.yaml"), []byte("required_sections: []\nrules:\n  VG003: off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(outer, "repo")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	// Sections missing: VG003 errors unless the outer file turns them off.
	if err := os.WriteFile(filepath.Join(repo, "a.md"), []byte(hostileHead+"- **Genes:** FABP2 [NCBI Gene 2169]"+hostileTail), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(repo)
	r := run(t, "", "validate", "--strict", "a.md")
	if r.code != 1 || !strings.Contains(r.stdout, "VG003") {
		t.Errorf("the .vagut.yaml above the repository was used: exit %d, stdout %q", r.code, r.stdout)
	}
}

// summarize | head: the reader going away ends the run with exit 0, also
// under set -o pipefail (the signal gave 141).
func TestHostileBrokenPipeExitsZero(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("needs bash")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i := range 400 {
		src := strings.Replace(hostileHead, "t\n", strings.Repeat("text ", 400)+"\n", 1) + strings.Replace(hostileTail, "P1", fmt.Sprintf("P%d", i), 1)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%03d.md", i)), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range []string{"jsonl", "json", "md"} {
		cmd := exec.Command(bash, "-c", `set -o pipefail; "$0" summarize -q -o "$1" "$2" | head -c 100 >/dev/null`, exe, o, dir)
		cmd.Env = append(os.Environ(), "VAGUT_TEST_AS_VAGUT=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("-o %s | head: %v, output %q; want exit 0", o, err, out)
		}
	}
}

// testingAllocBytes is the bytes f allocates.
func testingAllocBytes(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// The settings in use are named: on stderr with --verbose, and in SARIF.
func TestHostileConfigNamed(t *testing.T) {
	cfg := writeTemp(t, ".vagut.yaml", "rules:\n  VG003: off\n")
	r := run(t, "", "--config", cfg, "--verbose", "validate", "--format", "sarif", "seeds")
	if !strings.Contains(r.stderr, "vagut: settings from "+cfg+"\n") {
		t.Errorf("stderr %q does not name %s", r.stderr, cfg)
	}
	if !strings.Contains(r.stdout, `"vagut_config": "`+filepath.ToSlash(cfg)+`"`) {
		t.Errorf("SARIF does not name the settings file in runs[0].properties")
	}
}

// A link in a stranger's summary folder must not make vagut quote a file
// from elsewhere (a CI secret, /etc/passwd) into its output or its CI log:
// links found while walking a folder are followed only inside it, and named
// otherwise. A file named as PATH is read wherever it is.
func TestHostileLinkOutOfFolderNotRead(t *testing.T) {
	root := t.TempDir()
	notes := filepath.Join(root, "notes")
	if err := os.Mkdir(notes, 0o755); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(root, "secret.txt")
	if err := os.WriteFile(secret, []byte("# SECRET_TOKEN=ghp_abc123\n\nPMC · 2020\n\n## TL;DR\n\npassword=hunter2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(notes, "own.md"), []byte(hostileHead+"G1 [NCBI Gene 1]"+hostileTail), 0o644); err != nil {
		t.Fatal(err)
	}
	if os.Symlink("../secret.txt", filepath.Join(notes, "leak.md")) != nil {
		t.Skip("no symbolic links")
	}
	for _, args := range [][]string{{"summarize", "-o", "json"}, {"validate"}, {"entities", "-o", "json"}, {"cite"}} {
		r := run(t, "", append(args, notes)...)
		if strings.Contains(r.stdout+r.stderr, "SECRET") || strings.Contains(r.stdout+r.stderr, "hunter2") {
			t.Errorf("%v: the secret reached the output:\n%s%s", args, r.stdout, r.stderr)
		}
		if !strings.Contains(r.stderr, filepath.Join(notes, "leak.md")+": warning: symbolic link to a place outside the folder given, not followed") {
			t.Errorf("%v: the link is not named: %q", args, r.stderr)
		}
	}
	if r := run(t, "", "summarize", "-o", "json", filepath.Join(notes, "leak.md")); !strings.Contains(r.stdout, "SECRET_TOKEN") {
		t.Errorf("a link named as PATH is read: %s", r.stderr)
	}
}
