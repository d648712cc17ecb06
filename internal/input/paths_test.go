package input

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// TestPathsSortLikeStrings: the compact list gives back every path as it
// was added, and sorts them as sort.Strings sorts the strings: folder
// names that are prefixes of others ("a" and "a-b", "a/b" and "a/b-c"),
// characters before and after '/', files beside folders, names that are
// prefixes of folder names.
func TestPathsSortLikeStrings(t *testing.T) {
	parts := []string{"a", "a-b", "a.b", "a0", "b", "", "é", "a/b", "a/b-c", "x.md", "-", "A"}
	r := rand.New(rand.NewPCG(3, 4))
	var want []string
	seen := map[string]bool{}
	for len(want) < 3000 {
		p := ""
		for n := r.IntN(4); n >= 0; n-- {
			if p != "" || r.IntN(3) == 0 {
				p += "/"
			}
			p += parts[r.IntN(len(parts))]
		}
		if p != "" && !seen[p] { // "" is no path: it marks a place to drop
			seen[p] = true
			want = append(want, p)
		}
	}
	l := NewPaths(want...)
	if l.Len() != len(want) {
		t.Fatalf("Len %d, want %d", l.Len(), len(want))
	}
	if got := l.Strings(); !slices.Equal(got, want) {
		t.Fatal("paths differ from those added")
	}
	l.Sort()
	sort.Strings(want)
	if got := l.Strings(); !slices.Equal(got, want) {
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("position %d: %q, want %q", i, got[i], want[i])
			}
		}
	}
	if !l.Contains(want[17]) || l.Contains("absent") {
		t.Fatal("Contains")
	}
	// Set (a file listed through a link, then by its own name) renames one.
	l.Set(5, "other/dir/renamed-longer-than-before.md")
	if got := l.At(5); got != "other/dir/renamed-longer-than-before.md" {
		t.Fatalf("after Set: %q", got)
	}
	if l.At(4) != want[4] || l.At(6) != want[6] {
		t.Fatal("Set changed a neighbour")
	}
	// An alias's place, emptied, is dropped; the rest keep their order.
	n := l.Len()
	l.Set(2, "")
	l.DeleteEmpty()
	if l.Len() != n-1 || l.At(1) != want[1] || l.At(2) != want[3] {
		t.Fatalf("DeleteEmpty: %d paths, then %q, %q", l.Len(), l.At(1), l.At(2))
	}
}

// TestPathsCompact: a walk's paths cost the name and a few bytes each.
func TestPathsCompact(t *testing.T) {
	l := &Paths{}
	for i := 0; i < 10000; i++ {
		l.Add("/tmp/vagut-bench-123456789/scale1000000/batch" + string(rune('0'+i/1000)) + "/paper" + string(rune('0'+i%10)) + ".md")
	}
	perPath := (len(l.names) + 12*cap(l.ents)) / l.Len()
	if perPath > 30 {
		t.Fatalf("%d bytes a path", perPath)
	}
}
