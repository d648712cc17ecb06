package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/vagut/vagut/internal/curie"
	"github.com/vagut/vagut/internal/index"
	"github.com/vagut/vagut/internal/summary"
)

// RowJSON is a row of the entity index as the contract spells it.
type RowJSON struct {
	Type     string   `json:"type"`
	ID       *string  `json:"id"`
	Name     string   `json:"name"`
	Names    []string `json:"names"`
	Papers   int      `json:"papers"`
	Mentions int      `json:"mentions"`
	PaperIDs []string `json:"paper_ids"`
}

// NewRowJSON maps an index row to the contract.
func NewRowJSON(r index.Row) RowJSON {
	return RowJSON{Type: r.Type, ID: r.ID, Name: r.Name, Names: nonNil(r.Names), Papers: r.Papers, Mentions: r.Mentions, PaperIDs: nonNil(r.PaperIDs)}
}

// EntitiesJSON writes {"schema_version": 1, "entities": [...]}.
func EntitiesJSON(w io.Writer, rows []index.Row) error {
	doc := struct {
		SchemaVersion int       `json:"schema_version"`
		Entities      []RowJSON `json:"entities"`
	}{SchemaVersion, make([]RowJSON, 0, len(rows))}
	for _, r := range rows {
		doc.Entities = append(doc.Entities, NewRowJSON(r))
	}
	return encode(w, doc, "  ")
}

// EntitiesJSONL writes one row per line.
func EntitiesJSONL(w io.Writer, rows []index.Row) error {
	for _, r := range rows {
		if err := encode(w, NewRowJSON(r), ""); err != nil {
			return err
		}
	}
	return nil
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(escape(s), "|", `\|`) }

func idLink(id *string) string {
	if id == nil {
		return ""
	}
	if u := curie.URL(*id); u != "" {
		return fmt.Sprintf("[%s](%s)", cell(*id), linkDest(u))
	}
	return cell(*id)
}

// EntitiesMarkdown writes the index as a table.
func EntitiesMarkdown(w io.Writer, rows []index.Row, papers int) error {
	var b strings.Builder
	b.WriteString("# vagut entities\n\n")
	fmt.Fprintf(&b, "%s in %s.\n", countEntities(len(rows)), count(papers, "paper"))
	if len(rows) > 0 {
		b.WriteString("\n")
		tableRow(&b, "Entity", "Type", "ID", "Papers", "Mentions", "Also named", "Paper ids")
		tableRow(&b, "---", "---", "---", "---", "---", "---", "---")
		for _, r := range rows {
			var others []string
			for _, n := range r.Names {
				if n != r.Name {
					others = append(others, n)
				}
			}
			tableRow(&b, cell(r.Name), cell(r.Type), idLink(r.ID), strconv.Itoa(r.Papers), strconv.Itoa(r.Mentions),
				cell(strings.Join(others, ", ")), cell(strings.Join(r.PaperIDs, ", ")))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// countEntities is "1 entity", "2 entities".
func countEntities(n int) string {
	if n == 1 {
		return "1 entity"
	}
	return fmt.Sprintf("%d entities", n)
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// ListSep joins lists inside one CSV cell.
const ListSep = "; "

// EntitiesCSV writes a header and one row per entity (RFC 4180).
func EntitiesCSV(w io.Writer, rows []index.Row, raw bool) error {
	cw := newCSV(w, raw)
	cw.Write([]string{"type", "id", "name", "names", "papers", "mentions", "paper_ids"})
	for _, r := range rows {
		cw.Write([]string{r.Type, summary.Str(r.ID), r.Name, strings.Join(r.Names, ListSep),
			strconv.Itoa(r.Papers), strconv.Itoa(r.Mentions), strings.Join(r.PaperIDs, ListSep)})
	}
	return cw.Flush()
}

// SideJSON names one entity of a pair.
type SideJSON struct {
	Type string  `json:"type"`
	ID   *string `json:"id"`
	Name string  `json:"name"`
}

// PairJSON is one co-mention pair.
type PairJSON struct {
	A        SideJSON `json:"a"`
	B        SideJSON `json:"b"`
	Papers   int      `json:"papers"`
	PaperIDs []string `json:"paper_ids"`
}

// NewPairJSON maps a pair to JSON.
func NewPairJSON(p index.Pair) PairJSON {
	return PairJSON{
		A:      SideJSON{p.A.Type, p.A.ID, p.A.Name},
		B:      SideJSON{p.B.Type, p.B.ID, p.B.Name},
		Papers: p.Papers, PaperIDs: nonNil(p.PaperIDs),
	}
}

// PairsJSON writes {"schema_version": 1, "pairs": [...]}.
func PairsJSON(w io.Writer, pairs []index.Pair) error {
	doc := struct {
		SchemaVersion int        `json:"schema_version"`
		Pairs         []PairJSON `json:"pairs"`
	}{SchemaVersion, make([]PairJSON, 0, len(pairs))}
	for _, p := range pairs {
		doc.Pairs = append(doc.Pairs, NewPairJSON(p))
	}
	return encode(w, doc, "  ")
}

// PairsJSONL writes one pair per line.
func PairsJSONL(w io.Writer, pairs []index.Pair) error {
	for _, p := range pairs {
		if err := encode(w, NewPairJSON(p), ""); err != nil {
			return err
		}
	}
	return nil
}

// PairsMarkdown writes the pairs as a table.
func PairsMarkdown(w io.Writer, pairs []index.Pair, a, b string, papers int) error {
	var sb strings.Builder
	sb.WriteString("# vagut co-mentions\n\n")
	fmt.Fprintf(&sb, "%s of a %s and a %s in %s.\n", count(len(pairs), "pair"), a, b, count(papers, "paper"))
	if len(pairs) > 0 {
		sb.WriteString("\n")
		tableRow(&sb, cell(upperFirst(a)), cell(upperFirst(b)), "Papers", "Paper ids")
		tableRow(&sb, "---", "---", "---", "---")
		for _, p := range pairs {
			tableRow(&sb, strings.TrimSpace(cell(p.A.Name)+" "+paren(idLink(p.A.ID))), strings.TrimSpace(cell(p.B.Name)+" "+paren(idLink(p.B.ID))),
				strconv.Itoa(p.Papers), cell(strings.Join(p.PaperIDs, ", ")))
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// tableRow writes one row in markdownlint's compact table style: one space
// on each side of a cell's text, a single space in an empty cell.
func tableRow(b *strings.Builder, cells ...string) {
	b.WriteString("|")
	for _, c := range cells {
		if c == "" {
			b.WriteString(" |")
		} else {
			b.WriteString(" " + c + " |")
		}
	}
	b.WriteString("\n")
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// PairsCSV writes a header and one row per pair.
func PairsCSV(w io.Writer, pairs []index.Pair, raw bool) error {
	cw := newCSV(w, raw)
	cw.Write([]string{"a_type", "a_id", "a_name", "b_type", "b_id", "b_name", "papers", "paper_ids"})
	for _, p := range pairs {
		cw.Write([]string{p.A.Type, summary.Str(p.A.ID), p.A.Name, p.B.Type, summary.Str(p.B.ID), p.B.Name,
			strconv.Itoa(p.Papers), strings.Join(p.PaperIDs, ListSep)})
	}
	return cw.Flush()
}
