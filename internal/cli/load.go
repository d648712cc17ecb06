package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/vagut/vagut/internal/ignore"
	"github.com/vagut/vagut/internal/input"
	"github.com/vagut/vagut/internal/iostreams"
	"github.com/vagut/vagut/internal/pipeline"
	"github.com/vagut/vagut/internal/render"
	"github.com/vagut/vagut/internal/sanitize"
)

// runFlags are the root's flags for every command that reads summaries.
type runFlags struct {
	jobs     int
	maxSize  byteSize
	quiet    bool
	noPager  bool
	exclude  []string
	noIgnore bool
	verbose  bool
	mem      byteSize
}

func (rf *runFlags) register(fs *pflag.FlagSet) {
	rf.maxSize = 10 << 20
	fs.IntVarP(&rf.jobs, "jobs", "j", min(runtime.GOMAXPROCS(0), maxJobs), "read and parse `N` files at once")
	fs.Var(&rf.maxSize, "max-size", "skip (and name) files larger than `SIZE` (10MB, 512KB, 1GB or bytes)")
	fs.BoolVar(&rf.verbose, "verbose", false, "say on stderr which settings file is in use")
	fs.BoolVarP(&rf.quiet, "quiet", "q", false, "no progress line, no warnings and no closing count on stderr; errors are still printed")
	fs.BoolVar(&rf.noPager, "no-pager", false, "do not page a digest or table shown in a terminal ($VAGUT_PAGER, $PAGER, less -FRX)")
	fs.StringArrayVar(&rf.exclude, "exclude", nil, "leave out files and folders matching `GLOB` (.gitignore syntax, relative to the working folder; repeatable)")
	fs.BoolVar(&rf.noIgnore, "no-ignore", false, "read files that .gitignore leaves out (exclude: and --exclude still apply)")
	rf.mem = DefaultMem
	fs.Var(&rf.mem, "mem", "memory to use, about, where the papers need not be held (summarize -o json, jsonl, csv, md; validate; cite): past it, encoded papers wait in temporary files, removed at the end and on Ctrl-C")
}

// byteSize is a flag value such as 10MB.
type byteSize int64

func (b *byteSize) String() string { return formatSize(int64(*b)) }
func (b *byteSize) Type() string   { return "size" }

func (b *byteSize) Set(s string) error {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || !(n > 0) { // !(n > 0) refuses NaN too
		return fmt.Errorf("want a size such as 10MB, 512KB or 1GB")
	}
	// 1e30 once overflowed int64 and every file was "larger than
	// -9223372036854775808B".
	v := n * float64(mult)
	if v < 1 || v > maxMaxSize {
		return fmt.Errorf("want a size from 1B to %s", formatSize(maxMaxSize))
	}
	*b = byteSize(v)
	return nil
}

// maxMaxSize bounds --max-size: a file is read whole into memory.
const maxMaxSize = 1 << 40

// maxJobs bounds --jobs: each worker holds a file; 2,000,000,000 of them ran
// out of memory before reading one.
const maxJobs = 1024

// check refuses flag values that make no sense, as usage errors.
func (rf *runFlags) check() error {
	if rf.jobs < 1 || rf.jobs > maxJobs {
		return usagef("--jobs %d: want a number from 1 to %d", rf.jobs, maxJobs)
	}
	return nil
}

func formatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1fMB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1fKB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%dB", n)
}

// loader reads the inputs of one command: every file is either handed to
// the command or named in an error on stderr, and counted.
type loader struct {
	ios    *iostreams.IOStreams
	set    runFlags
	code   int
	ignore *ignore.Set // what folder walks leave out

	files, papers, failed int
	duplicates            int // papers read but left out as the same paper as another file
	// reuseSrc says that the work keeps nothing of a file's bytes (no
	// slice, no unsafe string), so that eachFile reads the next file into
	// the same buffer. TestParseKeepsNothingOfSource holds Parse to it.
	reuseSrc bool
	// regularOnly refuses what is not a regular file before opening it:
	// fmt --write replaces nothing else, and opening a FIFO would wait for
	// a writer that may never come.
	regularOnly bool

	spillBudget int64 // of a bounded run (see bounded)

	mu        sync.Mutex // one writer on stderr at a time: errors and progress
	progress  bool       // a progress line is on screen
	doneCount int
}

func newLoader(f *Factory) *loader {
	l := &loader{ios: f.IOStreams, set: *f.Run}
	var exclude ignore.List
	if cfg, err := f.Config(); err == nil { // a bad config stopped the command before
		exclude = append(exclude, cfg.Exclude...)
	}
	// --exclude globs were checked when the flags were read (excludeRules).
	flags, _ := excludeRules(l.set.exclude)
	l.ignore = ignore.NewSet(append(exclude, flags...), l.set.noIgnore)
	return l
}

// excludeRules reads the --exclude globs, relative to the working folder.
func excludeRules(globs []string) (ignore.List, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	l, err := ignore.Globs(globs, wd, "--exclude")
	if err != nil {
		return nil, usagef("%v", err)
	}
	return l, nil
}

// errorf prints one message line, clearing the progress line first.
func (l *loader) errorf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.progress {
		fmt.Fprint(l.ios.ErrOut, "\r\x1b[K")
		l.progress = false
	}
	printMessage(l.ios.ErrOut, fmt.Sprintf(format, args...))
}

// warnf prints a warning: a note that changes neither the output's
// correctness nor the exit code. --quiet hides warnings; errors never.
func (l *loader) warnf(format string, args ...any) {
	if !l.set.quiet {
		l.errorf(format, args...)
	}
}

// fail reports a file that could not be used and records exit code 1.
func (l *loader) fail(format string, args ...any) {
	l.errorf(format, args...)
	l.failed++
	l.code = max(l.code, exitFindings)
}

type outcome[R any] struct {
	path string
	r    R
	err  error
}

// each expands the paths (sorted by path when sorted is true) and runs work
// on every file's bytes on --jobs goroutines, then emit in input order. It
// returns false when no file was listed at all (the error is printed).
// emit returns false to stop early.
func each[R any](l *loader, paths []string, sorted bool, work func(path string, src []byte) R, emit func(path string, r R) bool) bool {
	files, ok := l.list(paths, sorted)
	if ok {
		eachFile(l, files, work, emit)
	}
	return ok
}

// list expands the paths into files, printing what the walk had to say; ok
// is false when no file was listed at all.
func (l *loader) list(paths []string, sorted bool) (files *input.Paths, ok bool) {
	files, errs := input.ExpandList(paths, l.ignore)
	errs = append(errs, l.ignore.Warnings...)
	l.ignore.Warnings = nil
	for _, err := range errs {
		var w *input.Warning
		if errors.As(err, &w) {
			l.warnf("%s: warning: %s", w.Path, w.Msg)
			continue
		}
		var ip *ignore.Problem
		if errors.As(err, &ip) {
			l.warnf("%s: warning: %s", ip.Where, ip.Msg) // the file's other rules still apply
			continue
		}
		l.errorf("%v", err)
		l.code = exitUsage
	}
	if files.Len() == 0 {
		l.code = exitUsage
		return nil, false
	}
	if sorted {
		files.Sort()
	}
	return files, true
}

// eachFile is each on files already listed.
func eachFile[R any](l *loader, files *input.Paths, work func(path string, src []byte) R, emit func(path string, r R) bool) {
	l.files += files.Len()
	done := l.startProgress(files.Len())
	defer done()
	pipeline.Ordered(l.set.jobs, files.Len(), func(i int) outcome[R] {
		path := files.At(i)
		var buf *[]byte
		if l.reuseSrc {
			buf, _ = srcBuffers.Get().(*[]byte)
		}
		var src []byte
		var err error
		if buf != nil {
			src, err = l.readInto(path, *buf)
		} else {
			src, err = l.read(path)
		}
		if err != nil {
			return outcome[R]{path: path, err: err}
		}
		r := work(path, src)
		if l.reuseSrc && cap(src) <= maxPooled {
			if buf == nil {
				buf = new([]byte)
			}
			*buf = src[:0]
			srcBuffers.Put(buf)
		}
		return outcome[R]{path: path, r: r}
	}, func(i int, res outcome[R]) bool {
		l.tick()
		if res.err != nil {
			l.fail("%s: %v", res.path, res.err)
			return true
		}
		return emit(res.path, res.r)
	})
}

// srcBuffers hold the bytes of files read, for runs whose work keeps
// nothing of them (loader.reuseSrc): a fresh buffer for each file was
// written to by the kernel into pages the process had not touched yet.
var srcBuffers sync.Pool

// maxPooled: a buffer larger than this goes to the collector, not the pool.
const maxPooled = 1 << 20

// readFile, when set, replaces the bounded read; tests set it to fail in
// ways root cannot arrange (permission denied) or at a chosen moment (file
// deleted).
var readFile func(string) ([]byte, error)

// readBounded reads at most limit+1 bytes of path: the size a stat reports
// can lie (/dev/zero says 0, a file may grow), so the read itself is capped.
// size, what the stat said, sizes the buffer: io.ReadAll's growth from 512
// bytes was a tenth of a run's time (read calls, copies, clearing).
func readBounded(path string, size, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readSized(nil, f, size, limit)
}

// readSized reads r to its end, or to limit+1 bytes, into a buffer of
// size+1 bytes (one more, to see the end in the same call) grown as needed;
// dst's space is used when it is large enough.
func readSized(dst []byte, r io.Reader, size, limit int64) ([]byte, error) {
	want := min(max(size+1, 512), limit+1)
	b := dst[:0]
	if int64(cap(b)) < want {
		b = make([]byte, 0, want)
	}
	for {
		if int64(len(b)) > limit {
			return b, nil
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		room := b[len(b):min(int64(cap(b)), limit+1)]
		n, err := r.Read(room)
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

// read returns a file's bytes, refusing what exceeds --max-size.
func (l *loader) read(path string) ([]byte, error) { return l.readInto(path, nil) }

// readInto is read into buf's space when it is large enough.
func (l *loader) readInto(path string, buf []byte) ([]byte, error) {
	limit := int64(l.set.maxSize)
	if path == input.Stdin {
		b, err := io.ReadAll(io.LimitReader(l.ios.In, limit+1))
		if err == nil && int64(len(b)) > limit {
			return nil, fmt.Errorf("standard input is larger than --max-size %s", formatSize(limit))
		}
		return b, err
	}
	var info os.FileInfo
	var f *os.File
	var err error
	if l.regularOnly || readFile != nil {
		info, err = os.Stat(path) // before opening: a FIFO would wait for a writer
	} else {
		// The open file's stat: one path lookup, not two (a twentieth of a run).
		if f, err = os.Open(path); err == nil {
			defer f.Close()
			info, err = f.Stat()
		}
	}
	if err != nil {
		return nil, unwrapPath(err)
	}
	if info.IsDir() {
		return nil, errors.New("is a folder, not a file")
	}
	if l.regularOnly && !info.Mode().IsRegular() {
		return nil, errors.New("not rewritten: not a regular file")
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("%s, larger than --max-size %s", formatSize(info.Size()), formatSize(limit))
	}
	var b []byte
	switch {
	case readFile != nil:
		b, err = readFile(path)
	case f != nil:
		b, err = readSized(buf, f, info.Size(), limit)
	default:
		b, err = readBounded(path, info.Size(), limit)
	}
	if err == nil && int64(len(b)) > limit {
		return nil, fmt.Errorf("larger than --max-size %s", formatSize(limit))
	}
	return b, unwrapPath(err)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// summary prints the closing count when something failed: every input is
// accounted for, in the output or in an error. Files add up: papers (each
// paper once, the JSON "total"), duplicates left out and errors.
func (l *loader) summary() {
	if l.failed > 0 && !l.set.quiet {
		dups := ""
		if l.duplicates > 0 {
			dups = ", " + plural(l.duplicates, "duplicate") + " left out"
		}
		l.errorf("%s, %s%s, %s", plural(l.files, "file"), plural(l.papers-l.duplicates, "paper"), dups, plural(l.failed, "error"))
	}
}

// progress: after a second, when stderr is a terminal and not --quiet, a
// line with files done, the total and the rate, redrawn until the end.
var progressDelay = time.Second

func (l *loader) startProgress(total int) func() {
	if !l.ios.StderrTTY || l.set.quiet {
		return func() {}
	}
	start := time.Now()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-time.After(progressDelay):
		case <-stop:
			return
		}
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			l.mu.Lock()
			n := l.doneCount
			rate := float64(n) / time.Since(start).Seconds()
			fmt.Fprintf(l.ios.ErrOut, "\r\x1b[Kvagut: %d/%d files, %.0f files/s", n, total, rate)
			l.progress = true
			l.mu.Unlock()
			select {
			case <-t.C:
			case <-stop:
				return
			}
		}
	}()
	return func() {
		close(stop)
		wg.Wait()
		l.mu.Lock()
		if l.progress {
			fmt.Fprint(l.ios.ErrOut, "\r\x1b[K")
			l.progress = false
		}
		l.doneCount = 0
		l.mu.Unlock()
	}
}

func (l *loader) tick() {
	l.mu.Lock()
	l.doneCount++
	l.mu.Unlock()
}

// bounded asks the garbage collector to keep the heap within --mem less
// 16 MB (the program's own code and data), for a run of files files that
// holds no paper: its memory is a bounded buffer plus about a hundred bytes a
// file (path, hashed DOI and id). The limit is never below 32 MB nor below
// bytesPerFile, so that a corpus of millions runs with somewhat more
// memory rather than a collector that never stops. A GOMEMLIMIT the user
// set wins. The returned function puts the limit back.
//
// Within that limit the collector waits for it (GOGC off, unless the user set
// GOGC): a run's live heap is small (the buffer, the index), and collecting
// each time it doubled cost a quarter of summarize -o json's CPU time on
// 10,000 files; the peak is what --mem allows either way.
func (l *loader) bounded(files int) func() {
	limit := max(int64(l.set.mem)-16<<20, 32<<20, int64(files)*bytesPerFile)
	// The papers waiting to be sorted take an eighth of --mem, or of the
	// floor when a corpus of millions raised it: fewer temporary files to
	// merge. The collector's headroom, the workers' files, the index of
	// paths and the program take the rest.
	l.spillBudget = max(int64(l.set.mem), int64(files)*bytesPerFile) / 8
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	old := debug.SetMemoryLimit(limit)
	oldGC, setGC := 0, os.Getenv("GOGC") == ""
	if setGC {
		oldGC = debug.SetGCPercent(-1)
	}
	return func() {
		if setGC {
			debug.SetGCPercent(oldGC)
		}
		debug.SetMemoryLimit(old)
	}
}

// bytesPerFile is the memory limit's floor per file listed: what a run
// keeps of each is about 85 bytes for summarize (its path in a compact list,
// its DOI and id hashed in two tables of 20 bytes a key, the kept path
// again) and 115 for validate (the places of the corpus rules), and the
// collector wants some headroom beyond.
const bytesPerFile = 160

// collecting tunes the garbage collector for a run that holds every paper
// anyway: collecting half as often saved a tenth of the time on 10,000
// papers for a quarter more memory. A GOGC the user set wins; streaming runs
// never call this, so their memory stays flat.
func collecting() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
}

// printMessage is the one place a message reaches stderr: "vagut: " and one
// line. File names and summary text are untrusted, so control characters,
// newlines and bidi overrides in them are shown as escapes: a name cannot
// forge a second message or act on the terminal.
func printMessage(w io.Writer, msg string) {
	fmt.Fprintf(w, "vagut: %s\n", sanitize.Line(msg))
}

// startPager pages what a command shows in a terminal through $VAGUT_PAGER,
// else $PAGER, else less -FRX; --no-pager or VAGUT_PAGER=cat turn it off.
// A pager that cannot start is named and the output printed directly.
func startPager(f *Factory) func() {
	ios := f.IOStreams
	if f.Run.noPager || !ios.StdoutTTY {
		return func() {}
	}
	command, ok := "", false
	if command, ok = lookupEnv(ios, "VAGUT_PAGER"); !ok {
		if command, ok = lookupEnv(ios, "PAGER"); !ok {
			command = "less -FRX"
		}
	}
	if err := ios.StartPager(command); err != nil && !f.Run.quiet {
		printMessage(ios.ErrOut, fmt.Sprintf("warning: pager %q: %v; printing directly", command, unwrapPath(err)))
	}
	return ios.StopPager
}

// styledOut is the terminal for a renderer that sanitises its own text.
func styledOut(ios *iostreams.IOStreams) io.Writer {
	if ios.Styled != nil {
		return ios.Styled
	}
	return ios.Out
}

func termOptions(ios *iostreams.IOStreams) render.Term {
	return render.Term{Width: ios.Width(), Hyperlinks: render.HyperlinksSupported(ios.Getenv),
		NoColor: ios.Getenv("NO_COLOR") != "" || ios.Getenv("TERM") == "dumb"}
}

// lookupEnv is os.LookupEnv through the streams' environment: set means non-empty.
func lookupEnv(ios *iostreams.IOStreams, key string) (string, bool) {
	v := ios.Getenv(key)
	return v, v != ""
}

// brokenPipe reports a write to a reader that went away (vagut ... | head):
// the run ends quietly.
func brokenPipe(err error) bool { return errors.Is(err, syscall.EPIPE) }
