package cli

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/vagut/vagut/internal/cite"
	"github.com/vagut/vagut/internal/digest"
	"github.com/vagut/vagut/internal/evidence"
	"github.com/vagut/vagut/internal/index"
	"github.com/vagut/vagut/internal/input"
	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/render"
	"github.com/vagut/vagut/internal/spill"
	"github.com/vagut/vagut/internal/summary"
)

// DefaultMem is --mem's default: what 100,000 summaries, or a million,
// may take at most in any order (the targets are 64 MB and 256 MB).
const DefaultMem = 64 << 20

// boundedFormat reports whether summarize can write o's output without
// holding the papers: every order, in JSON, JSON Lines, CSV and plain
// Markdown, YAML. Groups, the terminal's styled digest and HTML still hold
// them.
func boundedFormat(o *SummarizeOptions) bool {
	switch o.Output {
	case "json", "jsonl", "csv", "md", "yaml":
	default:
		return false
	}
	return o.GroupBy == "" && !o.Styled
}

// encoded is a paper parsed, selected and encoded by a worker.
type encoded struct {
	paper *summary.Paper // for the loader's counts and warnings, then dropped
	err   error
	match bool
	key   spill.Key
	val   []byte
}

var errEnough = errors.New("enough papers")

// sortedSummarize selects and orders the papers as runSummarize does, but
// holds only a bounded buffer of encoded papers: each is encoded as soon as
// it is parsed, in the output's own format, and past --mem/8 of them the
// buffer is sorted and written to a temporary file; at the end the files
// are merged in order. The bytes are those of the run that holds every paper.
func sortedSummarize(o *SummarizeOptions, l *loader) error {
	d := &render.Digest{Filter: &o.Filter, Sort: o.Sort, Limit: o.Limit, Sections: o.Sections}
	show := d.MarkdownShow()
	encode := func(p *summary.Paper) []byte {
		dd := d
		if o.Evidence {
			one := *d
			one.Evidence = map[*summary.Paper][]evidence.Sentence{p: evidence.Find(p, o.Filter.MatchedNames(p), o.Filter.Grep)}
			dd = &one
		}
		switch o.Output {
		case "json":
			return dd.AppendPaper(nil, p, render.JSONPrefix)
		case "jsonl":
			return append(dd.AppendPaper(nil, p, ""), '\n')
		case "csv":
			return render.PaperCSVRow(p, o.CSVRaw)
		case "yaml":
			b, err := render.YAMLItem(dd.AppendPaper(nil, p, ""))
			if err != nil {
				return append([]byte{0}, err.Error()...) // no item starts with a NUL
			}
			return b
		}
		h, body := dd.MarkdownPaper(p, show)
		b := binary.AppendUvarint(nil, uint64(len(h)))
		b = append(b, h...)
		b = binary.AppendUvarint(b, uint64(len(p.ID)))
		b = append(b, p.ID...)
		return append(b, body...)
	}
	files, done, err := listToStream(o, l)
	if done {
		return err
	}
	defer l.bounded(files.Len())()
	l.reuseSrc = true // the work keeps the paper and its encoding, not the bytes
	sorter := spill.New(l.spillBudget, func(a, b spill.Key) int {
		if c := digest.CompareOrder(o.Sort, a.A, b.A); c != 0 {
			return c
		}
		return strings.Compare(a.B, b.B)
	})
	defer sorter.Close()
	total, kept := 0, 0
	var serr error
	var dedup digest.Dedup
	dedup.Reserve(files.Len())
	eachFile(l, files, func(path string, src []byte) encoded {
		p, err := parse.Parse(path, src)
		if err != nil {
			return encoded{err: err}
		}
		r := encoded{paper: p}
		if o.Filter.Match(p) {
			v := o.Filter.View(p)
			r.match, r.key, r.val = true, spill.Key{A: digest.OrderKey(v, o.Sort), B: v.Path}, encode(v)
		}
		return r
	}, func(path string, r encoded) bool {
		// Files in path order: the first by path is the one kept, as when
		// the papers are held.
		if !l.take(path, r.paper, r.err, &dedup) {
			return true
		}
		total++
		if !r.match {
			return true
		}
		kept++
		serr = sorter.Add(r.key, r.val)
		return serr == nil
	})
	if serr != nil {
		printMessage(o.IO.ErrOut, serr.Error())
		return &exitError{exitUsage}
	}
	d.Total = total
	shown := kept
	if o.Limit > 0 && shown > o.Limit {
		shown = o.Limit
	}
	write := func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		var headings render.Headings
		switch o.Output {
		case "json":
			if err := d.JSONHead(bw, shown); err != nil {
				return err
			}
		case "csv":
			bw.Write(render.PapersCSVHeader(o.CSVRaw))
		case "yaml":
			if err := d.YAMLHead(bw, shown); err != nil {
				return err
			}
		case "md":
			bw.WriteString(render.OwnLinks(d.MarkdownHead(shown)))
		}
		i := 0
		err := sorter.Each(func(val []byte) error {
			if i == shown {
				return errEnough
			}
			if o.Output == "json" && i > 0 {
				bw.WriteString(render.JSONSep)
			}
			if o.Output == "yaml" && len(val) > 0 && val[0] == 0 {
				return errors.New(string(val[1:]))
			}
			if o.Output == "md" {
				h, n := binary.Uvarint(val)
				val = val[n:]
				heading := string(val[:h])
				val = val[h:]
				idLen, n := binary.Uvarint(val)
				val = val[n:]
				id := string(val[:idLen])
				bw.WriteString(render.OwnLinks(headings.Part(heading, id, string(val[idLen:]))))
			} else {
				bw.Write(val)
			}
			i++
			return nil
		})
		if err != nil && err != errEnough {
			return fmt.Errorf("merging the papers: %w", err)
		}
		if o.Output == "json" {
			if err := d.JSONTail(bw, shown); err != nil {
				return err
			}
		}
		return bw.Flush()
	}
	switch o.Output {
	case "json", "jsonl":
		err = o.JQ.write(o.IO.Out, write)
	case "md":
		stop := startPager(o.Factory)
		err = write(o.IO.Out)
		stop()
	default:
		err = write(o.IO.Out)
	}
	return finish(l, outputError(o.IO, err))
}

// indexPapers selects the papers as selectPapers does and indexes their
// entities as they stream by, holding rows, not papers (with --entity after
// a first pass that learns what it resolves to). It returns the rows and
// how many papers were kept; ok is false when no file was listed.
func indexPapers(l *loader, paths []string, f *digest.Filter) (rows []index.Row, kept int, ok bool) {
	files, ok := l.list(paths, true)
	if !ok {
		return nil, 0, false
	}
	if len(f.Entities) > 0 {
		if files.Contains(input.Stdin) {
			// Standard input cannot be read twice: hold the papers instead.
			collecting()
			papers := selectPapers(loadFiles(l, files), f, "path", 0)
			return index.Build(papers), len(papers), true
		}
		learnPass(l, files, f, false)
	}
	// No memory limit: the rows are what is asked for, and a corpus can
	// name more entities than --mem holds.
	var x index.Indexer
	var dedup digest.Dedup
	eachFile(l, files, parseWork, func(path string, r parsed) bool {
		if !l.take(path, r.paper, r.err, &dedup) {
			return true
		}
		if f.Match(r.paper) {
			x.Add(f.View(r.paper))
			kept++
		}
		return true
	})
	return x.Rows(), kept, true
}

// boundedCite writes what runCite writes without holding the papers: each
// is encoded (its key aside) as it is parsed and sorted by base key, in a
// sorter that spills past the memory budget; in that order each gets its
// key, and a second sort orders the entries by key. What is held is 16
// bytes a base key. With --entity, standard input is held instead.
func boundedCite(o *CiteOptions, l *loader) error {
	files, ok := l.list(o.Paths, true)
	if !ok {
		return &exitError{l.code}
	}
	if len(o.Filter.Entities) > 0 {
		if files.Contains(input.Stdin) {
			collecting()
			papers := loadFiles(l, files)
			entries := cite.Entries(selectPapers(papers, &o.Filter, "path", 0))
			err := o.JQ.write(o.IO.Out, func(w io.Writer) error { return cite.Write(w, o.Output, entries) })
			return finish(l, outputError(o.IO, err))
		}
		learnPass(l, files, &o.Filter, false)
	}
	defer l.bounded(files.Len())()
	byBase := spill.New(l.spillBudget, func(a, b spill.Key) int {
		if c := strings.Compare(a.A, b.A); c != 0 {
			return c
		}
		return strings.Compare(a.B, b.B)
	})
	defer byBase.Close()
	var keys cite.Keys
	var dedup digest.Dedup
	dedup.Reserve(files.Len())
	var serr error
	n := 0
	eachFile(l, files, func(path string, src []byte) encoded {
		p, err := parse.Parse(path, src)
		if err != nil {
			return encoded{err: err}
		}
		r := encoded{paper: p}
		if o.Filter.Match(p) {
			v := o.Filter.View(p)
			e := cite.BaseEntry(v)
			r.match, r.key, r.val = true, spill.Key{A: e.Key, B: cite.GroupKey(v)}, cite.Encode(o.Output, e)
		}
		return r
	}, func(path string, r encoded) bool {
		if !l.take(path, r.paper, r.err, &dedup) || !r.match {
			return true
		}
		n++
		keys.Add(r.key.A)
		serr = byBase.Add(r.key, r.val)
		return serr == nil
	})
	byKey := spill.New(l.spillBudget, func(a, b spill.Key) int { return strings.Compare(a.A, b.A) })
	defer byKey.Close()
	if serr == nil {
		serr = byBase.Each(func(rec []byte) error {
			base, keyed := cite.Decoded(rec)
			key := keys.Key(base)
			return byKey.Add(spill.Key{A: key}, keyed(key))
		})
	}
	if serr != nil {
		printMessage(o.IO.ErrOut, serr.Error())
		return &exitError{exitUsage}
	}
	byBase.Close()
	err := o.JQ.write(o.IO.Out, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		cite.WriteHead(bw, o.Output, n)
		i := 0
		if err := byKey.Each(func(val []byte) error {
			if i > 0 {
				cite.WriteSep(bw, o.Output)
			}
			i++
			_, err := bw.Write(val)
			return err
		}); err != nil {
			return fmt.Errorf("merging the entries: %w", err)
		}
		cite.WriteTail(bw, o.Output, n)
		return bw.Flush()
	})
	return finish(l, outputError(o.IO, err))
}
