package cli

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// Exit codes, one place for the whole tool.
const (
	exitOK       = 0 // done; an empty digest too
	exitFindings = 1 // some inputs failed, the rest came out (or validation findings)
	exitUsage    = 2 // bad flag or argument, no input, tool failure
)

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// exitError carries an exit code whose messages were printed already.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// exitCode maps an error from a command to the process's exit code.
func exitCode(err error) int {
	var ee *exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	default:
		return exitUsage
	}
}

// signalExit is the code of a run ended by sig, as a shell reports it:
// 128 + the signal's number (SIGINT 130, SIGTERM 143).
func signalExit(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return exitUsage
}
