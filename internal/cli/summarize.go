package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vagut/vagut/internal/digest"
	"github.com/vagut/vagut/internal/iostreams"
	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/render"
	"github.com/vagut/vagut/internal/summary"
)

// DefaultPath is read when no PATH is given.
const DefaultPath = "seeds"

var outputFormats = []string{"md", "json", "jsonl"}

// SummarizeOptions is everything `vagut summarize` needs, validated.
type SummarizeOptions struct {
	IO       *iostreams.IOStreams
	Paths    []string
	Output   string
	Filter   digest.Filter
	Sort     string
	Limit    int
	Sections []string
}

// NewCmdSummarize builds the command; runF replaces the run in tests.
func NewCmdSummarize(f *Factory, runF func(*SummarizeOptions) error) *cobra.Command {
	opts := &SummarizeOptions{IO: f.IOStreams}
	var fl struct {
		entities, types, authors, journals, sections []string
		grep, since, until                           string
	}
	cmd := &cobra.Command{
		Use:   "summarize [PATH...]",
		Short: "Print a filtered digest of paper summaries",
		Long: `Read summaries and print a digest of the papers that pass the filters.

PATH is a file, a folder (searched recursively for *.md, *.markdown and *.txt;
hidden files and folders skipped) or - for standard input. Without PATH, the
paths of .vagut.yaml are read, else ./seeds.

Filters combine with AND across flags and OR within a repeated flag.
--entity matches an entity's name, alias or id (written form or CURIE),
case-insensitively, in the linked and full-text entities. --type limits which
entities --entity matches and which the digest shows. --grep is a
case-insensitive RE2 expression over title, TL;DR, contribution, key findings
and abstract. --since and --until take YYYY, YYYY-MM or YYYY-MM-DD, inclusive;
papers without a date are left out when either is given.

Output: -o md (default) is a CommonMark digest; --sections picks its parts.
-o json is one document {"schema_version": 1, "filters", "total", "count",
"papers"}; -o jsonl is one paper per line. Same inputs, same bytes.

Exit codes: 0 ok, an empty digest too; 1 some files failed (named on stderr,
the rest still printed); 2 usage error, a PATH that does not exist, or a
folder with no summary.`,
		Example: `  # which papers mention I-FABP in pigs since 2020, and what did they find?
  vagut summarize notes/ --entity I-FABP --entity "Sus scrofa" --since 2020

  # the same gene by any of its names or ids
  vagut summarize --entity fabp2 --entity NCBIGene:2169 --entity "NCBI Gene 2169"

  # genes only, TL;DR and findings, five newest papers
  vagut summarize --type gene --sections tldr,findings --limit 5

  # titles and DOIs of papers whose text mentions ischemia, for scripts
  vagut summarize --grep 'isch(a)?emi' -o json | jq -r '.papers[] | [.doi, .title] | @tsv'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			opts.Paths = defaultPaths(args, cfg)
			if err := opts.complete(fl.entities, fl.types, fl.authors, fl.journals, fl.sections, fl.grep, fl.since, fl.until); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runSummarize(opts)
		},
	}
	flags := cmd.Flags()
	flags.SortFlags = false
	flags.StringVarP(&opts.Output, "output", "o", "md", "output format: "+strings.Join(outputFormats, ", "))
	flags.StringArrayVar(&fl.entities, "entity", nil, "keep papers mentioning this entity: name, alias or id (repeatable)")
	flags.StringArrayVar(&fl.types, "type", nil, "entity type to match and show: gene, disease, chemical, species, ... (repeatable)")
	flags.StringVar(&fl.grep, "grep", "", "keep papers whose text matches this RE2 expression (case-insensitive)")
	flags.StringArrayVar(&fl.authors, "author", nil, "keep papers with an author containing this text (repeatable)")
	flags.StringArrayVar(&fl.journals, "journal", nil, "keep papers whose journal contains this text (repeatable)")
	flags.StringVar(&fl.since, "since", "", "keep papers published on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)")
	flags.StringVar(&fl.until, "until", "", "keep papers published on or before `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)")
	flags.StringVar(&opts.Sort, "sort", "published", "order: "+strings.Join(digest.SortKeys, ", ")+" (published: newest first)")
	flags.IntVar(&opts.Limit, "limit", 0, "print at most `N` papers (0: all)")
	flags.StringSliceVar(&fl.sections, "sections", nil, "Markdown parts to show, comma-separated: "+
		strings.Join(render.SectionNames, ", ")+" (default "+strings.Join(render.DefaultSections, ",")+")")
	return cmd
}

// complete validates the flags and builds the filter; every error names its flag.
func (o *SummarizeOptions) complete(entities, types, authors, journals, sections []string, grep, since, until string) error {
	if !slices.Contains(outputFormats, o.Output) {
		return usagef("--output: unknown format %q (want %s)", o.Output, strings.Join(outputFormats, ", "))
	}
	if !slices.Contains(digest.SortKeys, o.Sort) {
		return usagef("--sort: unknown key %q (want %s)", o.Sort, strings.Join(digest.SortKeys, ", "))
	}
	if o.Limit < 0 {
		return usagef("--limit: must be 0 or more, not %d", o.Limit)
	}
	for _, e := range entities {
		if strings.TrimSpace(e) == "" {
			return usagef("--entity: empty value")
		}
	}
	f := digest.Filter{Entities: entities, Authors: authors, Journals: journals, GrepExpr: grep, SinceArg: since, UntilArg: until}
	for _, t := range types {
		if strings.TrimSpace(t) == "" {
			return usagef("--type: empty value")
		}
		f.Types = append(f.Types, digest.NormalizeType(t))
	}
	if grep != "" {
		re, err := digest.CompileGrep(grep)
		if err != nil {
			return usagef("--grep: %v", err)
		}
		f.Grep = re
	}
	var err error
	if since != "" {
		if f.Since, err = digest.DateBound(since, false); err != nil {
			return usagef("--since: %v", err)
		}
	}
	if until != "" {
		if f.Until, err = digest.DateBound(until, true); err != nil {
			return usagef("--until: %v", err)
		}
	}
	if f.Since != "" && f.Until != "" && f.Since > f.Until {
		return usagef("--since %s is after --until %s", since, until)
	}
	o.Filter = f
	o.Sections = render.DefaultSections
	if len(sections) > 0 {
		o.Sections = nil
		for _, s := range sections {
			s = strings.ToLower(strings.TrimSpace(s))
			if !slices.Contains(render.SectionNames, s) {
				return usagef("--sections: unknown section %q (want %s)", s, strings.Join(render.SectionNames, ", "))
			}
			o.Sections = append(o.Sections, s)
		}
	}
	return nil
}

func runSummarize(o *SummarizeOptions) error {
	papers, code := load(o.IO, o.Paths)
	if papers == nil && code != exitOK {
		return &exitError{code}
	}
	var kept []*summary.Paper
	for _, p := range papers {
		if o.Filter.Match(p) {
			kept = append(kept, o.Filter.View(p))
		}
	}
	digest.Sort(kept, o.Sort)
	if o.Limit > 0 && len(kept) > o.Limit {
		kept = kept[:o.Limit]
	}
	d := &render.Digest{Papers: kept, Total: len(papers), Filter: &o.Filter, Sort: o.Sort, Limit: o.Limit, Sections: o.Sections}
	var err error
	switch o.Output {
	case "json":
		err = render.JSON(o.IO.Out, d)
	case "jsonl":
		err = render.JSONL(o.IO.Out, d)
	default:
		err = render.Markdown(o.IO.Out, d)
	}
	if err != nil {
		fmt.Fprintf(o.IO.ErrOut, "vagut: writing output: %v\n", err)
		return &exitError{exitUsage}
	}
	if code != exitOK {
		return &exitError{code}
	}
	return nil
}

// load reads and parses every input, reporting each failure on stderr; it
// returns the papers that parsed and the exit code the failures call for.
// papers is nil only when no input could be listed at all.
func load(ios *iostreams.IOStreams, paths []string) ([]*summary.Paper, int) {
	srcs, code := readInputs(ios, paths)
	if srcs == nil {
		return nil, code
	}
	papers := []*summary.Paper{}
	for _, s := range srcs {
		p, err := parse.Parse(s.path, s.src)
		if err != nil {
			fmt.Fprintf(ios.ErrOut, "vagut: %s:%v\n", s.path, err)
			code = max(code, exitFindings)
			continue
		}
		papers = append(papers, p)
	}
	return papers, code
}
