package index

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/summary"
)

func views(t *testing.T) []*summary.Paper {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/views/*.md")
	if len(files) != 9 {
		t.Fatalf("want the 9 fixtures of testdata/views, found %d", len(files))
	}
	var out []*summary.Paper
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := parse.Parse(f, b)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// The expected rows were counted by hand from the fixtures' entity lists:
// e.g. IL6 is in V1, V3 (twice: "IL6" and "IL-6"), V6 and V9, so 4 papers and
// 5 mentions; mesenteric ischemia is linked and full-text in V2, so 5 mentions.
func TestIndexCountsByHand(t *testing.T) {
	want := []string{
		"species Homo sapiens NCBITaxon:9606 6/6 V1,V3,V5,V7,V8,V9",
		"gene IL6 NCBIGene:3569 4/5 V1,V3,V6,V9",
		"disease mesenteric ischemia MESH:D065666 4/5 V1,V2,V6,V8",
		"gene FABP2 NCBIGene:2169 4/4 V1,V2,V5,V6",
		"chemical lactate MESH:D019344 4/4 V1,V2,V5,V7",
		"disease sepsis MESH:D018805 3/4 V3,V5,V9",
		"disease cardiogenic shock MONDO:0800175 3/3 V1,V3,V7",
		"species Sus scrofa NCBITaxon:9823 3/3 V2,V6,V8",
		"gene TNF NCBIGene:7124 3/3 V2,V3,V8",
		"disease acute kidney injury MESH:D058186 2/2 V5,V7",
		"chemical citrulline MESH:D002956 2/2 V2,V8",
		"gene CXCL8 NCBIGene:3576 2/2 V3,V7",
		"disease Gut dysfunction - 2/2 V4,V6", // no id: grouped by folded name
		"chemical norepinephrine MESH:D009638 2/2 V3,V7",
		"chemical enteral formula - 1/1 V4",
		"gene Fabp2 NCBIGene:25598 1/1 V4", // the rat gene: another id, another row
		"species Rattus norvegicus NCBITaxon:10116 1/1 V4",
	}
	var got []string
	for _, r := range Build(views(t)) {
		id := "-"
		if r.ID != nil {
			id = *r.ID
		}
		got = append(got, fmt.Sprintf("%s %s %s %d/%d %s", r.Type, r.Name, id, r.Papers, r.Mentions, join(r.PaperIDs)))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ","
		}
		out += x
	}
	return out
}

func TestIndexNames(t *testing.T) {
	for _, r := range Build(views(t)) {
		switch r.Name {
		case "FABP2": // "I-FABP" is a name in V2 and an alias in V1
			if diff := cmp.Diff([]string{"FABP2", "FABPI", "I-FABP"}, r.Names); diff != "" {
				t.Errorf("FABP2 names (-want +got):\n%s", diff)
			}
		case "IL6":
			if diff := cmp.Diff([]string{"IL-6", "IL6"}, r.Names); diff != "" {
				t.Errorf("IL6 names (-want +got):\n%s", diff)
			}
		}
	}
}

// Pairs counted by hand: per paper, its genes times its diseases.
func TestPairsByHand(t *testing.T) {
	want := []string{
		"FABP2 + mesenteric ischemia 3 V1,V2,V6",
		"CXCL8 + cardiogenic shock 2 V3,V7",
		"IL6 + cardiogenic shock 2 V1,V3",
		"IL6 + mesenteric ischemia 2 V1,V6",
		"IL6 + sepsis 2 V3,V9",
		"TNF + mesenteric ischemia 2 V2,V8",
		"CXCL8 + acute kidney injury 1 V7",
		"CXCL8 + sepsis 1 V3",
		"FABP2 + acute kidney injury 1 V5",
		"FABP2 + cardiogenic shock 1 V1",
		"FABP2 + Gut dysfunction 1 V6",
		"Fabp2 + Gut dysfunction 1 V4", // names compare case-insensitively: FABP2 = Fabp2
		"FABP2 + sepsis 1 V5",
		"IL6 + Gut dysfunction 1 V6",
		"TNF + cardiogenic shock 1 V3",
		"TNF + sepsis 1 V3",
	}
	var got []string
	for _, p := range Pairs(views(t), "gene", "disease", 0) {
		got = append(got, fmt.Sprintf("%s + %s %d %s", p.A.Name, p.B.Name, p.Papers, join(p.PaperIDs)))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestPairsOfOneTypeCountEachPairOnce(t *testing.T) {
	pairs := Pairs(views(t), "gene", "gene", 0)
	seen := map[string]bool{}
	for _, p := range pairs {
		if p.A.Key == p.B.Key {
			t.Errorf("an entity paired with itself: %s", p.A.Name)
		}
		k, rk := p.A.Key+"|"+p.B.Key, p.B.Key+"|"+p.A.Key
		if seen[k] || seen[rk] {
			t.Errorf("pair %s + %s listed twice", p.A.Name, p.B.Name)
		}
		seen[k] = true
	}
	// V1 {FABP2, IL6}, V2 {FABP2, TNF}, V3 {IL6, TNF, CXCL8}, V6 {FABP2, IL6}: FABP2+IL6 in V1 and V6.
	if p := pairs[0]; p.Papers != 2 || join(p.PaperIDs) != "V1,V6" {
		t.Errorf("top gene pair %s + %s in %v", p.A.Name, p.B.Name, p.PaperIDs)
	}
}
