package cli

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/vagut/vagut/internal/cite"
	"github.com/vagut/vagut/internal/digest"
	"github.com/vagut/vagut/internal/iostreams"
)

// citeFormats are cite.Formats, the default first.
var citeFormats = []string{"bibtex", "csljson", "ris"}

// CiteOptions is everything `vagut cite` needs.
type CiteOptions struct {
	IO      *iostreams.IOStreams
	Factory *Factory
	Paths   []string
	Output  string
	Filter  digest.Filter
	JQ      jqFlag
}

// NewCmdCite builds the command; runF replaces the run in tests.
func NewCmdCite(f *Factory, runF func(*CiteOptions) error) *cobra.Command {
	opts := &CiteOptions{IO: f.IOStreams, Factory: f}
	var ff filterFlags
	var output *outputFlag
	cmd := &cobra.Command{
		Use:   "cite [PATH...]",
		Short: "Write the bibliography of the papers: BibTeX, CSL-JSON or RIS",
		Long: `Write one bibliography entry per paper, for LaTeX, pandoc, Zotero or EndNote.

-o bibtex (default), csljson (the CSL-JSON that pandoc --citeproc and Zotero
read) or ris. Entries come sorted by citation key: the first author's family
name, the year and the first word of the title, in ASCII lower case
(omar2026heartgut); papers that would share a key get a, b, c... in order of
date and title, never a key another paper has, so every key is unique and the
same corpus always gives the same keys. DOIs lose any https://doi.org/ or doi:
prefix and are otherwise written as they are.

Authors are read as people and PubMed write them: "Ludwig van Beethoven",
"Yang S" and "van der Poll T" (family name, then initials), "Smith, John"
(several separated by ";"), suffixes (Jr, III), group authors ("RECOVERY
Collaborative Group", kept whole) and "et al." (BibTeX "and others", CSL
"others"; never an author). Inline Markdown in titles becomes CSL rich text
(<i>, <b>, <sup>, <sub>), LaTeX (\textit{}, \textbf{}) or plain RIS text.

` + filterHelp + `

` + selectionHelp,
		Example: `  # a BibTeX file for LaTeX
  vagut cite notes/ > refs.bib

  # papers on I-FABP since 2020, for pandoc
  vagut cite notes/ --entity I-FABP --since 2020 -o csljson > refs.json
  pandoc draft.md --citeproc --bibliography refs.json -o draft.docx

  # RIS for EndNote or Zotero
  vagut cite notes/ -o ris > refs.ris`,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if _, opts.Paths, err = f.inputs(args); err != nil {
				return err
			}
			if err := output.settle(&opts.JQ); err != nil {
				return err
			}
			if opts.Filter, err = ff.filter(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runCite(opts)
		},
	}
	fs := cmd.Flags()
	fs.SortFlags = false
	output = outputVar(cmd, &opts.Output, "output", citeFormats, "csljson")
	ff.register(cmd)
	opts.JQ.register(fs)
	return cmd
}

func runCite(o *CiteOptions) error {
	l := newLoader(o.Factory)
	if !holdPapers {
		return boundedCite(o, l)
	}
	collecting()
	papers, ok := loadPapers(l, o.Paths, false)
	if !ok {
		return &exitError{l.code}
	}
	entries := cite.Entries(selectPapers(papers, &o.Filter, "path", 0))
	err := o.JQ.write(o.IO.Out, func(w io.Writer) error { return cite.Write(w, o.Output, entries) })
	return finish(l, outputError(o.IO, err))
}
