// Package iostreams carries the standard streams, so that commands never touch
// os.Stdout directly and tests can run them in-process.
package iostreams

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"

	"golang.org/x/term"

	"github.com/vagut/vagut/internal/sanitize"
)

// IOStreams is the I/O a command may use.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// Styled is stdout (or the pager) for output that sanitises its own text
	// and styles it with escape sequences; set by GuardTerminal when stdout
	// is a terminal, nil otherwise.
	Styled io.Writer
	// Getenv reads the environment (GITHUB_ACTIONS, NO_COLOR, ...); tests give their own.
	Getenv func(string) string
	// StdoutTTY is true when stdout is a terminal, so output can be styled;
	// StderrTTY when stderr is one, so progress can be shown.
	StdoutTTY, StderrTTY bool
	// Width is the terminal's width in columns, 0 when unknown.
	Width func() int
	// CanPage allows StartPager to run a pager: the process's streams only.
	CanPage bool

	guard   *sanitize.Writer
	pager   *exec.Cmd
	pipe    io.WriteCloser
	saved   [2]io.Writer
	paging  bool
	signals chan os.Signal
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
		CanPage: true,
	}
}

// Test returns streams backed by buffers: stdin, stdout, stderr.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	env := func(string) string { return "" }
	return &IOStreams{In: in, Out: out, ErrOut: errOut, Getenv: env, Width: func() int { return 0 }}, in, out, errOut
}

// GuardTerminal makes everything written to Out safe for a terminal when
// stdout is one: control characters, ESC and bidi overrides from summaries
// are shown as escapes. Styled keeps the raw terminal for renderers that
// sanitise their own text. The returned func flushes.
func (s *IOStreams) GuardTerminal() func() {
	if !s.StdoutTTY || s.guard != nil {
		return func() {}
	}
	s.Styled = s.Out
	s.guard = sanitize.NewWriter(s.Out)
	s.Out = s.guard
	return func() { _ = s.guard.Flush() }
}

// StartPager sends Out and Styled through command (as gh does: LESS=FRX
// unless LESS is set) until StopPager. Nothing happens unless stdout is a
// terminal and CanPage; "" and "cat" mean no pager.
func (s *IOStreams) StartPager(command string) error {
	args := strings.Fields(command)
	if !s.StdoutTTY || !s.CanPage || s.paging || len(args) == 0 || (len(args) == 1 && args[0] == "cat") {
		return nil
	}
	raw := s.Styled
	if raw == nil {
		raw = s.Out
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout = raw
	cmd.Stderr = s.ErrOut
	cmd.Env = os.Environ()
	if _, ok := os.LookupEnv("LESS"); !ok {
		cmd.Env = append(cmd.Env, "LESS=FRX")
	}
	if _, ok := os.LookupEnv("LV"); !ok {
		cmd.Env = append(cmd.Env, "LV=-c")
	}
	pipe, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	if s.guard != nil {
		_ = s.guard.Flush()
	}
	// Ctrl-C in the pager reaches vagut too: as git does, wait for the
	// reader to quit the pager instead of leaving it behind on the terminal.
	s.signals = make(chan os.Signal, 1)
	signal.Notify(s.signals, os.Interrupt)
	s.pager, s.pipe, s.paging = cmd, pipe, true
	s.saved = [2]io.Writer{s.Out, s.Styled}
	s.Styled = pipe
	s.Out = sanitize.NewWriter(pipe)
	return nil
}

// StopPager closes the pager's input and waits for the reader to quit it.
func (s *IOStreams) StopPager() {
	if !s.paging {
		return
	}
	if g, ok := s.Out.(*sanitize.Writer); ok {
		_ = g.Flush()
	}
	_ = s.pipe.Close()
	_ = s.pager.Wait()
	signal.Stop(s.signals)
	s.Out, s.Styled = s.saved[0], s.saved[1]
	s.paging = false
}
