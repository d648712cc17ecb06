package doi

import "testing"

func TestBareAndKey(t *testing.T) {
	for in, want := range map[string]string{
		"10.1/X": "10.1/X", " https://doi.org/10.1/X ": "10.1/X", "doi:10.1/x": "10.1/x",
		"DOI:10.1/x": "10.1/x", "https://dx.doi.org/10.1/X": "10.1/X", "http://doi.org/10.1/x": "10.1/x",
	} {
		if got := Bare(in); got != want {
			t.Errorf("Bare(%q) = %q, want %q", in, got, want)
		}
	}
	if Key("https://doi.org/10.1/ABC") != Key("doi:10.1/abc") {
		t.Error("Key does not fold prefix and case")
	}
}
