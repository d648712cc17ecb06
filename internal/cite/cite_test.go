package cite

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vagut/vagut/internal/summary"
)

func paper(id, authors, date, title string) *summary.Paper {
	p := &summary.Paper{ID: id, Title: title, Path: id + ".md"}
	if authors != "" {
		p.Authors = []string{authors}
	}
	if date != "" {
		p.Published = &date
	}
	return p
}

func TestKeysAreUniqueAndStable(t *testing.T) {
	ps := []*summary.Paper{
		paper("c", "Jonas Ødegaard", "2020-05-01", "Gut barrier failure"),
		paper("a", "Jonas Ødegaard", "2020-01-01", "Gut injury in pigs"),
		paper("b", "Amr Omar", "2026-01-05", "Heart–gut interaction"),
		paper("d", "", "", "The ECMO circuit"),
		paper("e", "ELSO Study Group", "2019-02-02", "A registry report"),
	}
	var keys []string
	for _, e := range Entries(ps) {
		keys = append(keys, e.Key+"="+e.Paper.ID)
	}
	want := []string{"anonndecmo=d", "elso2019registry=e", "odegaard2020guta=a", "odegaard2020gutb=c", "omar2026heartgut=b"}
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The same papers in another order give the same keys.
	rev := []*summary.Paper{ps[4], ps[3], ps[2], ps[1], ps[0]}
	var again []string
	for _, e := range Entries(rev) {
		again = append(again, e.Key+"="+e.Paper.ID)
	}
	if diff := cmp.Diff(keys, again); diff != "" {
		t.Errorf("keys depend on input order (-first +second):\n%s", diff)
	}
}

func TestSuffixes(t *testing.T) {
	for n, want := range map[int]string{0: "a", 1: "b", 25: "z", 26: "aa", 27: "ab"} {
		if got := suffix(n); got != want {
			t.Errorf("suffix(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestBibTitleProtectsAcronyms(t *testing.T) {
	got := bibTitle("Gut biomarkers on VA-ECMO: 50% of mRNA & more_data")
	want := `Gut biomarkers on {VA-ECMO}: 50\% of {mRNA} \& more\_data`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
