package validate

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestSARIFArtifactLocation(t *testing.T) {
	wd := filepath.FromSlash("/home/me/repo")
	cases := []struct {
		path, uri, base string
	}{
		{"notes/x.md", "notes/x.md", "%SRCROOT%"},
		{"./notes/x.md", "notes/x.md", "%SRCROOT%"},
		{"notes/a b#1.md", "notes/a%20b%231.md", "%SRCROOT%"},
		{"a:b.md", "./a:b.md", "%SRCROOT%"},
		{"/home/me/notes/x.md", "file:///home/me/notes/x.md", ""},
		{"../notes/x.md", "file:///home/me/notes/x.md", ""},
		{"..", "file:///home/me", ""},
		{"notes/../../x.md", "file:///home/me/x.md", ""},
		{"-", "stdin", "%SRCROOT%"},
	}
	for _, c := range cases {
		got := artifactLocation(filepath.FromSlash(c.path), wd)
		if got.URI != c.uri || got.URIBaseID != c.base {
			t.Errorf("%q: got %q base %q, want %q base %q", c.path, got.URI, got.URIBaseID, c.uri, c.base)
		}
	}
}

func TestSARIFVersion(t *testing.T) {
	for v, want := range map[string]string{"devel": "0.0.0-devel", "v1.2.3": "1.2.3",
		"v0.0.0-20261129161800-9edcbdc12345": "0.0.0-20261129161800-9edcbdc12345", "v1.0.0+dirty": "1.0.0+dirty"} {
		var b strings.Builder
		if err := writeSARIF(&b, nil, v, "/w", ""); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), `"semanticVersion": "`+want+`"`) {
			t.Errorf("%s: want semanticVersion %s in\n%.400s", v, want, b.String())
		}
	}
}
