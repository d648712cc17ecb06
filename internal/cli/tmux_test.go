package cli

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// tmuxRun runs vagut (this test binary) in a fresh tmux server of the given
// width and returns the screen as tmux shows it, the same with wrapped lines
// joined, and the pane's title.
func tmuxRun(t *testing.T, width int, env string, args ...string) (screen, joined, title string, tm func(...string) (string, error)) {
	t.Helper()
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux not installed")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	tmuxSessions++
	sock := fmt.Sprintf("vagut-test-%d-%d", os.Getpid(), tmuxSessions)
	tm = func(a ...string) (string, error) {
		out, err := exec.Command(tmux, append([]string{"-L", sock, "-f", "/dev/null"}, a...)...).CombinedOutput()
		return string(out), err
	}
	t.Cleanup(func() { _, _ = tm("kill-server") })
	script := fmt.Sprintf("env VAGUT_TEST_AS_VAGUT=1 %s '%s' %s; echo __DONE__; sleep 60", env, exe, strings.Join(args, " "))
	if out, err := tm("new-session", "-d", "-x", fmt.Sprint(width), "-y", "300", "-c", wd, "sh", "-c", script); err != nil {
		t.Fatalf("tmux: %v: %s", err, out)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		screen, _ = tm("capture-pane", "-p", "-S", "-", "-E", "-")
		if strings.Contains(screen, "__DONE__") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("vagut did not finish in tmux:\n%s", screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
	joined, _ = tm("capture-pane", "-p", "-J", "-S", "-", "-E", "-")
	title, _ = tm("display-message", "-p", "#{pane_title}")
	return screen, joined, strings.TrimSpace(title), tm
}

// tmuxSessions numbers the tmux servers of a run: one server per run of vagut.
var tmuxSessions int

// In a real terminal at 80 and 120 columns: the digest is wrapped by vagut
// (the terminal never has to wrap a line), every address is whole on one
// line, and the entities table is aligned and fits.
func TestTmuxDigestAndTable(t *testing.T) {
	for _, width := range []int{80, 120} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			screen, joined, _, _ := tmuxRun(t, width, "", "summarize", "--no-pager", "seeds")
			if screen != joined {
				t.Errorf("the terminal had to wrap lines vagut wrote:\n%s", screen)
			}
			for _, url := range []string{"<https://doi.org/10.1007/s10047-025-01543-6>", "<https://meshb.nlm.nih.gov/record/ui?ui=D000007>",
				"<https://www.ncbi.nlm.nih.gov/Taxonomy/Browser/wwwtax.cgi?id=10116>"} {
				if !strings.Contains(screen, url) {
					t.Errorf("%s is not whole on one line:\n%s", url, screen)
				}
			}
			for _, line := range strings.Split(screen, "\n") {
				if strings.Contains(line, "#") || strings.Contains(line, "**") {
					t.Errorf("raw Markdown in the styled digest: %q", line)
				}
			}

			screen, joined, _, _ = tmuxRun(t, width, "", "entities", "--no-pager", "seeds")
			if screen != joined {
				t.Errorf("the table is wider than %d columns:\n%s", width, screen)
			}
			lines := strings.Split(screen, "\n")
			head := -1
			for i, l := range lines {
				if strings.HasPrefix(l, "Entity ") {
					head = i
					break
				}
			}
			if head < 0 {
				t.Fatalf("no table header:\n%s", screen)
			}
			col := strings.Index(lines[head], "Papers")
			rows := 0
			for _, l := range lines[head+1:] {
				if l == "" || strings.HasPrefix(l, "__DONE__") {
					break
				}
				rows++
				if len([]rune(l)) <= col+6 || strings.TrimSpace(string([]rune(l)[col:col+6])) != "1" {
					t.Errorf("row not aligned under Papers (column %d): %q", col, l)
				}
			}
			if rows != 43 {
				t.Errorf("%d rows, want 43 (one line each):\n%s", rows, screen)
			}
			if !strings.Contains(screen, "NCBIGene:89805") {
				t.Errorf("an id was cut:\n%s", screen)
			}
			if width == 80 && !strings.Contains(screen, "…") {
				t.Errorf("at 80 columns long cells should be cut with …:\n%s", screen)
			}
		})
	}
}

// A hostile summary in a real terminal: the window title stays, the screen
// is not cleared, the clipboard is not written; the sequences are shown.
func TestTmuxHostileSummary(t *testing.T) {
	screen, _, title, tm := tmuxRun(t, 100, "", "summarize", "--no-pager", "testdata/hostile/terminal.md")
	if strings.Contains(title, "pwned") || strings.Contains(title, "renamed") {
		t.Errorf("a summary renamed the window: %q", title)
	}
	if !strings.Contains(screen, "vagut digest") {
		t.Errorf("the screen was cleared:\n%s", screen)
	}
	for _, want := range []string{`\x1b]0;pwned-title\x07`, `\x1b[2J\x1b[H`, "U+202Eevil"} {
		if !strings.Contains(screen, want) {
			t.Errorf("%q not shown:\n%s", want, screen)
		}
	}
	// set-clipboard is on by default: an OSC 52 that got through would fill a buffer.
	if out, _ := tm("show-buffer"); strings.Contains(out, "echo pwned") || strings.Contains(out, "rm -rf") {
		t.Errorf("a summary wrote the clipboard: %q", out)
	}
}

// With neither VAGUT_PAGER nor PAGER, a digest longer than the screen is
// shown in less (its prompt waits for a key); q quits and vagut exits 0.
func TestTmuxDefaultPager(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux not installed")
	}
	if _, err := exec.LookPath("less"); err != nil {
		t.Skip("less not installed")
	}
	exe, _ := os.Executable()
	wd, _ := os.Getwd()
	tmuxSessions++
	sock := fmt.Sprintf("vagut-test-%d-%d", os.Getpid(), tmuxSessions)
	tm := func(a ...string) string {
		out, _ := exec.Command(tmux, append([]string{"-L", sock, "-f", "/dev/null"}, a...)...).CombinedOutput()
		return string(out)
	}
	t.Cleanup(func() { tm("kill-server") })
	script := fmt.Sprintf("env -u PAGER -u VAGUT_PAGER -u LESS VAGUT_TEST_AS_VAGUT=1 '%s' summarize seeds; echo __EXIT=$?; sleep 60", exe)
	tm("new-session", "-d", "-x", "80", "-y", "15", "-c", wd, "sh", "-c", script)
	wait := func(what string, ok func(string) bool) string {
		deadline := time.Now().Add(20 * time.Second)
		for {
			s := tm("capture-pane", "-p")
			if ok(s) {
				return s
			}
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %s:\n%s", what, s)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	screen := wait("less's prompt", func(s string) bool {
		lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
		return strings.HasPrefix(lines[len(lines)-1], ":")
	})
	if !strings.Contains(screen, "vagut digest") || strings.Contains(screen, "__EXIT") {
		t.Fatalf("the digest is not paged:\n%s", screen)
	}
	tm("send-keys", "q")
	screen = wait("vagut to exit", func(s string) bool { return strings.Contains(s, "__EXIT=") })
	if !strings.Contains(screen, "__EXIT=0") {
		t.Errorf("vagut did not exit 0 after the pager:\n%s", screen)
	}
}
