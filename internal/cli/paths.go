package cli

import (
	"os"
	"path/filepath"
)

// relDisplay shortens an absolute path to one relative to the working folder.
func relDisplay(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil {
		return rel
	}
	return p
}
