//go:build unix

package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vagut/vagut/internal/iostreams"
)

// A non-canonical summary (CRLF) in its own folder, and a victim file in a
// folder beside it that fmt must never write.
func fmtFixture(t *testing.T) (path, victim, before string) {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"notes", "victim"} {
		if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile("testdata/corpus/crlf-rat.md")
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(root, "notes", "b.md")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	victim = filepath.Join(root, "victim", "bashrc")
	if err := os.WriteFile(victim, []byte("export PATH=/usr/bin\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, victim, string(b)
}

func noTemps(t *testing.T, dir string) {
	t.Helper()
	if left, _ := filepath.Glob(filepath.Join(dir, ".vagut-fmt-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

const changedMsg = ": not rewritten: changed since it was read (edited, replaced or made a link); run fmt again\n"

// The file read was b.md; by the time fmt writes, b.md is a link to a file
// elsewhere. Old main resolved the link at write time and replaced the
// victim with summary text.
func TestFmtWriteLinkSwappedAfterRead(t *testing.T) {
	path, victim, _ := fmtFixture(t)
	readFile = func(p string) ([]byte, error) {
		b, err := os.ReadFile(p)
		if p == path {
			os.Remove(p)
			if err := os.Symlink("../victim/bashrc", p); err != nil {
				t.Fatal(err)
			}
		}
		return b, err
	}
	defer func() { readFile = nil }()
	r := run(t, "", "fmt", "--write", path)
	if got := readText(t, victim); got != "export PATH=/usr/bin\n" {
		t.Errorf("the link's target was overwritten:\n%s", got)
	}
	if r.code != 1 || r.stderr != "vagut: "+path+changedMsg {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if fi, err := os.Lstat(path); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	noTemps(t, filepath.Dir(path))
}

// The same swap at the last moment, once the temporary file is written.
func TestFmtWriteLinkSwappedBeforeRename(t *testing.T) {
	path, victim, before := fmtFixture(t)
	beforeRename = func(string) {
		os.Rename(path, path+".moved")
		if err := os.Symlink("../victim/bashrc", path); err != nil {
			t.Fatal(err)
		}
	}
	defer func() { beforeRename = func(string) {} }()
	r := run(t, "", "fmt", "--write", path)
	if got := readText(t, victim); got != "export PATH=/usr/bin\n" {
		t.Errorf("the link's target was overwritten:\n%s", got)
	}
	if r.code != 1 || r.stderr != "vagut: "+path+changedMsg {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if readText(t, path+".moved") != before {
		t.Error("the file read was changed")
	}
	noTemps(t, filepath.Dir(path))
}

// An edit made while fmt runs is kept, and named: old main lost it, exit 0.
// The second case keeps size and mtime, so only the bytes tell.
func TestFmtWriteConcurrentEdit(t *testing.T) {
	for _, keepStat := range []bool{false, true} {
		path, _, before := fmtFixture(t)
		edited := strings.Replace(before, "Early", "EARLY", 1)
		if !keepStat {
			edited += "A line the user added.\r\n"
		}
		info, _ := os.Stat(path)
		createTemp = func(dir, pattern string) (*os.File, error) {
			if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			if keepStat {
				os.Chtimes(path, info.ModTime(), info.ModTime())
			}
			return os.CreateTemp(dir, pattern)
		}
		r := run(t, "", "fmt", "--write", path)
		createTemp = os.CreateTemp
		if got := readText(t, path); got != edited {
			t.Errorf("keepStat %v: the edit was lost:\n%s", keepStat, got)
		}
		if r.code != 1 || r.stderr != "vagut: "+path+changedMsg {
			t.Errorf("keepStat %v: exit %d, stderr %q", keepStat, r.code, r.stderr)
		}
		noTemps(t, filepath.Dir(path))
	}
}

// Root rewriting another user's file gives it back to that user.
func TestFmtWriteKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a file to another user")
	}
	path, _, _ := fmtFixture(t)
	if err := os.Chown(path, 65534, 65534); err != nil {
		t.Skip(err)
	}
	os.Chmod(path, 0o640)
	r := run(t, "", "fmt", "--write", path)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	fi, _ := os.Stat(path)
	st := fi.Sys().(*syscall.Stat_t)
	if st.Uid != 65534 || st.Gid != 65534 || fi.Mode().Perm() != 0o640 {
		t.Errorf("owner %d:%d mode %v, want 65534:65534 0640", st.Uid, st.Gid, fi.Mode().Perm())
	}
	if strings.Contains(readText(t, path), "\r") {
		t.Error("not rewritten")
	}
}

// A 0444 file is refused, as gofmt refuses it, root or not.
func TestFmtWriteReadOnlyFile(t *testing.T) {
	path, _, before := fmtFixture(t)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "fmt", "--write", path)
	if r.code != 1 || r.stderr != "vagut: "+path+": not rewritten: read-only file (mode 0444)\n" {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if readText(t, path) != before {
		t.Error("a read-only file was rewritten")
	}
	noTemps(t, filepath.Dir(path))
}

// A file with two names stays one file: fmt refuses it rather than split it.
func TestFmtWriteHardLink(t *testing.T) {
	path, _, before := fmtFixture(t)
	other := filepath.Join(filepath.Dir(path), "copy.md")
	if err := os.Link(path, other); err != nil {
		t.Skip(err)
	}
	r := run(t, "", "fmt", "--write", path)
	want := "vagut: " + path + ": not rewritten: has 2 hard links: replacing it would split them; format a copy (vagut fmt FILE > NEW) and copy it back\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	a, _ := os.Stat(path)
	b, _ := os.Stat(other)
	if !os.SameFile(a, b) || readText(t, path) != before {
		t.Error("the hard link was broken or the file changed")
	}
}

// The helper process for the signal test: vagut fmt --write with a seam
// that sends the signal while a temporary file exists.
func TestFmtSignalHelper(t *testing.T) {
	path, sig := os.Getenv("VAGUT_FMT_SIGNAL_FILE"), os.Getenv("VAGUT_FMT_SIGNAL")
	if path == "" {
		t.Skip("run by TestFmtWriteSignalRemovesTemp")
	}
	s := syscall.SIGINT
	if sig == "TERM" {
		s = syscall.SIGTERM
	}
	kill := func() {
		syscall.Kill(os.Getpid(), s)
		time.Sleep(3 * time.Second)
	}
	if os.Getenv("VAGUT_FMT_SIGNAL_AT") == "create" {
		createTemp = func(dir, pattern string) (*os.File, error) {
			f, err := os.CreateTemp(dir, pattern)
			syscall.Kill(os.Getpid(), s)
			time.Sleep(300 * time.Millisecond)
			return f, err
		}
	} else {
		beforeRename = func(string) { kill() }
	}
	os.Exit(Run(iostreams.System(), []string{"fmt", "--write", path}))
}

// SIGINT or SIGTERM during fmt --write: the temporary file is removed, the
// summary is untouched, and the process ends by the signal (a shell sees
// 130 or 143). Old main left one .vagut-fmt-* file each time.
func TestFmtWriteSignalRemovesTemp(t *testing.T) {
	for _, c := range []struct {
		sig  string
		want syscall.Signal
		at   string
	}{{"INT", syscall.SIGINT, "create"}, {"TERM", syscall.SIGTERM, "create"}, {"INT", syscall.SIGINT, "rename"}, {"TERM", syscall.SIGTERM, "rename"}} {
		path, _, before := fmtFixture(t)
		cmd := exec.Command(os.Args[0], "-test.run=^TestFmtSignalHelper$")
		cmd.Env = append(os.Environ(), "VAGUT_FMT_SIGNAL_FILE="+path, "VAGUT_FMT_SIGNAL="+c.sig, "VAGUT_FMT_SIGNAL_AT="+c.at)
		out, err := cmd.CombinedOutput()
		ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if err == nil || !(ws.Signaled() && ws.Signal() == c.want || ws.ExitStatus() == 128+int(c.want)) {
			t.Errorf("SIG%s at %s: %v, want death by the signal\n%s", c.sig, c.at, err, out)
		}
		noTemps(t, filepath.Dir(path))
		if readText(t, path) != before {
			t.Errorf("SIG%s at %s: the summary changed", c.sig, c.at)
		}
	}
}

// The helper for TestFmtWriteOtherOwnerNotRoot: vagut fmt --write run by an
// unprivileged user.
func TestFmtAsUserHelper(t *testing.T) {
	path := os.Getenv("VAGUT_FMT_AS_USER_FILE")
	if path == "" {
		t.Skip("run by TestFmtWriteOtherOwnerNotRoot")
	}
	ios := iostreams.System()
	os.Exit(Run(ios, []string{"fmt", "--write", path}))
}

// A user who may write another user's file (mode 0666) cannot give the new
// file back to its owner: fmt leaves the file as it is rather than take it.
// Run as root, which drops to uid 65534 for the helper.
func TestFmtWriteOtherOwnerNotRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to make a file owned by another user and to run as a third one")
	}
	dir := t.TempDir()
	for d := dir; d != filepath.Dir(d) && d != os.TempDir(); d = filepath.Dir(d) {
		os.Chmod(d, 0o777) // no sticky bit: the folder lets this user replace the file
	}
	bin := filepath.Join(dir, "cli.test")
	self, err := os.ReadFile(os.Args[0])
	if err != nil || os.WriteFile(bin, self, 0o755) != nil {
		t.Skip("cannot copy the test binary")
	}
	path := filepath.Join(dir, "b.md")
	before := readText(t, "testdata/corpus/crlf-rat.md")
	os.WriteFile(path, []byte(before), 0o666)
	os.Chmod(path, 0o666)
	if err := os.Chown(path, 1000, 1000); err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(bin, "-test.run=^TestFmtAsUserHelper$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "VAGUT_FMT_AS_USER_FILE="+path)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err = cmd.Run()
	want := "vagut: " + path + ": not rewritten: cannot keep its owner and group (uid 1000, gid 1000): operation not permitted\n"
	if cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != 1 || stderr.String() != want {
		t.Errorf("%v, stderr %q, want exit 1 and %q", err, stderr.String(), want)
	}
	fi, _ := os.Stat(path)
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 1000 || readText(t, path) != before {
		t.Errorf("the file changed hands (uid %d) or content", st.Uid)
	}
	noTemps(t, dir)
}

// fmt --write rewrites regular files only; a FIFO named on the command line
// is refused before it is opened, so fmt neither waits for a writer nor
// replaces the FIFO with a file.
func TestFmtWriteFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan result, 1)
	go func() { done <- run(t, "", "fmt", "--write", fifo) }()
	var r result
	select {
	case r = <-done:
	case <-time.After(5 * time.Second):
		// Release the reader so the test can end.
		if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			w.Close()
		}
		<-done
		t.Fatal("fmt --write waited on a FIFO")
	}
	if want := "vagut: " + fifo + ": not rewritten: not a regular file\n"; r.code != 1 || r.stderr != want {
		t.Errorf("exit %d, stderr %q, want %q", r.code, r.stderr, want)
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", info, err)
	}
	noTemps(t, dir)
}

// A file this user may not write (mode 0644, another owner) is refused as
// such, not called read-only: its mode says it is writable.
func TestFmtWriteNotWritableByUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to make a file owned by another user and to run as a third one")
	}
	dir := t.TempDir()
	for d := dir; d != filepath.Dir(d) && d != os.TempDir(); d = filepath.Dir(d) {
		os.Chmod(d, 0o777)
	}
	bin := filepath.Join(dir, "cli.test")
	self, err := os.ReadFile(os.Args[0])
	if err != nil || os.WriteFile(bin, self, 0o755) != nil {
		t.Skip("cannot copy the test binary")
	}
	path := filepath.Join(dir, "b.md")
	before := readText(t, "testdata/corpus/crlf-rat.md")
	os.WriteFile(path, []byte(before), 0o644)
	os.Chmod(path, 0o644)
	if err := os.Chown(path, 1000, 1000); err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(bin, "-test.run=^TestFmtAsUserHelper$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "VAGUT_FMT_AS_USER_FILE="+path)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err = cmd.Run()
	want := "vagut: " + path + ": not rewritten: not writable by this user (mode 0644)\n"
	if cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != 1 || stderr.String() != want {
		t.Errorf("%v, stderr %q, want exit 1 and %q", err, stderr.String(), want)
	}
	if readText(t, path) != before {
		t.Error("the file changed")
	}
	noTemps(t, dir)
}

// A symbolic link met while walking a folder is not followed by --write:
// notes/v.md -> ../victim.md (a file out of the folder) and notes/sub ->
// ../elsewhere were rewritten through the walk. Named, a link is followed
// (TestFmtFollowsSymlinks).
func TestFmtWriteFolderLinkNotFollowed(t *testing.T) {
	root := t.TempDir()
	src := readText(t, "testdata/corpus/crlf-rat.md")
	notes, elsewhere := filepath.Join(root, "notes"), filepath.Join(root, "elsewhere")
	for _, d := range []string{notes, elsewhere} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	victim, deep := filepath.Join(root, "victim.md"), filepath.Join(elsewhere, "w.md")
	own := filepath.Join(notes, "own.md")
	for _, f := range []string{victim, deep, own} {
		if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if os.Symlink("../victim.md", filepath.Join(notes, "v.md")) != nil || os.Symlink("../elsewhere", filepath.Join(notes, "sub")) != nil {
		t.Skip("no symbolic links")
	}
	r := run(t, "", "fmt", "--write", notes)
	// Links out of the folder are not even read (the walk names them).
	const why = ": warning: symbolic link to a place outside the folder given, not followed (name its target as a PATH to read it)\n"
	if r.code != 0 || !strings.Contains(r.stderr, filepath.Join(notes, "v.md")+why) || !strings.Contains(r.stderr, filepath.Join(notes, "sub")+why) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if readText(t, victim) != src || readText(t, deep) != src {
		t.Error("a file out of the folder was rewritten through a link")
	}
	if readText(t, own) == src {
		t.Error("the folder's own file was not rewritten")
	}
}
