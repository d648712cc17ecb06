package main

import (
	"debug/buildinfo"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/vagut/vagut/internal/gen"
	"github.com/vagut/vagut/internal/input"
)

// startup times what a pre-commit hook pays per call: vagut validate,
// fmt --check and summarize -o json on one summary, side by side with a
// hello-world Go binary built the way the vagut binary was (the settings
// its build info records: CGO_ENABLED, -trimpath, -ldflags, -tags, ...), and
// prints the ratios. The runs are interleaved (hello, validate, fmt,
// summarize, hello, ...) so that a change of load on a shared machine weighs
// on every row alike.
func startup(tmp, vagut string, runs int) {
	hello := filepath.Join(tmp, "hello")
	check(os.MkdirAll(hello, 0o755))
	check(os.WriteFile(filepath.Join(hello, "go.mod"), []byte("module hello\n\ngo 1.26\n"), 0o644))
	check(os.WriteFile(filepath.Join(hello, "main.go"), []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello, world\") }\n"), 0o644))
	args, env, how := sameBuild(vagut)
	build := exec.Command("go", append(append([]string{"build", "-buildvcs=false"}, args...), "-o", "hello", ".")...)
	build.Dir = hello
	build.Env = append(os.Environ(), env...)
	build.Stderr = os.Stderr
	check(build.Run())
	file := filepath.Join(tmp, "one")
	check(gen.Write(file, 7, 1))
	files, errs := input.Expand([]string{file})
	if len(errs) > 0 || len(files) != 1 {
		check(fmt.Errorf("one summary: %v", errs))
	}
	one := files[0]
	cmds := [][]string{
		{filepath.Join(hello, "hello")},
		{vagut, "validate", one},
		{vagut, "fmt", "--check", one},
		{vagut, "summarize", "-o", "json", one},
	}
	names := []string{"hello-world Go binary"}
	for _, c := range cmds[1:] {
		names = append(names, "vagut "+strings.Join(c[1:len(c)-1], " ")+" FILE")
	}
	for _, c := range cmds {
		startupRun(c) // page cache and binary warm before the timed runs
	}
	fmt.Printf("start-up: median of %d interleaved runs, one summary (%s); %s\n", runs, size(file), loadAverage())
	fmt.Printf("hello world built as %s was: %s\n", vagut, how)
	samples := make([][]sample, len(cmds))
	for i := 0; i < runs; i++ {
		for k, c := range cmds {
			samples[k] = append(samples[k], startupRun(c))
		}
	}
	fmt.Printf("%-32s %9s %7s %9s %7s %8s %7s\n", "run", "wall", "ratio", "CPU", "ratio", "faults", "ratio")
	base := median(samples[0])
	for k, name := range names {
		m := median(samples[k])
		fmt.Printf("%-32s %9s %6.2fx %9s %6.2fx %8d %6.2fx\n", name,
			m.wall.Round(10*time.Microsecond), m.wall.Seconds()/base.wall.Seconds(),
			m.cpu.Round(10*time.Microsecond), m.cpu.Seconds()/base.cpu.Seconds(),
			m.faults, float64(m.faults)/float64(base.faults))
	}
	fmt.Printf("(CPU is user+system time, steadier on a busy machine; faults are minor page faults; %s at the end)\n", loadAverage())
}

type sample struct {
	wall, cpu time.Duration
	faults    int64
}

// startupRun runs one command; exit status 1 (findings) counts as a run.
func startupRun(c []string) sample {
	cmd := exec.Command(c[0], c[1:]...)
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
		check(fmt.Errorf("%s: %v", strings.Join(c, " "), err))
	}
	s := sample{wall: d, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.faults = ru.Minflt
	}
	return s
}

// median takes the median of each measure on its own.
func median(ss []sample) sample {
	walls, cpus, faults := make([]time.Duration, len(ss)), make([]time.Duration, len(ss)), make([]int64, len(ss))
	for i, s := range ss {
		walls[i], cpus[i], faults[i] = s.wall, s.cpu, s.faults
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(faults)
	return sample{walls[len(ss)/2], cpus[len(ss)/2], faults[len(ss)/2]}
}

// sameBuild reads how the binary was built from its build info and returns
// the go build flags and environment that build hello world the same way,
// and a line saying so. A binary without build info is compared with a
// default build. (Under -trimpath the go command does not record -ldflags;
// the release's -s -w drop symbols and debug information, which are not
// loaded at start-up.)
func sameBuild(bin string) (args, env []string, how string) {
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		return nil, nil, "default go build (no build info: " + err.Error() + ")"
	}
	var said []string
	for _, s := range info.Settings {
		switch s.Key {
		case "-trimpath", "-race", "-msan", "-asan":
			if s.Value == "true" {
				args = append(args, s.Key)
				said = append(said, s.Key)
			}
		case "-buildmode", "-compiler", "-gcflags", "-ldflags", "-tags", "-asmflags":
			args = append(args, s.Key+"="+s.Value)
			said = append(said, s.Key+"="+s.Value)
		case "CGO_ENABLED", "GOEXPERIMENT", "GOAMD64", "GOARM64", "GOARM", "GO386":
			env = append(env, s.Key+"="+s.Value)
			said = append(said, s.Key+"="+s.Value)
		}
	}
	if info.GoVersion != runtime.Version() {
		said = append(said, fmt.Sprintf("(vagut built by %s, hello world by %s)", info.GoVersion, runtime.Version()))
	}
	return args, env, strings.Join(said, " ")
}
