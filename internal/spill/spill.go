// Package spill orders records that may not fit in memory: an external merge
// sort. Records (an encoded paper, say) are held until a memory budget is
// reached, then sorted and written to a temporary file; at the end the files
// are merged in order. The temporary files are removed by Close, and on
// SIGINT or SIGTERM while any sorter is open.
package spill

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

// Key orders a record: A, then B, by the sorter's comparison, then the
// order of Add.
type Key struct{ A, B string }

// MaxFanIn is how many files one merge reads at once; past it, the fewest
// files that bring the count down to it are first merged into one, so open
// files and buffers stay bounded (256 files with 32 KB buffers: 8 MB) and
// few bytes are written twice. A million summaries at the default --mem
// spill a few hundred files.
var MaxFanIn = 256

// overhead is what one held record costs beside its bytes.
const overhead = 80

// Sorter orders records by key within a memory budget.
type Sorter struct {
	cmp    func(a, b Key) int
	budget int64

	held      []record
	heldBytes int64
	seq       uint64

	dir   string   // created at the first spill
	runs  []string // sorted files, each in order
	nrun  int
	Spilt int // records written to files, for tests and --verbose

	// writing is the error of the file being sorted and written in the
	// background (nil when none is): Add goes on meanwhile.
	writing chan error
}

type record struct {
	key Key
	seq uint64
	val []byte
}

// New returns a sorter that holds at most about budget bytes of records
// (keys and values) before writing them to a temporary file.
func New(budget int64, cmp func(a, b Key) int) *Sorter {
	return &Sorter{cmp: cmp, budget: budget}
}

func (s *Sorter) less(a, b *record) int {
	if c := s.cmp(a.key, b.key); c != 0 {
		return c
	}
	switch {
	case a.seq < b.seq:
		return -1
	case a.seq > b.seq:
		return 1
	}
	return 0
}

// Add takes a record; val is the sorter's from now on. Past half the
// budget the records held are sorted and written to a file in the
// background while Add takes the next ones (the other half): written by
// Add itself, they stopped the caller, and with it the workers that parse
// the files, for 30 to 100 ms each time.
func (s *Sorter) Add(k Key, val []byte) error {
	s.held = append(s.held, record{key: k, seq: s.seq, val: val})
	s.seq++
	s.heldBytes += int64(len(k.A)+len(k.B)+len(val)) + overhead
	if s.heldBytes > s.budget/2 {
		return s.spillBackground()
	}
	return nil
}

// wait waits for the file being written in the background, if any.
func (s *Sorter) wait() error {
	if s.writing == nil {
		return nil
	}
	err := <-s.writing
	s.writing = nil
	return err
}

// spillBackground hands the held records to a goroutine that sorts them
// and writes them to a new file, after the previous one is written: at
// most one is in flight, so at most the budget is held.
func (s *Sorter) spillBackground() error {
	if err := s.wait(); err != nil {
		return err
	}
	if len(s.held) == 0 {
		return nil
	}
	if err := s.makeDir(); err != nil {
		return err
	}
	batch := s.held
	s.held = make([]record, 0, len(batch))
	s.heldBytes = 0
	s.Spilt += len(batch)
	name := s.runName()
	s.runs = append(s.runs, name)
	filesWritten.Add(1)
	done := make(chan error, 1)
	s.writing = done
	go func() {
		slices.SortFunc(batch, func(a, b record) int { return s.less(&a, &b) })
		done <- s.writeRunTo(name, func(emit func(*record) error) error {
			for i := range batch {
				if err := emit(&batch[i]); err != nil {
					return err
				}
			}
			return nil
		})
		clear(batch) // let go of the values
	}()
	return nil
}

// makeDir creates the temporary folder at the first spill.
func (s *Sorter) makeDir() error {
	if s.dir != "" {
		return nil
	}
	ops.RLock()
	dir, err := os.MkdirTemp("", "vagut-spill-")
	ops.RUnlock()
	if err != nil {
		return fmt.Errorf("temporary folder for --mem: %w", err)
	}
	s.dir = dir
	track(dir)
	return nil
}

// spill writes the held records, sorted, to a new file.
func (s *Sorter) spill() error {
	if err := s.wait(); err != nil {
		return err
	}
	if len(s.held) == 0 {
		return nil
	}
	if err := s.makeDir(); err != nil {
		return err
	}
	slices.SortFunc(s.held, func(a, b record) int { return s.less(&a, &b) })
	name, err := s.writeRun(func(emit func(*record) error) error {
		for i := range s.held {
			if err := emit(&s.held[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.runs = append(s.runs, name)
	filesWritten.Add(1)
	s.Spilt += len(s.held)
	clear(s.held) // let go of the values
	s.held = s.held[:0]
	s.heldBytes = 0
	return nil
}

// runName names the next file.
func (s *Sorter) runName() string {
	name := filepath.Join(s.dir, fmt.Sprintf("run%06d", s.nrun))
	s.nrun++
	return name
}

// writeRun writes the records that each emits, in order, to a new file.
func (s *Sorter) writeRun(each func(emit func(*record) error) error) (string, error) {
	name := s.runName()
	return name, s.writeRunTo(name, each)
}

// writeRunTo writes the records that each emits, in order, to file name.
// It touches nothing of the sorter but its comparison and folder, so that
// it may run beside Add.
func (s *Sorter) writeRunTo(name string, each func(emit func(*record) error) error) error {
	ops.RLock()
	f, err := os.Create(name)
	ops.RUnlock()
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	var n [binary.MaxVarintLen64]byte
	put := func(b []byte) {
		w.Write(n[:binary.PutUvarint(n[:], uint64(len(b)))])
		w.Write(b)
	}
	err = each(func(r *record) error {
		put([]byte(r.key.A))
		put([]byte(r.key.B))
		w.Write(n[:binary.PutUvarint(n[:], r.seq)])
		put(r.val)
		return nil
	})
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing a temporary file for --mem: %w", err)
	}
	return nil
}

// run reads one sorted file back. Its current record lives in buffers the
// run reuses: a merge of millions of records allocates nothing per record.
type run struct {
	f       *os.File
	r       *bufio.Reader
	cur     record
	a, b, v []byte
}

func (s *Sorter) open(name string) (*run, error) {
	ops.RLock()
	f, err := os.Open(name)
	ops.RUnlock()
	if err != nil {
		return nil, err
	}
	return &run{f: f, r: bufio.NewReaderSize(f, 1<<15)}, nil
}

// next reads the next record; io.EOF at the end. The record read before
// is overwritten: what the merge hands on is used before the next call.
func (r *run) next() error {
	str := func(buf []byte) ([]byte, error) {
		n, err := binary.ReadUvarint(r.r)
		if err != nil {
			return buf, err
		}
		if n > 1<<40 {
			return buf, errors.New("record too long")
		}
		if uint64(cap(buf)) < n {
			buf = make([]byte, n, max(n, 2*uint64(cap(buf))))
		}
		buf = buf[:n]
		_, err = io.ReadFull(r.r, buf)
		return buf, err
	}
	var err error
	if r.a, err = str(r.a); err != nil {
		return err // io.EOF here is the clean end
	}
	if r.b, err = str(r.b); err != nil {
		return corrupt(err)
	}
	seq, err := binary.ReadUvarint(r.r)
	if err != nil {
		return corrupt(err)
	}
	if r.v, err = str(r.v); err != nil {
		return corrupt(err)
	}
	r.cur = record{key: Key{unsafe.String(unsafe.SliceData(r.a), len(r.a)), unsafe.String(unsafe.SliceData(r.b), len(r.b))}, seq: seq, val: r.v}
	return nil
}

func corrupt(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("reading a temporary file for --mem: %w", err)
}

// merger yields the smallest current record of its sources.
type merger struct {
	s    *Sorter
	runs []*run
}

func (m *merger) Len() int           { return len(m.runs) }
func (m *merger) Less(i, j int) bool { return m.s.less(&m.runs[i].cur, &m.runs[j].cur) < 0 }
func (m *merger) Swap(i, j int)      { m.runs[i], m.runs[j] = m.runs[j], m.runs[i] }
func (m *merger) Push(x any)         { m.runs = append(m.runs, x.(*run)) }
func (m *merger) Pop() any {
	r := m.runs[len(m.runs)-1]
	m.runs = m.runs[:len(m.runs)-1]
	return r
}

// merge calls fn on the records of the named files in order; fn returning
// a non-nil error stops it.
func (s *Sorter) merge(names []string, fn func(*record) error) (err error) {
	m := &merger{s: s}
	defer func() {
		for _, r := range m.runs {
			r.f.Close()
		}
	}()
	for _, name := range names {
		r, err := s.open(name)
		if err != nil {
			return err
		}
		if err := r.next(); err != nil {
			r.f.Close()
			if err == io.EOF {
				continue
			}
			return corrupt(err)
		}
		m.runs = append(m.runs, r)
	}
	heap.Init(m)
	for m.Len() > 0 {
		r := m.runs[0]
		if err := fn(&r.cur); err != nil {
			return err
		}
		switch err := r.next(); {
		case err == io.EOF:
			heap.Pop(m)
			r.f.Close()
		case err != nil:
			return corrupt(err)
		default:
			heap.Fix(m, 0)
		}
	}
	return nil
}

// Each calls fn with every record's value in order of key, then of Add,
// until fn returns an error, which Each returns. Call it once.
func (s *Sorter) Each(fn func(val []byte) error) error {
	if err := s.wait(); err != nil {
		return err
	}
	if len(s.runs) == 0 {
		slices.SortStableFunc(s.held, func(a, b record) int { return s.less(&a, &b) })
		for i := range s.held {
			if err := fn(s.held[i].val); err != nil {
				return err
			}
			s.held[i].val = nil
		}
		return nil
	}
	if err := s.spill(); err != nil {
		return err
	}
	// Merge the first files into one until one merge reads them all: k
	// files at a time take the count down by k-1, and the first merge
	// takes only as many as make the rest come out even.
	for len(s.runs) > MaxFanIn {
		k := (len(s.runs)-MaxFanIn)%(MaxFanIn-1) + 1
		if k == 1 {
			k = MaxFanIn
		}
		batch := s.runs[:k]
		name, err := s.writeRun(func(emit func(*record) error) error { return s.merge(batch, emit) })
		if err != nil {
			return err
		}
		for _, old := range batch {
			os.Remove(old)
		}
		s.runs = append(s.runs[k:], name)
	}
	return s.merge(s.runs, func(r *record) error { return fn(r.val) })
}

// Close removes the temporary files.
func (s *Sorter) Close() error {
	s.wait() // its error is the run's, reported by Add or Each
	s.held = nil
	if s.dir == "" {
		return nil
	}
	err := os.RemoveAll(s.dir)
	untrack(s.dir)
	s.dir = ""
	return err
}

// filesWritten counts the sorted files of every sorter, for tests of the
// commands that must not hold what they sort.
var filesWritten atomic.Int64

// FilesWritten is how many sorted temporary files the process has written.
func FilesWritten() int64 { return filesWritten.Load() }

// The temporary folders of open sorters, removed on SIGINT or SIGTERM.
// ops is held for reading while a file is created or opened, so that once
// the folders are gone no new file is looked for until the signal has
// ended the process (files already open are read and written unlinked).
var (
	ops     sync.RWMutex
	mu      sync.Mutex
	live    = map[string]bool{}
	signals chan os.Signal
)

func track(dir string) {
	mu.Lock()
	defer mu.Unlock()
	live[dir] = true
	if signals == nil {
		signals = make(chan os.Signal, 1)
		// A signal the process was started ignoring (SIGINT for a
		// background job) would not end it: leave it ignored.
		for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
			if !signal.Ignored(sig) {
				signal.Notify(signals, sig)
			}
		}
		go onSignal(signals)
	}
}

func untrack(dir string) {
	mu.Lock()
	defer mu.Unlock()
	delete(live, dir)
}

// onSignal removes the folders, then lets the signal do what it would have
// done: without another listener (the pager's), end the process with it.
func onSignal(ch chan os.Signal) {
	sig := <-ch
	ops.Lock()
	defer ops.Unlock()
	mu.Lock()
	for dir := range live {
		os.RemoveAll(dir)
	}
	live = map[string]bool{}
	signal.Stop(ch)
	signals = nil
	mu.Unlock()
	// With no listener left, the signal's default action is back: sent
	// again, it ends the process as it would have without vagut's handler.
	if p, err := os.FindProcess(os.Getpid()); err == nil {
		p.Signal(sig)
	}
	// Another listener (the pager's) took it: carry on, and let the run
	// fail on the files it no longer finds.
	time.Sleep(time.Second)
}
