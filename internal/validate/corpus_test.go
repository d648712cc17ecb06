package validate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vagut/vagut/internal/summary"
)

// Many files sharing one DOI: every one of them is named (none dropped by
// the per-file cap, which a corpus check must not apply across files), and
// the diagnostics grow with the files, not with their pairs.
func TestCorpusManyDuplicatesEachNamedOnce(t *testing.T) {
	cfg := DefaultConfig()
	const n = 500
	var papers []*summary.Paper
	for i := 0; i < n; i++ {
		d := "10.1/Same"
		papers = append(papers, &summary.Paper{Path: fmt.Sprintf("f%03d.md", i), ID: fmt.Sprintf("id%d", i), DOI: &d, MetadataLine: 3, DOICol: 12})
	}
	ds := Corpus(&cfg, papers)
	per := map[string]int{}
	for _, d := range ds {
		if d.Rule.ID != "VG040" {
			t.Fatalf("unexpected %+v", d)
		}
		per[d.Path]++
	}
	if len(per) != n || len(ds) != n {
		t.Fatalf("%d diagnostics on %d files, want one on each of %d", len(ds), len(per), n)
	}
	if got, want := ds[0].Message, "same DOI as f001.md:3 and 498 other files"; got != want {
		t.Errorf("first: %q, want %q", got, want)
	}
	if got, want := ds[n-1].Message, "same DOI as f000.md:3 and 498 other files"; got != want {
		t.Errorf("last: %q, want %q", got, want)
	}
}

// Same paper id with different DOIs: each file once, the files of its own
// DOI not counted (VG040 says those).
func TestCorpusSameIDOncePerFile(t *testing.T) {
	cfg := DefaultConfig()
	d1, d2 := "10.1/a", "10.1/b"
	papers := []*summary.Paper{
		{Path: "a.md", ID: "p", DOI: &d1, URLLine: 9},
		{Path: "b.md", ID: "p", DOI: &d1, URLLine: 9},
		{Path: "c.md", ID: "p", DOI: &d2, URLLine: 9},
		{Path: "d.md", ID: "p", URLLine: 9},
	}
	var got []string
	for _, d := range Corpus(&cfg, papers) {
		got = append(got, d.Path+" "+d.Rule.ID+" "+d.Message)
	}
	want := []string{
		"a.md VG040 same DOI as b.md:0",
		"b.md VG040 same DOI as a.md:0",
		"a.md VG041 same paper id p as c.md and 1 other file",
		"b.md VG041 same paper id p as c.md and 1 other file",
		"c.md VG041 same paper id p as a.md and 2 other files",
		"d.md VG041 same paper id p as a.md and 2 other files",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// A file's comment turns a rule off before the per-file cap counts: 300
// silenced warnings must not fold a real error of another rule into a
// "… and N more" line of the silenced rule, and so hide it.
func TestInlineDisableBeforeCap(t *testing.T) {
	cfg := DefaultConfig()
	ents := strings.Repeat("dup (MESH:D000001), ", 300)
	src := "<!-- vagut-disable VG025 -->\n# T\n\n**Authors:** A B\n\nPMC · DOI: 10.1/x · J · 2020-01-01\n\n## TL;DR\n\nx\n\n## Key findings\n\n- y\n\n## Abstract\n\nz\n\n## Full-text entities\n\n- **Diseases:** " +
		ents + "last (MESH:D000002)\n- **Chemicals:** bad (MESH:D12)\n\nSource: https://x.org/PMC1\n"
	r := File(&cfg, "a.md", []byte(src))
	var got []string
	for _, d := range r.Diags {
		got = append(got, fmt.Sprintf("%d %s %s", d.Line, d.Rule.ID, d.Message))
	}
	want := []string{"23 VG023 bad: id MESH:D12 should be D or C followed by 6 or 9 digits after MESH:"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
