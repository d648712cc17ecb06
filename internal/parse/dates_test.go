package parse

import (
	"runtime"
	"strings"
	"testing"
)

// A metadata line is untrusted input: however many fields or separators it
// holds, parsing it must grow linearly. Wall time on a shared machine is too
// noisy at these sizes, so the test doubles the line and compares the bytes
// allocated, which are exact: a quadratic step (a string built up field by
// field, a rescan per field) shows there as a ratio near 4.
func TestMetadataLineLinear(t *testing.T) {
	for _, unit := range []string{"PMC | ", "2013 • ", "DOI: 10.1/x · ", "May 2018 | J · ", "|", "- - ", "2013-" + strings.Repeat("-", 50) + " | "} {
		allocated := func(n int) uint64 {
			src := []byte("# T\n\nPMC | " + strings.Repeat(unit, n) + "\n")
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			if _, err := Parse("x.md", src); err != nil {
				t.Fatal(err)
			}
			runtime.ReadMemStats(&after)
			return after.TotalAlloc - before.TotalAlloc
		}
		const n = 1 << 12
		small, large := allocated(n), allocated(2*n)
		if float64(large) > 2.5*float64(small) {
			t.Errorf("%q: %d bytes at %d, %d at %d: faster than linear", unit, small, n, large, 2*n)
		}
	}
}
