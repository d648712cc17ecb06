package gen

import (
	"os"
	"testing"
)

// VAGUT_GEN_DIR=DIR go test ./internal/gen -run TestWriteCorpus writes a
// 10,000-file corpus there, for profiling by hand.
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("VAGUT_GEN_DIR")
	if dir == "" {
		t.Skip("VAGUT_GEN_DIR not set")
	}
	if err := Write(dir, 42, 10000); err != nil {
		t.Fatal(err)
	}
}
