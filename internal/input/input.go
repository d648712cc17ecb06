// Package input expands the PATH arguments into the summary files to read.
package input

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/vagut/vagut/internal/hashtab"
)

// Exts are the file endings a folder walk picks up.
var Exts = []string{".md", ".markdown", ".txt"}

// Stdin is the path that stands for standard input.
const Stdin = "-"

// Error is a PATH argument that gave no input: exit 2, not a per-file failure.
type Error struct {
	Path string
	Err  error
}

func (e *Error) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Warning is a note on the walk that loses no input.
type Warning struct{ Path, Msg string }

func (w *Warning) Error() string { return w.Path + ": " + w.Msg }

// ErrNoSummaries means a folder held no file with a summary ending.
var ErrNoSummaries = errors.New("no summary files (" + strings.Join(Exts, ", ") + ") in this folder")

// Expand lists the files named by paths, in argument order, each folder's
// files sorted by name. Folders are walked recursively, following symbolic
// links but never into a folder already being walked. Hidden entries inside a
// folder are skipped; a PATH named explicitly is always taken.
//
// Files that a walk finds but cannot stat are still returned, so that reading
// them names the problem instead of dropping them.
func Expand(paths []string) (files []string, errs []error) { return ExpandIgnoring(paths, nil) }

// Ignorer leaves entries out of a folder walk (exclude globs, .gitignore).
// Only what a walk finds is asked about: a PATH named explicitly is always
// taken, as ripgrep searches a path it is given.
type Ignorer interface {
	Enter(dir string) (leave func())
	Ignored(path string, isDir bool) bool
}

// ExpandIgnoring is Expand leaving out what ign ignores (nil: nothing).
func ExpandIgnoring(paths []string, ign Ignorer) (files []string, errs []error) {
	l, errs := ExpandList(paths, ign)
	return l.Strings(), errs
}

// ExpandList is ExpandIgnoring listing the files compactly, for a walk of
// millions.
func ExpandList(paths []string, ign Ignorer) (files *Paths, errs []error) {
	files = &Paths{}
	// Resolved paths seen, hashed, to their index in files: a million of
	// them as strings in a map took about 90 MB while the walk lasted.
	var seen hashtab.Table
	dropped := 0 // places of aliases left empty
	// add lists f once: a file reached by two routes is one paper. real is
	// its resolved path when the caller knows it, "" to resolve it here.
	// Of two routes, the one through no symbolic link names it: fmt --write
	// rewrites a file only by its own name, so notes/a.md -> z.md must not
	// stand for notes/z.md.
	add := func(f, real string) {
		if real == "" && f != Stdin {
			real = realPath(f)
		}
		i, dup := seen.Put(hashtab.Of(real), uint32(files.Len()))
		if !dup {
			files.Add(f)
		} else if f != Stdin && !direct(files.At(int(i)), real) && direct(f, real) {
			// The file comes where its own name comes, not where the
			// alias did: the alias's place is dropped at the end.
			files.Set(int(i), "")
			seen.Set(hashtab.Of(real), uint32(files.Len()))
			files.Add(f)
			dropped++
		}
	}
	for _, p := range paths {
		if p == Stdin {
			add(p, Stdin)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, &Error{Path: p, Err: cleanErr(err)})
			continue
		}
		if !info.IsDir() {
			add(p, "")
			continue
		}
		w := walker{active: map[string]bool{}, visited: map[dirKey]bool{}, add: add, ign: ign, root: realPath(p)}
		w.walk(p)
		errs = append(errs, w.errs...)
		// Summaries already listed through another PATH still count as found.
		if w.found == 0 && !hasError(w.errs) {
			err := ErrNoSummaries
			if w.ignored > 0 {
				err = errors.New("every summary file in this folder is excluded (exclude:, --exclude or .gitignore; --no-ignore reads .gitignore'd files)")
			}
			errs = append(errs, &Error{Path: p, Err: err})
		}
	}
	if dropped > 0 {
		files.DeleteEmpty()
	}
	return files, errs
}

type walker struct {
	active map[string]bool // resolved folders on the current path, to stop symlink loops
	// visited are the folders walked already: with two links to the next
	// folder at each of N levels, walking each route took 2^N walks.
	visited map[dirKey]bool
	add     func(path, real string)
	// root is the resolved folder named as PATH. A link met while walking
	// it is followed only to a place inside it: a summary folder from a
	// stranger's pull request must not make vagut quote /etc/passwd or a
	// CI secret into its output through notes/x.md -> /etc/passwd.
	root    string
	errs    []error
	found   int // summary files seen, listed before or not
	ign     Ignorer
	ignored int // summary files and folders left out by ign
}

func (w *walker) walk(dir string) {
	real := realPath(dir)
	w.walkReal(dir, real)
}

// walkReal walks dir, whose resolved path is real: a plain file's resolved
// path is then real/name, with no system call to learn it.
func (w *walker) walkReal(dir, real string) {
	if w.active[real] {
		w.errs = append(w.errs, &Warning{Path: dir, Msg: "symbolic link loop, not followed again"})
		return
	}
	if k, ok := keyOf(real); ok {
		if w.visited[k] {
			return // its files are listed already
		}
		w.visited[k] = true
	}
	w.active[real] = true
	defer delete(w.active, real)
	if w.ign != nil {
		defer w.ign.Enter(dir)()
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		w.errs = append(w.errs, &Error{Path: dir, Err: cleanErr(err)})
		return
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(dir, name)
		if w.skip(p, e) {
			continue
		}
		mode := e.Type()
		if mode&fs.ModeSymlink != 0 {
			info, err := os.Stat(p)
			if err != nil {
				if hasExt(name) {
					w.found++
					w.add(p, p) // a broken link is reported when read, not dropped
				}
				continue
			}
			// Resolved from the folder's own resolved path, not from p: p
			// grows with every link followed, and resolving it again at
			// each level made a ladder of links cubic in its depth.
			target := realPath(filepath.Join(real, name))
			if (info.IsDir() || hasExt(name)) && !within(target, w.root) {
				w.errs = append(w.errs, &Warning{Path: p, Msg: "symbolic link to a place outside the folder given, not followed (name its target as a PATH to read it)"})
				continue
			}
			switch {
			case info.IsDir():
				w.walkReal(p, target)
			case hasExt(name) && info.Mode().IsRegular():
				w.found++
				w.add(p, target)
			case hasExt(name):
				w.notRegular(p)
			}
			continue
		}
		switch {
		case mode.IsDir():
			w.walkReal(p, filepath.Join(real, name))
		case hasExt(name) && mode.IsRegular():
			w.found++
			w.add(p, filepath.Join(real, name))
		case hasExt(name):
			w.notRegular(p)
		}
	}
}

// notRegular names a FIFO, socket or device with a summary ending: reading
// one could block or never end, and leaving it out unsaid would drop it in
// silence.
func (w *walker) notRegular(p string) {
	w.errs = append(w.errs, &Warning{Path: p, Msg: "not a regular file, not read"})
}

// skip asks the Ignorer about an entry: a folder (a link to one too) as a
// folder, and a file only when it is one the walk would take.
func (w *walker) skip(p string, e fs.DirEntry) bool {
	if w.ign == nil {
		return false
	}
	isDir := e.IsDir()
	if e.Type()&fs.ModeSymlink != 0 {
		if info, err := os.Stat(p); err == nil {
			isDir = info.IsDir()
		}
	}
	if !isDir && !hasExt(e.Name()) {
		return false
	}
	if w.ign.Ignored(p, isDir) {
		w.ignored++
		return true
	}
	return false
}

// within reports whether the resolved path p is root or below it.
func within(p, root string) bool {
	if p == root {
		return true
	}
	if !strings.HasSuffix(root, string(filepath.Separator)) {
		root += string(filepath.Separator)
	}
	return strings.HasPrefix(p, root)
}

// direct reports whether path f names the file at the resolved path real
// without a symbolic link on the way.
// The working folder is resolved too: reached through a link (macOS /tmp),
// no route would be direct and the alias would stand for the file.
func direct(f, real string) bool {
	if !filepath.IsAbs(f) {
		wd, err := os.Getwd()
		if err != nil {
			return false
		}
		if r, err := filepath.EvalSymlinks(wd); err == nil {
			wd = r
		}
		f = filepath.Join(wd, f)
	}
	return filepath.Clean(f) == real
}

// realPath resolves links and makes p absolute; p itself when that fails.
// Abs comes first: EvalSymlinks leaves a relative path relative, and Abs
// would then prefix the working folder as reached ($PWD), links and all, so
// a link inside a folder under a linked working folder looked outside it.
func realPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	return p
}

func hasExt(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Exts {
		if ext == e {
			return true
		}
	}
	return false
}

// cleanErr drops the "op path:" prefix of a PathError, since messages name the path themselves.
func cleanErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func hasError(errs []error) bool {
	for _, e := range errs {
		var w *Warning
		if !errors.As(e, &w) {
			return true
		}
	}
	return false
}
