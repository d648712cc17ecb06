package curie

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	cases := []struct {
		in, want string
		known    bool
	}{
		{"NCBI Gene 2169", "NCBIGene:2169", true},
		{"ncbi  gene 2169", "NCBIGene:2169", true},
		{"NCBIGene:2169", "NCBIGene:2169", true},
		{"taxon 9606", "NCBITaxon:9606", true},
		{"NCBITaxon:9606", "NCBITaxon:9606", true},
		{"MESH:D001424", "MESH:D001424", true},
		{"MONDO:0800175", "MONDO:0800175", true},
		{"CVCL_0025", "CVCL_0025", true},
		{"brown rat, species", "brown rat, species", false},
		{"human", "human", false},
		{"taxon: 9606", "NCBITaxon:9606", true},
		{"NCBI Taxonomy ID 9606", "NCBITaxon:9606", true},
		{"NCBIGene: 2169", "NCBIGene:2169", true},
		{"GO:0006915", "GO:0006915", true},
		{"ncbigene:2169", "NCBIGene:2169", true},
		{"taxon:9606", "NCBITaxon:9606", true},
		{"a:b", "a:b", true},
		{"1A:b", "1A:b", false},
		{"A::b", "A::b", false},
		{"A:", "A:", false},
		{"CVCL_", "CVCL_", false},
		{"cvcl_0025", "cvcl_0025", false},
		{"A B:c", "A B:c", false},
	}
	for _, c := range cases {
		got, known := Normalize(c.in)
		if got != c.want || known != c.known {
			t.Errorf("Normalize(%q) = %q, %v; want %q, %v", c.in, got, known, c.want, c.known)
		}
	}
}

func TestIsIdentifier(t *testing.T) {
	for s, want := range map[string]bool{
		"MESH:D001424": true, "CVCL_0025": true, "-": false, "interleukin 6": false,
		"brown rat, species": false, "fatty acid binding protein 2": false, "a: b": false,
	} {
		if got := IsIdentifier(s); got != want {
			t.Errorf("IsIdentifier(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestURL(t *testing.T) {
	for c, want := range map[string]string{
		"MESH:D001424":   "https://meshb.nlm.nih.gov/record/ui?ui=D001424",
		"MONDO:0800175":  "https://monarchinitiative.org/MONDO:0800175",
		"NCBIGene:2169":  "https://www.ncbi.nlm.nih.gov/gene/2169",
		"NCBITaxon:9606": "https://www.ncbi.nlm.nih.gov/Taxonomy/Browser/wwwtax.cgi?id=9606",
		"CVCL_0025":      "https://www.cellosaurus.org/CVCL_0025",
		"CHEBI:15377":    "https://www.ebi.ac.uk/chebi/searchId.do?chebiId=CHEBI:15377",
		"dbSNP:rs429358": "https://www.ncbi.nlm.nih.gov/snp/rs429358",
		"OMIM:143100":    "https://omim.org/entry/143100",
		"MIM:143100":     "https://omim.org/entry/143100",
		"mesh:C535334":   "https://meshb.nlm.nih.gov/record/ui?ui=C535334",
		"GO:0006915":     "",
		// Shapes the registry never issues get no link (issue 9).
		"MESH:D15427":   "",
		"MESH:D0154270": "",
		"MONDO:800175":  "",
		"NCBIGene:21a":  "",
		"CVCL_00255":    "",
		"OMIM:14310":    "",
	} {
		if got := URL(c); got != want {
			t.Errorf("URL(%q) = %q, want %q", c, got, want)
		}
	}
}

func TestEqual(t *testing.T) {
	if !Equal("NCBI Gene 2169", "ncbigene:2169") || Equal("NCBI Gene 2169", "NCBIGene:21690") {
		t.Fatal("Equal does not compare normalised forms")
	}
}

// The shapes each registry issues, from the registries' own rules.
func TestCheck(t *testing.T) {
	cases := []struct {
		id       string
		registry string // "" when vagut does not know it
		ok       bool
	}{
		{"MESH:D001424", "MeSH", true},
		{"MESH:C535334", "MeSH", true},
		{"MESH:D000077287", "MeSH", true},
		{"MESH:C000627458", "MeSH", true},
		{"MeSH:D001424", "MeSH", true},
		{"MESH:D15427", "MeSH", false},
		{"MESH:D0154270", "MeSH", false},
		{"MESH:D00142", "MeSH", false},
		{"MESH:Q000097", "MeSH", false},
		{"MESH:d001424", "MeSH", false},
		{"MESH:D00142X", "MeSH", false},
		{"MONDO:0800175", "MONDO", true},
		{"MONDO:800175", "MONDO", false},
		{"MONDO:08001750", "MONDO", false},
		{"NCBIGene:2169", "NCBI Gene", true},
		{"NCBIGene:2169a", "NCBI Gene", false},
		{"NCBITaxon:9606", "NCBI Taxonomy", true},
		{"NCBITaxon:-1", "NCBI Taxonomy", false},
		{"CVCL_0025", "Cellosaurus", true},
		{"CVCL_B6YH", "Cellosaurus", true},
		{"CVCL_025", "Cellosaurus", false},
		{"CVCL_00255", "Cellosaurus", false},
		{"CVCL_00a5", "Cellosaurus", false},
		{"CHEBI:15377", "ChEBI", true},
		{"CHEBI:CHEBI:15377", "ChEBI", false},
		{"dbSNP:rs429358", "dbSNP", true},
		{"DBSNP:429358", "dbSNP", false},
		{"OMIM:143100", "OMIM", true},
		{"MIM:143100", "OMIM", true},
		{"OMIM:1431000", "OMIM", false},
		{"GO:0006915", "", true},
		{"HGNC_12", "", true},
	}
	for _, c := range cases {
		r, ok := Check(c.id)
		name := ""
		if r != nil {
			name = r.Name
		}
		if name != c.registry || ok != c.ok {
			t.Errorf("Check(%q) = %q, %v; want %q, %v", c.id, name, ok, c.registry, c.ok)
		}
	}
}

// Every registry's own example passes its own check and gets a link.
func TestRegistryExamples(t *testing.T) {
	for _, r := range Registries {
		if got, ok := Check(r.Example); got != r || !ok || URL(r.Example) == "" {
			t.Errorf("%s: example %s does not check out or link", r.Name, r.Example)
		}
	}
}

func TestNamespace(t *testing.T) {
	for id, want := range map[string]string{"MESH:D001424": "MESH", "CVCL_0025": "CVCL", "plain": "", "GO:1": "GO"} {
		if got := Namespace(id); got != want {
			t.Errorf("Namespace(%q) = %q, want %q", id, got, want)
		}
	}
}

// containsFold must answer as the ToLower copy it replaces, on every string
// of up to 4 bytes over an alphabet with each case, non-letters next to the
// letters by one bit, the two non-ASCII letters that lower to ASCII and
// invalid UTF-8, and on longer words around them.
func TestContainsFoldMatchesToLower(t *testing.T) {
	alphabet := []string{"g", "G", "e", "E", "n", "N", "t", "T", "a", "A", "x", "X", "o", "O", "@", "`", "'", "\u212a", "\u0130", "\xff", " "}
	var walk func(s string, depth int)
	walk = func(s string, depth int) {
		for _, prefix := range []string{"", "gen", "TAXO", "ta"} {
			for _, w := range []string{"gene", "taxon"} {
				in := prefix + s
				if got, want := containsFold(in, w), strings.Contains(strings.ToLower(in), w); got != want {
					t.Fatalf("containsFold(%q, %q) = %v, ToLower gives %v", in, w, got, want)
				}
			}
		}
		if depth == 0 {
			return
		}
		for _, c := range alphabet {
			walk(s+c, depth-1)
		}
	}
	walk("", 4)
}
