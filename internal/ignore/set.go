package ignore

import (
	"os"
	"path/filepath"
)

// Set is what a folder walk leaves out: the exclude globs, and, unless
// NoGit, the rules of git: .git/info/exclude and every .gitignore from the
// repository's root down to the folder walked. As ripgrep does, .gitignore
// files count only inside a git repository (a folder with .git above or at
// the walked folder). A Set serves one walk at a time.
type Set struct {
	Exclude List // rising priority: .vagut.yaml exclude:, then --exclude
	NoGit   bool // --no-ignore

	// Warnings are the ignore files that could not be read or had a bad
	// pattern, each once.
	Warnings []error

	cwd    string
	real   string // cwd with its links resolved, when that differs ("" if not)
	git    List   // the rules of the folders being walked, outermost first
	depth  int
	inRepo bool
	warn   map[string]bool
}

// NewSet makes a Set; paths are made absolute against the working folder.
func NewSet(exclude List, noGit bool) *Set {
	cwd, _ := os.Getwd()
	s := &Set{Exclude: exclude, NoGit: noGit, cwd: cwd, warn: map[string]bool{}}
	if real, err := filepath.EvalSymlinks(cwd); err == nil && real != cwd {
		s.real = real
	}
	return s
}

func (s *Set) abs(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(s.cwd, p)
}

// Enter is called when the walk enters dir, before its entries; the walk
// calls the returned func when it leaves dir.
func (s *Set) Enter(dir string) (leave func()) {
	if s.NoGit {
		return func() {}
	}
	abs := s.abs(dir)
	mark := len(s.git)
	if s.depth == 0 {
		// A new walk: the rules of the folders above it, up to the repository root.
		s.git = s.git[:0]
		root := repoRoot(abs)
		if root == "" {
			s.depth++ // not in a repository: no .gitignore counts
			return func() { s.depth-- }
		}
		s.add(ReadFile(filepath.Join(root, ".git", "info", "exclude"), root, s.display(filepath.Join(root, ".git", "info", "exclude"))))
		var chain []string
		for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
			if len(d) < len(root) {
				break
			}
			chain = append(chain, d)
			if d == root || d == filepath.Dir(d) {
				break
			}
		}
		if abs == root {
			chain = nil
		}
		for i := len(chain) - 1; i >= 0; i-- {
			s.add(ReadFile(filepath.Join(chain[i], ".gitignore"), chain[i], s.display(filepath.Join(chain[i], ".gitignore"))))
		}
		s.inRepo = true
		mark = 0
	}
	if s.inRepo {
		s.add(ReadFile(filepath.Join(abs, ".gitignore"), abs, s.display(filepath.Join(dir, ".gitignore"))))
	}
	s.depth++
	return func() {
		s.depth--
		s.git = s.git[:mark]
		if s.depth == 0 {
			s.inRepo = false
		}
	}
}

func (s *Set) add(l List, errs []error) {
	s.git = append(s.git, l...)
	for _, err := range errs {
		if !s.warn[err.Error()] {
			s.warn[err.Error()] = true
			s.Warnings = append(s.Warnings, err)
		}
	}
}

// display names a file relative to the working folder when it is below it.
func (s *Set) display(p string) string {
	if rel, ok := under(s.cwd, s.abs(p)); ok {
		return filepath.FromSlash(rel)
	}
	return p
}

// Ignored reports whether the walk leaves path out: an exclude glob or, in
// a repository, a .gitignore rule matches it.
func (s *Set) Ignored(path string, isDir bool) bool {
	abs := s.abs(path)
	out, _ := s.Exclude.Excluded(abs, isDir)
	if !out && s.real != "" && !filepath.IsAbs(path) {
		// Under a working folder reached through a link, an excluded
		// path may be written either way (/data/notes or /home/me/notes).
		out, _ = s.Exclude.Excluded(filepath.Join(s.real, path), isDir)
	}
	if !out && s.inRepo {
		out, _ = s.git.Excluded(abs, isDir)
	}
	return out
}

// repoRoot is the nearest folder at or above dir that holds .git, or "".
func repoRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}
