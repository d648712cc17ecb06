// Package ignore decides which files a folder walk leaves out: the exclude
// globs of .vagut.yaml and --exclude, and the .gitignore files of a git
// repository, read as git and ripgrep read them. Patterns are matched by
// git-lfs's port of git's own wildmatch; this package only adds what a
// .gitignore line means around the glob (comments, !, a trailing or leading
// slash, which folder it is relative to, the last match wins).
package ignore

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/bmatcuk/doublestar/v4"
)

// maxPattern bounds one pattern: a line longer than a path can be is a
// mistake or an attack, and matching time grows with its length.
const maxPattern = 4096

// maxIgnoreFile bounds the bytes read from one .gitignore, and maxRules its
// patterns: every file walked is matched against every rule in force, so a
// stranger's .gitignore must not multiply the time of a run without bound.
const (
	maxIgnoreFile = 1 << 20
	maxRules      = 10000
)

// Rule is one pattern line, relative to the folder Base.
type Rule struct {
	Base    string // absolute folder the pattern is relative to
	Negate  bool   // "!pattern": include again
	DirOnly bool   // "pattern/": folders only
	Origin  string // file:line or the flag, for messages
	// Anywhere lets a pattern without a slash (a name) match below any
	// folder, not only below Base: an exclude glob such as README.md applies
	// to every folder walked, as ripgrep's --glob does.
	Anywhere bool
	anchored bool
	Text     string // the pattern as written
	glob     string // the doublestar pattern, relative to Base
}

// Parse reads one pattern line in .gitignore syntax. ok is false for a blank
// line or a comment. A pattern wildmatch cannot compile is an error.
func Parse(line, base, origin string) (r *Rule, ok bool, err error) {
	line = strings.TrimSuffix(line, "\r")
	if strings.HasPrefix(line, "#") {
		return nil, false, nil
	}
	line = trimTrailingSpace(line)
	if line == "" {
		return nil, false, nil
	}
	if len(line) > maxPattern {
		return nil, false, fmt.Errorf("pattern longer than %d bytes, not used", maxPattern)
	}
	r = &Rule{Base: base, Origin: origin, Text: line}
	p := line
	if strings.HasPrefix(p, "!") {
		r.Negate, p = true, p[1:]
	} else if strings.HasPrefix(p, `\!`) || strings.HasPrefix(p, `\#`) {
		p = p[1:]
	}
	if strings.HasSuffix(p, "/") && !strings.HasSuffix(p, `\/`) {
		r.DirOnly, p = true, strings.TrimRight(p, "/")
	}
	if p == "" {
		return nil, false, nil
	}
	// A slash at the start or in the middle anchors the pattern to its
	// folder; without one it matches a name at any depth below it.
	if strings.Contains(p, "/") {
		r.anchored, p = true, strings.TrimPrefix(p, "/")
	}
	// Braces are plain characters to git; doublestar would read {a,b}.
	p = strings.NewReplacer("{", `\{`, "}", `\}`).Replace(p)
	if !doublestar.ValidatePattern(p) {
		return nil, false, errors.New("malformed pattern (an unclosed [ or a trailing \\?), not used")
	}
	r.glob = p
	return r, true, nil
}

// trimTrailingSpace drops trailing spaces unless escaped with a backslash.
func trimTrailingSpace(s string) string {
	for strings.HasSuffix(s, " ") && !strings.HasSuffix(s, `\ `) {
		s = s[:len(s)-1]
	}
	return s
}

// match reports whether the rule applies to path (absolute) and matches it.
func (r *Rule) match(path string, isDir bool) bool {
	if r.DirOnly && !isDir {
		return false
	}
	rel, ok := under(r.Base, path)
	if !r.anchored {
		// A name: it matches the last element, at any depth.
		ok = ok || r.Anywhere && path != ""
		rel = filepath.Base(path)
	}
	if !ok {
		return false
	}
	m, err := doublestar.Match(r.glob, rel)
	return err == nil && m
}

// under gives path relative to base with forward slashes, when inside it.
func under(base, path string) (string, bool) {
	if base == path {
		return "", false
	}
	prefix := base
	if !strings.HasSuffix(prefix, string(filepath.Separator)) {
		prefix += string(filepath.Separator)
	}
	if !strings.HasPrefix(path, prefix) {
		return "", false
	}
	return filepath.ToSlash(path[len(prefix):]), true
}

// Problem is an ignore file or pattern that vagut could not use: a warning,
// since the other rules still apply.
type Problem struct{ Where, Msg string }

func (p *Problem) Error() string { return p.Where + ": " + p.Msg }

// List is rules in order of rising priority: the last that matches wins.
type List []*Rule

// Excluded reports whether the rules leave path out, and by which rule.
func (l List) Excluded(path string, isDir bool) (bool, *Rule) {
	for i := len(l) - 1; i >= 0; i-- {
		if l[i].match(path, isDir) {
			return !l[i].Negate, l[i]
		}
	}
	return false, nil
}

// Globs reads exclude globs (from --exclude), relative to base.
func Globs(globs []string, base, origin string) (List, error) {
	var l List
	for _, g := range globs {
		rules, err := Glob(g, base, origin)
		if err != nil {
			return nil, fmt.Errorf("%s: %q: %v", origin, g, err)
		}
		l = append(l, rules...)
	}
	return l, nil
}

// Glob reads one exclude glob of .vagut.yaml or --exclude, relative to the
// absolute folder base, so that the same text means the same files in both.
// A path as a shell completes it (./notes/drafts, ../x, /home/me/x) means
// that path; as a .gitignore line it would match nothing, silently. A
// pattern that starts with "/" has both meanings, two rules: anchored to
// base as in a .gitignore (/notes/drafts/), and the absolute path.
func Glob(g, base, origin string) ([]*Rule, error) {
	var out []*Rule
	add := func(g, base string) error {
		r, ok, err := Parse(g, base, origin)
		if err != nil {
			return err
		}
		if ok {
			r.Anywhere = true
			out = append(out, r)
		}
		return nil
	}
	if !strings.HasPrefix(g, "./") && !strings.HasPrefix(g, "../") && !filepath.IsAbs(g) {
		return out, add(g, base)
	}
	if strings.HasPrefix(g, "/") {
		if err := add(g, base); err != nil {
			return nil, err
		}
	}
	abs := filepath.Join(base, g)
	if filepath.IsAbs(g) {
		abs = filepath.Clean(g)
	}
	dirOnly := strings.HasSuffix(g, "/")
	rooted := func(abs string) string {
		p := "/" + strings.TrimLeft(filepath.ToSlash(strings.TrimPrefix(abs, filepath.VolumeName(abs))), "/")
		if dirOnly && p != "/" {
			p += "/"
		}
		return p
	}
	if err := add(rooted(abs), string(filepath.Separator)); err != nil {
		return nil, err
	}
	// The same path through its links' targets: the walk may reach it by
	// either name (a working folder under a link), and an exclude that
	// matched neither would leave the files in, silently.
	if real, err := filepath.EvalSymlinks(abs); err == nil && real != abs {
		return out, add(rooted(real), string(filepath.Separator))
	}
	return out, nil
}

// ReadFile reads the patterns of an ignore file whose rules are relative to
// base. A missing file is no rules; a bad line is skipped and reported.
func ReadFile(path, base, display string) (List, []error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			return nil, nil // ENOTDIR: .git is a file (a worktree), it has no info/exclude here
		}
		return nil, []error{&Problem{display, "cannot read: " + cleanErr(err).Error()}}
	}
	defer f.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(io.LimitReader(f, maxIgnoreFile+1)); err != nil {
		return nil, []error{&Problem{display, "cannot read: " + cleanErr(err).Error()}}
	}
	var errs []error
	if b.Len() > maxIgnoreFile {
		errs = append(errs, &Problem{display, fmt.Sprintf("larger than %d bytes, only the start is read", maxIgnoreFile)})
		b.Truncate(maxIgnoreFile)
	}
	var l List
	sc := bufio.NewScanner(&b)
	sc.Buffer(make([]byte, 0, 64<<10), maxIgnoreFile+1)
	for n := 1; sc.Scan(); n++ {
		origin := fmt.Sprintf("%s:%d", display, n)
		r, ok, err := Parse(sc.Text(), base, origin)
		if err != nil {
			errs = append(errs, &Problem{origin, err.Error()})
			continue
		}
		if ok {
			if len(l) == maxRules {
				errs = append(errs, &Problem{origin, fmt.Sprintf("more than %d patterns, the rest not used", maxRules)})
				break
			}
			l = append(l, r)
		}
	}
	return l, errs
}

func cleanErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
