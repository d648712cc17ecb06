package curie

import "testing"

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
		"CHEBI:15377":    "",
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
