package hashtab

import (
	"fmt"
	"testing"
)

// TestTableMatchesMap: the table answers as a map of the strings would,
// through every growth, with reserved room and without.
func TestTableMatchesMap(t *testing.T) {
	for _, reserve := range []int{0, 10, 5000} {
		var tab Table
		tab.Reserve(reserve)
		want := map[string]uint32{}
		for i := 0; i < 20000; i++ {
			s := fmt.Sprintf("10.%d/x", i%7000) // repeats from 7,000 on
			v, had := tab.Put(Of(s), uint32(i))
			w, wantHad := want[s]
			if !wantHad {
				want[s], w = uint32(i), uint32(i)
			}
			if had != wantHad || v != w {
				t.Fatalf("reserve %d: Put(%q) = %d, %v; want %d, %v", reserve, s, v, had, w, wantHad)
			}
		}
		if tab.Len() != len(want) {
			t.Fatalf("Len %d, want %d", tab.Len(), len(want))
		}
		for s, w := range want {
			if v, ok := tab.Get(Of(s)); !ok || v != w {
				t.Fatalf("Get(%q) = %d, %v; want %d", s, v, ok, w)
			}
		}
		if _, ok := tab.Get(Of("absent")); ok {
			t.Fatal("Get of an absent key found it")
		}
	}
	var empty Table
	if _, ok := empty.Get(Of("")); ok {
		t.Fatal("the zero table found a key")
	}
}

// TestTableBytesPerKey: 16 bytes a slot, at most four-fifths full after a
// Reserve: a million keys take about 20 MB, not the 60–100 MB of a map of
// strings.
func TestTableBytesPerKey(t *testing.T) {
	var tab Table
	tab.Reserve(100000)
	for i := 0; i < 100000; i++ {
		tab.Put(Of(fmt.Sprint(i)), uint32(i))
	}
	if got := len(tab.slots) * 16 / tab.Len(); got > 21 {
		t.Fatalf("%d bytes a key", got)
	}
}
