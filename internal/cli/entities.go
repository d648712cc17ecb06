package cli

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vagut/vagut/internal/digest"
	"github.com/vagut/vagut/internal/index"
	"github.com/vagut/vagut/internal/iostreams"
	"github.com/vagut/vagut/internal/render"
	"github.com/vagut/vagut/internal/summary"
)

var entityFormats = []string{"md", "json", "jsonl", "csv", "yaml"}

// EntitiesOptions is everything `vagut entities` needs.
type EntitiesOptions struct {
	IO        *iostreams.IOStreams
	Factory   *Factory
	Paths     []string
	Output    string
	Filter    digest.Filter
	MinPapers int
	PairA     string // with --pairs, the two types
	PairB     string
	JQ        jqFlag
	// CSVRaw writes CSV cells as they are, formulas included.
	CSVRaw bool
	// Table shows an aligned table fitting the terminal: stdout is one and
	// -o was not given.
	Table bool
}

// NewCmdEntities builds the command; runF replaces the run in tests.
func NewCmdEntities(f *Factory, runF func(*EntitiesOptions) error) *cobra.Command {
	opts := &EntitiesOptions{IO: f.IOStreams, Factory: f}
	var ff filterFlags
	var pairs string
	var output *outputFlag
	cmd := &cobra.Command{
		Use:   "entities [PATH...]",
		Short: "Index the entities of a corpus, or their co-mentions",
		Long: `Print the entity index of the papers: one row per entity, grouped by id
(or, without id, by type and case-folded name), with its most frequent name,
every name and alias seen, how many papers mention it, how many times, and
which papers. An entity counts for a paper when it is in either of its lists.
Rows come by papers, then mentions, then name.

` + filterHelp + `

` + selectionHelp + `

The filters choose the papers; --type and --min-papers choose the rows.

--pairs A,B lists instead the pairs of an entity of type A and one of type B
mentioned in the same paper, with how many papers and which, most frequent
first ("which genes come up with intestinal ischemia?").

Output: -o md (a Markdown table; in a terminal, without -o, an aligned
table cut to its width), json ({"schema_version": 1, "entities": [...]}),
jsonl (one row a line), csv (a cell starting like a spreadsheet formula,
= + - @, gets a ' in front unless --csv-raw), yaml. --jq filters the JSON.`,
		Example: `  # the genes of the corpus, most cited first
  vagut entities notes/ --type gene

  # entities of papers on I-FABP since 2020, seen in at least two papers
  vagut entities notes/ --entity I-FABP --since 2020 --min-papers 2

  # which genes come up with which diseases, in how many papers?
  vagut entities notes/ --pairs gene,disease

  # papers per species, as CSV for a spreadsheet
  vagut entities notes/ --type species -o csv > species.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if _, opts.Paths, err = f.inputs(args); err != nil {
				return err
			}
			if err := output.settle(&opts.JQ); err != nil {
				return err
			}
			if opts.MinPapers < 0 {
				return usagef("--min-papers: must be 0 or more, not %d", opts.MinPapers)
			}
			if opts.Filter, err = ff.filter(); err != nil {
				return err
			}
			if pairs != "" {
				parts := strings.Split(pairs, ",")
				if len(parts) != 2 || strings.TrimSpace(parts[0]) == "" || strings.TrimSpace(parts[1]) == "" {
					return usagef("--pairs: want two types, as gene,disease; not %q", pairs)
				}
				opts.PairA, opts.PairB = digest.NormalizeType(parts[0]), digest.NormalizeType(parts[1])
			}
			opts.Table = opts.Output == "md" && !cmd.Flags().Changed("output") && opts.IO.StdoutTTY
			if runF != nil {
				return runF(opts)
			}
			return runEntities(opts)
		},
	}
	fs := cmd.Flags()
	fs.SortFlags = false
	output = outputVar(cmd, &opts.Output, "output", entityFormats, "json", "jsonl")
	ff.register(cmd)
	fs.IntVar(&opts.MinPapers, "min-papers", 0, "only entities (or pairs) in at least `N` papers")
	fs.StringVar(&pairs, "pairs", "", "list co-mentioned pairs of two entity types, as `A,B` (gene,disease)")
	completeFlag(cmd, "pairs", commaList(knownTypes...))
	fs.BoolVar(&opts.CSVRaw, "csv-raw", false, "with -o csv: write cells starting with = + - @ as they are (default: prefixed with ' so a spreadsheet shows them as text)")
	opts.JQ.register(fs)
	return cmd
}

func runEntities(o *EntitiesOptions) error {
	l := newLoader(o.Factory)
	// The filters choose the papers; --type chooses the rows, so it must not
	// narrow what --entity matches here.
	paperFilter := o.Filter
	paperFilter.Types = nil
	var kept []*summary.Paper // held for --pairs only
	var built []index.Row
	nkept := 0
	// An unknown --type is checked against the types of every paper: held.
	if o.PairA == "" && allKnownTypes(o.Filter.Types) && !holdPapers {
		var ok bool
		if built, nkept, ok = indexPapers(l, o.Paths, &paperFilter); !ok {
			return &exitError{l.code}
		}
	} else {
		collecting()
		papers, ok := loadPapers(l, o.Paths, false)
		if !ok {
			return &exitError{l.code}
		}
		if err := checkTypes(papers, "--type", o.Filter.Types...); err != nil {
			return err
		}
		if err := checkTypes(papers, "--pairs", o.PairA, o.PairB); err != nil {
			return err
		}
		kept = selectPapers(papers, &paperFilter, "path", 0)
		nkept = len(kept)
		if o.PairA == "" {
			built = index.Build(kept)
		}
	}
	var err error
	if o.PairA != "" {
		var pairs []index.Pair
		for _, p := range index.Pairs(kept, o.PairA, o.PairB, o.MinPapers) {
			if p.Papers >= o.MinPapers {
				pairs = append(pairs, p)
			}
		}
		switch o.Output {
		case "json":
			err = o.JQ.write(o.IO.Out, func(w io.Writer) error { return render.PairsJSON(w, pairs) })
		case "jsonl":
			err = o.JQ.write(o.IO.Out, func(w io.Writer) error { return render.PairsJSONL(w, pairs) })
		case "yaml":
			err = render.YAML(o.IO.Out, func(w io.Writer) error { return render.PairsJSON(w, pairs) })
		case "csv":
			err = render.PairsCSV(o.IO.Out, pairs, o.CSVRaw)
		case "md":
			if o.Table {
				stop := startPager(o.Factory)
				err = render.PairsTerminal(styledOut(o.IO), pairs, o.PairA, o.PairB, len(kept), termOptions(o.IO))
				stop()
			} else {
				err = render.PairsMarkdown(o.IO.Out, pairs, o.PairA, o.PairB, len(kept))
			}
		}
	} else {
		var rows []index.Row
		for _, r := range built {
			if r.Papers >= o.MinPapers && o.Filter.TypeOK(r.Type) {
				rows = append(rows, r)
			}
		}
		switch o.Output {
		case "json":
			err = o.JQ.write(o.IO.Out, func(w io.Writer) error { return render.EntitiesJSON(w, rows) })
		case "jsonl":
			err = o.JQ.write(o.IO.Out, func(w io.Writer) error { return render.EntitiesJSONL(w, rows) })
		case "yaml":
			err = render.YAML(o.IO.Out, func(w io.Writer) error { return render.EntitiesJSON(w, rows) })
		case "csv":
			err = render.EntitiesCSV(o.IO.Out, rows, o.CSVRaw)
		case "md":
			if o.Table {
				stop := startPager(o.Factory)
				err = render.EntitiesTerminal(styledOut(o.IO), rows, nkept, termOptions(o.IO))
				stop()
			} else {
				err = render.EntitiesMarkdown(o.IO.Out, rows, nkept)
			}
		}
	}
	return finish(l, outputError(o.IO, err))
}
