// Package iostreams carries the standard streams, so that commands never touch
// os.Stdout directly and tests can run them in-process.
package iostreams

import (
	"bytes"
	"io"
	"os"
)

// IOStreams is the I/O a command may use.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// Getenv reads the environment (GITHUB_ACTIONS, ...); tests give their own.
	Getenv func(string) string
}

// System returns the process's real streams.
func System() *IOStreams {
	return &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Getenv: os.Getenv}
}

// Test returns streams backed by buffers: stdin, stdout, stderr.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	env := func(string) string { return "" }
	return &IOStreams{In: in, Out: out, ErrOut: errOut, Getenv: env}, in, out, errOut
}
