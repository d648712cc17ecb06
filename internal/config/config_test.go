package config

import (
	"os"
	"path/filepath"
	"testing"
)

// required_sections given as one string, as paths: and exclude: may be: an
// unknown name is an error at its line, not a panic.
func TestRequiredSectionsOneString(t *testing.T) {
	for src, want := range map[string]string{
		"required_sections: Key findngs\n": `x.yaml:1: required_sections: "Key findngs" is not a section vagut knows (did you mean "Key findings"?)`,
		"\nrequired_sections: Nonsense\n":  `x.yaml:2: required_sections: "Nonsense" is not a section vagut knows`,
	} {
		p := filepath.Join(t.TempDir(), ".vagut.yaml")
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(p, "x.yaml")
		if err == nil || len(err.Error()) < len(want) || err.Error()[:len(want)] != want {
			t.Errorf("%q: got %v, want %s…", src, err, want)
		}
	}
	p := filepath.Join(t.TempDir(), ".vagut.yaml")
	os.WriteFile(p, []byte("required_sections: Key findings\n"), 0o644)
	c, err := Load(p, "x.yaml")
	if err != nil || len(c.Validate.RequiredSections) != 1 {
		t.Errorf("one known section: %v %v", c, err)
	}
}
