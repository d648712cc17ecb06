package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aymanbagabas/go-udiff"
	"github.com/spf13/cobra"

	"github.com/vagut/vagut/internal/format"
	"github.com/vagut/vagut/internal/input"
	"github.com/vagut/vagut/internal/iostreams"
	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/sanitize"
)

// FmtOptions is everything `vagut fmt` needs.
type FmtOptions struct {
	IO      *iostreams.IOStreams
	Factory *Factory
	Paths   []string
	Check   bool
	Write   bool
	Diff    bool
	Verbose bool
}

// NewCmdFmt builds the command; runF replaces the run in tests.
func NewCmdFmt(f *Factory, runF func(*FmtOptions) error) *cobra.Command {
	opts := &FmtOptions{IO: f.IOStreams, Factory: f}
	cmd := &cobra.Command{
		Use:   "fmt [PATH...]",
		Short: "Rewrite summaries in canonical form, as gofmt does for Go",
		Long: `Print summaries in canonical form: LF line endings, no BOM, one blank line
between blocks, "- " bullets, " · " between metadata fields, one line per
entity list item, a hard line break written as a trailing "\", one trailing
newline (a file without a final newline keeps ending without one). Words are
never changed: the formatted file reads to the same record, field for field,
or it is not written.

Without flags the formatted text goes to stdout. --diff prints a unified
diff of each file that is not canonical instead (as gofmt -d). --check
changes nothing and lists the files that would change (with --diff: their
diffs); under GitHub Actions (GITHUB_ACTIONS=true) it also writes an
::error annotation at each file's first changed line. --write rewrites the
files in place; --verbose lists the files it rewrote.

What --write guarantees: a file is replaced only when it is still the file
that was read, unchanged (same device, inode, size, modification time and
bytes, checked just before the rename); otherwise it is named and left as
it is. The new text goes to a temporary file in the same folder, synced,
given the file's mode, owner and group, and renamed over the file, so a
crash never leaves half a summary. A symbolic link named on the command
line is followed: its target is rewritten and the link stays a link. A link
met while walking a folder (the file or a folder on the way) is not
followed by --write, as gofmt -w does not: it may point out of the folder.
Read-only files, files fmt could not give back their owner, and files with
several hard links (replacing one would split them, writing in place could
not be atomic) are refused. SIGINT and SIGTERM remove the temporary file
before vagut exits (130, 143).

Exit codes: 0 done (with --check: every file canonical); 1 some file would
change (--check) or could not be formatted or rewritten; 2 usage error or no
input.`,
		Example: `  # in CI: fail when a summary is not canonical, and show how
  vagut fmt --check --diff notes/

  # rewrite every summary of a folder, naming the files changed
  vagut fmt --write --verbose notes/

  # format standard input
  vagut fmt - < draft.md`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Check && opts.Write {
				return usagef("--check and --write cannot be used together")
			}
			if opts.Verbose && !opts.Write {
				return usagef("--verbose lists the files --write rewrote; use it with --write")
			}
			var err error
			if _, opts.Paths, err = f.inputs(args); err != nil {
				return err
			}
			for _, p := range opts.Paths {
				if p == input.Stdin && opts.Write {
					return usagef("--write cannot rewrite standard input")
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return runFmt(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Check, "check", false, "change nothing; list the files that are not canonical and exit 1 if any")
	cmd.Flags().BoolVarP(&opts.Write, "write", "w", false, "rewrite files in place, atomically, only when unchanged since read")
	cmd.Flags().BoolVarP(&opts.Diff, "diff", "d", false, "print a unified diff of each file that is not canonical")
	cmd.Flags().BoolVarP(&opts.Verbose, "verbose", "v", false, "with --write: list the files rewritten on stdout")
	return cmd
}

// formatted is the work of the pipeline for fmt.
type formatted struct {
	src, out []byte
	snap     *snapshot // with --write: the file that was read
	err      error
}

func runFmt(o *FmtOptions) error {
	l := newLoader(o.Factory)
	l.regularOnly = o.Write
	if o.Write {
		defer cleanOnSignal()()
	}
	github := o.Check && o.IO.Getenv("GITHUB_ACTIONS") == "true"
	var werr error
	out := func(s string) bool {
		_, werr = fmt.Fprint(o.IO.Out, s)
		return werr == nil
	}
	ok := each(l, o.Paths, false, func(path string, src []byte) formatted {
		out, err := format.Source(path, src)
		r := formatted{src: src, out: out, err: err}
		if err == nil && o.Write && !bytes.Equal(out, src) {
			if throughLink(path, o.Paths) {
				r.err = errors.New("reached through a symbolic link in a folder: not followed by --write (name the file to rewrite the link's target)")
				return r
			}
			// Learn which file was read while the bytes are fresh: the
			// rename later replaces this file or nothing.
			r.snap, r.err = pin(path, src)
		}
		return r
	}, func(path string, r formatted) bool {
		if r.err != nil {
			var pe *parse.Error
			var fe *format.Error
			switch {
			case errors.As(r.err, &pe):
				l.fail("%s:%d: %s", path, pe.Line, pe.Msg)
			case errors.As(r.err, &fe):
				l.fail("%s:%d: %s", path, fe.Line, fe.Msg)
			case r.snap == nil && o.Write:
				l.fail("%s: not rewritten: %v", path, r.err)
			default:
				l.fail("%s: %v", path, r.err)
			}
			return true
		}
		changed := !bytes.Equal(r.out, r.src)
		if changed && o.Diff && !out(unifiedDiff(path, r.src, r.out)) {
			return false
		}
		switch {
		case o.Check:
			if changed {
				if !o.Diff && !out(sanitize.Line(path)+"\n") {
					return false
				}
				if github && !out(annotation(path, r.src, r.out)) {
					return false
				}
				l.code = max(l.code, exitFindings)
			}
		case o.Write:
			if changed {
				if err := r.snap.replace(r.src, r.out); err != nil {
					l.fail("%s: not rewritten: %v", path, err)
				} else if o.Verbose && !out(sanitize.Line(path)+"\n") {
					return false
				}
			}
		case o.Diff:
		default:
			if !out(string(r.out)) {
				return false
			}
		}
		return true
	})
	if !ok {
		return &exitError{l.code}
	}
	if err := outputError(o.IO, werr); err != nil {
		return err
	}
	if l.code != exitOK {
		return &exitError{l.code}
	}
	return nil
}

// throughLink reports whether path, found by walking a folder named in
// roots, is reached through a symbolic link below that folder (the file
// itself or a folder on the way). Such a link may point anywhere, out of
// the folder too: a summary folder shared with others, or a pull request,
// could make fmt --write rewrite a file that is none of its business.
// gofmt -w does not follow them either. A file named on the command line
// is the user's choice and is followed.
func throughLink(path string, roots []string) bool {
	for _, root := range roots {
		if filepath.Clean(root) == filepath.Clean(path) {
			return false
		}
	}
	for _, root := range roots {
		rel, err := filepath.Rel(root, path)
		if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		realRoot, err1 := filepath.EvalSymlinks(root)
		real, err2 := filepath.EvalSymlinks(path)
		if err1 != nil || err2 != nil {
			return true // cannot tell: do not risk it
		}
		if real != filepath.Join(realRoot, rel) {
			return true
		}
		return false
	}
	return false
}

// unifiedDiff is the diff gofmt -d prints: a "diff" line naming the two
// versions, then the hunks, which patch -p0 applies to path.
func unifiedDiff(path string, src, out []byte) string {
	if path == input.Stdin {
		path = "<standard input>" // as gofmt -d names it
	}
	path = sanitize.Line(path)
	d := udiff.Unified(path+".orig", path, string(src), string(out))
	if d == "" {
		return ""
	}
	return "diff " + path + ".orig " + path + "\n" + d
}

// firstChange is the 1-based line of src where out first differs.
func firstChange(src, out []byte) int {
	edits := udiff.Lines(string(src), string(out))
	if len(edits) == 0 {
		return 1
	}
	return bytes.Count(src[:edits[0].Start], []byte{'\n'}) + 1
}

// GitHub workflow commands escape these in the message and, with ':' and ','
// as well, in the properties.
var (
	ghData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProp = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// annotation is the ::error workflow command for a file that is not canonical.
func annotation(path string, src, out []byte) string {
	line := firstChange(src, out)
	p := filepath.ToSlash(path)
	// The property is the path GitHub must find; the message is read by people.
	shown := sanitize.Line(p)
	return fmt.Sprintf("::error file=%s,line=%d,title=%s::%s\n", ghProp.Replace(p), line,
		ghProp.Replace("vagut fmt"), ghData.Replace(fmt.Sprintf("%s is not in canonical form from line %d: run vagut fmt --write %s", shown, line, shown)))
}

// createTemp is os.CreateTemp; tests replace it to make the write fail or
// to act between the read and the rename.
var createTemp = os.CreateTemp

// beforeRename runs after the temporary file is written and before the
// last check; tests use it to act at the worst moment.
var beforeRename = func(tmp string) {}

func cleanPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("cannot create a temporary file in %s: %w", filepath.Dir(pe.Path), pe.Err)
	}
	return err
}
