package cli

import (
	"testing"

	"github.com/vagut/vagut/internal/iostreams"
)

// A run builds only the command it names (start-up: see newRoot); what the
// user sees is the same as with the whole tree: each command's help, its
// flag errors and their suggestions.
func TestOneCommandTreeReadsAsTheWholeTree(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var names []string
	for _, c := range NewCmdRoot(ios).Commands() {
		if c.Name() != "help" && c.Name() != "completion" && c.Runnable() {
			names = append(names, c.Name())
		}
	}
	if len(names) < 9 {
		t.Fatalf("commands: %v", names)
	}
	runWith := func(only string, args ...string) (int, string, string) {
		ios, _, out, errOut := iostreams.Test()
		root := newRoot(ios, only)
		root.SetArgs(args)
		err := root.Execute()
		if err != nil {
			err = unknownCommand(root, err)
			printMessage(ios.ErrOut, oneLine(err.Error()))
		}
		return exitCode(err), out.String(), errOut.String()
	}
	for _, name := range names {
		if len(NewCmdRoot(ios).Commands()) == len(newRoot(ios, name).Commands()) {
			t.Errorf("%s: the whole tree was built", name)
		}
		for _, args := range [][]string{{name, "--help"}, {name, "--fromat", "x"}, {name, "--jbos", "2"}, {name, "--version"}} {
			wc, wout, werr := runWith("", args...)
			gc, gout, gerr := runWith(name, args...)
			if args[1] == "--help" && gout == "" || args[1] != "--help" && gerr == "" {
				t.Errorf("%v: nothing printed", args)
			}
			if gc != wc || gout != wout || gerr != werr {
				t.Errorf("%v: one-command tree: exit %d, stdout %q, stderr %q; whole tree: exit %d, stdout %q, stderr %q",
					args, gc, gout, gerr, wc, wout, werr)
			}
		}
	}
	// Anything that is not a command gets the whole tree.
	for _, only := range []string{"", "help", "--config", "summarise", "__complete"} {
		if n, w := len(newRoot(ios, only).Commands()), len(NewCmdRoot(ios).Commands()); n != w {
			t.Errorf("newRoot(%q): %d commands, want %d", only, n, w)
		}
	}
}
