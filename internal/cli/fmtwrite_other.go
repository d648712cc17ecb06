//go:build !unix

package cli

import "os"

type owner struct{ uid, gid, nlink int }

func ownerOf(os.FileInfo) (owner, bool) { return owner{}, false }

func keepOwner(*os.File, owner) error { return nil }

func writable(_ string, info os.FileInfo) bool { return info.Mode().Perm()&0o200 != 0 }

const oNoFollow = 0
