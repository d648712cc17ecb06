package refs

import (
	"runtime"
	"strings"
	"testing"
)

// grows runs f at n and 2n and fails when doubling the input more than
// about doubles the bytes allocated (exact, unlike wall time on a shared
// machine; a string built up piece by piece shows a ratio near 4): a record
// file is untrusted, and work must grow no faster than it.
func grows(t *testing.T, name string, n int, f func(n int)) {
	t.Helper()
	allocated := func(n int) uint64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f(n)
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	allocated(n) // warm up: first-use allocations are not the input's
	small, large := allocated(n), allocated(2*n)
	if large > 64<<10 && float64(large) > 2.6*float64(small) {
		t.Errorf("%s: %d bytes at %d, %d at %d: faster than linear", name, small, n, large, 2*n)
	}
}

func TestReadersLinear(t *testing.T) {
	for name, unit := range map[string]string{
		"entries":       "@article{k, title={T}, author={A, B and C, D}, year=2020}\n",
		"nested braces": "{",
		"authors":       "Smith, John and ",
		"accents":       `{\"o}\textit{x}`,
		"ats":           "@",
	} {
		grows(t, "bibtex "+name, 4000, func(n int) {
			src := strings.Repeat(unit, n)
			if name == "authors" || name == "accents" || name == "nested braces" {
				src = "@article{k, author={" + src + "}, title={" + src + "}}"
			}
			_, _ = Read("bibtex", []byte(src))
		})
	}
	grows(t, "csljson", 4000, func(n int) {
		item := `{"id":"k","title":"<i>T</i>","author":[{"family":"F","given":"G"}],"issued":{"date-parts":[[2020,1,2]]}}`
		_, _ = Read("csljson", []byte("["+strings.TrimSuffix(strings.Repeat(item+",", n), ",")+"]"))
	})
	grows(t, "ris continuation", 4000, func(n int) {
		_, _ = Read("ris", []byte("TY  - JOUR\nTI  - t\n"+strings.Repeat("  more words\n", n)+"ER  - \n"))
	})
}
