package names

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Real name forms, as people, PubMed, Crossref and BibTeX users write them.
var parseCases = []struct {
	in   string
	want Name
}{
	// Given Family
	{"Amr Omar", Name{Given: "Amr", Family: "Omar"}},
	{"María José García-López", Name{Given: "María José", Family: "García-López"}},
	{"Jonas Ødegaard", Name{Given: "Jonas", Family: "Ødegaard"}},
	{"Jean-Charles Preiser", Name{Given: "Jean-Charles", Family: "Preiser"}},
	{"J.-C. Preiser", Name{Given: "J.-C.", Family: "Preiser"}},
	{"J. M. O'Brien", Name{Given: "J. M.", Family: "O'Brien"}},
	{"J.M. O'Brien", Name{Given: "J. M.", Family: "O'Brien"}},
	{"Mary-Kate McDonald", Name{Given: "Mary-Kate", Family: "McDonald"}},
	{"Carlos DeLuca", Name{Given: "Carlos", Family: "DeLuca"}},
	{"Ludwig van Beethoven", Name{Given: "Ludwig", Particle: "van", Family: "Beethoven"}},
	{"Tom van der Poll", Name{Given: "Tom", Particle: "van der", Family: "Poll"}},
	{"Jean de la Fontaine", Name{Given: "Jean", Particle: "de la", Family: "Fontaine"}},
	{"Daniel Da Silva", Name{Given: "Daniel", Family: "Da Silva"}},
	{"Daniel da Silva", Name{Given: "Daniel", Particle: "da", Family: "Silva"}},
	{"João dos Santos", Name{Given: "João", Particle: "dos", Family: "Santos"}},
	{"Alexander von Humboldt", Name{Given: "Alexander", Particle: "von", Family: "Humboldt"}},
	{"Marine Le Pen", Name{Given: "Marine", Family: "Le Pen"}},
	{"Anne le Guen", Name{Given: "Anne", Particle: "le", Family: "Guen"}},
	{"Khalid al-Rashid", Name{Given: "Khalid", Family: "al-Rashid"}},
	{"Khalid al Rashid", Name{Given: "Khalid", Particle: "al", Family: "Rashid"}},
	{"Paolo di Stefano", Name{Given: "Paolo", Particle: "di", Family: "Stefano"}},
	{"Vincent Van Gogh", Name{Given: "Vincent", Family: "Van Gogh"}},
	{"Martin Luther King Jr.", Name{Given: "Martin Luther", Family: "King", Suffix: "Jr."}},
	{"John Smith Jr", Name{Given: "John", Family: "Smith", Suffix: "Jr"}},
	{"John Smith Sr.", Name{Given: "John", Family: "Smith", Suffix: "Sr."}},
	{"Henry Ford II", Name{Given: "Henry", Family: "Ford", Suffix: "II"}},
	{"Thurston Howell III", Name{Given: "Thurston", Family: "Howell", Suffix: "III"}},
	{"Aristotle", Name{Family: "Aristotle"}},
	{"Siobhán Ní Bhriain", Name{Given: "Siobhán Ní", Family: "Bhriain"}},
	// PubMed: Family INITIALS
	{"Yang S", Name{Given: "S.", Family: "Yang"}},
	{"Zhou H", Name{Given: "H.", Family: "Zhou"}},
	{"Cruz-Cosme R", Name{Given: "R.", Family: "Cruz-Cosme"}},
	{"van der Poll T", Name{Given: "T.", Particle: "van der", Family: "Poll"}},
	{"Da Silva D", Name{Given: "D.", Family: "Da Silva"}},
	{"O'Brien JM", Name{Given: "J. M.", Family: "O'Brien"}},
	{"Smith JMK", Name{Given: "J. M. K.", Family: "Smith"}},
	{"Ødegaard J", Name{Given: "J.", Family: "Ødegaard"}},
	{"de la Cruz M", Name{Given: "M.", Particle: "de la", Family: "Cruz"}},
	{"dos Santos AC", Name{Given: "A. C.", Particle: "dos", Family: "Santos"}},
	{"von Haehling S", Name{Given: "S.", Particle: "von", Family: "Haehling"}},
	{"Le Gall JR", Name{Given: "J. R.", Family: "Le Gall"}},
	{"García-López MJ", Name{Given: "M. J.", Family: "García-López"}},
	{"Garcia Lopez MJ", Name{Given: "M. J.", Family: "Garcia Lopez"}},
	{"Smith JM Jr", Name{Given: "J. M.", Family: "Smith", Suffix: "Jr"}},
	{"Smith JM 3rd", Name{Given: "J. M.", Family: "Smith", Suffix: "3rd"}},
	{"Ivanov II", Name{Given: "I. I.", Family: "Ivanov"}},
	{"Preiser J-C", Name{Given: "J.-C.", Family: "Preiser"}},
	{"Preiser J.-C.", Name{Given: "J.-C.", Family: "Preiser"}},
	{"al-Rashid K", Name{Given: "K.", Family: "al-Rashid"}},
	{"Li X", Name{Given: "X.", Family: "Li"}},
	{"Ng KC", Name{Given: "K. C.", Family: "Ng"}},
	// Family, Given
	{"Smith, John", Name{Given: "John", Family: "Smith"}},
	{"Omar, Amr", Name{Given: "Amr", Family: "Omar"}},
	{"Smith, J.", Name{Given: "J.", Family: "Smith"}},
	{"Smith, J. M.", Name{Given: "J. M.", Family: "Smith"}},
	{"O'Brien, JM", Name{Given: "J. M.", Family: "O'Brien"}},
	{"van der Poll, Tom", Name{Given: "Tom", Particle: "van der", Family: "Poll"}},
	{"Beethoven, Ludwig van", Name{Given: "Ludwig", Particle: "van", Family: "Beethoven"}},
	{"Da Silva, Daniel", Name{Given: "Daniel", Family: "Da Silva"}},
	{"Smith, John, Jr.", Name{Given: "John", Family: "Smith", Suffix: "Jr."}},
	{"Smith, Jr., John", Name{Given: "John", Family: "Smith", Suffix: "Jr."}},
	{"García-López, María José", Name{Given: "María José", Family: "García-López"}},
	{"Preiser, Jean-Charles", Name{Given: "Jean-Charles", Family: "Preiser"}},
	// Groups
	{"ELSO Study Group", Name{Literal: "ELSO Study Group"}},
	{"RECOVERY Collaborative Group", Name{Literal: "RECOVERY Collaborative Group"}},
	{"REMAP-CAP Investigators", Name{Literal: "REMAP-CAP Investigators"}},
	{"ARDS Definition Task Force", Name{Literal: "ARDS Definition Task Force"}},
	{"International ECMO Network", Name{Literal: "International ECMO Network"}},
	{"European Society of Cardiology", Name{Literal: "European Society of Cardiology"}},
	{"Human Microbiome Project Consortium", Name{Literal: "Human Microbiome Project Consortium"}},
	{"ECMONet", Name{Literal: "ECMONet"}},
	{"REVA", Name{Literal: "REVA"}},
	// East Asian names in their own scripts: family name first
	{"李 小龙", Name{Given: "小龙", Family: "李"}},
	{"山田 太郎", Name{Given: "太郎", Family: "山田"}},
	{"김 민수", Name{Given: "민수", Family: "김"}},
	{"李小龙", Name{Family: "李小龙"}},
	// Affiliation and corresponding-author marks copied from a journal page
	{"Doe K*", Name{Given: "K.", Family: "Doe"}},
	{"Doe K¹", Name{Given: "K.", Family: "Doe"}},
	{"Amr Omar1,2*", Name{Given: "Amr", Family: "Omar"}},
	{"Omar A†", Name{Given: "A.", Family: "Omar"}},
	{"Smith, John1", Name{Given: "John", Family: "Smith"}},
	{"Smith JB 2nd", Name{Given: "J. B.", Family: "Smith", Suffix: "2nd"}},
	{"Doe K (deceased)", Name{Given: "K.", Family: "Doe"}},
	{"Amr Omar (corresponding author)", Name{Given: "Amr", Family: "Omar"}},
	{"REVA (Réseau Européen en Ventilation Artificielle)", Name{Literal: "REVA (Réseau Européen en Ventilation Artificielle)"}},
	// A stray "and"
	{"and ECMONet", Name{Literal: "ECMONet"}},
	{"and John Smith", Name{Given: "John", Family: "Smith"}},
}

func TestParse(t *testing.T) {
	if len(parseCases) < 60 {
		t.Fatalf("only %d name forms", len(parseCases))
	}
	for _, c := range parseCases {
		got, ok := Parse(c.in)
		if !ok {
			t.Errorf("Parse(%q): not a name", c.in)
			continue
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("Parse(%q) (-want +got):\n%s", c.in, diff)
		}
	}
}

func TestNotAnAuthor(t *testing.T) {
	for _, s := range []string{"et al.", "et al", "Et Al.", "and others", "and", "&", "", "  "} {
		if n, ok := Parse(s); ok {
			t.Errorf("Parse(%q) = %+v, want no author", s, n)
		}
	}
}

func TestSplit(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Yang S, Zhou H, Cruz-Cosme R", []string{"Yang S", "Zhou H", "Cruz-Cosme R"}},
		{"Smith, John", []string{"Smith, John"}},
		{"Smith, John, Doe, Jane", []string{"Smith, John", "Doe, Jane"}},
		{"Smith, J., Doe, K. L.", []string{"Smith, J.", "Doe, K. L."}},
		{"Smith, John; Doe, Jane", []string{"Smith, John", "Doe, Jane"}},
		{"van der Poll, Tom; Da Silva, Daniel", []string{"van der Poll, Tom", "Da Silva, Daniel"}},
		{"Amr Omar, Jonas Ødegaard", []string{"Amr Omar", "Jonas Ødegaard"}},
		{"Omar A, Ødegaard J, et al.", []string{"Omar A", "Ødegaard J", "et al."}},
		{"Smith J et al.", []string{"Smith J", "et al."}},
		{"Smith, John, et al.", []string{"Smith, John", "et al."}},
		{"REVA, and ECMONet", []string{"REVA", "ECMONet"}},
		{"REVA, ECMONet", []string{"REVA", "ECMONet"}},
		{"Smith J, Doe K and Roe R", []string{"Smith J", "Doe K", "Roe R"}},
		{"John Smith and Jane Doe", []string{"John Smith", "Jane Doe"}},
		{"Smith J, the ELSO Study Group", []string{"Smith J", "the ELSO Study Group"}},
		{"Society of Cardiology and Surgery", []string{"Society of Cardiology and Surgery"}},
		{"Smith J and the RECOVERY Collaborative Group", []string{"Smith J", "the RECOVERY Collaborative Group"}},
		{"Yang S, Zhou H,\nCruz-Cosme R", []string{"Yang S", "Zhou H", "Cruz-Cosme R"}},
		{"Yang S, Zhou H\nCruz-Cosme R", []string{"Yang S", "Zhou H", "Cruz-Cosme R"}},
		{"Yang S, , Zhou H", []string{"Yang S", "Zhou H"}},
		{"Smith, John, Jane Doe", []string{"Smith", "John", "Jane Doe"}},
		{"Doe, Jane; Smith, John, et al.", []string{"Doe, Jane", "Smith, John", "et al."}},
		{"Omar A1,2, Smith B3, Doe K1,3*", []string{"Omar A1,2", "Smith B3", "Doe K1,3*"}},
		{"Amr Omar1,2, Jonas Ødegaard2", []string{"Amr Omar1,2", "Jonas Ødegaard2"}},
	} {
		if diff := cmp.Diff(c.want, Split(c.in)); diff != "" {
			t.Errorf("Split(%q) (-want +got):\n%s", c.in, diff)
		}
	}
}

func TestJoinRoundTrips(t *testing.T) {
	for _, as := range [][]string{
		{"Yang S", "Zhou H"},
		{"Smith, John"},
		{"Smith, John", "Doe, Jane"},
		{"Omar", "Amr"}, // two one-word authors, from "Omar; Amr"
		{"Smith J", "et al."},
		{"Omar A1,2", "Smith B3"},
	} {
		if got := Split(Join(as)); !same(got, as) {
			t.Errorf("Split(Join(%q)) = %q", as, got)
		}
	}
}

func TestParseAllOthers(t *testing.T) {
	l := ParseAll([]string{"Yang S", "et al."})
	if !l.Others || len(l.Names) != 1 || l.Names[0].Family != "Yang" {
		t.Errorf("got %+v", l)
	}
}

func TestMatch(t *testing.T) {
	as := []string{"Yang S", "van der Poll T", "Jonas Ødegaard", "ELSO Study Group", "et al."}
	for q, want := range map[string]bool{
		"yang": true, "S Yang": true, "Yang S": true, "odegaard": true, "Ødegaard J": true,
		"van der poll": true, "Poll T": true, "elso": true, "al.": false, "et al": false, "Zhou": false,
	} {
		if got := Match(as, q); got != want {
			t.Errorf("Match(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestASCII(t *testing.T) {
	for in, want := range map[string]string{"van der Poll": "vanderpoll", "Ødegaard": "odegaard", "O'Brien": "obrien", "García-López": "garcialopez"} {
		if got := ASCII(in); got != want {
			t.Errorf("ASCII(%q) = %q, want %q", in, got, want)
		}
	}
}

// fmt writes the authors back with Join; the line must read as the same list.
func FuzzSplitJoin(f *testing.F) {
	for _, s := range []string{"Yang S, Zhou H, et al.", "Smith, John", "Smith; John", "REVA, and ECMONet",
		"Smith J and Doe K", "Smith, John, Doe, Jane; x", "a,b\nc", "and and, &", "van der Poll, T, Smith, J"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		as := Split(s)
		if got := Split(Join(as)); !same(got, as) {
			t.Errorf("Split(%q) = %q; Split(Join) = %q", s, as, got)
		}
		for _, a := range as {
			Parse(a)
		}
	})
}

// fmt writes the Authors line with Join: inverted names stay between
// semicolons, as the format documents, not commas a reader would miscount.
func TestJoinKeepsSemicolonsBetweenInvertedNames(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{
		{[]string{"Smith, John", "Doe, Jane"}, "Smith, John; Doe, Jane"},
		{[]string{"Yang S", "Zhou H"}, "Yang S, Zhou H"},
		{[]string{"Smith, John"}, "Smith, John"},
	} {
		if got := Join(c.in); got != c.want {
			t.Errorf("Join(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
