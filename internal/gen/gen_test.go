package gen

import (
	"bytes"
	"testing"

	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/validate"
)

// The generated summaries are valid and canonical-shaped, and the same seed
// gives the same bytes.
func TestGeneratedSummariesAreValid(t *testing.T) {
	cfg := validate.DefaultConfig()
	cfg.Severity["VG023"] = validate.Off // random MONDO and MESH numbers need not look real
	sizes := map[int]bool{}
	for i := 0; i < 200; i++ {
		src := Summary(7, i)
		if !bytes.Equal(src, Summary(7, i)) {
			t.Fatal("not deterministic")
		}
		r := validate.File(&cfg, "g.md", src)
		for _, d := range r.Diags {
			if d.Severity == validate.Error {
				t.Fatalf("summary %d: %s", i, d.Text())
			}
		}
		p, err := parse.Parse("g.md", src)
		if err != nil || len(p.Entities) < 4 || p.Published == nil {
			t.Fatalf("summary %d: %v", i, err)
		}
		sizes[len(src)/2000] = true
	}
	if len(sizes) < 3 {
		t.Errorf("sizes do not vary: %v", sizes)
	}
}
