package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vagut/vagut/internal/draft"
	"github.com/vagut/vagut/internal/iostreams"
	"github.com/vagut/vagut/internal/pubtator"
	"github.com/vagut/vagut/internal/refs"
)

// NewOptions is everything `vagut new` needs.
type NewOptions struct {
	IO       *iostreams.IOStreams
	Factory  *Factory
	Record   draft.Record // from the flags
	From     string
	IDs      []string
	OutDir   string
	Entities string
}

// maxRecordFile bounds --from and --entities: a bibliography of ten
// thousand entries or a PMC article's annotations are a few megabytes.
const maxRecordFile = 64 << 20

// NewCmdNew builds the command; runF replaces the run in tests.
func NewCmdNew(f *Factory, runF func(*NewOptions) error) *cobra.Command {
	opts := &NewOptions{IO: f.IOStreams, Factory: f}
	cmd := &cobra.Command{
		Use:   "new [flags]",
		Short: "Write a new summary from flags or a citation record, with entity lists from PubTator",
		Long: `Write one new summary in canonical form (what vagut fmt prints): title,
authors and metadata filled in, every section present, and the sections
still to be written holding a "TODO: ..." placeholder, which vagut validate
flags (VG014) until it is replaced.

The paper comes from flags (--title, --author, --doi, --journal, --date,
--source, --url) or from a citation record: --from FILE reads BibTeX (.bib),
CSL-JSON (.json, as Zotero and vagut cite -o csljson write it) or RIS
(.ris), one summary per entry; --id KEY picks entries by citation key
(repeatable). An abstract in the record fills the Abstract section.

--entities FILE fills the entity lists from NCBI PubTator annotations, in
PubTator's tab-separated format or BioC-JSON: title and abstract mentions
give "Linked entities", the rest of the article "Full-text entities". One
entity per id: genes as SYMBOL [NCBI Gene N], species as Name [taxon N],
diseases and chemicals with their MeSH ids, cell lines with Cellosaurus ids,
variants with their dbSNP or HGVS ids; the most frequent mention is the name
(ties: the first seen), the others are aliases. A mention without an id is
kept with (-), a type vagut does not know under its own category. Commas
and brackets in a mention, which the entity syntax reserves, are written in
their full-width forms (Ca（2+）).

The Source line is the record's URL (--url), else the PMC article, else the
DOI link; without any of them there is none, and validate says so (VG006).

Files go to -o DIR (created if missing; default: the first paths: folder of
.vagut.yaml, else the current folder), named by the paper's PMC id, else its
DOI (10.1007/s10047-025-01543-6 → 10.1007_s10047-025-01543-6.md), else the
citation key, else the title's first words: a plain name that cannot leave
DIR. vagut new never overwrites a file: a name taken is an error naming it,
the other entries are still written. Each path written is printed on stdout.

A record is untrusted text: line breaks and control characters become
spaces, field separators in a field become "/", Markdown that would start a
heading, list or Source line is escaped, and a field that would still not
read back the same is an error for that entry, never a silent change.

Exit codes: 0 every summary written; 1 some entry not written (a file
exists, a record has no title, ...) or --entities could not be read;
2 usage error.`,
		Example: `  # from flags
  vagut new --title "Gut injury on VA-ECMO" --author "Ana Silva" --author "Ben Ode" \
    --doi 10.1000/abc.123 --journal "Critical Care" --date 2023-05-14 --source PMC -o notes/

  # every entry of a BibTeX file, then check what is left to write
  vagut new --from refs.bib -o notes/
  vagut validate notes/

  # one entry of a Zotero CSL-JSON export, with PubTator's annotations
  vagut new --from refs.json --id omar2026heartgut --entities PMC12769693.biocjson -o notes/

  # in CI: refuse summaries that still hold placeholders
  vagut validate --strict notes/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			metaFlags := []string{"title", "author", "doi", "journal", "date", "source", "url"}
			if opts.From != "" {
				for _, name := range metaFlags {
					if cmd.Flags().Changed(name) {
						return usagef("--%s cannot be used with --from: the record gives the metadata", name)
					}
				}
			} else {
				if len(opts.IDs) > 0 {
					return usagef("--id picks entries of --from FILE; give --from")
				}
				if strings.TrimSpace(opts.Record.Title) == "" {
					return usagef("give --title (and --author, --doi, ...) or --from FILE")
				}
			}
			if cmd.Flags().Changed("output") && opts.OutDir == "" {
				return usagef("-o: give a folder")
			}
			if !cmd.Flags().Changed("output") {
				cfg, err := f.Config()
				if err != nil {
					return err
				}
				opts.OutDir = "."
				for _, p := range cfg.Paths {
					if p != "-" && !strings.ContainsAny(p, "*?[") {
						opts.OutDir = p
						break
					}
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return runNew(opts)
		},
	}
	fs := cmd.Flags()
	fs.SortFlags = false
	fs.StringVar(&opts.Record.Title, "title", "", "the paper's `TITLE`")
	fs.StringArrayVar(&opts.Record.Authors, "author", nil, "an `AUTHOR` (repeat for each, in order)")
	fs.StringVar(&opts.Record.DOI, "doi", "", "the paper's `DOI`")
	fs.StringVar(&opts.Record.Journal, "journal", "", "the `JOURNAL`")
	fs.StringVar(&opts.Record.Date, "date", "", "the publication `DATE` (YYYY-MM-DD, YYYY-MM, YYYY, 24 May 2018, ...)")
	fs.StringVar(&opts.Record.Source, "source", "", "the `REPOSITORY` the paper comes from (PMC, PubMed, arXiv, ...)")
	fs.StringVar(&opts.Record.URL, "url", "", "the summary's Source `URL` (default: the PMC article, else the DOI link)")
	fs.StringVar(&opts.From, "from", "", "read the papers from a citation record `FILE` (.bib, .json CSL-JSON, .ris)")
	fs.StringArrayVar(&opts.IDs, "id", nil, "only the entry with citation `KEY` (repeatable)")
	fs.StringVar(&opts.Entities, "entities", "", "fill the entity lists from PubTator annotations `FILE` (PubTator or BioC-JSON)")
	fs.StringVarP(&opts.OutDir, "output", "o", "", "write into `DIR` (default: the first paths: folder of .vagut.yaml, else .)")
	completeFlag(cmd, "source", fixed("PMC", "PubMed", "arXiv", "bioRxiv", "medRxiv"))
	completeFlag(cmd, "from", fileExt("bib", "bibtex", "json", "ris"))
	completeFlag(cmd, "id", recordKeys)
	completeFlag(cmd, "entities", fileExt("pubtator", "txt", "tsv", "json", "biocjson"))
	completeFlag(cmd, "output", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	})
	return cmd
}

func fileExt(exts ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return exts, cobra.ShellCompDirectiveFilterFileExt
	}
}

// recordKeys offers the citation keys of the --from file already typed.
func recordKeys(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	from, _ := cmd.Flags().GetString("from")
	if from == "" || from == "-" {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	src, err := os.ReadFile(from)
	if err != nil || len(src) > maxRecordFile {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	res, err := refs.Read(refs.Detect(from, src), src)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var keys []string
	for _, e := range res.Entries {
		if e.Record.Key != "" {
			keys = append(keys, e.Record.Key)
		}
	}
	return keys, cobra.ShellCompDirectiveNoFileComp
}

// newEntry is one summary to write and where its record came from.
type newEntry struct {
	record draft.Record
	where  string // "refs.bib:12: entry omar2026" or "" for flags
}

func runNew(o *NewOptions) error {
	ios := o.IO
	code := exitOK
	fail := func(format string, args ...any) {
		printMessage(ios.ErrOut, fmt.Sprintf(format, args...))
		code = exitFindings
	}
	var entries []newEntry
	if o.From != "" {
		var err error
		if entries, err = readRecords(o); err != nil {
			return err
		}
	} else {
		entries = []newEntry{{record: o.Record}}
	}
	var lists *pubtator.Lists
	if o.Entities != "" {
		if len(entries) > 1 {
			return usagef("--entities holds the annotations of one paper, and %s has %d entries: pick one with --id", o.From, len(entries))
		}
		l, err := readEntities(o)
		if err != nil {
			printMessage(ios.ErrOut, err.Error())
			return &exitError{exitFindings}
		}
		lists = &l
	}
	if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
		printMessage(ios.ErrOut, fmt.Sprintf("%s: %v", o.OutDir, unwrapPath(err)))
		return &exitError{exitFindings}
	}
	var outErr error
	for _, e := range entries {
		prefix := ""
		if e.where != "" {
			prefix = e.where + ": "
		}
		out, notes, err := draft.Build(e.record, lists)
		for _, n := range notes {
			o.warn(prefix + string(n))
		}
		if err != nil {
			fail("%snot written: %v", prefix, err)
			continue
		}
		path := filepath.Join(o.OutDir, draft.FileName(e.record))
		if err := writeNew(path, out); err != nil {
			if errors.Is(err, fs.ErrExist) {
				fail("%s: exists; vagut new never overwrites a file (%snot written)", path, prefix)
			} else {
				fail("%s: %v", path, unwrapPath(err))
			}
			continue
		}
		// The files are the output; the list of paths only tells of them.
		// A reader that went away (| head) does not stop the writing.
		if outErr == nil {
			if _, err := fmt.Fprintln(ios.Out, path); err != nil {
				outErr = err
			}
		}
	}
	if err := outputError(ios, outErr); err != nil {
		return err
	}
	if code != exitOK {
		return &exitError{code}
	}
	return nil
}

// writeNew creates path, failing if anything (a file, a link) is there:
// O_EXCL, so that no race and no symbolic link can make it overwrite.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

func readInput(ios *iostreams.IOStreams, path string) ([]byte, error) {
	var r io.Reader
	if path == "-" {
		r = ios.In
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, unwrapPath(err))
		}
		defer f.Close()
		r = f
	}
	src, err := io.ReadAll(io.LimitReader(r, maxRecordFile+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	if len(src) > maxRecordFile {
		return nil, fmt.Errorf("%s: larger than %d MB", path, maxRecordFile>>20)
	}
	return src, nil
}

func readRecords(o *NewOptions) ([]newEntry, error) {
	src, err := readInput(o.IO, o.From)
	if err != nil {
		printMessage(o.IO.ErrOut, err.Error())
		return nil, &exitError{exitFindings}
	}
	format := refs.Detect(o.From, src)
	if format == "" {
		return nil, usagef("%s: not BibTeX, CSL-JSON or RIS (name it .bib, .json or .ris)", o.From)
	}
	res, err := refs.Read(format, src)
	if err != nil {
		printMessage(o.IO.ErrOut, fmt.Sprintf("%s:%v", o.From, err))
		return nil, &exitError{exitFindings}
	}
	if len(res.Unused) > 0 {
		o.warn(fmt.Sprintf("%s: not used (a summary has no place for them): %s", o.From, strings.Join(res.Unused, ", ")))
	}
	want := map[string]bool{}
	for _, id := range o.IDs {
		for _, k := range strings.Split(id, ",") {
			if k = strings.TrimSpace(k); k != "" {
				want[k] = true
			}
		}
	}
	found := map[string]bool{}
	var out []newEntry
	for _, e := range res.Entries {
		if len(want) > 0 && !want[e.Record.Key] {
			continue
		}
		found[e.Record.Key] = true
		where := o.From
		if e.Line > 0 {
			where += ":" + strconv.Itoa(e.Line)
		}
		if e.Record.Key != "" {
			where += ": entry " + strconv.Quote(e.Record.Key)
		} else {
			where += ": entry " + strconv.Itoa(e.Index)
		}
		out = append(out, newEntry{record: e.Record, where: where})
	}
	var missing []string
	for _, id := range o.IDs {
		for _, k := range strings.Split(id, ",") {
			if k = strings.TrimSpace(k); k != "" && !found[k] {
				missing = append(missing, strconv.Quote(k))
			}
		}
	}
	if len(missing) > 0 {
		printMessage(o.IO.ErrOut, fmt.Sprintf("%s: no entry with key %s", o.From, strings.Join(missing, ", ")))
		return nil, &exitError{exitFindings}
	}
	if len(out) == 0 {
		printMessage(o.IO.ErrOut, fmt.Sprintf("%s: no entries", o.From))
		return nil, &exitError{exitFindings}
	}
	return out, nil
}

func readEntities(o *NewOptions) (pubtator.Lists, error) {
	src, err := readInput(o.IO, o.Entities)
	if err != nil {
		return pubtator.Lists{}, err
	}
	docs, err := pubtator.Read(strings.NewReader(string(src)))
	if err != nil {
		return pubtator.Lists{}, fmt.Errorf("%s:%v", o.Entities, err)
	}
	if len(docs) != 1 {
		var ids []string
		for _, d := range docs {
			ids = append(ids, d.ID)
		}
		return pubtator.Lists{}, fmt.Errorf("%s: %d documents (%s): --entities takes the annotations of one paper", o.Entities, len(docs), strings.Join(ids, ", "))
	}
	lists, notes := pubtator.Fold(docs[0])
	for _, n := range append(docs[0].Notes, notes...) {
		where := n.Where
		if l, ok := strings.CutPrefix(where, "line "); ok {
			where = l
		}
		o.warn(fmt.Sprintf("%s:%s: %s", o.Entities, where, n.Msg))
	}
	return lists, nil
}

// warn prints a note on what was left out or changed while the summary is
// still written: a warning, hidden by --quiet as every warning is.
func (o *NewOptions) warn(msg string) {
	if o.Factory == nil || o.Factory.Run == nil || !o.Factory.Run.quiet {
		printMessage(o.IO.ErrOut, msg)
	}
}
