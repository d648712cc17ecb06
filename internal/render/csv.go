package render

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/vagut/vagut/internal/summary"
)

// PapersCSV writes a header and one row per paper (RFC 4180). Lists are
// joined with "; "; an entity reads "name (id)". Unknown sections are left
// out: the JSON keeps them.
func PapersCSV(w io.Writer, d *Digest) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"id", "path", "title", "authors", "source", "doi", "journal", "published", "url",
		"full_text_url", "tldr", "contribution", "key_findings", "abstract", "linked_entities", "entities"})
	for _, p := range d.Papers {
		findings := make([]string, len(p.KeyFindings))
		for i, f := range p.KeyFindings {
			findings[i] = f.Text
		}
		_ = cw.Write([]string{p.ID, p.Path, p.Title, strings.Join(p.Authors, ListSep), summary.Str(p.Source), summary.Str(p.DOI),
			summary.Str(p.Journal), summary.Str(p.Published), summary.Str(p.URL), summary.Str(p.FullTextURL), summary.Str(p.TLDR), summary.Str(p.Contribution),
			strings.Join(findings, ListSep), summary.Str(p.Abstract), entityCells(p.LinkedEntities), entityCells(p.Entities)})
	}
	cw.Flush()
	return cw.Error()
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
