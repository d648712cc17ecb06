//go:build unix

package input

import (
	"os"
	"syscall"
)

// dirKey names a folder however it is reached: its device and inode.
type dirKey struct{ dev, ino uint64 }

func keyOf(dir string) (dirKey, bool) {
	info, err := os.Stat(dir)
	if err != nil {
		return dirKey{}, false
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return dirKey{}, false
	}
	return dirKey{uint64(st.Dev), uint64(st.Ino)}, true
}
