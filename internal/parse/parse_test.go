package parse

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/vagut/vagut/internal/summary"
)

func s(v string) *string { return &v }

// ent builds an expected entity; desc and id "" mean absent.
func ent(typ, cat, name, desc, id string, aliases ...string) summary.Entity {
	e := summary.Entity{Type: typ, Category: cat, Name: name, Aliases: aliases}
	if e.Aliases == nil {
		e.Aliases = []string{}
	}
	if desc != "" {
		e.Description = &desc
	}
	if id != "" {
		e.ID = &id
	}
	return e
}

func parseFile(t *testing.T, path string) *summary.Paper {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(path, src)
	if err != nil {
		t.Fatalf("Parse(%s): %v", path, err)
	}
	return p
}

// Positions and bookkeeping are checked in their own tests.
var ignorePos = cmp.Options{
	cmpopts.IgnoreFields(summary.Entity{}, "Line", "Col", "WrittenID", "Raw"),
	cmpopts.IgnoreFields(summary.Finding{}, "Line"),
	cmpopts.IgnoreFields(summary.Section{}, "Line"),
	cmpopts.IgnoreFields(summary.Paper{}, "TitleLine", "AuthorsLine", "MetadataLine", "URLLine", "Headings", "Problems",
		"DOICol", "DateCol", "FullTextLine", "FullText"),
	cmpopts.EquateEmpty(),
}

func findings(texts ...string) []summary.Finding {
	var out []summary.Finding
	for _, t := range texts {
		out = append(out, summary.Finding{Text: t})
	}
	return out
}

const seedPath = "../../seeds/PMC12769693.md"

func TestParseSeed(t *testing.T) {
	got := parseFile(t, seedPath)
	src, _ := os.ReadFile(seedPath)
	abstract := strings.TrimSpace(strings.Split(strings.Split(string(src), "## Abstract\n\n")[1], "\n\n## Linked")[0])
	want := &summary.Paper{
		ID:           "PMC12769693",
		Path:         seedPath,
		Title:        "Heart–gut interaction in veno-arterial extracorporeal membrane oxygenation: a forgotten axis in critical care perfusion",
		Authors:      []string{"Amr Omar"},
		Source:       s("PMC"),
		DOI:          s("10.1007/s10047-025-01543-6"),
		Journal:      s("Journal of Artificial Organs"),
		Published:    s("2026-01-05"),
		URL:          s("https://tomesphere.com/paper/PMC12769693"),
		FullTextURL:  s("https://tomesphere.com/paper/PMC12769693/full.md"),
		TLDR:         s("This editorial highlights the importance of protecting the gut during VA-ECMO treatment to prevent organ failure and improve patient outcomes."),
		Contribution: s("The paper emphasizes the heart-gut axis as a critical but often overlooked aspect of VA-ECMO management."),
		KeyFindings: findings(
			"VA-ECMO can cause gut injury through microcirculatory dysfunction and ischemia-reperfusion.",
			"Gut dysfunction during VA-ECMO leads to bacterial translocation and systemic inflammation.",
			"Incorporating gut-protective strategies in VA-ECMO protocols is essential for better outcomes.",
		),
		Abstract:       &abstract,
		LinkedEntities: []summary.Entity{ent("disease", "Diseases", "cardiogenic shock", "", "MONDO:0800175")},
		Entities: []summary.Entity{
			ent("gene", "Genes", "Cxcl2", "C-X-C motif chemokine ligand 2", "NCBIGene:114105", "Mip-2", "Scyb2"),
			ent("gene", "Genes", "FABP2", "fatty acid binding protein 2", "NCBIGene:2169", "FABPI", "I-FABP"),
			ent("gene", "Genes", "IL6", "interleukin 6", "NCBIGene:3569", "BSF-2", "BSF2", "CDF", "HGF", "HSF", "IFN-beta-2"),
			ent("gene", "Genes", "IL10", "interleukin 10", "NCBIGene:3586", "CSIF", "GVHDS", "IL-10", "IL10A", "TGIF"),
			ent("gene", "Genes", "Angpt2", "angiopoietin 2", "NCBIGene:89805", "Agpt2", "Ang-2"),
			ent("gene", "Genes", "Vwf", "von Willebrand factor", "NCBIGene:116669"),
			ent("gene", "Genes", "Icam1", "intercellular adhesion molecule 1", "NCBIGene:25464", "CD54", "ICAM", "RICAM-I"),
			ent("gene", "Genes", "TNF", "tumor necrosis factor", "NCBIGene:7124", "DIF", "IMD127", "TNF-alpha", "TNFA", "TNFSF2", "TNLG1F"),
			ent("gene", "Genes", "CXCL8", "C-X-C motif chemokine ligand 8", "NCBIGene:3576", "GCP-1", "GCP1", "IL8", "LECT", "LUCT", "LYNAP"),
			ent("disease", "Diseases", "bacterial", "", "MESH:D001424"),
			ent("disease", "Diseases", "anemia", "", "MESH:D000740"),
			ent("disease", "Diseases", "mucosal injury", "", "MESH:D052016"),
			ent("disease", "Diseases", "Abdominal distension", "", "MESH:D000007"),
			ent("disease", "Diseases", "CS", "", "MESH:D012770"),
			ent("disease", "Diseases", "tissue injury", "", "MESH:D017695"),
			ent("disease", "Diseases", "ischemic", "", "MESH:D002545"),
			ent("disease", "Diseases", "GI bleeding", "", "MESH:D006470"),
			ent("disease", "Diseases", "UGIB", "", "MESH:D006471"),
			ent("disease", "Diseases", "multiorgan dysfunction", "", "MESH:D009102"),
			ent("disease", "Diseases", "gastroduodenal ulcers", "", "MESH:D010437"),
			ent("disease", "Diseases", "ulcerative lesions", "", "MESH:D014456"),
			ent("disease", "Diseases", "edema", "", "MESH:D004487"),
			ent("disease", "Diseases", "gut dysfunction", "", "MESH:C535334"),
			ent("disease", "Diseases", "GI injury", "", "MESH:D014947"),
			ent("disease", "Diseases", "ischemia", "", "MESH:D007511"),
			ent("disease", "Diseases", "intestinal injury", "", "MESH:D007410"),
			ent("disease", "Diseases", "Altered bowel sounds", "", "MESH:D012135"),
			ent("disease", "Diseases", "Gastrointestinal dysfunction", "", "MESH:D005767"),
			ent("disease", "Diseases", "Inflammatory", "", "MESH:D007249"),
			ent("disease", "Diseases", "septic shock", "", "MESH:D012772"),
			ent("disease", "Diseases", "pulmonary inflammation", "", "MESH:D011014"),
			ent("disease", "Diseases", "GIT", "", "MESH:D005770"),
			ent("disease", "Diseases", "Venous congestion", "", "MESH:D006940"),
			ent("disease", "Diseases", "Ischemia-Reperfusion Injury", "", "MESH:D015427"),
			ent("disease", "Diseases", "microvascular disturbances", "", "MESH:D017566"),
			ent("disease", "Diseases", "endothelial damage", "", "MESH:D014652"),
			ent("chemical", "Chemicals", "lactate", "", "MESH:D019344"),
			ent("chemical", "Chemicals", "ECPR", "", ""),
			ent("chemical", "Chemicals", "oxygen", "", "MESH:D010100"),
			ent("chemical", "Chemicals", "bilirubin", "", "MESH:D001663"),
			ent("species", "Species", "Rattus norvegicus", "brown rat, species", "NCBITaxon:10116"),
			ent("species", "Species", "Homo sapiens", "human, species", "NCBITaxon:9606"),
		},
	}
	if diff := cmp.Diff(want, got, ignorePos); diff != "" {
		t.Errorf("seed record mismatch (-want +got):\n%s", diff)
	}
	count := map[string]int{}
	for _, e := range got.Entities {
		count[e.Type]++
	}
	if want := map[string]int{"gene": 9, "disease": 27, "chemical": 4, "species": 2}; !cmp.Equal(want, count) {
		t.Errorf("entity counts by type = %v, want %v", count, want)
	}
	if len(got.Problems) != 0 {
		t.Errorf("the seed is clean, but the parser reported %v", got.Problems)
	}
	if !strings.HasPrefix(abstract, "The expanding use") || !strings.HasSuffix(abstract, "improve patient outcomes.") {
		t.Fatalf("test setup: abstract cut wrongly: %.40q", abstract)
	}
}

func TestSeedPositions(t *testing.T) {
	p := parseFile(t, seedPath)
	if p.TitleLine != 1 || p.AuthorsLine != 3 || p.MetadataLine != 5 || p.URLLine != 41 {
		t.Errorf("title/authors/metadata/url lines = %d/%d/%d/%d, want 1/3/5/41", p.TitleLine, p.AuthorsLine, p.MetadataLine, p.URLLine)
	}
	for i, want := range []int{17, 18, 19} {
		if got := p.KeyFindings[i].Line; got != want {
			t.Errorf("finding %d at line %d, want %d", i, got, want)
		}
	}
	// Expected columns come from the text of the line, counted in characters.
	lines := strings.Split(readString(t, seedPath), "\n")
	colOf := func(line int, name string) int {
		l := lines[line-1]
		return len([]rune(l[:strings.Index(l, name+" (")])) + 1
	}
	checks := []struct{ i, line int }{{0, 31}, {1, 31}, {8, 31}, {9, 32}, {35, 32}, {36, 33}, {37, 33}, {41, 34}}
	for _, c := range checks {
		e := p.Entities[c.i]
		if want := colOf(c.line, e.Name); e.Line != c.line || e.Col != want {
			t.Errorf("entity %q at %d:%d, want %d:%d", e.Name, e.Line, e.Col, c.line, want)
		}
	}
	if e := p.Entities[0]; e.Col != 14 {
		t.Errorf("Cxcl2 at column %d, want 14 (after \"- **Genes:** \")", e.Col)
	}
	meta := lines[4]
	if want := len([]rune(meta[:strings.Index(meta, "10.1007")])) + 1; p.DOICol != want {
		t.Errorf("DOI at column %d, want %d", p.DOICol, want)
	}
	if want := len([]rune(meta[:strings.Index(meta, "2026-01-05")])) + 1; p.DateCol != want {
		t.Errorf("date at column %d, want %d", p.DateCol, want)
	}
	if want := "_Full body text omitted from this summary view._ Fetch the complete paper as Markdown: https://tomesphere.com/paper/PMC12769693/full.md"; summary.Str(p.FullText) != want || p.FullTextLine != 36 {
		t.Errorf("full text %q at line %d", summary.Str(p.FullText), p.FullTextLine)
	}
	if e := p.Entities[1]; e.Raw != "FABP2 (fatty acid binding protein 2) [NCBI Gene 2169] {aka FABPI, I-FABP}" {
		t.Errorf("raw entity %q", e.Raw)
	}
	if e := p.LinkedEntities[0]; e.Line != 27 || e.Col != 17 {
		t.Errorf("linked entity at %d:%d, want 27:17", e.Line, e.Col)
	}
	wantHeadings := []string{"tldr:7", "contribution:11", "key_findings:15", "abstract:21", "linked_entities:25", "full_text_entities:29", "full_text:36"}
	var gotHeadings []string
	for _, h := range p.Headings {
		gotHeadings = append(gotHeadings, h.Key+":"+strconv.Itoa(h.Line))
	}
	if diff := cmp.Diff(wantHeadings, gotHeadings); diff != "" {
		t.Errorf("headings (-want +got):\n%s", diff)
	}
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func corpus(name string) string { return filepath.Join("..", "..", "testdata", "corpus", name) }
