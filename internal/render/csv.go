package render

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"

	"github.com/vagut/vagut/internal/summary"
)

// PapersCSV writes a header and one row per paper (RFC 4180). Lists are
// joined with "; "; an entity reads "name (id)". Unknown sections are left
// out: the JSON keeps them.
func PapersCSV(w io.Writer, d *Digest, raw bool) error {
	cw := newCSV(w, raw)
	cw.Write(paperCSVHeader())
	for _, p := range d.Papers {
		cw.Write(paperCSVRow(p))
	}
	return cw.Flush()
}

func paperCSVHeader() []string {
	return []string{"id", "path", "title", "authors", "source", "doi", "journal", "published", "url",
		"full_text_url", "tldr", "contribution", "key_findings", "abstract", "linked_entities", "entities"}
}

func paperCSVRow(p *summary.Paper) []string {
	findings := make([]string, len(p.KeyFindings))
	for i, f := range p.KeyFindings {
		findings[i] = f.Text
	}
	return []string{p.ID, p.Path, p.Title, strings.Join(p.Authors, ListSep), summary.Str(p.Source), summary.Str(p.DOI),
		summary.Str(p.Journal), summary.Str(p.Published), summary.Str(p.URL), summary.Str(p.FullTextURL), summary.Str(p.TLDR), summary.Str(p.Contribution),
		strings.Join(findings, ListSep), summary.Str(p.Abstract), entityCells(p.LinkedEntities), entityCells(p.Entities)}
}

// PapersCSVHeader is the first line of PapersCSV.
func PapersCSVHeader(raw bool) []byte { return csvLine(paperCSVHeader(), raw) }

// PaperCSVRow is one paper's line of PapersCSV.
func PaperCSVRow(p *summary.Paper, raw bool) []byte { return csvLine(paperCSVRow(p), raw) }

func csvLine(cells []string, raw bool) []byte {
	var b bytes.Buffer
	cw := newCSV(&b, raw)
	cw.Write(cells)
	_ = cw.Flush()
	return b.Bytes()
}

func entityCells(es []summary.Entity) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Name
		if e.ID != nil {
			parts[i] += " (" + *e.ID + ")"
		}
	}
	return strings.Join(parts, ListSep)
}

// csvWriter writes RFC 4180 rows. Unless raw, a cell a spreadsheet would
// run as a formula (starting with =, +, -, @, tab or carriage return, as
// OWASP lists them) is prefixed with ' so that it is shown as text: a
// summary must not make a spreadsheet fetch a URL or run a command.
type csvWriter struct {
	cw  *csv.Writer
	raw bool
}

func newCSV(w io.Writer, raw bool) *csvWriter { return &csvWriter{csv.NewWriter(w), raw} }

func (c *csvWriter) Write(cells []string) {
	if !c.raw {
		for i, s := range cells {
			cells[i] = DefuseCell(s)
		}
	}
	_ = c.cw.Write(cells)
}

func (c *csvWriter) Flush() error {
	c.cw.Flush()
	return c.cw.Error()
}

// DefuseCell prefixes a cell that starts like a formula with '.
func DefuseCell(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}
