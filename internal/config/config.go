// Package config reads .vagut.yaml: default paths, required sections, rule
// severities and allowed id prefixes. Every mistake names its key and line.
package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/vagut/vagut/internal/ignore"
	"github.com/vagut/vagut/internal/summary"
	"github.com/vagut/vagut/internal/validate"
)

// FileName is looked up in the current folder and then its parents.
const FileName = ".vagut.yaml"

// Config is a loaded configuration; the zero Config is the default.
type Config struct {
	File     string      // where it came from; "" when none was found
	Ignored  string      // a .vagut.yaml passed over (its folder is anyone's to write), to be named
	Paths    []string    // default PATHs, relative to the config file's folder
	Exclude  ignore.List // exclude: globs, relative to the config file's folder
	Validate validate.Config

	pathLines []int // the line of each of Paths
}

// Default is the configuration without a file.
func Default() *Config { return &Config{Validate: validate.DefaultConfig()} }

// Error is a mistake in the file, at a line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Find returns the .vagut.yaml that applies to a run in dir, or "" if none.
// Settings decide which rules run in CI, so only files the user or the
// repository controls count:
//
//   - inside a git repository, the nearest one from dir up to the repository
//     root (the folder holding .git, a folder or a file), never above it;
//   - outside a repository but inside the home folder, the nearest one from
//     dir up to the home folder;
//   - elsewhere, only dir's own;
//   - a folder anyone may write to (/tmp, mode o+w) is never searched, nor
//     anything above it, and its .git does not make a repository root.
//
// A .vagut.yaml planted in /tmp once applied to every folder under /tmp.
// ignored names a settings file passed over for being in a folder anyone may
// write to, so that the run can say so.
func Find(dir string) (found, ignored string, err error) {
	dir, err = filepath.Abs(dir)
	if err != nil {
		return "", "", err
	}
	home, _ := os.UserHomeDir()
	if home != "" {
		if h, err := filepath.Abs(home); err == nil {
			home = h
		}
		if filepath.Dir(home) == home {
			// HOME=/ (a container user with no home folder) would
			// make every folder one of the home folder's.
			home = ""
		}
	}
	// The folders searched, nearest first, and whether a boundary (a
	// repository root or the home folder) closes them.
	var dirs []string
	closed := false
	for d := dir; ; {
		if worldWritable(d) {
			if len(dirs) == 0 {
				if p := filepath.Join(d, FileName); exists(p) {
					ignored = p
				}
			}
			break
		}
		dirs = append(dirs, d)
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil || d == home {
			closed = true
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if !closed && len(dirs) > 1 {
		dirs = dirs[:1]
	}
	for _, d := range dirs {
		p := filepath.Join(d, FileName)
		if _, err := os.Stat(p); err == nil {
			return p, "", nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", "", err
		}
	}
	return "", ignored, nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// worldWritable says whether anyone may create files in folder d (/tmp,
// /var/tmp, /dev/shm). Windows has no such mode bit. A variable: tests
// stand in for /tmp, which is above their folders.
var worldWritable = func(d string) bool {
	if runtime.GOOS == "windows" {
		return false
	}
	info, err := os.Stat(d)
	return err == nil && info.Mode().Perm()&0o002 != 0
}

// MaxSize bounds a settings file: a 25 MB one took 21 s and 4.4 GB to parse.
const MaxSize = 1 << 20

// readBounded reads at most MaxSize+1 bytes, whatever the file claims to be.
func readBounded(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, errors.New("is a folder, not a file")
	}
	return io.ReadAll(io.LimitReader(f, MaxSize+1))
}

// Load reads the file at path; display is how messages name it.
func Load(path, display string) (*Config, error) { return load(path, display, false) }

func load(path, display string, found bool) (*Config, error) {
	src, err := readBounded(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: %w", display, err)
	}
	if len(src) > MaxSize {
		return nil, fmt.Errorf("%s: larger than %dMB; a settings file is a few lines", display, MaxSize>>20)
	}
	base := filepath.Dir(path)
	absBase, err := filepath.Abs(base)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", display, err)
	}
	c, err := parseConfig(src, display, absBase)
	if err != nil {
		return nil, err
	}
	c.File = display
	if found {
		real := absBase
		if r, err := filepath.EvalSymlinks(absBase); err == nil {
			real = r
		}
		for i, p := range c.Paths {
			if p != "-" && !inside(real, p) {
				return nil, &Error{File: display, Line: c.pathLines[i], Msg: fmt.Sprintf("paths: %q leads outside this file's folder (a %s found by the search may name only folders below it: give that PATH on the command line, or this file with --config)", p, FileName)}
			}
		}
	}
	for i, p := range c.Paths {
		if !filepath.IsAbs(p) && p != "-" {
			c.Paths[i] = relTo(base, p)
		}
	}
	return c, nil
}

// relTo joins base and p, and keeps the result relative to the working folder when it can.
func relTo(base, p string) string {
	full := filepath.Join(base, p)
	if wd, err := os.Getwd(); err == nil {
		if abs, err := filepath.Abs(full); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil {
				return rel
			}
		}
	}
	return full
}

var keys = []string{"paths", "exclude", "required_sections", "rules", "id_prefixes"}

// parseConfig reads the settings of file, whose exclude globs are relative
// to the absolute folder base.
func parseConfig(src []byte, file, base string) (*Config, error) {
	c := Default()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, &Error{File: file, Line: yamlLine(err), Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return c, nil // an empty file keeps the defaults
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &Error{File: file, Line: root.Line, Msg: "want a mapping of keys (" + strings.Join(keys, ", ") + ")"}
	}
	bad := func(n *yaml.Node, format string, args ...any) error {
		return &Error{File: file, Line: n.Line, Msg: fmt.Sprintf(format, args...)}
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			return nil, bad(k, "key %q given twice", k.Value)
		}
		seen[k.Value] = true
		switch k.Value {
		case "paths":
			list, err := strings_(v, k.Value, bad)
			if err != nil {
				return nil, err
			}
			c.Paths = list
			for j := range list {
				n := v
				if v.Kind == yaml.SequenceNode {
					n = v.Content[j]
				}
				c.pathLines = append(c.pathLines, n.Line)
			}
		case "exclude":
			list, err := strings_(v, k.Value, bad)
			if err != nil {
				return nil, err
			}
			for j, g := range list {
				n := v
				if v.Kind == yaml.SequenceNode {
					n = v.Content[j]
				}
				rules, err := ignore.Glob(g, base, fmt.Sprintf("%s:%d", file, n.Line))
				if err != nil {
					return nil, bad(n, "exclude: %q: %v", g, err)
				}
				c.Exclude = append(c.Exclude, rules...)
			}
		case "required_sections":
			list, err := strings_(v, k.Value, bad)
			if err != nil {
				return nil, err
			}
			c.Validate.RequiredSections = []string{}
			for j, s := range list {
				key := summary.SectionOf(s)
				if key == "" {
					n := v // one string rather than a list
					if v.Kind == yaml.SequenceNode {
						n = v.Content[j]
					}
					if near := summary.NearSection(s); near != "" {
						return nil, bad(n, "required_sections: %q is not a section vagut knows (did you mean %q?)", s, summary.SectionName(near))
					}
					return nil, bad(n, "required_sections: %q is not a section vagut knows (%s)", s, strings.Join(summary.SectionNames(), ", "))
				}
				c.Validate.RequiredSections = append(c.Validate.RequiredSections, key)
			}
		case "rules":
			if v.Kind != yaml.MappingNode {
				return nil, bad(v, "rules: want a mapping of rule id or name to off, warning or error")
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				rk, rv := v.Content[j], v.Content[j+1]
				rule, ok := validate.Lookup(rk.Value)
				if !ok {
					return nil, bad(rk, "rules: unknown rule %q (see vagut rules)", rk.Value)
				}
				if rv.Kind != yaml.ScalarNode {
					return nil, bad(rv, "rules: %s: want off, warning or error", rk.Value)
				}
				sev, err := validate.ParseSeverity(rv.Value)
				if err != nil {
					return nil, bad(rv, "rules: %s: %v", rk.Value, err)
				}
				c.Validate.Severity[rule.ID] = sev
			}
		case "id_prefixes":
			list, err := strings_(v, k.Value, bad)
			if err != nil {
				return nil, err
			}
			c.Validate.IDPrefixes = list
		default:
			return nil, bad(k, "unknown key %q (known: %s)", k.Value, strings.Join(keys, ", "))
		}
	}
	return c, nil
}

// strings_ reads a list of strings, or one string as a list of one.
func strings_(v *yaml.Node, key string, bad func(*yaml.Node, string, ...any) error) ([]string, error) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!str" {
		return []string{v.Value}, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, bad(v, "%s: want a list of strings", key)
	}
	out := []string{}
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode || item.Value == "" {
			return nil, bad(item, "%s: want a list of strings", key)
		}
		out = append(out, item.Value)
	}
	return out, nil
}

// yamlLine digs the line out of a yaml.v3 syntax error ("yaml: line 3: ...").
func yamlLine(err error) int {
	var line int
	if _, scanErr := fmt.Sscanf(strings.TrimPrefix(err.Error(), "yaml: "), "line %d:", &line); scanErr == nil {
		return line
	}
	return 1
}

// LoadFound is Load for a settings file found by Find, that is, one a
// pull request may have written: its paths: must stay inside its own folder.
// `paths: [/home/runner]` or `[../other-checkout]` (or a link committed as
// notes -> /etc) would have had validate read, fmt --diff print and vagut new
// write files the repository does not own. A file named with --config is the
// user's own choice and may point anywhere.
func LoadFound(path, display string) (*Config, error) { return load(path, display, true) }

// inside says whether p, relative to base (a real path), stays below base
// once "..", and any link that exists on the way, are resolved.
func inside(base, p string) bool {
	if filepath.IsAbs(p) || filepath.VolumeName(p) != "" {
		return false
	}
	full := filepath.Join(base, p)
	if real, err := filepath.EvalSymlinks(full); err == nil {
		full = real
	}
	rel, err := filepath.Rel(base, full)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
