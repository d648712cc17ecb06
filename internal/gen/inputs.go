package gen

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The tests that hold a fast path to the slow one, or a pooled parser to a
// fresh one, run every input the project keeps: these read them.

// FuzzInputs reads the inputs of a go test fuzz corpus, the files matching
// glob ("go test fuzz v1", then one []byte("...") line each).
func FuzzInputs(glob string) ([][]byte, error) {
	files, err := filepath.Glob(glob)
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(string(b), "\n") {
			if q, ok := strings.CutPrefix(line, "[]byte("); ok {
				s, err := strconv.Unquote(strings.TrimSuffix(q, ")"))
				if err != nil {
					return nil, fmt.Errorf("%s: %v", f, err)
				}
				out = append(out, []byte(s))
			}
		}
	}
	return out, nil
}

// Files reads every file under dirs whose name ends in suffix ("" for
// every file), in walk order; a folder that does not exist adds nothing.
func Files(suffix string, dirs ...string) [][]byte {
	var out [][]byte
	for _, dir := range dirs {
		_ = filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() && strings.HasSuffix(path, suffix) {
				if b, err := os.ReadFile(path); err == nil {
					out = append(out, b)
				}
			}
			return nil
		})
	}
	return out
}
