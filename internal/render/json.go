// Package render writes digests: Markdown for reading, JSON and JSONL for
// scripts (the shape is the public contract in spec/json-contract.md).
package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/vagut/vagut/internal/digest"
	"github.com/vagut/vagut/internal/evidence"
	"github.com/vagut/vagut/internal/pipeline"
	"github.com/vagut/vagut/internal/summary"
)

// SchemaVersion is the version of the JSON contract.
const SchemaVersion = 1

// Digest is what every format renders.
type Digest struct {
	Papers   []*summary.Paper
	Total    int // papers read before filtering
	Filter   *digest.Filter
	Sort     string
	Limit    int // 0: none
	Sections []string
	// Evidence, when asked for, holds each paper's matching sentences.
	Evidence map[*summary.Paper][]evidence.Sentence
	// GroupBy and Groups, when asked for, organise the papers.
	GroupBy string
	Groups  []digest.Group
	// Workers encode the papers of JSON and JSONL; 0 or 1 encodes in line.
	Workers int
}

// PaperJSON is a paper as the contract spells it.
type PaperJSON struct {
	ID             string        `json:"id"`
	Path           string        `json:"path"`
	Title          string        `json:"title"`
	Authors        []string      `json:"authors"`
	Source         *string       `json:"source"`
	DOI            *string       `json:"doi"`
	Journal        *string       `json:"journal"`
	Published      *string       `json:"published"`
	URL            *string       `json:"url"`
	FullTextURL    *string       `json:"full_text_url"`
	TLDR           *string       `json:"tldr"`
	Contribution   *string       `json:"contribution"`
	KeyFindings    []string      `json:"key_findings"`
	Abstract       *string       `json:"abstract"`
	LinkedEntities []EntityJSON  `json:"linked_entities"`
	Entities       []EntityJSON  `json:"entities"`
	OtherSections  []SectionJSON `json:"other_sections"`
	// Evidence is there only with --evidence.
	Evidence *[]EvidenceJSON `json:"evidence,omitempty"`
}

// EvidenceJSON is one sentence that mentions what was asked for.
type EvidenceJSON struct {
	Section string          `json:"section"`
	Text    string          `json:"text"`
	Matches []evidence.Span `json:"matches"`
}

// GroupJSON is one group of a grouped digest.
type GroupJSON struct {
	Name     string   `json:"name"`
	ID       *string  `json:"id"`
	Count    int      `json:"count"`
	PaperIDs []string `json:"paper_ids"`
}

// EntityJSON is an entity as the contract spells it.
type EntityJSON struct {
	Type        string   `json:"type"`
	Category    string   `json:"category"`
	Name        string   `json:"name"`
	Description *string  `json:"description"`
	ID          *string  `json:"id"`
	Aliases     []string `json:"aliases"`
}

// SectionJSON is an unknown section kept as Markdown.
type SectionJSON struct {
	Heading string `json:"heading"`
	Text    string `json:"text"`
}

type filtersJSON struct {
	Entity  []string `json:"entity"`
	Type    []string `json:"type"`
	Grep    *string  `json:"grep"`
	Author  []string `json:"author"`
	Journal []string `json:"journal"`
	Since   *string  `json:"since"`
	Until   *string  `json:"until"`
	Sort    string   `json:"sort"`
	Limit   *int     `json:"limit"`
}

// NewPaperJSON maps a record to the contract; lists are never null.
func NewPaperJSON(p *summary.Paper) PaperJSON {
	out := PaperJSON{
		ID: p.ID, Path: p.Path, Title: p.Title, Authors: nonNil(p.Authors),
		Source: p.Source, DOI: p.DOI, Journal: p.Journal, Published: p.Published,
		URL: p.URL, FullTextURL: p.FullTextURL, TLDR: p.TLDR, Contribution: p.Contribution,
		KeyFindings: make([]string, 0, len(p.KeyFindings)), Abstract: p.Abstract,
		LinkedEntities: entitiesJSON(p.LinkedEntities), Entities: entitiesJSON(p.Entities),
		OtherSections: make([]SectionJSON, 0, len(p.OtherSections)),
	}
	for _, f := range p.KeyFindings {
		out.KeyFindings = append(out.KeyFindings, f.Text)
	}
	for _, s := range p.OtherSections {
		out.OtherSections = append(out.OtherSections, SectionJSON{Heading: s.Heading, Text: s.Text})
	}
	return out
}

func entitiesJSON(es []summary.Entity) []EntityJSON {
	out := make([]EntityJSON, 0, len(es))
	for _, e := range es {
		out = append(out, EntityJSON{
			Type: e.Type, Category: e.Category, Name: e.Name,
			Description: e.Description, ID: e.ID, Aliases: nonNil(e.Aliases),
		})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// JSON writes the papers document, indented. The papers are encoded on the
// digest's workers and written in order as they come, so a large document is
// never held whole; the bytes are those of encoding the document at once.
func JSON(w io.Writer, d *Digest) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := d.JSONHead(bw, len(d.Papers)); err != nil {
		return err
	}
	if len(d.Papers) > 0 {
		if err := d.writePapers(bw, JSONSep, JSONPrefix); err != nil {
			return err
		}
	}
	if err := d.JSONTail(bw, len(d.Papers)); err != nil {
		return err
	}
	return bw.Flush()
}

// JSONPrefix indents a paper inside the document; JSONSep goes between two.
const (
	JSONPrefix = "    "
	JSONSep    = ",\n    "
)

// JSONHead writes the document up to its first paper, count papers in it.
func (d *Digest) JSONHead(w io.Writer, count int) error {
	b, err := d.jsonHead(count)
	if err != nil {
		return err
	}
	if count == 0 {
		b = append(b, ",\n  \"papers\": []"...)
	} else {
		b = append(b, ",\n  \"papers\": [\n    "...)
	}
	_, err = w.Write(b)
	return err
}

// jsonHead is the document's keys before papers, without its closing "\n}".
func (d *Digest) jsonHead(count int) ([]byte, error) {
	f := d.Filter
	head := struct {
		SchemaVersion int         `json:"schema_version"`
		Filters       filtersJSON `json:"filters"`
		Total         int         `json:"total"`
		Count         int         `json:"count"`
	}{
		SchemaVersion: SchemaVersion,
		Filters: filtersJSON{
			Entity: nonNil(f.Entities), Type: nonNil(f.Types), Grep: optional(f.GrepExpr),
			Author: nonNil(f.Authors), Journal: nonNil(f.Journals),
			Since: optional(f.Since), Until: optional(f.Until), Sort: d.Sort,
		},
		Total: d.Total,
		Count: count,
	}
	if d.Limit > 0 {
		head.Filters.Limit = &d.Limit
	}
	b, err := marshal(head, "  ")
	if err != nil {
		return nil, err
	}
	// The head's closing "\n}" gives way to the papers and what follows them.
	return b[:len(b)-2], nil
}

// JSONTail writes the document after its last paper.
func (d *Digest) JSONTail(w io.Writer, count int) error {
	var b []byte
	if count > 0 {
		b = append(b, "\n  ]"...)
	}
	if d.GroupBy != "" {
		groups := make([]GroupJSON, 0, len(d.Groups))
		for _, g := range d.Groups {
			ids := make([]string, 0, len(g.Papers))
			for _, p := range g.Papers {
				ids = append(ids, p.ID)
			}
			groups = append(groups, GroupJSON{Name: g.Name, ID: g.ID, Count: len(g.Papers), PaperIDs: ids})
		}
		tail, err := marshal(struct {
			GroupBy string      `json:"group_by"`
			Groups  []GroupJSON `json:"groups"`
		}{d.GroupBy, groups}, "  ")
		if err != nil {
			return err
		}
		b = append(b, ",\n"...)
		b = append(b, tail[2:]...) // without its opening "{\n"
	} else {
		b = append(b, "\n}"...)
	}
	b = append(b, '\n')
	_, err := w.Write(b)
	return err
}

// writePapers encodes the papers on the digest's workers and writes them in
// order, sep between them; prefix indents every line but the first.
func (d *Digest) writePapers(w io.Writer, sep, prefix string) error {
	var werr error
	pipeline.Ordered(d.Workers, len(d.Papers), func(i int) []byte {
		return d.AppendPaper(nil, d.Papers[i], prefix)
	}, func(i int, b []byte) bool {
		if i > 0 {
			if _, werr = io.WriteString(w, sep); werr != nil {
				return false
			}
		}
		_, werr = w.Write(b)
		return werr == nil
	})
	return werr
}

// AppendPaper appends p as the digest encodes it, with its evidence when
// asked for: one compact line when prefix is "", else indented with prefix
// before every line but the first.
func (d *Digest) AppendPaper(dst []byte, p *summary.Paper, prefix string) []byte {
	if d.Evidence == nil {
		return appendPaperJSON(dst, p, nil, prefix)
	}
	ev := d.Evidence[p]
	return appendPaperJSON(dst, p, &ev, prefix)
}

// indentOf is the indent unit: two spaces in the indented document, none in JSONL.
func indentOf(prefix string) string {
	if prefix == "" {
		return ""
	}
	return "  "
}

// paperJSON adds the evidence to a paper when it was asked for.
func (d *Digest) paperJSON(p *summary.Paper) PaperJSON {
	out := NewPaperJSON(p)
	if d.Evidence != nil {
		ev := make([]EvidenceJSON, 0, len(d.Evidence[p]))
		for _, e := range d.Evidence[p] {
			ev = append(ev, EvidenceJSON{Section: e.Section, Text: e.Text, Matches: e.Matches})
		}
		out.Evidence = &ev
	}
	return out
}

// JSONL writes one compact paper object per line.
func JSONL(w io.Writer, d *Digest) error {
	if len(d.Papers) == 0 {
		return nil
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := d.writePapers(bw, "\n", ""); err != nil {
		return err
	}
	bw.WriteString("\n")
	return bw.Flush()
}

func encode(w io.Writer, v any, indent string) error {
	b, err := marshal(v, indent)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// marshal encodes v without a trailing newline; summaries are text, not
// HTML, so "<" and "&" stay readable.
func marshal(v any, indent string) ([]byte, error) { return marshalPrefix(v, "", indent) }

func marshalPrefix(v any, prefix, indent string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	compact := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	if indent == "" {
		return compact, nil
	}
	return appendIndent(make([]byte, 0, len(compact)*3/2), compact, prefix, indent), nil
}
