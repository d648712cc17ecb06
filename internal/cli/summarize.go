package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vagut/vagut/internal/digest"
	"github.com/vagut/vagut/internal/evidence"
	"github.com/vagut/vagut/internal/input"
	"github.com/vagut/vagut/internal/iostreams"
	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/pipeline"
	"github.com/vagut/vagut/internal/render"
	"github.com/vagut/vagut/internal/summary"
)

// DefaultPath is read when no PATH is given and no .vagut.yaml names any.
const DefaultPath = "seeds"

var outputFormats = []string{"md", "json", "jsonl", "yaml", "csv", "html"}

// SummarizeOptions is everything `vagut summarize` needs, validated.
type SummarizeOptions struct {
	IO       *iostreams.IOStreams
	Factory  *Factory
	Paths    []string
	Output   string
	Filter   digest.Filter
	Sort     string
	Limit    int
	Sections []string
	GroupBy  string
	Evidence bool
	JQ       jqFlag
	// CSVRaw writes CSV cells as they are, formulas included.
	CSVRaw bool
	// Styled renders the Markdown for a terminal: stdout is one, -o was not
	// given and NO_COLOR is not set.
	Styled bool
}

// NewCmdSummarize builds the command; runF replaces the run in tests.
func NewCmdSummarize(f *Factory, runF func(*SummarizeOptions) error) *cobra.Command {
	opts := &SummarizeOptions{IO: f.IOStreams, Factory: f}
	var ff filterFlags
	var sections []string
	var output *outputFlag
	cmd := &cobra.Command{
		Use:   "summarize [PATH...]",
		Short: "Print a filtered digest of paper summaries",
		Long: `Read summaries and print a digest of the papers that pass the filters.

PATH is a file, a folder (searched recursively for *.md, *.markdown and *.txt;
hidden files and folders skipped) or - for standard input. Without PATH, the
paths of .vagut.yaml are read, else ./seeds.

` + filterHelp + `

` + selectionHelp + `

--group-by gene (or any entity type), year or journal organises the digest
under one heading per group, largest first; a paper is under every group it
belongs to, and one with no such entity, date or journal under "no gene",
"no date" or "no journal", last. --evidence, with --entity or --grep, adds
the sentences of each paper that mention the entity (by any of its names or
aliases, as a whole word) or match the pattern.

Output: -o md (default) is a CommonMark digest; --sections picks its parts.
In a terminal the digest is shown styled, wrapped between words (a URL is
never cut; OSC 8 hyperlinks where the terminal shows them, FORCE_HYPERLINK=1
or 0 decides) and paged through $VAGUT_PAGER, else $PAGER, else less -FRX
(--no-pager or VAGUT_PAGER=cat: no pager). Control characters and bidi
overrides from summaries are shown as \x1b and U+202E. Piped, redirected,
with NO_COLOR set or with -o md given, it is plain Markdown.
-o html is the digest as one self-contained web page (no script, no external
asset; raw HTML from summaries is shown escaped). -o json is one document
{"schema_version": 1, "filters", "total", "count", "papers"}; -o jsonl is one
paper per line; -o yaml is the JSON document as YAML; -o csv is one row per
paper; a cell that starts like a spreadsheet formula (= + - @) is written
with a ' in front so that a spreadsheet shows it as text (--csv-raw: as
it is). vagut schema describes the JSON. --jq
filters the JSON with a jq expression. Same inputs, same bytes.

Exit codes: 0 ok, an empty digest too; 1 some files failed (named on stderr,
the rest still printed); 2 usage error, a PATH that does not exist, or a
folder with no summary.`,
		Example: `  # which papers mention I-FABP in pigs since 2020, and what did they find?
  vagut summarize notes/ --entity I-FABP --since 2020 --grep 'pig|porcine'

  # papers of September 2013, those dated 2013-09 (month only) included
  vagut summarize notes/ --since 2013-09-01 --until 2013-09-30

  # the same gene by any of its names or ids
  vagut summarize --entity fabp2 --entity NCBIGene:2169 --entity "NCBI Gene 2169"

  # what do the papers say about I-FABP? the sentences, matches in bold
  vagut summarize notes/ --entity I-FABP --evidence --sections tldr

  # the findings, one heading per gene
  vagut summarize notes/ --group-by gene --sections tldr,findings

  # a README.md in the notes folder is no paper (or exclude: [README.md] in .vagut.yaml)
  vagut summarize notes/ --exclude README.md

  # titles and DOIs of papers whose text mentions ischemia, without jq installed
  vagut summarize --grep 'isch(a)?emi' --jq '.papers[] | [.doi, .title]'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if _, opts.Paths, err = f.inputs(args); err != nil {
				return err
			}
			if err := output.settle(&opts.JQ); err != nil {
				return err
			}
			if err := opts.complete(&ff, sections); err != nil {
				return err
			}
			ios := opts.IO
			opts.Styled = opts.Output == "md" && !cmd.Flags().Changed("output") && ios.StdoutTTY &&
				ios.Getenv("NO_COLOR") == "" && ios.Getenv("TERM") != "dumb"
			if runF != nil {
				return runF(opts)
			}
			return runSummarize(opts)
		},
	}
	fs := cmd.Flags()
	fs.SortFlags = false
	output = outputVar(cmd, &opts.Output, "output", outputFormats, "json", "jsonl")
	ff.register(cmd)
	fs.StringVar(&opts.Sort, "sort", "published", "order: "+strings.Join(digest.SortKeys, ", ")+" (published: newest first)")
	completeFlag(cmd, "sort", fixed(digest.SortKeys...))
	fs.IntVar(&opts.Limit, "limit", 0, "print at most `N` papers (0: all)")
	fs.StringSliceVar(&sections, "sections", nil, "Markdown parts to show, comma-separated: "+
		strings.Join(render.SectionNames, ", ")+" (default "+strings.Join(render.DefaultSections, ",")+")")
	completeFlag(cmd, "sections", commaList(render.SectionNames...))
	fs.StringVar(&opts.GroupBy, "group-by", "", "organise the digest by `KEY`: an entity type (gene, disease, ...), year or journal")
	completeFlag(cmd, "group-by", fixed(append(slices.Clone(knownTypes), "year", "journal")...))
	fs.BoolVar(&opts.Evidence, "evidence", false, "with --entity or --grep: show the sentences that mention them")
	fs.BoolVar(&opts.CSVRaw, "csv-raw", false, "with -o csv: write cells starting with = + - @ as they are (default: prefixed with ' so a spreadsheet shows them as text)")
	opts.JQ.register(fs)
	return cmd
}

// complete validates the flags; every error names its flag.
func (o *SummarizeOptions) complete(ff *filterFlags, sections []string) error {
	if !slices.Contains(digest.SortKeys, o.Sort) {
		return usagef("--sort: unknown key %q (want %s)", o.Sort, strings.Join(digest.SortKeys, ", "))
	}
	if o.Limit < 0 {
		return usagef("--limit: must be 0 or more, not %d", o.Limit)
	}
	f, err := ff.filter()
	if err != nil {
		return err
	}
	o.Filter = f
	if o.Evidence && len(f.Entities) == 0 && f.Grep == nil {
		return usagef("--evidence needs --entity or --grep: evidence of what?")
	}
	if o.GroupBy != "" {
		o.GroupBy = strings.ToLower(strings.TrimSpace(o.GroupBy))
		if o.GroupBy != "year" && o.GroupBy != "journal" {
			o.GroupBy = digest.NormalizeType(o.GroupBy)
		}
		if o.Output != "md" && o.Output != "json" && o.Output != "yaml" && o.Output != "html" {
			return usagef("--group-by works with -o md, html, json or yaml, not %s", o.Output)
		}
	}
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

// selectPapers applies the filters, the order and the limit.
func selectPapers(papers []*summary.Paper, f *digest.Filter, sortKey string, limit int) []*summary.Paper {
	f.Resolve(papers)
	var kept []*summary.Paper
	for _, p := range papers {
		if f.Match(p) {
			kept = append(kept, f.View(p))
		}
	}
	digest.Sort(kept, sortKey)
	if limit > 0 && len(kept) > limit {
		kept = kept[:limit]
	}
	return kept
}

// allKnownTypes reports whether every --type is one of the known types: an
// unknown one is checked against the types of every paper, which are held.
func allKnownTypes(types []string) bool {
	for _, t := range types {
		if !slices.Contains(knownTypes, t) {
			return false
		}
	}
	return true
}

// holdPapers makes summarize hold every paper, as it did before --mem: the
// reference that tests compare the bounded run with.
var holdPapers = false

func runSummarize(o *SummarizeOptions) error {
	l := newLoader(o.Factory)
	if o.Output == "jsonl" && o.Sort == "path" {
		return streamSummarize(o, l)
	}
	if boundedFormat(o) && allKnownTypes(o.Filter.Types) && !holdPapers {
		return sortedSummarize(o, l)
	}
	files, ok := l.list(o.Paths, false)
	if !ok {
		return &exitError{l.code}
	}
	return collectSummarize(o, l, files)
}

// collectSummarize holds every paper, then selects, orders and renders.
func collectSummarize(o *SummarizeOptions, l *loader, files *input.Paths) error {
	collecting()
	papers := loadFiles(l, files)
	if err := checkTypes(papers, "--type", o.Filter.Types...); err != nil {
		return err
	}
	if o.GroupBy != "year" && o.GroupBy != "journal" {
		if err := checkTypes(papers, "--group-by", o.GroupBy); err != nil {
			return err
		}
	}
	kept := selectPapers(papers, &o.Filter, o.Sort, o.Limit)
	d := &render.Digest{Papers: kept, Total: len(papers), Filter: &o.Filter, Sort: o.Sort, Limit: o.Limit,
		Sections: o.Sections, Workers: l.set.jobs}
	if o.Evidence {
		d.Evidence = map[*summary.Paper][]evidence.Sentence{}
		for _, p := range kept {
			d.Evidence[p] = evidence.Find(p, o.Filter.MatchedNames(p), o.Filter.Grep)
		}
	}
	if o.GroupBy != "" {
		d.GroupBy, d.Groups = o.GroupBy, digest.GroupBy(kept, o.GroupBy)
	}
	var err error
	switch o.Output {
	case "json":
		err = o.JQ.write(o.IO.Out, func(w io.Writer) error { return render.JSON(w, d) })
	case "jsonl":
		err = o.JQ.write(o.IO.Out, func(w io.Writer) error { return render.JSONL(w, d) })
	case "yaml":
		err = render.YAML(o.IO.Out, func(w io.Writer) error { return render.JSON(w, d) })
	case "csv":
		err = render.PapersCSV(o.IO.Out, d, o.CSVRaw)
	case "html":
		err = render.HTML(o.IO.Out, d)
	default:
		stop := startPager(o.Factory)
		if o.Styled {
			err = render.Terminal(styledOut(o.IO), d, termOptions(o.IO))
		} else {
			err = render.Markdown(o.IO.Out, d)
		}
		stop()
	}
	return finish(l, outputError(o.IO, err))
}

// streamSummarize writes each paper as soon as it and every one before it
// are parsed, in path order, so memory does not hold the papers. It selects
// exactly what the collecting run selects: with --entity a first pass over
// the files keeps only the ids and names that --entity resolves to across
// the corpus (no paper is held), and duplicates are left out as they come,
// the first file by path being the one kept either way.
// listToStream lists the files in path order and, with --entity, learns in a
// first pass what it resolves to across the corpus. done is true when the run
// is over already (no input, or standard input, which cannot be read twice:
// the papers were held instead), err being its result.
func listToStream(o *SummarizeOptions, l *loader) (files *input.Paths, done bool, err error) {
	files, ok := l.list(o.Paths, true)
	if !ok {
		return nil, true, &exitError{l.code}
	}
	if len(o.Filter.Entities) > 0 {
		if files.Contains(input.Stdin) {
			return nil, true, collectSummarize(o, l, files)
		}
		learnPass(l, files, &o.Filter, o.Evidence)
	}
	return files, false, nil
}

func streamSummarize(o *SummarizeOptions, l *loader) error {
	files, done, err := listToStream(o, l)
	if done {
		return err
	}
	defer l.bounded(files.Len())()
	l.reuseSrc = true // parseWork keeps the paper, not the bytes
	d := &render.Digest{Filter: &o.Filter}
	if o.Evidence {
		d.Evidence = map[*summary.Paper][]evidence.Sentence{}
	}
	written := 0
	var werr error
	var dedup digest.Dedup
	dedup.Reserve(files.Len())
	eachFile(l, files, parseWork, func(path string, r parsed) bool {
		if !l.take(path, r.paper, r.err, &dedup) {
			return true
		}
		if !o.Filter.Match(r.paper) {
			return true
		}
		p := o.Filter.View(r.paper)
		d.Papers = []*summary.Paper{p}
		if o.Evidence {
			clear(d.Evidence)
			d.Evidence[p] = evidence.Find(p, o.Filter.MatchedNames(p), o.Filter.Grep)
		}
		if werr = o.JQ.write(o.IO.Out, func(w io.Writer) error { return render.JSONL(w, d) }); werr != nil {
			return false
		}
		written++
		return o.Limit == 0 || written < o.Limit
	})
	return finish(l, outputError(o.IO, werr))
}

// learnPass is the streaming run's first pass: it parses every file and
// keeps only what --entity resolves to, leaving out duplicates as the second
// pass will. It says nothing: the second pass names every failure.
func learnPass(l *loader, files *input.Paths, f *digest.Filter, names bool) {
	var dedup digest.Dedup
	pipeline.Ordered(l.set.jobs, files.Len(), func(i int) *summary.Paper {
		path := files.At(i)
		src, err := l.read(path)
		if err != nil {
			return nil
		}
		p, err := parse.Parse(path, src)
		if err != nil {
			return nil
		}
		return p
	}, func(_ int, p *summary.Paper) bool {
		if p == nil || dedup.Add(p) != nil {
			return true
		}
		if names {
			f.Learn(p)
		} else {
			f.LearnIDs(p)
		}
		return true
	})
}

// parsed is the work of the pipeline for the commands that read papers.
type parsed struct {
	paper *summary.Paper
	err   error
}

func parseWork(path string, src []byte) parsed {
	p, err := parse.Parse(path, src)
	return parsed{p, err}
}

// warnBytes says when a paper's text was repaired: bad bytes are shown as
// U+FFFD, and the reader should know their names may be wrong; a date that is
// no date (2013-02-30) is left out of the record, and is named. It also names
// each heading that looks like a known section but is not read as one: the
// digest would lack that section without a word. All are warnings (--quiet).
func warnBytes(l *loader, p *summary.Paper) {
	if l.set.quiet {
		return
	}
	for _, pr := range p.Problems {
		switch {
		case pr.Code == summary.ProblemInvalidUTF8 || pr.Code == summary.ProblemBadDateFormat:
			l.errorf("%s:%d: warning: %s", p.Path, pr.Line, pr.Msg)
		case pr.Code == summary.ProblemUnknownSection:
			l.errorf("%s:%d: %s", p.Path, pr.Line, pr.Msg)
		}
	}
}

// take counts one parsed file of a run in path order: a file that failed is
// named, a paper's repairs are named (warnBytes), and a paper that repeats one
// before it is named and left out. It reports whether p is a new paper.
func (l *loader) take(path string, p *summary.Paper, err error, dedup *digest.Dedup) bool {
	if err != nil {
		l.fail("%s:%v", path, err)
		return false
	}
	l.papers++
	warnBytes(l, p)
	if dup := dedup.Add(p); dup != nil {
		l.duplicate(p, dup)
		return false
	}
	return true
}

// loadPapers reads and parses every input concurrently, reporting each
// failure on stderr; ok is false when no input could be listed at all.
// Each paper comes once: see distinct.
func loadPapers(l *loader, paths []string, sorted bool) (papers []*summary.Paper, ok bool) {
	files, ok := l.list(paths, sorted)
	if !ok {
		return []*summary.Paper{}, false
	}
	return loadFiles(l, files), true
}

// loadFiles is loadPapers on files already listed.
func loadFiles(l *loader, files *input.Paths) []*summary.Paper {
	papers := []*summary.Paper{}
	eachFile(l, files, parseWork, func(path string, r parsed) bool {
		if r.err != nil {
			l.fail("%s:%v", path, r.err)
			return true
		}
		l.papers++
		warnBytes(l, r.paper)
		papers = append(papers, r.paper)
		return true
	})
	return distinct(l, papers)
}

// distinct leaves out the files that repeat a paper (same DOI or Source id)
// of a file before them by path, naming each; the rest keep their order.
// Every command and output goes through it, or through the same Dedup in
// path order when streaming, so all select the same papers.
func distinct(l *loader, papers []*summary.Paper) []*summary.Paper {
	byPath := slices.Clone(papers)
	slices.SortStableFunc(byPath, func(a, b *summary.Paper) int { return strings.Compare(a.Path, b.Path) })
	var dedup digest.Dedup
	left := map[*summary.Paper]bool{}
	for _, p := range byPath {
		if dup := dedup.Add(p); dup != nil {
			l.duplicate(p, dup)
			left[p] = true
		}
	}
	if len(left) == 0 {
		return papers
	}
	kept := make([]*summary.Paper, 0, len(papers)-len(left))
	for _, p := range papers {
		if !left[p] {
			kept = append(kept, p)
		}
	}
	return kept
}

// duplicate names a file left out as the same paper as another. It is a
// warning: the output is right (the paper is in it once), so the exit code
// stays 0; vagut validate reports the pair as an error (VG040, VG041).
func (l *loader) duplicate(p *summary.Paper, dup *digest.Duplicate) {
	l.duplicates++
	l.warnf("%s:%d: warning: duplicate of %s (%s), left out", p.Path, max(dup.Line, 1), dup.Of, dup.Reason)
}

// finish ends a command: the closing count, then the exit code of the
// inputs' failures unless the run itself failed.
func finish(l *loader, err error) error {
	l.summary()
	if err != nil {
		return err
	}
	if l.code != exitOK {
		return &exitError{l.code}
	}
	return nil
}

// outputError reports a failure to write: a jq expression that failed on the
// data is the user's error, anything else the tool's. Both exit 2. A reader
// that went away (| head) ends the run quietly.
func outputError(ios *iostreams.IOStreams, err error) error {
	if err == nil || brokenPipe(err) {
		return nil
	}
	var je *jqError
	if errors.As(err, &je) {
		return je
	}
	printMessage(ios.ErrOut, fmt.Sprintf("writing output: %v", err))
	return &exitError{exitUsage}
}
