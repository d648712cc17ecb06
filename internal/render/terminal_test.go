package render

import (
	"strings"
	"testing"

	"github.com/rivo/uniseg"
)

func TestTruncate(t *testing.T) {
	for _, c := range []struct {
		in   string
		w    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"Abdominal distension", 10, "Abdominal…"},
		{"漢字漢字漢字", 5, "漢字…"}, // wide characters are never split
		{"e\u0301e\u0301e\u0301e\u0301", 3, "e\u0301e\u0301…"},
	} {
		got := truncate(c.in, c.w)
		if got != c.want || uniseg.StringWidth(got) > c.w {
			t.Errorf("truncate(%q, %d) = %q (%d columns), want %q", c.in, c.w, got, uniseg.StringWidth(got), c.want)
		}
	}
}

// Lists give way before names, names before ids; a wide table fits.
func TestFitColumns(t *testing.T) {
	header := []string{"Entity", "ID", "Also named"}
	rows := [][]tcell{{{text: strings.Repeat("n", 30)}, {text: "NCBIGene:89805"}, {text: strings.Repeat("a", 60)}}}
	w := fitColumns(header, rows, []give{{2, 10}, {0, 12}, {1, 8}}, 60)
	if total := w[0] + w[1] + w[2] + 4; total != 60 || w[0] != 30 || w[1] != 14 || w[2] != 12 {
		t.Errorf("widths %v (total %d): want the list cut first, just enough to fit 60, the id whole", w, w[0]+w[1]+w[2]+4)
	}
	if w := fitColumns(header, rows, nil, 200); w[2] != 60 {
		t.Errorf("a table that fits is cut: %v", w)
	}
}
