// Command vagut turns a folder of paper summaries into typed records and digests.
package main

import (
	"os"
	"runtime/pprof"

	"github.com/vagut/vagut/internal/cli"
)

func main() {
	// VAGUT_CPUPROFILE=FILE writes a CPU profile of the run, for make bench
	// and for anyone asking where the time goes.
	if path := os.Getenv("VAGUT_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			if pprof.StartCPUProfile(f) == nil {
				code := cli.Main()
				pprof.StopCPUProfile()
				f.Close()
				os.Exit(code)
			}
		}
	}
	// VAGUT_MEMPROFILE=FILE writes a heap profile at the end of the run:
	// what was live at the last collection, for anyone asking where the
	// memory goes.
	if path := os.Getenv("VAGUT_MEMPROFILE"); path != "" {
		code := cli.Main()
		if f, err := os.Create(path); err == nil {
			pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
		os.Exit(code)
	}
	os.Exit(cli.Main())
}
