// Package pipeline runs work on many inputs concurrently and hands the
// results back in input order, holding only a bounded window of them, so
// output is deterministic and memory does not grow with the number of inputs.
package pipeline

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Window is how many results per worker may wait for their turn. emit
// sometimes takes a while (summarize sorts and writes a temporary file of
// several MB when its buffer is full): a window of 4 stalled the workers for
// that long; 16 lets them run on. A result is a paper and its encoding,
// a few tens of KB, so the window costs about a MB per worker.
const Window = 16

// Ordered calls work(i) for i in [0, n) on `workers` goroutines and emit(i,
// result) in order of i on the calling goroutine. At most about Window x
// workers results (4 x workers past 64 workers) wait for their turn. When
// emit returns false, no further emit is called and Ordered returns once
// the work under way has finished.
//
// Each worker takes the next input itself (an atomic counter), with a token
// of the window. A goroutine that handed out the inputs, as before, was
// woken by a worker taking one and then waited for that worker's CPU: with
// as many workers as CPUs, the other worker often had nothing to do, and
// 2 workers were not much faster than 1.
func Ordered[T any](workers, n int, work func(i int) T, emit func(i int, r T) bool) {
	if workers < 1 {
		workers = 1
	}
	if n == 0 {
		return
	}
	// At most 256 results wait, or 4 a worker past 64 workers, as before.
	window := max(workers*4, min(workers*Window, 16*Window))
	// Result i goes to slot i % window. A worker takes a token before it
	// takes an input and emit gives one back after each result, so input i
	// is taken only once result i-window has left its slot.
	slots := make([]chan T, window)
	for k := range slots {
		slots[k] = make(chan T, 1)
	}
	tokens := make(chan struct{}, window)
	for range window {
		tokens <- struct{}{}
	}
	stop := make(chan struct{})
	var next, emitted atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				case <-tokens:
				}
				select {
				case <-stop:
					return
				default:
				}
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				slots[i%window] <- work(i)
				if int64(i) == emitted.Load() {
					// emit waits for this very result, and was woken on
					// this CPU: let it run now, rather than when this
					// worker next waits, so the window does not fill up.
					runtime.Gosched()
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		if !emit(i, <-slots[i%window]) {
			close(stop)
			break
		}
		emitted.Store(int64(i + 1))
		tokens <- struct{}{}
	}
	wg.Wait()
}
