package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

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
}

// NewCmdFmt builds the command; runF replaces the run in tests.
func NewCmdFmt(f *Factory, runF func(*FmtOptions) error) *cobra.Command {
	opts := &FmtOptions{IO: f.IOStreams, Factory: f}
	cmd := &cobra.Command{
		Use:   "fmt [PATH...]",
		Short: "Rewrite summaries in canonical form, as gofmt does for Go",
		Long: `Print summaries in canonical form: LF line endings, no BOM, one blank line
between blocks, "- " bullets, " · " between metadata fields, one line per
entity list item, one trailing newline (a file without a final newline keeps
ending without one). Words are never changed: the formatted file reads to
the same record, field for field, or it is not written.

Without flags the formatted text goes to stdout. --check changes nothing and
lists the files that would change; --write rewrites them in place, through a
temporary file in the same folder renamed over the original (mode kept), so
a crash never leaves half a summary. A file that is no summary, or that
could not be formatted without losing text, is named on stderr and left as
it is.

Exit codes: 0 done (with --check: every file canonical); 1 some file would
change (--check) or could not be formatted; 2 usage error or no input.`,
		Example: `  # in CI: fail when a summary is not canonical
  vagut fmt --check notes/

  # rewrite every summary of a folder
  vagut fmt --write notes/

  # format standard input
  vagut fmt - < draft.md`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Check && opts.Write {
				return usagef("--check and --write cannot be used together")
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
	cmd.Flags().BoolVarP(&opts.Write, "write", "w", false, "rewrite files in place, atomically")
	return cmd
}

// formatted is the work of the pipeline for fmt.
type formatted struct {
	src, out []byte
	err      error
}

func runFmt(o *FmtOptions) error {
	l := newLoader(o.Factory)
	var werr error
	ok := each(l, o.Paths, false, func(path string, src []byte) formatted {
		out, err := format.Source(path, src)
		return formatted{src, out, err}
	}, func(path string, r formatted) bool {
		if r.err != nil {
			var pe *parse.Error
			var fe *format.Error
			switch {
			case errors.As(r.err, &pe):
				l.fail("%s:%d: %s", path, pe.Line, pe.Msg)
			case errors.As(r.err, &fe):
				l.fail("%s:%d: %s", path, fe.Line, fe.Msg)
			default:
				l.fail("%s: %v", path, r.err)
			}
			return true
		}
		changed := !bytes.Equal(r.out, r.src)
		switch {
		case o.Check:
			if changed {
				if _, werr = fmt.Fprintln(o.IO.Out, sanitize.Line(path)); werr != nil {
					return false
				}
				l.code = max(l.code, exitFindings)
			}
		case o.Write:
			if changed {
				if err := writeAtomic(path, r.out); err != nil {
					l.fail("%s: not rewritten: %v", path, err)
				}
			}
		default:
			if _, werr = o.IO.Out.Write(r.out); werr != nil {
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

// createTemp is os.CreateTemp; tests replace it to make the write fail.
var createTemp = os.CreateTemp

// writeAtomic replaces path's content: a temporary file beside the target,
// synced, given the target's mode, then renamed over it. A symbolic link
// is followed, so the link stays a link.
func writeAtomic(path string, data []byte) (err error) {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	info, err := os.Stat(target)
	if err != nil {
		return err
	}
	tmp, err := createTemp(filepath.Dir(target), ".vagut-fmt-*")
	if err != nil {
		return cleanPathErr(err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Chmod(info.Mode().Perm()); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), target)
}

func cleanPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("cannot create a temporary file in %s: %w", filepath.Dir(pe.Path), pe.Err)
	}
	return err
}
