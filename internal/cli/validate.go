package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/vagut/vagut/internal/iostreams"
	"github.com/vagut/vagut/internal/validate"
)

// ValidateOptions is everything `vagut validate` needs.
type ValidateOptions struct {
	IO      *iostreams.IOStreams
	Factory *Factory
	Paths   []string
	Format  string
	Strict  bool
	Config  validate.Config
	File    string // the settings file in use, "" for none
	JQ      jqFlag
}

// NewCmdValidate builds the command; runF replaces the run in tests.
func NewCmdValidate(f *Factory, runF func(*ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{IO: f.IOStreams, Factory: f}
	var output *outputFlag
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check summaries against vagut's rules, for CI and editors",
		Long: `Check summaries and report each problem at its file, line and column:

  PATH:LINE:COL: severity: message [VG010/invalid-doi]

Rules have stable ids and names (see vagut rules); .vagut.yaml sets their
severity, the required sections and the allowed id prefixes. Duplicates
across files (same DOI, same paper id) are reported at both places.

A file's own comments turn rules off, as markdownlint's do:
<!-- vagut-disable VG006 --> for the whole file (without rules: all of
them), <!-- vagut-disable-next-line VG023 --> for the line below,
<!-- vagut-disable-line VG023 --> for its own line; rules by id or name.
A misspelt comment is a warning (VG050). To leave files out altogether, see
exclude: in .vagut.yaml and --exclude (vagut rules explains both).

--format text (default), json (an array of {path, line, column, rule, name,
severity, message}), github (GitHub Actions workflow commands; the default
when GITHUB_ACTIONS=true) or sarif (SARIF 2.1.0 for code scanning).

Exit codes: 0 no errors (warnings allowed); 1 errors, or warnings with
--strict; 2 usage or tool failure, a PATH that matches no file included.`,
		Example: `  # check the summaries of a folder
  vagut validate notes/

  # in CI: fail on warnings too
  vagut validate --strict notes/

  # SARIF for GitHub code scanning
  vagut validate --format sarif notes/ > vagut.sarif`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, paths, err := f.inputs(args)
			if err != nil {
				return err
			}
			opts.Paths, opts.Config, opts.File = paths, cfg.Validate, cfg.File
			if !cmd.Flags().Changed("format") && opts.IO.Getenv("GITHUB_ACTIONS") == "true" {
				opts.Format = "github"
			}
			if err := output.settle(&opts.JQ); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runValidate(opts)
		},
	}
	output = outputVar(cmd, &opts.Format, "format", validate.Formats, "json")
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "exit 1 on warnings too")
	opts.JQ.register(cmd.Flags())
	return cmd
}

func runValidate(o *ValidateOptions) error {
	l := newLoader(o.Factory)
	var diags []validate.Diagnostic
	var corpus validate.CorpusIndex         // not the papers: memory stays flat
	inline := map[string]*validate.Inline{} // only the files that turn rules off
	files, ok := l.list(o.Paths, false)
	if !ok {
		return &exitError{l.code}
	}
	defer l.bounded(files.Len())()
	l.reuseSrc = true // validate.File keeps nothing of src
	corpus.Reserve(files.Len())
	eachFile(l, files, func(path string, src []byte) validate.Result {
		return validate.File(&o.Config, path, src)
	}, func(path string, r validate.Result) bool {
		diags = append(diags, r.Diags...)
		if !r.Inline.Empty() {
			inline[path] = r.Inline
		}
		if r.Paper != nil {
			corpus.Add(r.Paper)
		}
		return true
	})
	code := l.code
	diags = append(diags, validate.Silence(corpus.Diagnostics(&o.Config), inline)...)
	validate.Sort(diags)
	err := o.JQ.write(o.IO.Out, func(w io.Writer) error { return validate.Write(w, o.Format, diags, version(), o.File) })
	if err := outputError(o.IO, err); err != nil {
		return err
	}
	errs, warns := validate.Count(diags)
	if o.Format == "text" && len(diags) > 0 && !l.set.quiet {
		l.errorf("%s, %s in %s", plural(errs, "error"), plural(warns, "warning"), plural(l.files, "file"))
	}
	if errs > 0 || (o.Strict && warns > 0) {
		code = max(code, exitFindings)
	}
	if code != exitOK {
		return &exitError{code}
	}
	return nil
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
