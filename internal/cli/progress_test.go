package cli

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/vagut/vagut/internal/iostreams"
)

func TestProgressLine(t *testing.T) {
	progressDelay = 10 * time.Millisecond
	readFile = func(p string) ([]byte, error) {
		time.Sleep(60 * time.Millisecond) // a slow disk, so the run outlasts the delay
		return os.ReadFile(p)
	}
	defer func() { progressDelay, readFile = time.Second, nil }()
	run := func(tty bool, args ...string) string {
		ios, _, _, errOut := iostreams.Test()
		ios.StderrTTY = tty
		if code := Run(ios, append([]string{"summarize", viewsDir, "-o", "jsonl", "-j", "1"}, args...)); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
		return errOut.String()
	}
	got := run(true)
	if !strings.Contains(got, "vagut: ") || !strings.Contains(got, "/9 files, ") || !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("terminal: %q", got)
	}
	if got := run(true, "--quiet"); got != "" {
		t.Errorf("--quiet: %q", got)
	}
	if got := run(false); got != "" {
		t.Errorf("not a terminal: %q", got)
	}
}
