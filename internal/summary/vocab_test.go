package summary

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTypeOf(t *testing.T) {
	for in, want := range map[string]string{
		"Genes": "gene", "Diseases": "disease", "Chemicals": "chemical", "Species": "species",
		"Cell lines": "cell_line", "Variants": "variant", "Cell Types": "cell_type",
		"Anatomical structures": "anatomical_structure", "Therapies": "therapy", "": "other",
		"Biomarkers ": "biomarker", "Processes": "process",
	} {
		if got := TypeOf(in); got != want {
			t.Errorf("TypeOf(%q) = %q, want %q", in, got, want)
		}
	}
}

// Each type's own category and labels read back as that type.
func TestEntityTypesReadBack(t *testing.T) {
	for _, d := range EntityTypes {
		for _, l := range append([]string{d.Category}, d.Labels...) {
			if got := TypeOf(l); got != d.Type {
				t.Errorf("TypeOf(%q) = %q, want %q", l, got, d.Type)
			}
		}
	}
	if diff := cmp.Diff([]string{"Genes", "Diseases", "Chemicals", "Species"}, CoreCategories()); diff != "" {
		t.Errorf("core categories (-want +got):\n%s", diff)
	}
}

// Each section's name and aliases read back as that section, and the
// usual order is the table's.
func TestSectionsReadBack(t *testing.T) {
	for i, s := range Sections {
		for _, h := range append([]string{s.Name, s.Name + ":", "  " + s.Name + " "}, s.Aliases...) {
			if got := SectionOf(h); got != s.Key {
				t.Errorf("SectionOf(%q) = %q, want %q", h, got, s.Key)
			}
		}
		if SectionOrder(s.Key) != i || SectionName(s.Key) != s.Name {
			t.Errorf("%s: order %d, name %q", s.Key, SectionOrder(s.Key), SectionName(s.Key))
		}
		if NearSection(s.Name) != s.Key {
			t.Errorf("NearSection(%q) = %q", s.Name, NearSection(s.Name))
		}
	}
	if SectionOf("Notes") != "" || SectionOrder("notes") != -1 || SectionName("notes") != "notes" {
		t.Error("an unknown heading is known")
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"keyfindngs", "keyfindings", 2, 1},
		{"keyfindigns", "keyfindings", 2, 1},
		{"abstarct", "abstract", 2, 1},
		{"abc", "abc", 0, 0},
		{"", "abc", 3, 3},
		{"kitten", "sitting", 3, 3},
		{"kitten", "sitting", 1, 2},
		{"methods", "abstract", 2, 3},
	} {
		if got := distance([]rune(c.a), []rune(c.b), c.limit); got != c.want {
			t.Errorf("distance(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
	}
}
