package spill

import (
	"fmt"
	"testing"
	"time"
)

// TestAddDoesNotWaitForTheSpill: a full buffer is sorted and written in the
// background; Add returns at once and takes the next records meanwhile (the
// caller, summarize's emit, would otherwise hold up every worker). The
// comparison blocks until the test lets it go, so a sort inside Add would
// never return.
func TestAddDoesNotWaitForTheSpill(t *testing.T) {
	release := make(chan struct{})
	s := New(400, func(a, b Key) int {
		<-release
		return byA(a, b)
	})
	defer s.Close()
	added := make(chan error, 1)
	go func() {
		// 82 bytes each against half the budget, 200: the third spills,
		// the fourth is taken while the first three are being sorted.
		for i := 0; i < 4; i++ {
			if err := s.Add(Key{A: fmt.Sprint(3 - i)}, []byte(fmt.Sprint(i))); err != nil {
				added <- err
				return
			}
		}
		added <- nil
	}()
	select {
	case err := <-added:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		close(release)
		<-added
		t.Fatal("Add waited for the spill's sort")
	}
	if s.Spilt == 0 {
		t.Fatal("nothing was spilt: the test proves nothing")
	}
	close(release)
	var got string
	if err := s.Each(func(v []byte) error { got += string(v); return nil }); err != nil {
		t.Fatal(err)
	}
	if got != "3210" {
		t.Errorf("order %q, want 3210", got)
	}
}
