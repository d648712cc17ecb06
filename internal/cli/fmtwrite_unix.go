//go:build unix

package cli

import (
	"os"
	"syscall"
)

type owner struct{ uid, gid, nlink int }

func ownerOf(info os.FileInfo) (owner, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return owner{}, false
	}
	return owner{int(st.Uid), int(st.Gid), int(st.Nlink)}, true
}

// keepOwner gives the new file the old one's owner and group. Only root
// may give a file away, so for anyone else a file owned by another user
// fails here and is left as it is.
func keepOwner(f *os.File, o owner) error {
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if now, ok := ownerOf(info); ok && now.uid == o.uid && now.gid == o.gid {
		return nil
	}
	return f.Chown(o.uid, o.gid)
}

// writable is true when the file could be written to in place: a write bit
// is set (root included: a 0444 file is refused as gofmt refuses it) and
// the kernel lets this user write it.
func writable(path string, info os.FileInfo) bool {
	const wOK = 2
	return info.Mode().Perm()&0o222 != 0 && syscall.Access(path, wOK) == nil
}

// oNoFollow makes the last open fail on a symbolic link swapped in.
const oNoFollow = syscall.O_NOFOLLOW
