// Package pipeline runs work on many inputs concurrently and hands the
// results back in input order, holding only a bounded window of them, so
// output is deterministic and memory does not grow with the number of inputs.
package pipeline

import "sync"

// Window is how many results per worker may wait for their turn. emit
// sometimes takes a while (summarize sorts and writes a temporary file of
// several MB when its buffer is full): a window of 4 stalled the workers for
// that long; 16 lets them run on. A result is a paper and its encoding,
// a few tens of KB, so the window costs about a MB per worker.
const Window = 16

// Ordered calls work(i) for i in [0, n) on `workers` goroutines and emit(i,
// result) in order of i on the calling goroutine. At most about Window x
// workers results (4 x workers past 64 workers) wait for their turn. When emit returns false, no further emit is
// called and Ordered returns once the work under way has finished.
func Ordered[T any](workers, n int, work func(i int) T, emit func(i int, r T) bool) {
	if workers < 1 {
		workers = 1
	}
	if n == 0 {
		return
	}
	type job struct {
		i   int
		out chan T
	}
	jobs := make(chan job)
	// At most 256 results wait, or 4 a worker past 64 workers, as before.
	order := make(chan chan T, max(workers*4, min(workers*Window, 16*Window)))
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out <- work(j.i)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for i := 0; i < n; i++ {
			out := make(chan T, 1) // buffered: a worker never waits for emit
			select {
			case order <- out:
			case <-stop:
				return
			}
			select {
			case jobs <- job{i, out}:
			case <-stop:
				return
			}
		}
	}()
	i := 0
	for out := range order {
		if !emit(i, <-out) {
			close(stop)
			break
		}
		i++
	}
	if i < n {
		// Drain what the feeder had already queued, so it can see stop and return.
		go func() {
			for range order {
			}
		}()
	}
	wg.Wait()
}
