package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rivo/uniseg"

	"github.com/vagut/vagut/internal/curie"
	"github.com/vagut/vagut/internal/index"
	"github.com/vagut/vagut/internal/sanitize"
)

// tcell is one cell of a terminal table: sanitised text and, for an id, the
// address it links to.
type tcell struct {
	text string
	link string
}

// termTable writes an aligned table that fits t's width: one line per row,
// a cell too wide for its column cut with "…" rather than wrapped. Columns
// in right are aligned right (numbers); shrink says which columns give way.
func termTable(w io.Writer, t Term, title string, header []string, rows [][]tcell, right map[int]bool, shrink []give) error {
	var b strings.Builder
	bold := sgrBold
	if t.NoColor {
		bold = ""
	}
	b.WriteString(styled(bold, sanitize.Line(title)) + "\n")
	if len(rows) > 0 {
		b.WriteString("\n")
		widths := fitColumns(header, rows, shrink, t.Width)
		line := func(cells []tcell, head bool) {
			var lb strings.Builder
			for i, c := range cells {
				if i > 0 {
					lb.WriteString("  ")
				}
				s := truncate(c.text, widths[i])
				pad := strings.Repeat(" ", widths[i]-uniseg.StringWidth(s))
				switch {
				case head:
					s = styled(bold, s)
				case c.link != "" && t.Hyperlinks && linkable(c.link):
					s = hyperlinkStart(c.link) + s + hyperlinkEnd
				}
				if right[i] { // numbers align right
					lb.WriteString(pad + s)
				} else {
					lb.WriteString(s + pad)
				}
			}
			b.WriteString(strings.TrimRight(lb.String(), " ") + "\n")
		}
		hs := make([]tcell, len(header))
		for i, h := range header {
			hs[i] = tcell{text: h}
		}
		line(hs, true)
		for _, r := range rows {
			line(r, false)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// give is a column that gives way when a table is too wide, down to min.
type give struct{ col, min int }

// fitColumns gives each column its natural width, then narrows the columns
// of shrink, the first first, each down to its minimum, until the table fits
// the width. Past that the table is wider than the terminal, still aligned.
func fitColumns(header []string, rows [][]tcell, shrink []give, width int) []int {
	if width <= 0 {
		width = 80
	}
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = uniseg.StringWidth(h)
	}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], uniseg.StringWidth(c.text))
		}
	}
	total := 2 * (len(header) - 1)
	for _, n := range widths {
		total += n
	}
	for _, g := range shrink {
		if total <= width {
			break
		}
		cut := min(total-width, max(widths[g.col]-g.min, 0))
		widths[g.col] -= cut
		total -= cut
	}
	return widths
}

// truncate cuts s to w columns, ending in "…" when something was cut.
func truncate(s string, w int) string {
	if uniseg.StringWidth(s) <= w {
		return s
	}
	var b strings.Builder
	used := 0
	state := -1
	rest := s
	for len(rest) > 0 {
		var cluster string
		var cw int
		cluster, rest, cw, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if used+cw > w-1 {
			break
		}
		b.WriteString(cluster)
		used += cw
	}
	return b.String() + "…"
}

func idCell(id *string) tcell {
	if id == nil {
		return tcell{}
	}
	return tcell{text: sanitize.Line(*id), link: curie.URL(*id)}
}

// EntitiesTerminal writes the entity index as an aligned table for a terminal.
func EntitiesTerminal(w io.Writer, rows []index.Row, papers int, t Term) error {
	header := []string{"Entity", "Type", "ID", "Papers", "Mentions", "Also named", "Paper ids"}
	cells := make([][]tcell, len(rows))
	for i, r := range rows {
		var others []string
		for _, n := range r.Names {
			if n != r.Name {
				others = append(others, n)
			}
		}
		cells[i] = []tcell{{text: sanitize.Line(r.Name)}, {text: sanitize.Line(r.Type)}, idCell(r.ID),
			{text: strconv.Itoa(r.Papers)}, {text: strconv.Itoa(r.Mentions)},
			{text: sanitize.Line(strings.Join(others, ", "))}, {text: sanitize.Line(strings.Join(r.PaperIDs, ", "))}}
	}
	title := fmt.Sprintf("%s in %s.", countEntities(len(rows)), count(papers, "paper"))
	// Lists of other names and papers give way first; an id last.
	return termTable(w, t, title, header, cells, map[int]bool{3: true, 4: true},
		[]give{{5, 12}, {6, 12}, {0, 16}, {1, 7}, {5, 6}, {6, 6}, {0, 10}, {2, 12}, {2, 8}, {0, 6}, {5, 2}, {6, 4}})
}

// PairsTerminal writes co-mention pairs as an aligned table for a terminal.
func PairsTerminal(w io.Writer, pairs []index.Pair, a, b string, papers int, t Term) error {
	header := []string{upperFirst(sanitize.Line(a)), "ID", upperFirst(sanitize.Line(b)), "ID", "Papers", "Paper ids"}
	cells := make([][]tcell, len(pairs))
	for i, p := range pairs {
		cells[i] = []tcell{{text: sanitize.Line(p.A.Name)}, idCell(p.A.ID), {text: sanitize.Line(p.B.Name)}, idCell(p.B.ID),
			{text: strconv.Itoa(p.Papers)}, {text: sanitize.Line(strings.Join(p.PaperIDs, ", "))}}
	}
	title := fmt.Sprintf("%s of a %s and a %s in %s.", count(len(pairs), "pair"), a, b, count(papers, "paper"))
	return termTable(w, t, title, header, cells, map[int]bool{4: true},
		[]give{{5, 12}, {0, 16}, {2, 16}, {5, 6}, {0, 10}, {2, 10}, {1, 12}, {3, 12}, {1, 8}, {3, 8}})
}
