//go:build unix

package cli

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used (user and system, every
// thread). Unlike the wall clock it does not count the time other processes
// hold the CPU, so a doubling test stays steady on a loaded machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
