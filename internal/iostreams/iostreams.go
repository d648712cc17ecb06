// Package iostreams carries the standard streams, so that commands never touch
// os.Stdout directly and tests can run them in-process.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams is the I/O a command may use.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// Getenv reads the environment (GITHUB_ACTIONS, NO_COLOR, ...); tests give their own.
	Getenv func(string) string
	// StdoutTTY is true when stdout is a terminal, so output can be styled;
	// StderrTTY when stderr is one, so progress can be shown.
	StdoutTTY, StderrTTY bool
	// Width is the terminal's width in columns, 0 when unknown.
	Width func() int
}

// System returns the process's real streams.
func System() *IOStreams {
	fd := int(os.Stdout.Fd())
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Getenv: os.Getenv,
		StdoutTTY: term.IsTerminal(fd),
		StderrTTY: term.IsTerminal(int(os.Stderr.Fd())),
		Width: func() int {
			if w, _, err := term.GetSize(fd); err == nil {
				return w
			}
			return 0
		},
	}
}

// Test returns streams backed by buffers: stdin, stdout, stderr.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	env := func(string) string { return "" }
	return &IOStreams{In: in, Out: out, ErrOut: errOut, Getenv: env, Width: func() int { return 0 }}, in, out, errOut
}
