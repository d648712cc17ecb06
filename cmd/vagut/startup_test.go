package main

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// vagut's own packages build nothing at start-up: tables, regular
// expressions, goldmark parsers and schemas are built on first use
// (internal/lazy), so a command pays only for what it runs. Read from the
// runtime's own account (GODEBUG=inittrace=1) of this test binary, which
// links every package vagut does: the bytes each package allocates in its
// initialisation are deterministic. Before this was held, they were 326 KB
// in 2,475 allocations, about 80 pages of fresh memory at every start.
func TestPackageInitAllocatesLittle(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	line := regexp.MustCompile(`(?m)^init (github\.com/vagut/vagut/\S+) @.*, (\d+) bytes, (\d+) allocs$`)
	const limit = 16 << 10
	total, seen := 0, 0
	var each []string
	for _, m := range line.FindAllStringSubmatch(string(out), -1) {
		n, _ := strconv.Atoi(m[2])
		total += n
		seen++
		each = append(each, m[1]+": "+m[2]+" bytes, "+m[3]+" allocs")
	}
	if seen < 10 {
		t.Fatalf("inittrace names %d of vagut's packages:\n%s", seen, out)
	}
	if total > limit {
		t.Errorf("vagut's packages allocate %d bytes at start-up (limit %d): build tables and regular expressions on first use (internal/lazy)\n%s",
			total, limit, strings.Join(each, "\n"))
	}
}
