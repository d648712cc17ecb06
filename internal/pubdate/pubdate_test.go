package pubdate

import (
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	ok := []struct{ in, want string }{
		{"2013", "2013"},
		{"2013-09", "2013-09"},
		{"2013-09-05", "2013-09-05"},
		{"2013-9-5", "2013-09-05"},
		{"2013/09/05", "2013-09-05"},
		{"2013.09", "2013-09"},
		{"24 May 2018", "2018-05-24"},
		{"4 May 2018", "2018-05-04"},
		{"May 2018", "2018-05"},
		{"2018 May 24", "2018-05-24"},
		{"2018 May", "2018-05"},
		{"2018 may", "2018-05"},
		{"2018 MAY 24", "2018-05-24"},
		{"September 2013", "2013-09"},
		{"Sept 2013", "2013-09"},
		{"Sept. 2013", "2013-09"},
		{"sep. 2013", "2013-09"},
		{"2013 Sept. 5", "2013-09-05"},
		{"5 Sept. 2013", "2013-09-05"},
		{"5 SEPTEMBER 2013", "2013-09-05"},
		{"2013 Dec.", "2013-12"},
		{"May 24, 2018", "2018-05-24"},
		{"24-May-2018", "2018-05-24"},
		{"  2018 Feb 29 ", ""}, // not a leap year: below
		{"2024 Feb 29", "2024-02-29"},
		{"2024-02-29", "2024-02-29"},
	}
	for _, c := range ok {
		got, err := Parse(c.in)
		if c.want == "" {
			if err == nil {
				t.Errorf("Parse(%q) = %q, want an error", c.in, got)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("Parse(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
		if !Looks(c.in) {
			t.Errorf("Looks(%q) = false for a date Parse reads", c.in)
		}
	}
}

func TestParseBad(t *testing.T) {
	for _, c := range []struct{ in, reason string }{
		{"2013-13", "is not a real calendar date"},
		{"2013-00", "is not a real calendar date"},
		{"2013-02-30", "is not a real calendar date"},
		{"2023-02-29", "is not a real calendar date"},
		{"31 Apr 2020", "is not a real calendar date"},
		{"0000", "is not a real calendar date"},
		{"2013-09-00", "is not a real calendar date"},
		{"14/05/2023", Unreadable},
		{"05/14/2023", Unreadable},
		{"14/05/23", Unreadable},
		{"2018 Spring", Unreadable},
		{"2018 May-Jun", Unreadable},
		{"2013-09/05", Unreadable},
		{"2013 09", Unreadable},
		{"May 2018 2019", Unreadable},
		{"2018 May 24 - 2018 Jun 1", Unreadable},
		{"201309", "is not a date"},
	} {
		got, err := Parse(c.in)
		var e *Error
		if !errors.As(err, &e) || e.Reason != c.reason {
			t.Errorf("Parse(%q) = %q, %v; want reason %q", c.in, got, err, c.reason)
		}
		if c.reason != "is not a date" && !Looks(c.in) {
			t.Errorf("Looks(%q) = false; a date gone wrong must be reported, not read as a journal", c.in)
		}
	}
}

// Text in a metadata line that is no date is left to be a journal.
func TestLooksNot(t *testing.T) {
	for _, s := range []string{"", "Critical Care", "Cell", "May", "PMC", "Lancet 2020", "45-67",
		"12(3):45-67", "10.1000/abc", "Mai 2018", "2013-09-05T10:00", "2018 May 24 - 2018 Jun 1 - 2019", "Nature Medicine", "١٢٣٤"} {
		if Looks(s) {
			t.Errorf("Looks(%q) = true", s)
		}
	}
}

func TestBoundsAndOrder(t *testing.T) {
	for _, c := range []struct{ iso, first, last string }{
		{"2013", "2013-01-01", "2013-12-31"},
		{"2013-09", "2013-09-01", "2013-09-30"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2013-09-15", "2013-09-15", "2013-09-15"},
	} {
		if f, l := Bounds(c.iso); f != c.first || l != c.last {
			t.Errorf("Bounds(%q) = %s, %s; want %s, %s", c.iso, f, l, c.first, c.last)
		}
	}
	// Newest first: a partial date before the full dates of its period.
	newestFirst := []string{"2014-01-01", "2013", "2013-12", "2013-12-31", "2013-09", "2013-09-30", "2013-09-01", "2013-08-31", "2012"}
	for i := 1; i < len(newestFirst); i++ {
		if a, b := SortKey(newestFirst[i-1]), SortKey(newestFirst[i]); a <= b {
			t.Errorf("%s must sort before %s, newest first", newestFirst[i-1], newestFirst[i])
		}
	}
}

func TestParts(t *testing.T) {
	for _, c := range []struct {
		iso  string
		want []int
	}{{"2013", []int{2013}}, {"2013-09", []int{2013, 9}}, {"2013-09-05", []int{2013, 9, 5}}} {
		got := Parts(c.iso)
		if len(got) != len(c.want) {
			t.Errorf("Parts(%q) = %v", c.iso, got)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("Parts(%q) = %v", c.iso, got)
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2013-09", "24 May 2018", "2018 May 24", "14/05/23", "Sept. 2013"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		iso, err := Parse(s)
		if err != nil {
			return
		}
		if !Looks(s) {
			t.Fatalf("Parse(%q) = %q but Looks is false", s, iso)
		}
		// ISO output reads back as itself.
		if again, err := Parse(iso); err != nil || again != iso {
			t.Fatalf("Parse(%q) = %q, which reads back as %q, %v", s, iso, again, err)
		}
	})
}

// Work grows linearly with the text, whatever it holds: a metadata line is
// untrusted input. Doubling the text may at most about double the bytes
// allocated (exact, unlike wall time on a shared machine); a string built up
// piece by piece would show a ratio near 4.
func TestLinear(t *testing.T) {
	for _, unit := range []string{"-", "- ", "2013-", "May ", "1", " ", "·", "2013 May 24, "} {
		// The least of three runs: TotalAlloc is the whole process's, and
		// the runtime may allocate for itself during one of them.
		allocated := func(n int) uint64 {
			s := strings.Repeat(unit, n)
			least := uint64(math.MaxUint64)
			for range 3 {
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				Looks(s)
				_, _ = Parse(s)
				runtime.ReadMemStats(&after)
				least = min(least, after.TotalAlloc-before.TotalAlloc)
			}
			return least
		}
		const n = 1 << 14
		small, large := allocated(n), allocated(2*n)
		if large > 1024 && float64(large) > 2.5*float64(small) {
			t.Errorf("%q: %d bytes at %d, %d at %d: faster than linear", unit, small, n, large, 2*n)
		}
	}
}

// tokens lowers the words on the stack; every month and season name in any
// case, and words a letter longer than the buffer holds, read as through
// strings.ToLower.
func TestTokensAnyCase(t *testing.T) {
	var words []string
	for w := range months.Get() {
		words = append(words, w)
	}
	for w := range seasons.Get() {
		words = append(words, w)
	}
	for _, w := range words {
		for _, in := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:], w + "x", "x" + w, w + strings.Repeat("x", 12-len(w)), w + strings.Repeat("x", 13-len(w))} {
			got, ok := tokens(nil, in+" 2013")
			m, isMonth := months.Get()[strings.ToLower(in)]
			wantOK := isMonth || seasons.Get()[strings.ToLower(in)]
			if ok != wantOK || ok && got[0].month != m {
				t.Errorf("tokens(%q) = %v, %v; want month %d, ok %v", in+" 2013", got, ok, m, wantOK)
			}
		}
	}
}
