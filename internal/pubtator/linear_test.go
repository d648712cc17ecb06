package pubtator

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// Doubling the annotations about doubles the bytes allocated (exact, unlike
// wall time on a shared machine): an annotation file is untrusted, and no
// id or mention may make work grow faster than the file.
func TestFoldLinear(t *testing.T) {
	for name, line := range map[string]func(i int) string{
		"one id, many mentions": func(i int) string { return fmt.Sprintf("1\t0\t1\tm%d\tGene\t2169", i) },
		"many ids":              func(i int) string { return fmt.Sprintf("1\t0\t1\tm\tGene\t%d", i) },
		"no ids":                func(i int) string { return fmt.Sprintf("1\t0\t1\tm%d\tDisease\t-", i) },
		"unknown types":         func(i int) string { return fmt.Sprintf("1\t0\t1\tm\tT%d\tX:%d", i, i) },
	} {
		run := func(n int) {
			var b strings.Builder
			b.WriteString("1|t|T\n1|a|A\n")
			for i := 0; i < n; i++ {
				b.WriteString(line(i) + "\n")
			}
			docs, err := Read(strings.NewReader(b.String()))
			if err != nil {
				t.Fatal(err)
			}
			Fold(docs[0])
		}
		allocated := func(n int) uint64 {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			run(n)
			runtime.ReadMemStats(&after)
			return after.TotalAlloc - before.TotalAlloc
		}
		const n = 5000
		allocated(n)
		small, large := allocated(n), allocated(2*n)
		if float64(large) > 2.6*float64(small) {
			t.Errorf("%s: %v at %d, %v at %d: faster than linear", name, small, n, large, 2*n)
		}
	}
}
