package cite

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/vagut/vagut/internal/inline"
	"github.com/vagut/vagut/internal/summary"
)

// Formats are the citation formats.
var Formats = []string{"csljson", "bibtex", "ris"}

// Write writes entries in one of Formats.
func Write(w io.Writer, format string, entries []Entry) error {
	switch format {
	case "bibtex":
		return writeBibTeX(w, entries)
	case "ris":
		return writeRIS(w, entries)
	}
	return writeCSL(w, entries)
}

type cslName struct {
	Family   string `json:"family,omitempty"`
	Given    string `json:"given,omitempty"`
	Particle string `json:"non-dropping-particle,omitempty"`
	Suffix   string `json:"suffix,omitempty"`
	Literal  string `json:"literal,omitempty"`
}

// cslOthers is how pandoc writes BibTeX's "and others", and what citeproc
// renders as "et al.".
var cslOthers = cslName{Literal: "others"}

type cslDate struct {
	DateParts [][]int `json:"date-parts"`
}

type cslItem struct {
	ID             string    `json:"id"`
	Type           string    `json:"type"`
	Title          string    `json:"title"`
	Author         []cslName `json:"author,omitempty"`
	ContainerTitle string    `json:"container-title,omitempty"`
	Publisher      string    `json:"publisher,omitempty"`
	Issued         *cslDate  `json:"issued,omitempty"`
	DOI            string    `json:"DOI,omitempty"`
	URL            string    `json:"URL,omitempty"`
	PMCID          string    `json:"PMCID,omitempty"`
	Abstract       string    `json:"abstract,omitempty"`
}

// writeCSL writes a CSL-JSON array, the input pandoc --citeproc and Zotero read.
func writeCSL(w io.Writer, entries []Entry) error {
	items := make([]cslItem, 0, len(entries))
	for _, e := range entries {
		items = append(items, cslItemOf(e))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(items); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func cslItemOf(e Entry) cslItem {
	p := e.Paper
	it := cslItem{ID: e.Key, Type: "article-journal", Title: cslText(p.Title), ContainerTitle: cslText(summary.Str(p.Journal)),
		DOI: e.DOI, URL: e.Link(), Abstract: cslParas(summary.Str(p.Abstract), "\n\n")}
	if e.Preprint() {
		it.Type, it.ContainerTitle, it.Publisher = "article", "", cslText(summary.Str(p.Source))
	}
	for _, a := range e.Authors {
		it.Author = append(it.Author, cslName{Family: cslText(a.Family), Given: cslText(a.Given),
			Particle: cslText(a.Particle), Suffix: cslText(a.Suffix), Literal: cslText(a.Literal)})
	}
	if e.Others {
		it.Author = append(it.Author, cslOthers)
	}
	if p.Published != nil {
		it.Issued = &cslDate{DateParts: [][]int{dateParts(*p.Published)}}
	}
	if strings.EqualFold(summary.Str(p.Source), "PMC") && strings.HasPrefix(p.ID, "PMC") {
		it.PMCID = p.ID
	}
	return it
}

var months = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

func writeBibTeX(w io.Writer, entries []Entry) error {
	var out strings.Builder
	for i, e := range entries {
		if i > 0 {
			out.WriteString("\n")
		}
		out.WriteString(bibTeXEntry(e))
	}
	_, err := io.WriteString(w, out.String())
	return err
}

func bibTeXEntry(e Entry) string {
	var b strings.Builder // one entry: its last field loses its comma
	p := e.Paper
	kind := "article"
	if e.Preprint() || p.Journal == nil {
		kind = "misc"
	}
	fmt.Fprintf(&b, "@%s{%s,\n", kind, e.Key)
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&b, "  %s = {%s},\n", name, value)
		}
	}
	var names []string
	for _, a := range e.Authors {
		names = append(names, bibName(a))
	}
	if e.Others && len(names) > 0 {
		names = append(names, "others")
	}
	field("author", strings.Join(names, " and "))
	field("title", bibTitle(p.Title))
	if kind == "article" {
		field("journal", bibRich(summary.Str(p.Journal), false))
	} else {
		field("howpublished", bib(summary.Str(p.Source)))
	}
	field("year", e.Year)
	if d := dateParts(summary.Str(p.Published)); len(d) >= 2 && d[1] >= 1 && d[1] <= 12 {
		fmt.Fprintf(&b, "  month = %s,\n", months[d[1]-1])
	}
	field("date", summary.Str(p.Published))
	field("doi", bibDOI(e.DOI))
	field("url", bibURL(e.Link()))
	field("abstract", bibRich(summary.Str(p.Abstract), false))
	return strings.TrimSuffix(b.String(), ",\n") + "\n}\n"
}

func writeRIS(w io.Writer, entries []Entry) error {
	var b strings.Builder
	for i, e := range entries {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(risEntry(e))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func risEntry(e Entry) string {
	var b strings.Builder
	p := e.Paper
	// One line per tag: a line break or "ER  -" in a field must not start
	// a tag or a record of its own.
	tag := func(t, v string) {
		if v = risText(v); v != "" {
			fmt.Fprintf(&b, "%s  - %s\n", t, v)
		}
	}
	ty := "JOUR"
	if e.Preprint() {
		ty = "UNPB"
	}
	tag("TY", ty)
	tag("ID", e.Key)
	// RIS has no "others": an "et al." is left out, never an author.
	for _, a := range e.Authors {
		switch {
		case a.Literal != "":
			tag("AU", a.Literal)
		case a.Given == "":
			tag("AU", a.FullFamily())
		case a.Suffix != "":
			tag("AU", a.FullFamily()+", "+a.Given+", "+a.Suffix)
		default:
			tag("AU", a.FullFamily()+", "+a.Given)
		}
	}
	tag("TI", inline.Plain(p.Title, " "))
	tag("T2", inline.Plain(summary.Str(p.Journal), " "))
	tag("PY", e.Year)
	tag("DA", risDate(summary.Str(p.Published)))
	tag("DO", e.DOI)
	tag("UR", e.Link())
	tag("AB", inline.Plain(summary.Str(p.Abstract), " "))
	b.WriteString("ER  - \n")
	return b.String()
}

// risDate writes an ISO date of any precision as RIS's YYYY/MM/DD/other,
// empty parts kept as empty slashes ("2013/09//" for 2013-09), as readers
// such as Zotero's split it.
func risDate(iso string) string {
	switch len(iso) {
	case 0:
		return ""
	case 4:
		return iso + "///"
	case 7:
		return strings.ReplaceAll(iso, "-", "/") + "//"
	}
	return strings.ReplaceAll(iso, "-", "/")
}
