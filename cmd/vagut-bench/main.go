// Command vagut-bench measures vagut against the floor of any Markdown
// reader: make bench runs it. It generates a deterministic corpus, then times
// `vagut summarize -o json`, `-o jsonl` and `vagut validate` against a bare
// read + goldmark parse + AST walk of the same files with the same workers
// and goldmark configured as vagut's parser configures it (this program, run
// as "floor"; "floor -inline" adds goldmark's inline parsing), and reports each wall and CPU time, the
// ratios, and peak memory; then 1 worker against 2; then a scaling table of
// every command on growing generated corpora (time and peak RSS).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/vagut/vagut/internal/gen"
	"github.com/vagut/vagut/internal/input"
	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/pipeline"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "floor" {
		os.Exit(floor(os.Args[2:]))
	}
	vagut := flag.String("vagut", "bin/vagut", "the vagut binary to measure")
	n := flag.Int("n", 10000, "summaries in the timed corpus")
	runs := flag.Int("runs", 5, "rounds of the interleaved measurements (each runs every command once); medians are reported")
	workers := flag.Int("j", runtime.GOMAXPROCS(0), "workers")
	startupRuns := flag.Int("startup-runs", 41, "runs of each start-up measurement; the median is reported (0: skip)")
	startupOnly := flag.Bool("startup-only", false, "measure start-up only")
	scale := flag.String("scale", "1000,10000,100000", "sizes of the scaling table, comma-separated (empty: skip)")
	million := flag.Bool("million", false, "add 1,000,000 files to the scaling table (about 5.5 GB in the temporary folder, generated and deleted)")
	scaleOnly := flag.Bool("scale-only", false, "the scaling table alone (no start-up, no floor)")
	flag.Parse()

	tmp, err := os.MkdirTemp("", "vagut-bench-")
	check(err)
	defer os.RemoveAll(tmp)
	self, err := os.Executable()
	check(err)

	if *scaleOnly {
		scaling(tmp, *vagut, fmt.Sprint(*workers), sizes(*scale, *million))
		fmt.Printf("\n%s at the end\n", loadAverage())
		return
	}
	if *startupRuns > 0 {
		startup(tmp, *vagut, *startupRuns)
		if *startupOnly {
			return
		}
		fmt.Println()
	}

	corpus := filepath.Join(tmp, "corpus")
	start := time.Now()
	check(gen.Write(corpus, 42, *n))
	fmt.Printf("corpus: %d summaries, %s, generated in %v\n", *n, size(corpus), time.Since(start).Round(time.Millisecond))
	fmt.Printf("machine: %s/%s, %d CPUs, %s, workers %d, medians of %d interleaved rounds, %s\n\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), *workers, *runs, loadAverage())

	j := fmt.Sprint(*workers)
	measure(1, self, "floor", "-j", j, corpus) // warm the page cache
	// Interleaved: each round runs every command once, and each ratio is
	// taken within its round, then the median over the rounds. On a shared
	// machine the load drifts within a minute; commands timed one after the
	// other each met a different load.
	cmds := []benchCmd{
		{"floor: read + goldmark parse + walk", self, []string{"floor", "-j", j, corpus}},
		{"  (goldmark's default parser, inline too)", self, []string{"floor", "-inline", "-j", j, corpus}},
		{"vagut summarize -o json", *vagut, []string{"summarize", "-q", "-o", "json", "-j", j, corpus}},
		{"vagut summarize -o jsonl", *vagut, []string{"summarize", "-q", "-o", "jsonl", "-j", j, corpus}},
		{"vagut validate", *vagut, []string{"validate", "-q", "-j", j, corpus}},
	}
	res := interleaved(*runs, cmds)
	fmt.Printf("%-40s %9s %7s %9s %7s %10s\n", "run (median of rounds)", "wall", "ratio", "CPU", "ratio", "peak RSS")
	for k, c := range cmds {
		r := res[k]
		fmt.Printf("%-40s %9s %6.2fx %9s %6.2fx %8.1fMB\n", c.name, r.wall.Round(time.Millisecond), r.wallRatio,
			r.cpu.Round(time.Millisecond), r.cpuRatio, float64(r.peak)/1024)
	}
	fmt.Println("(target: within 1.3x of the floor)")
	// 1 worker against 2, interleaved too, beside the floor's own gain from
	// a second worker: what the machine gives at the moment (less than 2
	// when others use its CPUs).
	w := interleaved(*runs, []benchCmd{
		{"", *vagut, []string{"summarize", "-q", "-o", "json", "-j", "1", corpus}},
		{"", *vagut, []string{"summarize", "-q", "-o", "json", "-j", "2", corpus}},
		{"", self, []string{"floor", "-j", "1", corpus}},
		{"", self, []string{"floor", "-j", "2", corpus}},
	})
	fmt.Printf("\nworkers: -o json with -j 1 %v, with -j 2 %v: %.2fx faster with 2 (target 1.7x)\n",
		w[0].wall.Round(time.Millisecond), w[1].wall.Round(time.Millisecond), w[0].wall.Seconds()/w[1].wall.Seconds())
	fmt.Printf("         the floor with -j 1 %v, with -j 2 %v: %.2fx (what the machine gives now); %s\n",
		w[2].wall.Round(time.Millisecond), w[3].wall.Round(time.Millisecond), w[2].wall.Seconds()/w[3].wall.Seconds(), loadAverage())
	os.RemoveAll(corpus)

	if *scale != "" || *million {
		scaling(tmp, *vagut, j, sizes(*scale, *million))
	}
	fmt.Printf("\n%s at the end\n", loadAverage())
}

// sizes reads -scale and -million.
func sizes(scale string, million bool) []int {
	var out []int
	for _, f := range strings.Split(scale, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		k, err := strconv.Atoi(f)
		check(err)
		out = append(out, k)
	}
	if million {
		out = append(out, 1000000)
	}
	return out
}

// scaleCommands are the rows of the scaling table: every command that
// reads a whole corpus, and up to how many files each is run. `entities`
// holds its rows (in the generated corpus, whose ids are random, nearly
// every mention is one: 400 MB at 10,000 files); past 100,000 files only
// the three commands of the million-file target run, so that the table
// ends in an hour rather than a night.
var scaleCommands = []struct {
	args []string
	upTo int
}{
	{[]string{"summarize", "-o", "json"}, 0},
	{[]string{"summarize", "-o", "jsonl"}, 0},
	{[]string{"summarize", "-o", "jsonl", "--sort", "path"}, 100000},
	{[]string{"summarize", "-o", "md"}, 100000},
	{[]string{"validate"}, 0},
	{[]string{"entities", "-o", "json"}, 10000},
	{[]string{"cite"}, 100000},
}

// scaling generates a corpus of each size in turn (deleted before the
// next), runs every command once on it and prints time and peak RSS against
// the number of files, then the growth from one size to the next: time
// should grow as the files do, peak RSS not at all.
func scaling(tmp, vagut, j string, sizes []int) {
	type cell struct {
		t    time.Duration
		m    int64
		skip bool
	}
	cells := make([][]cell, len(scaleCommands))
	var sizeNames []string
	for _, n := range sizes {
		dir := filepath.Join(tmp, fmt.Sprintf("scale%d", n))
		start := time.Now()
		check(gen.Write(dir, 44, n))
		sizeNames = append(sizeNames, size(dir))
		fmt.Printf("\nscaling: %d summaries (%s) generated in %v; %s\n", n, sizeNames[len(sizeNames)-1], time.Since(start).Round(time.Millisecond), loadAverage())
		for c, sc := range scaleCommands {
			args := sc.args
			if sc.upTo > 0 && n > sc.upTo {
				cells[c] = append(cells[c], cell{skip: true})
				continue
			}
			a := append(append([]string{}, args...), "-q", "-j", j, dir)
			t, m := measure(1, vagut, a...)
			fmt.Printf("  %-40s %9s %8.1fMB  (%s)\n", "vagut "+strings.Join(args, " "), t.Round(time.Millisecond), float64(m)/1024, loadAverage())
			cells[c] = append(cells[c], cell{t, m, false})
		}
		check(os.RemoveAll(dir))
	}
	fmt.Printf("\nscaling table: time / peak RSS, workers %s\n%-36s", j, "files")
	for i, n := range sizes {
		fmt.Printf(" %22s", fmt.Sprintf("%d (%s)", n, sizeNames[i]))
	}
	fmt.Println()
	for c, sc := range scaleCommands {
		fmt.Printf("%-36s", "vagut "+strings.Join(sc.args, " "))
		for _, x := range cells[c] {
			if x.skip {
				fmt.Printf(" %22s", "-")
				continue
			}
			fmt.Printf(" %22s", fmt.Sprintf("%v / %.0fMB", x.t.Round(10*time.Millisecond), float64(x.m)/1024))
		}
		fmt.Println()
	}
	fmt.Printf("\ngrowth from one size to the next (time ×, peak RSS ×):\n")
	for c, sc := range scaleCommands {
		fmt.Printf("%-36s", "vagut "+strings.Join(sc.args, " "))
		for i := 1; i < len(cells[c]); i++ {
			a, b := cells[c][i-1], cells[c][i]
			if a.skip || b.skip {
				fmt.Printf(" %22s", "-")
				continue
			}
			fmt.Printf(" %22s", fmt.Sprintf("%.1fx / %.2fx", b.t.Seconds()/a.t.Seconds(), float64(b.m)/float64(a.m)))
		}
		fmt.Println()
	}
}

// loadAverage is the machine's 1-minute load average, for the record: on a
// shared machine it says how far absolute times can be trusted.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "load average unknown"
	}
	return "load average " + strings.Fields(string(b))[0]
}

// measure runs a command `runs` times with stdout to /dev/null and returns
// the median wall time and the largest peak RSS in KB. Exit status 1
// (findings, as validate's warnings with --strict) counts as a run.
func measure(runs int, name string, args ...string) (time.Duration, int64) {
	t, _, m := measureCPU(runs, name, args...)
	return t, m
}

// measureCPU is measure that also returns the median CPU time (user +
// system), steadier than wall time on a busy machine.
func measureCPU(runs int, name string, args ...string) (time.Duration, time.Duration, int64) {
	var times, cpus []time.Duration
	var peak int64
	for i := 0; i < runs; i++ {
		cmd := exec.Command(name, args...)
		cmd.Stderr = os.Stderr
		start := time.Now()
		var ee *exec.ExitError
		if err := cmd.Run(); err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) { // 1: findings
			fmt.Fprintf(os.Stderr, "vagut-bench: %s %s: %v\n", name, strings.Join(args, " "), err)
			os.Exit(1)
		}
		times = append(times, time.Since(start))
		cpus = append(cpus, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > peak {
			peak = ru.Maxrss
		}
	}
	sort.Slice(times, func(a, b int) bool { return times[a] < times[b] })
	sort.Slice(cpus, func(a, b int) bool { return cpus[a] < cpus[b] })
	return times[len(times)/2], cpus[len(cpus)/2], peak
}

type benchCmd struct {
	name string
	bin  string
	args []string
}

type benchResult struct {
	wall, cpu           time.Duration // medians over the rounds
	wallRatio, cpuRatio float64       // median over the rounds of the ratio to the first command
	peak                int64         // KB, the largest
}

// interleaved runs every command once a round, runs rounds, and returns for
// each its median wall and CPU time, the median of its per-round ratios to
// the first command, and its largest peak RSS.
func interleaved(runs int, cmds []benchCmd) []benchResult {
	walls := make([][]float64, len(cmds))
	cpus := make([][]float64, len(cmds))
	wr := make([][]float64, len(cmds))
	cr := make([][]float64, len(cmds))
	out := make([]benchResult, len(cmds))
	for range runs {
		var w0, c0 float64
		for k, c := range cmds {
			t, cpu, m := measureCPU(1, c.bin, c.args...)
			if k == 0 {
				w0, c0 = t.Seconds(), cpu.Seconds()
			}
			walls[k] = append(walls[k], t.Seconds())
			cpus[k] = append(cpus[k], cpu.Seconds())
			wr[k] = append(wr[k], t.Seconds()/w0)
			cr[k] = append(cr[k], cpu.Seconds()/c0)
			out[k].peak = max(out[k].peak, m)
		}
	}
	median := func(xs []float64) float64 {
		sort.Float64s(xs)
		return xs[len(xs)/2]
	}
	for k := range cmds {
		out[k].wall = time.Duration(median(walls[k]) * float64(time.Second))
		out[k].cpu = time.Duration(median(cpus[k]) * float64(time.Second))
		out[k].wallRatio, out[k].cpuRatio = median(wr[k]), median(cr[k])
	}
	return out
}

// floor reads, parses and walks every file with the same pipeline and
// workers as vagut, and does nothing else.
func floor(args []string) int {
	fs := flag.NewFlagSet("floor", flag.ExitOnError)
	j := fs.Int("j", runtime.GOMAXPROCS(0), "workers")
	inline := fs.Bool("inline", false, "goldmark's default parser, inline parsing too (vagut parses blocks only)")
	_ = fs.Parse(args)
	files, errs := input.Expand(fs.Args())
	if len(errs) > 0 {
		fmt.Fprintln(os.Stderr, errs)
		return 2
	}
	if path := os.Getenv("VAGUT_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		check(err)
		check(pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}
	parse := parse.Blocks // goldmark as vagut configures it
	if *inline {
		md := goldmark.DefaultParser()
		parse = func(src []byte) ast.Node { return md.Parse(text.NewReader(src)) }
	}
	nodes := 0
	var buffers sync.Pool // read as vagut reads: open, fstat, one buffer reused
	pipeline.Ordered(*j, len(files), func(i int) int {
		buf, _ := buffers.Get().(*[]byte)
		if buf == nil {
			buf = new([]byte)
		}
		defer buffers.Put(buf)
		src, err := readFile(files[i], *buf)
		if err != nil {
			return 0
		}
		*buf = src[:0]
		doc := parse(src)
		n := 0
		_ = ast.Walk(doc, func(ast.Node, bool) (ast.WalkStatus, error) { n++; return ast.WalkContinue, nil })
		return n
	}, func(_ int, n int) bool { nodes += n; return true })
	if nodes == 0 {
		return 1
	}
	return 0
}

// readFile reads path into buf's space (grown when too small), as vagut's
// loader does: open, fstat, read to the end.
func readFile(path string, buf []byte) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	b := buf[:0]
	if want := int(info.Size()) + 1; cap(b) < want {
		b = make([]byte, 0, max(want, 512))
	}
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func size(dir string) string {
	var total int64
	_ = filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			total += info.Size()
		}
		return nil
	})
	return fmt.Sprintf("%.1fMB", float64(total)/(1<<20))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "vagut-bench:", err)
		os.Exit(1)
	}
}
