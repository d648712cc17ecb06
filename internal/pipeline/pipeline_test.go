package pipeline

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

func TestOrderedKeepsOrder(t *testing.T) {
	for _, workers := range []int{0, 1, 2, 7, 64} {
		var got []int
		Ordered(workers, 500, func(i int) int {
			if i%7 == 0 {
				time.Sleep(time.Millisecond) // finish out of order
			}
			return i * i
		}, func(i, r int) bool {
			if r != i*i {
				t.Fatalf("result %d for input %d", r, i)
			}
			got = append(got, i)
			return true
		})
		if len(got) != 500 {
			t.Fatalf("workers %d: %d results", workers, len(got))
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("workers %d: position %d holds %d", workers, i, v)
			}
		}
	}
}

func TestOrderedStopsEarlyAndBoundsWork(t *testing.T) {
	var started atomic.Int64
	emitted := 0
	Ordered(4, 100000, func(i int) int {
		started.Add(1)
		return i
	}, func(i, r int) bool {
		emitted++
		return emitted < 10
	})
	if emitted != 10 {
		t.Errorf("emitted %d, want 10", emitted)
	}
	// The window is Window x 4 waiting plus 4 in the workers' hands.
	if n := started.Load(); n > 10+Window*4+4+1 {
		t.Errorf("%d inputs started after stopping at 10: the window is not bounded", n)
	}
}

func TestOrderedRunsInParallel(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one CPU")
	}
	var running, peak atomic.Int64
	Ordered(4, 40, func(i int) int {
		n := running.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(2 * time.Millisecond)
		running.Add(-1)
		return i
	}, func(int, int) bool { return true })
	if peak.Load() < 2 {
		t.Errorf("at most %d inputs ran at once", peak.Load())
	}
}

func TestOrderedNoGoroutineLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	for k := 0; k < 20; k++ {
		Ordered(3, 1000, func(i int) int { return i }, func(i, _ int) bool { return i < 5 })
	}
	time.Sleep(50 * time.Millisecond)
	if after := runtime.NumGoroutine(); after > before+2 {
		t.Errorf("goroutines: %d before, %d after", before, after)
	}
}

// TestOrderedWorkersRunAheadOfSlowEmit: while emit is busy with one result
// (summarize writing a temporary file), the workers go on until the window
// is full, instead of waiting for emit.
func TestOrderedWorkersRunAheadOfSlowEmit(t *testing.T) {
	const workers = 2
	var done atomic.Int64
	ahead := int64(-1)
	Ordered(workers, 1000, func(i int) int {
		done.Add(1)
		return i
	}, func(i, _ int) bool {
		if i == 0 {
			// Wait (at most 10 s) for the workers to fill the window.
			deadline := time.Now().Add(10 * time.Second)
			for done.Load() < Window*workers && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond)
			}
			ahead = done.Load()
		}
		return true
	})
	if ahead < Window*workers {
		t.Errorf("while emit was busy, the workers did %d inputs, want at least %d", ahead, Window*workers)
	}
}
