package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// What fmt --write promises (README, fmt --help): a file is replaced only
// when the path still names the file that was read, with the bytes that
// were read; the new file keeps mode, owner and group; read-only files,
// files with several hard links and files whose owner cannot be given back
// are refused; a signal removes the temporary file.

// errChanged is the refusal of a file that is no longer the one read.
var errChanged = errors.New("changed since it was read (edited, replaced or made a link); run fmt again")

// snapshot is the file fmt read: where it is, links resolved, and what it
// was, from the open descriptor (device, inode, size, mtime, owner).
type snapshot struct {
	dir, name string
	info      os.FileInfo
}

// pin opens path and checks that it holds src: the bytes formatted are the
// bytes of the file recorded. A symbolic link is followed here, once; the
// rename later acts on the file found now, never on a link met later.
func pin(path string, src []byte) (*snapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, unwrapPath(err)
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if same, err := holds(f, src); err != nil || !same {
		return nil, cmpErr(err)
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	if real, err = filepath.Abs(real); err != nil {
		return nil, err
	}
	s := &snapshot{dir: filepath.Dir(real), name: filepath.Base(real), info: info}
	// The path resolved after the open may name another file by now.
	if _, err := s.current(); err != nil {
		return nil, err
	}
	return s, nil
}

// holds reports whether the rest of f is exactly src.
func holds(f io.Reader, src []byte) (bool, error) {
	b, err := io.ReadAll(io.LimitReader(f, int64(len(src))+1))
	return err == nil && bytes.Equal(b, src), err
}

func cmpErr(err error) error {
	if err != nil {
		return unwrapPath(err)
	}
	return errChanged
}

// current checks, without following a link, that the file's folder entry
// is still the file read, unchanged by size and mtime.
func (s *snapshot) current() (*os.Root, error) {
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		return nil, unwrapPath(err)
	}
	info, err := root.Lstat(s.name)
	if err != nil {
		root.Close()
		return nil, unwrapPath(err)
	}
	if !sameFile(info, s.info) {
		root.Close()
		return nil, errChanged
	}
	return root, nil
}

func sameFile(a, b os.FileInfo) bool {
	return a.Mode().IsRegular() && os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// replace puts out in place of the file read, whose bytes were src.
func (s *snapshot) replace(src, out []byte) (err error) {
	root, err := s.current()
	if err != nil {
		return err
	}
	defer root.Close()
	own, ok := ownerOf(s.info)
	switch {
	case ok && own.nlink > 1:
		return fmt.Errorf("has %d hard links: replacing it would split them; format a copy (vagut fmt FILE > NEW) and copy it back", own.nlink)
	case s.info.Mode().Perm()&0o222 == 0:
		return fmt.Errorf("read-only file (mode %#o)", s.info.Mode().Perm())
	case !writable(filepath.Join(s.dir, s.name), s.info):
		// The mode lets someone write it, only not this user.
		return fmt.Errorf("not writable by this user (mode %#o)", s.info.Mode().Perm())
	}

	tmp, err := newTemp(s.dir)
	if err != nil {
		return err
	}
	tmpName := filepath.Base(tmp.Name())
	defer func() {
		if err != nil {
			tmp.Close()
			root.Remove(tmpName)
		}
		forgetTemp(tmp.Name())
	}()
	// The temporary file must be in the folder the root holds: renaming
	// across folders, or into a folder swapped in since, is no replacement.
	if ti, terr := tmp.Stat(); terr != nil {
		return terr
	} else if ri, rerr := root.Lstat(tmpName); rerr != nil || !os.SameFile(ti, ri) {
		return errors.New("the folder changed while the file was rewritten")
	}
	if _, err = tmp.Write(out); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if ok {
		if err = keepOwner(tmp, own); err != nil {
			return fmt.Errorf("cannot keep its owner and group (uid %d, gid %d): %w", own.uid, own.gid, unwrapPath(err))
		}
	}
	// After the chown: changing the owner clears set-id bits.
	if err = tmp.Chmod(s.info.Mode().Perm()); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	beforeRename(tmp.Name())

	// Last look, as late as possible: the entry, the file and its bytes.
	f, err := root.OpenFile(s.name, os.O_RDONLY|oNoFollow, 0)
	if err != nil {
		return errChanged
	}
	fi, err := f.Stat()
	if err == nil && sameFile(fi, s.info) {
		var same bool
		same, err = holds(f, src)
		if err == nil && !same {
			err = errChanged
		}
	} else if err == nil {
		err = errChanged
	}
	f.Close()
	if err != nil {
		return err
	}
	if li, lerr := root.Lstat(s.name); lerr != nil || !sameFile(li, s.info) {
		return errChanged
	}
	return renameTemp(root, tmpName, s.name)
}

// renameTemp renames under the lock the signal handler takes: once a signal
// came, nothing more is replaced.
func renameTemp(root *os.Root, tmp, name string) error {
	temps.Lock()
	defer temps.Unlock()
	if interrupted.Load() {
		return errors.New("interrupted")
	}
	return root.Rename(tmp, name)
}

// temps are the temporary files fmt --write has made and not yet renamed
// or removed; a signal removes them before vagut exits.
var temps struct {
	sync.Mutex
	names map[string]bool
}

// interrupted is set as soon as a signal arrives.
var interrupted atomic.Bool

// newTemp makes a temporary file in dir and records it, both under the lock
// the signal handler takes, so no file is made after the handler's sweep.
func newTemp(dir string) (*os.File, error) {
	temps.Lock()
	defer temps.Unlock()
	if interrupted.Load() {
		return nil, errors.New("interrupted")
	}
	tmp, err := createTemp(dir, ".vagut-fmt-*")
	if err != nil {
		return nil, cleanPathErr(err)
	}
	if temps.names == nil {
		temps.names = map[string]bool{}
	}
	temps.names[tmp.Name()] = true
	return tmp, nil
}

func forgetTemp(name string) {
	temps.Lock()
	delete(temps.names, name)
	temps.Unlock()
}

// cleanOnSignal removes the temporary files on SIGINT or SIGTERM, then ends
// the process by the same signal, so a shell sees 130 or 143 and a loop
// around vagut stops too. It returns the function that stops listening.
func cleanOnSignal() func() {
	ch := make(chan os.Signal, 1)
	// A signal the process was started ignoring (SIGINT for a background
	// job of a script) stays ignored: Notify would turn it back on.
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		if !signal.Ignored(sig) {
			signal.Notify(ch, sig)
		}
	}
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			interrupted.Store(true)
			temps.Lock() // held to the end: no temporary file after this
			for name := range temps.names {
				os.Remove(name)
			}
			signal.Reset(sig)
			if p, err := os.FindProcess(os.Getpid()); err == nil {
				p.Signal(sig)
			}
			time.Sleep(time.Second) // the signal's default action ends the process
			os.Exit(signalExit(sig))
		case <-done:
		}
	}()
	return func() {
		if interrupted.Load() {
			select {} // the handler is ending the process
		}
		signal.Stop(ch)
		close(done)
	}
}
