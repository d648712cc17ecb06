// Command vagut-bench measures vagut against the floor of any Markdown
// reader: make bench runs it. It generates a deterministic corpus, then times
// `vagut summarize -o json` and `-o jsonl` against a bare read + goldmark
// parse + AST walk of the same files with the same workers (this program, run
// as "floor"), and reports each time, the ratio, and peak memory.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/vagut/vagut/internal/gen"
	"github.com/vagut/vagut/internal/input"
	"github.com/vagut/vagut/internal/pipeline"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "floor" {
		os.Exit(floor(os.Args[2:]))
	}
	vagut := flag.String("vagut", "bin/vagut", "the vagut binary to measure")
	n := flag.Int("n", 10000, "summaries in the timed corpus")
	big := flag.Int("big", 100000, "summaries in the streaming memory test (0: skip)")
	runs := flag.Int("runs", 3, "runs of each measurement; the median is reported")
	workers := flag.Int("j", runtime.GOMAXPROCS(0), "workers")
	startupRuns := flag.Int("startup-runs", 41, "runs of each start-up measurement; the median is reported (0: skip)")
	startupOnly := flag.Bool("startup-only", false, "measure start-up only")
	flag.Parse()

	tmp, err := os.MkdirTemp("", "vagut-bench-")
	check(err)
	defer os.RemoveAll(tmp)
	self, err := os.Executable()
	check(err)

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
	fmt.Printf("machine: %s/%s, %d CPUs, %s, workers %d, median of %d runs\n\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), *workers, *runs)

	j := fmt.Sprint(*workers)
	measure(*runs, self, "floor", "-j", j, corpus) // warm the page cache
	floorT, floorM := measure(*runs, self, "floor", "-j", j, corpus)
	jsonT, jsonM := measure(*runs, *vagut, "summarize", "-q", "-o", "json", "-j", j, corpus)
	jsonlT, jsonlM := measure(*runs, *vagut, "summarize", "-q", "-o", "jsonl", "-j", j, corpus)
	one, _ := measure(*runs, *vagut, "summarize", "-q", "-o", "json", "-j", "1", corpus)
	two, _ := measure(*runs, *vagut, "summarize", "-q", "-o", "json", "-j", "2", corpus)

	fmt.Printf("%-44s %9s %8s %10s\n", "run", "time", "ratio", "peak RSS")
	row := func(name string, t time.Duration, m int64, ratio string) {
		fmt.Printf("%-44s %9s %8s %8.1fMB\n", name, t.Round(time.Millisecond), ratio, float64(m)/1024)
	}
	row("floor: read + goldmark parse + walk", floorT, floorM, "1.00x")
	row("vagut summarize -o json", jsonT, jsonM, fmt.Sprintf("%.2fx", jsonT.Seconds()/floorT.Seconds()))
	row("vagut summarize -o jsonl", jsonlT, jsonlM, fmt.Sprintf("%.2fx", jsonlT.Seconds()/floorT.Seconds()))
	fmt.Printf("\nworkers: -o json with -j 1 %v, with -j 2 %v: %.2fx faster with 2\n",
		one.Round(time.Millisecond), two.Round(time.Millisecond), one.Seconds()/two.Seconds())

	if *big > 0 {
		bigDir := filepath.Join(tmp, "big")
		start := time.Now()
		check(gen.Write(bigDir, 43, *big))
		fmt.Printf("\nstreaming: %d summaries (%s, generated in %v)\n", *big, size(bigDir), time.Since(start).Round(time.Millisecond))
		t, m := measure(1, *vagut, "summarize", "-q", "-o", "jsonl", "--sort", "path", "-j", j, bigDir)
		fmt.Printf("vagut summarize -o jsonl --sort path: %v, peak RSS %.1fMB\n", t.Round(time.Millisecond), float64(m)/1024)
	}
}

// measure runs a command `runs` times with stdout to /dev/null and returns
// the median wall time and the largest peak RSS in KB.
func measure(runs int, name string, args ...string) (time.Duration, int64) {
	var times []time.Duration
	var peak int64
	for i := 0; i < runs; i++ {
		cmd := exec.Command(name, args...)
		cmd.Stderr = os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			fmt.Fprintf(os.Stderr, "vagut-bench: %s %s: %v\n", name, strings.Join(args, " "), err)
			os.Exit(1)
		}
		times = append(times, time.Since(start))
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > peak {
			peak = ru.Maxrss
		}
	}
	sort.Slice(times, func(a, b int) bool { return times[a] < times[b] })
	return times[len(times)/2], peak
}

// startup times what a pre-commit hook pays per call: vagut validate,
// fmt --check and summarize -o json on one summary, side by side with a
// hello-world Go binary built by the same go command, and prints the ratio.
func startup(tmp, vagut string, runs int) {
	hello := filepath.Join(tmp, "hello")
	check(os.MkdirAll(hello, 0o755))
	check(os.WriteFile(filepath.Join(hello, "go.mod"), []byte("module hello\n\ngo 1.26\n"), 0o644))
	check(os.WriteFile(filepath.Join(hello, "main.go"), []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello, world\") }\n"), 0o644))
	build := exec.Command("go", "build", "-buildvcs=false", "-o", "hello", ".")
	build.Dir = hello
	build.Stderr = os.Stderr
	check(build.Run())
	file := filepath.Join(tmp, "one")
	check(gen.Write(file, 7, 1))
	files, errs := input.Expand([]string{file})
	if len(errs) > 0 || len(files) != 1 {
		check(fmt.Errorf("one summary: %v", errs))
	}
	one := files[0]
	fmt.Printf("start-up: median of %d runs, one summary (%s); CPU is user+system time, steadier on a busy machine\n", runs, size(file))
	fmt.Printf("%-36s %9s %8s %9s %8s\n", "run", "wall", "ratio", "CPU", "ratio")
	baseW, baseC := startupTime(runs, filepath.Join(hello, "hello"))
	fmt.Printf("%-36s %9s %8s %9s %8s\n", "hello-world Go binary", baseW.Round(10*time.Microsecond), "1.00x", baseC.Round(10*time.Microsecond), "1.00x")
	for _, args := range [][]string{{"validate", one}, {"fmt", "--check", one}, {"summarize", "-o", "json", one}} {
		w, c := startupTime(runs, vagut, args...)
		fmt.Printf("%-36s %9s %7.2fx %9s %7.2fx\n", "vagut "+strings.Join(args[:len(args)-1], " ")+" FILE",
			w.Round(10*time.Microsecond), w.Seconds()/baseW.Seconds(), c.Round(10*time.Microsecond), c.Seconds()/baseC.Seconds())
	}
}

// startupTime is the median wall time and the median CPU time (user +
// system) of runs of name args; exit status 1 (findings) counts as a run.
func startupTime(runs int, name string, args ...string) (wall, cpu time.Duration) {
	var walls, cpus []time.Duration
	for i := 0; i < runs; i++ {
		cmd := exec.Command(name, args...)
		start := time.Now()
		err := cmd.Run()
		d := time.Since(start)
		var ee *exec.ExitError
		if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
			check(fmt.Errorf("%s %s: %v", name, strings.Join(args, " "), err))
		}
		walls = append(walls, d)
		cpus = append(cpus, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
	}
	median := func(ds []time.Duration) time.Duration {
		sort.Slice(ds, func(a, b int) bool { return ds[a] < ds[b] })
		return ds[len(ds)/2]
	}
	return median(walls), median(cpus)
}

// floor reads, parses and walks every file with the same pipeline and
// workers as vagut, and does nothing else.
func floor(args []string) int {
	fs := flag.NewFlagSet("floor", flag.ExitOnError)
	j := fs.Int("j", runtime.GOMAXPROCS(0), "workers")
	_ = fs.Parse(args)
	files, errs := input.Expand(fs.Args())
	if len(errs) > 0 {
		fmt.Fprintln(os.Stderr, errs)
		return 2
	}
	md := goldmark.DefaultParser()
	nodes := 0
	pipeline.Ordered(*j, len(files), func(i int) int {
		src, err := os.ReadFile(files[i])
		if err != nil {
			return 0
		}
		doc := md.Parse(text.NewReader(src))
		n := 0
		_ = ast.Walk(doc, func(ast.Node, bool) (ast.WalkStatus, error) { n++; return ast.WalkContinue, nil })
		return n
	}, func(_ int, n int) bool { nodes += n; return true })
	if nodes == 0 {
		return 1
	}
	return 0
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
