package input

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func write(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("# T\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestExpandWalk(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.md", "a.markdown", "c.txt", "d.MD", "skip.go", "sub/e.md", ".hidden.md", ".git/f.md", "sub/.x/g.md"} {
		write(t, filepath.Join(dir, f))
	}
	files, errs := Expand([]string{dir})
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	want := []string{"a.markdown", "b.md", "c.txt", "d.MD", "sub/e.md"}
	for i := range want {
		want[i] = filepath.Join(dir, want[i])
	}
	if diff := cmp.Diff(want, files); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestExplicitPathsAlwaysTaken(t *testing.T) {
	dir := t.TempDir()
	hidden := filepath.Join(dir, ".notes.text")
	write(t, hidden)
	files, errs := Expand([]string{hidden, "-", hidden, dir + "/./.notes.text", "-"})
	if len(errs) != 0 || !cmp.Equal(files, []string{hidden, "-"}) {
		t.Errorf("files %v, errs %v", files, errs)
	}
}

func TestSymlinkLoopStops(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a", "x.md"))
	if err := os.Symlink("..", filepath.Join(dir, "a", "up")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "link-to-a")); err != nil {
		t.Fatal(err)
	}
	files, errs := Expand([]string{dir})
	// x.md is reached through a/ and through link-to-a/: one file, listed once;
	// the loop a/up → dir is cut.
	want := []string{filepath.Join(dir, "a", "x.md")}
	if diff := cmp.Diff(want, files); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, err := range errs {
		var w *Warning
		if !errors.As(err, &w) {
			t.Errorf("a loop is a warning, not an error: %v", err)
		}
	}
	if len(errs) == 0 {
		t.Error("the loop was not reported")
	}
}

func TestBrokenLinkIsKeptToBeReported(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(dir, "gone.md"), filepath.Join(dir, "broken.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	write(t, filepath.Join(dir, "ok.md"))
	files, errs := Expand([]string{dir})
	if len(errs) != 0 || len(files) != 2 {
		t.Errorf("files %v errs %v; want the broken link listed so that reading it fails loudly", files, errs)
	}
}

func TestExpandErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "notes.go"))
	_, errs := Expand([]string{filepath.Join(dir, "missing"), dir})
	if len(errs) != 2 {
		t.Fatalf("errs = %v, want 2", errs)
	}
	if !errors.Is(errs[0], os.ErrNotExist) || !errors.Is(errs[1], ErrNoSummaries) {
		t.Errorf("errs = %v", errs)
	}
}

// A folder given twice (or inside another PATH) is not "without summaries":
// its files were listed once, through the first PATH.
func TestSameFolderTwice(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "sub", "a.md"))
	files, errs := Expand([]string{dir, dir + "/.", filepath.Join(dir, "sub")})
	if len(errs) != 0 || len(files) != 1 {
		t.Errorf("files %v, errs %v; want one file and no error", files, errs)
	}
}

// A FIFO, or a link to a device, with a summary ending is not read (a read
// could block or never end), but it is named, not dropped in silence.
func TestNonRegularSummaryNamed(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.md"))
	if err := syscallMkfifo(filepath.Join(dir, "fifo.md")); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if err := os.Symlink("/dev/null", filepath.Join(dir, "null.md")); err != nil {
		t.Skip(err)
	}
	files, errs := Expand([]string{dir})
	if diff := cmp.Diff([]string{filepath.Join(dir, "a.md")}, files); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	var got []string
	for _, err := range errs {
		var w *Warning
		if !errors.As(err, &w) {
			t.Errorf("not a warning: %v", err)
			continue
		}
		got = append(got, err.Error())
	}
	want := []string{
		filepath.Join(dir, "fifo.md") + ": not a regular file, not read",
		// A link out of the folder is not followed at all.
		filepath.Join(dir, "null.md") + ": symbolic link to a place outside the folder given, not followed (name its target as a PATH to read it)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
