//go:build !unix

package input

import "path/filepath"

// dirKey names a folder however it is reached: where there are no inode
// numbers, its resolved absolute path.
type dirKey struct{ path string }

func keyOf(dir string) (dirKey, bool) {
	r, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return dirKey{}, false
	}
	if r, err = filepath.Abs(r); err != nil {
		return dirKey{}, false
	}
	return dirKey{r}, true
}
