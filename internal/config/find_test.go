package config

import (
	"os"
	"path/filepath"
	"testing"
)

// With HOME=/ (a container run as a user with no home folder, docker run
// -u 1001) every folder was "inside the home folder", and the search went
// up to /: a .vagut.yaml in any parent applied, where outside a repository
// and a home folder only the working folder's own counts.
func TestFindHomeIsRoot(t *testing.T) {
	// The test's folders are under /tmp, which Find never passes: here
	// only the home folder bounds the search.
	defer func(f func(string) bool) { worldWritable = f }(worldWritable)
	worldWritable = func(string) bool { return false }
	outer := t.TempDir()
	if err := os.WriteFile(filepath.Join(outer, FileName), []byte("rules: {VG006: off}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(outer, "notes", "sub")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, home := range []string{"/", outer} {
		t.Setenv("HOME", home)
		found, _, err := Find(dir)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case home == "/" && found != "":
			t.Errorf("HOME=/: %s applied to %s", found, dir)
		case home == outer && found != filepath.Join(outer, FileName):
			t.Errorf("HOME=%s: found %q, want the home folder's", home, found)
		}
	}
}
