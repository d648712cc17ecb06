package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/vagut/vagut/internal/input"
	"github.com/vagut/vagut/internal/iostreams"
)

// source is one input file's bytes.
type source struct {
	path string
	src  []byte
}

// readInputs expands the PATHs and reads every file. A PATH that gives no
// file is exit 2, a file that cannot be read exit 1; each is named on
// stderr and the others are still returned. srcs is nil only when no file
// was listed at all.
func readInputs(ios *iostreams.IOStreams, paths []string) (srcs []source, code int) {
	files, errs := input.Expand(paths)
	for _, err := range errs {
		var w *input.Warning
		if errors.As(err, &w) {
			fmt.Fprintf(ios.ErrOut, "vagut: %s: warning: %s\n", w.Path, w.Msg)
			continue
		}
		fmt.Fprintf(ios.ErrOut, "vagut: %v\n", err)
		code = exitUsage
	}
	if len(files) == 0 {
		return nil, exitUsage
	}
	srcs = []source{}
	for _, path := range files {
		b, err := readInput(ios, path)
		if err != nil {
			fmt.Fprintf(ios.ErrOut, "vagut: %s: %v\n", path, err)
			code = max(code, exitFindings)
			continue
		}
		srcs = append(srcs, source{path, b})
	}
	return srcs, code
}

func readInput(ios *iostreams.IOStreams, path string) ([]byte, error) {
	if path == input.Stdin {
		return io.ReadAll(ios.In)
	}
	b, err := os.ReadFile(path)
	var pe *os.PathError
	if errors.As(err, &pe) {
		return nil, pe.Err
	}
	return b, err
}
