package render

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// appendIndent must give json.Indent's bytes, on the documents vagut writes
// and on random ones with tricky strings.
func TestAppendIndentMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	strs := []string{"", "a", `quote " inside`, `back\slash`, "{[,:]}", "ünïcødé – ", "\u2028", "<&>", "tab\tnew\nline", `\"`}
	var value func(depth int) any
	value = func(depth int) any {
		switch k := r.IntN(8); {
		case depth > 4 || k == 0:
			return strs[r.IntN(len(strs))]
		case k == 1:
			return r.IntN(1000) - 500
		case k == 2:
			return nil
		case k == 3:
			return r.IntN(2) == 0
		case k < 6:
			a := make([]any, r.IntN(4))
			for i := range a {
				a[i] = value(depth + 1)
			}
			return a
		default:
			m := map[string]any{}
			for i := r.IntN(4); i > 0; i-- {
				m[strs[r.IntN(len(strs))]+string(rune('a'+i))] = value(depth + 1)
			}
			return m
		}
	}
	for i := 0; i < 3000; i++ {
		v := value(0)
		compact, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		for _, pi := range [][2]string{{"", "  "}, {"    ", "  "}, {"", ""}} {
			var want bytes.Buffer
			if err := json.Indent(&want, compact, pi[0], pi[1]); err != nil {
				t.Fatal(err)
			}
			if pi[1] == "" {
				continue // vagut writes compact JSON as json.Marshal gives it
			}
			if got := appendIndent(nil, compact, pi[0], pi[1]); !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("prefix %q indent %q on %s:\n got %s\nwant %s", pi[0], pi[1], compact, got, want.Bytes())
			}
		}
	}
}
