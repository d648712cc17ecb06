package linkref

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// What a user writes around definitions: CRLF line ends, tabs, a
// blockquote, a list item's continuation lines, the Key findings list.
func TestReviewSameAsGoldmarkContainers(t *testing.T) {
	defer func(w int) { window = w }(window)
	ours, theirs := newParser(true), newParser(false)
	rng := rand.New(rand.NewPCG(7, 9))
	extra := []string{"[tab]:\t/tab\t\"t\"", "\t[ti]: /ti", "[cr]: /cr 'x'", "[u]: /ü \"é\"", "[a]: <>", "[w]: /w\t(x)"}
	wrap := []func([]string) string{
		func(l []string) string { return strings.Join(l, "\r\n") + "\r\n\r\n[a] [l1]\r\n" },
		func(l []string) string { return "> " + strings.Join(l, "\n> ") + "\n" },
		func(l []string) string { return "- x\n\n  " + strings.Join(l, "\n  ") + "\n" },
		func(l []string) string { return "- " + strings.Join(l, "\r\n\t") + "\r\n" },
		func(l []string) string { return "> - " + strings.Join(l, "\n>   ") + "\n" },
		func(l []string) string { return "## Key findings\n\n- one\n" + strings.Join(l, "\n") + "\n- two\n" },
	}
	for _, w := range []int{1, 2, 3} {
		window = w
		for range 3000 {
			var lines []string
			for range rng.IntN(min(60, maxGrowth*w)) {
				switch rng.IntN(4) {
				case 0:
					lines = append(lines, fmt.Sprintf("[l%d]: /u%d", rng.IntN(50), rng.IntN(9)))
				case 1:
					lines = append(lines, extra[rng.IntN(len(extra))])
				default:
					lines = append(lines, pieces[rng.IntN(len(pieces))])
				}
			}
			src := []byte(wrap[rng.IntN(len(wrap))](lines))
			if quirk(theirs, src) {
				continue
			}
			if got, want := dump(ours, src), dump(theirs, src); got != want {
				t.Fatalf("window %d, source %q\n--- linkref:\n%s\n--- goldmark:\n%s", w, src, got, want)
			}
		}
	}
}
