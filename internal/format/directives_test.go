package format

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// fmt keeps vagut's inline comments where they were: they are not part of
// the record, and dropping one would turn a rule back on.
func TestFmtKeepsDirectives(t *testing.T) {
	src := "# Title\n\nPMC · Critical Care · 2023-05-14\n\n<!-- vagut-disable VG006 -->\n\n## TL;DR\n\nShort.\n\n" +
		"## Key findings\n\n* One.\n<!-- vagut-disable-next-line VG023 -->\n<!-- vagut-disable-next-line VG022 -->\n* Two.\n\n" +
		"## Abstract\n\nText.   <!-- vagut-disable-line VG004 -->\n\n## Full-text entities\n\n" +
		"- **Diseases:** cardiogenic shock (MONDO:800175),\n  shock (MONDO:0800175) <!-- vagut-disable-line VG023 -->\n\n<!-- vagut-disable VG008 -->\n"
	want := "# Title\n\nPMC · Critical Care · 2023-05-14\n\n<!-- vagut-disable VG006 -->\n\n## TL;DR\n\nShort.\n\n" +
		"## Key findings\n\n- One.\n<!-- vagut-disable-next-line VG023 -->\n<!-- vagut-disable-next-line VG022 -->\n- Two.\n\n" +
		"## Abstract\n\nText. <!-- vagut-disable-line VG004 -->\n\n## Full-text entities\n\n" +
		"- **Diseases:** cardiogenic shock (MONDO:800175), shock (MONDO:0800175) <!-- vagut-disable-line VG023 -->\n\n<!-- vagut-disable VG008 -->\n"
	out, err := Source("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	again, err := Source("x.md", out)
	if err != nil || string(again) != string(out) {
		t.Errorf("not idempotent (%v):\n%s", err, again)
	}
	if n := strings.Count(string(out), directiveStart); n != 6 {
		t.Errorf("%d directives kept, want 6", n)
	}
}

// Placing directives takes work linear in the file: a growth test on a list
// of findings, each under a directive, and a run of directive lines. Bytes
// allocated, not time, so a loaded machine cannot make it flaky (inserting
// each directive into the slice of lines, as first written, was quadratic).
func TestKeepDirectivesLinear(t *testing.T) {
	doc := func(n int) (string, string) {
		var src, out strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&src, "<!-- vagut-disable-next-line VG022 -->\n* finding %d\n", i)
			fmt.Fprintf(&out, "- finding %d\n", i)
		}
		src.WriteString(strings.Repeat("<!-- vagut-disable VG006 -->\n", n))
		return src.String(), out.String()
	}
	at := func(n int) uint64 {
		src, out := doc(n)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if _, ok := keepDirectives(src, out); !ok {
			t.Fatal("not placed")
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	// Four times the input: about 4x when linear, 16x when quadratic.
	small, large := at(2000), at(8000)
	if ratio := float64(large) / float64(small); ratio > 6 {
		t.Errorf("2000 directives: %d bytes, 8000: %d (x%.1f): not linear", small, large, ratio)
	}
}
