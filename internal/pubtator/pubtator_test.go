package pubtator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func texts(es []Entity) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Category+": "+e.Text())
	}
	return out
}

func readFixture(t *testing.T, name string) Document {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "pubtator", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	return docs[0]
}

// The title and abstract of both fixtures are the same paper: both formats
// must give the same Linked entities.
var wantLinked = []string{
	"Genes: I-FABP [NCBI Gene 2169] {aka FABP2, Intestinal fatty acid-binding protein}",
	"Diseases: gut injury (-)",
	"Diseases: inflammation (MESH:D007249)",
	"Diseases: intestinal injury (MESH:D007410)",
	"Diseases: Mucosal damage (-)",
	"Chemicals: lactate (MESH:D019344)",
	"Chemicals: Ca（2+） (MESH:D002118)",
	"Species: pigs [taxon 9823] {aka porcine, Sus scrofa}",
	"Cell lines: Caco-2 (CVCL_0025)",
	"Variants: rs1799883 (dbSNP:rs1799883)",
	"CellType: enterocytes (CL:0000584)",
}

func TestPubTatorFormat(t *testing.T) {
	d := readFixture(t, "pig.pubtator")
	if d.ID != "34000001" {
		t.Errorf("id %q", d.ID)
	}
	lists, notes := Fold(d)
	if diff := cmp.Diff(wantLinked, texts(lists.Linked)); diff != "" {
		t.Errorf("linked (-want +got):\n%s", diff)
	}
	if len(lists.FullText) != 0 {
		t.Errorf("an abstract has no full text: %v", texts(lists.FullText))
	}
	// The relation line is named, not dropped in silence.
	all := append(d.Notes, notes...)
	if len(all) != 1 || all[0].Where != "line 22" || !strings.Contains(all[0].Msg, "relation") {
		t.Errorf("notes: %+v", all)
	}
}

func TestBioCJSON(t *testing.T) {
	d := readFixture(t, "pig.biocjson")
	if d.ID != "PMC8000001" {
		t.Errorf("id %q", d.ID)
	}
	lists, notes := Fold(d)
	if diff := cmp.Diff(wantLinked, texts(lists.Linked)); diff != "" {
		t.Errorf("linked (-want +got):\n%s", diff)
	}
	wantBody := []string{
		"Genes: FABP2 [NCBI Gene 2169]",
		// One mention of two genes counts for each; TNF alone names the second
		// only as often as "IL-6/TNF", which was seen first.
		"Genes: IL-6/TNF [NCBI Gene 3569]",
		"Genes: IL-6/TNF [NCBI Gene 7124] {aka TNF}",
		"Diseases: septic shock (MESH:D012772)",
		"Chemicals: plasma (-)",
		"Species: humans [taxon 9606] {aka patients}",
		"Species: pigs [taxon 9823]",
		"CellType: enterocytes (CL:0000584)",
	}
	if diff := cmp.Diff(wantBody, texts(lists.FullText)); diff != "" {
		t.Errorf("full text (-want +got):\n%s", diff)
	}
	if len(notes) != 0 {
		t.Errorf("notes: %+v", notes)
	}
}

func TestBioCShapes(t *testing.T) {
	ann := `{"infons":{"type":"Gene","identifier":"2169"},"text":"FABP2"}`
	passage := `{"infons":{"type":"abstract"},"annotations":[` + ann + `]}`
	doc := `{"id":"1","passages":[` + passage + `]}`
	for name, src := range map[string]string{
		"collection": `{"documents":[` + doc + `]}`,
		"pubtator3":  `{"PubTator3":[` + doc + `]}`,
		"document":   doc,
		"list":       `[` + doc + `]`,
		"lines":      doc + "\n",
	} {
		docs, err := Read(strings.NewReader(src))
		if err != nil || len(docs) != 1 {
			t.Errorf("%s: %v, %d documents", name, err, len(docs))
			continue
		}
		l, _ := Fold(docs[0])
		if got := texts(l.Linked); len(got) != 1 || got[0] != "Genes: FABP2 [NCBI Gene 2169]" {
			t.Errorf("%s: %v", name, got)
		}
	}
}

func TestReadErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"", "empty file"},
		{"   \n\n", "empty file"},
		{"1|t|T\n1\tx\t3\tA\tGene\t1\n", "2: want PMID"},
		{"1|x|T\n", "1: want PMID|t|title"},
		{"1|t|T\n1\t0\t1\n", "2: want PMID"},
		{`{"documents": [`, "BioC-JSON"},
		{`{"nothing": 1}`, "no documents"},
		{`[]`, "no documents"},
	} {
		_, err := Read(strings.NewReader(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.src, err, c.want)
		}
	}
}

func TestPubTatorEdges(t *testing.T) {
	// CRLF, a BOM, two documents, a mention with a line-breaking character,
	// an id the entity syntax cannot hold, a gene id as a CURIE.
	src := "\ufeff1|t|Title\r\n1|a|Abstract text\r\n1\t0\t5\tTi\x1btle\tGene\tNCBIGene:2169\r\n" +
		"1\t6\t14\tAbstract\tDisease\tMESH:D1,D2]\r\n\r\n2|t|Other\n2|a|x\n"
	docs, err := Read(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "1" || docs[1].ID != "2" {
		t.Fatalf("documents: %+v", docs)
	}
	l, notes := Fold(docs[0])
	want := []string{"Genes: Ti tle [NCBI Gene 2169]", "Diseases: Abstract (MESH:D1)"}
	if diff := cmp.Diff(want, texts(l.Linked)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if len(notes) != 1 || notes[0].Where != "line 4" || !strings.Contains(notes[0].Msg, `"D2]"`) {
		t.Errorf("notes: %+v", notes)
	}
}

// Ties go to the mention seen first, whatever the order of a map.
func TestTieBreakIsStable(t *testing.T) {
	d := Document{}
	for _, m := range []string{"b", "a", "c", "a", "b", "c"} {
		d.Annotations = append(d.Annotations, Annotation{Mention: m, Type: "Gene", ID: "1"})
	}
	for i := 0; i < 20; i++ {
		l, _ := Fold(d)
		if got := l.Linked[0].Text(); got != "b [NCBI Gene 1] {aka a, c}" {
			t.Fatalf("run %d: %s", i, got)
		}
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"IL-6, IL-8":      "IL-6， IL-8",
		"a\nb\tc\u202ed":  "a b c d",
		"[x] {y} <z>":     "［x］ ｛y｝ ＜z>",
		"  spaced   out ": "spaced out",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVariantIDs(t *testing.T) {
	for raw, want := range map[string]string{
		"tmVar:p|SUB|A|54|T;HGVS:p.A54T;VariantGroup:0;CorrespondingGene:2169;RS#:1799883": "dbSNP:rs1799883",
		"rs113488022":                       "dbSNP:rs113488022",
		"tmVar:c|SUB|A|123|G;HGVS:c.123A>G": "HGVS:c.123A>G",
		"p.V600E":                           "HGVS:p.V600E",
		"c.123A>G":                          "HGVS:c.123A>G",
	} {
		ids, notes := writtenIDs("Variants", raw)
		if len(ids) != 1 || ids[0].text != want || ids[0].bracket || len(notes) != 0 {
			t.Errorf("%q: %+v %v, want (%s)", raw, ids, notes, want)
		}
	}
}
