package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A .vagut.yaml found by the search may be a pull request's: its paths: stay
// below its folder. The same file named with --config (Load) is the user's.
func TestFoundConfigPathsStayInside(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	for _, d := range []string{"repo/notes/sub", "other"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(root, "other"), filepath.Join(repo, "evil")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("notes/sub", filepath.Join(repo, "near")); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(repo, FileName)
	for src, want := range map[string]string{
		"paths: notes\n": "",
		"paths: [notes/sub, notes/../notes, -]\n":       "",
		"paths: [near]\n":                               "",
		"paths: [does-not-exist-yet]\n":                 "",
		"paths:\n  - notes\n  - ../other\n":             `x.yaml:3: paths: "../other" leads outside this file's folder`,
		"paths: " + filepath.Join(root, "other") + "\n": `x.yaml:1: paths: "` + filepath.Join(root, "other") + `" leads outside`,
		"paths: /etc\n":                                 `x.yaml:1: paths: "/etc" leads outside`,
		"paths: [evil]\n":                               `x.yaml:1: paths: "evil" leads outside`,
		"paths: [notes/../../other]\n":                  `x.yaml:1: paths: "notes/../../other" leads outside`,
	} {
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadFound(p, "x.yaml")
		switch {
		case want == "" && err != nil:
			t.Errorf("%q: %v, want no error", src, err)
		case want != "" && (err == nil || !strings.HasPrefix(err.Error(), want)):
			t.Errorf("%q: %v, want %s…", src, err, want)
		}
		if _, err := Load(p, "x.yaml"); err != nil {
			t.Errorf("--config %q: %v, want no error", src, err)
		}
	}
}
