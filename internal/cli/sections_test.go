package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// typoSummary has a typo in a heading (line 15): its findings must not go
// missing without a word.
const typoSummary = `# Gut injury in VA-ECMO

**Authors:** Ana Silva, Ben Ode

PMC · DOI: 10.1000/abc.123 · Critical Care · 2023-05-14

## TL;DR

Short.

## Abstract

Text.

## Key findngs

- Plasma I-FABP rose early.

---
Source: https://example.org/paper/P1
`

// notesReadme is what people keep beside their summaries.
const notesReadme = "# Notes folder\n\nSummaries of the ECMO papers, one file per paper.\n"

// Issue 9, item 5: a near-miss heading is named once on stderr by every
// command that reads papers (not with --quiet), and its text is kept.
func TestNearMissHeadingIsNamed(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes")
	x := writeBytes(t, filepath.Join(notes, "x.md"), []byte(typoSummary))
	line := "vagut: " + x + `:15: unknown section "Key findngs" (did you mean "Key findings"?)` + "\n"
	for _, args := range [][]string{
		{"summarize", notes, "-o", "json"},
		{"summarize", notes, "-o", "jsonl"},
		{"summarize", notes},
		{"entities", notes},
		{"cite", notes},
	} {
		r := run(t, "", args...)
		if r.code != 0 || r.stderr != line {
			t.Errorf("%v: exit %d, stderr %q; want 0, %q", args, r.code, r.stderr, line)
		}
		q := run(t, "", append(args, "--quiet")...)
		if q.code != 0 || q.stderr != "" || q.stdout != r.stdout {
			t.Errorf("%v --quiet: exit %d, stderr %q; want 0, nothing, the same output", args, q.code, q.stderr)
		}
	}
	r := run(t, "", "summarize", notes, "-o", "json", "--jq", ".papers[0] | {key_findings, other_sections}")
	var got any
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%v: %s", err, r.stdout)
	}
	want := map[string]any{
		"key_findings":   []any{},
		"other_sections": []any{map[string]any{"heading": "Key findngs", "text": "- Plasma I-FABP rose early."}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("kept text (-want +got):\n%s", diff)
	}

	// validate: a warning at the heading, and the missing section there too.
	v := run(t, "", "validate", x)
	wantV := x + `:15:1: error: required section "Key findings" is missing [VG003/missing-section]` + "\n" +
		x + `:15:1: warning: unknown section "Key findngs" (did you mean "Key findings"?) [VG013/unknown-section]` + "\n"
	if v.code != 1 || v.stdout != wantV {
		t.Errorf("validate: exit %d\n%s\nwant 1\n%s", v.code, v.stdout, wantV)
	}
}

// Issue 9, item 5: a README beside the summaries is "not a summary": an
// error naming it, exit 1, and every other file still comes out.
func TestNotASummary(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes")
	if err := os.Mkdir(notes, 0o755); err != nil {
		t.Fatal(err)
	}
	goodFile(t, notes)
	readme := writeBytes(t, filepath.Join(notes, "README.md"), []byte(notesReadme))
	msg := "vagut: " + readme + ":1: not a summary: a title, but no Authors line, metadata line, known section or Source line\n"
	for _, c := range []struct {
		args []string
		out  string // in stdout: the good paper came out
	}{
		{[]string{"summarize", notes, "-o", "jsonl"}, `"id":"PMC12769693"`},
		{[]string{"summarize", notes, "-o", "json"}, `"id": "PMC12769693"`},
		{[]string{"entities", notes, "-o", "csv"}, "FABP2"},
		{[]string{"cite", notes}, "@article{"},
	} {
		r := run(t, "", c.args...)
		want := msg + "vagut: 2 files, 1 paper, 1 error\n"
		if r.code != 1 || r.stderr != want || !strings.Contains(r.stdout, c.out) || strings.Contains(r.stdout, "Notes folder") {
			t.Errorf("%v: exit %d, stderr %q; want 1, %q and the good paper only", c.args, r.code, r.stderr, want)
		}
	}
	v := run(t, "", "validate", readme)
	wantV := readme + ":1:1: error: not a summary: a title, but no Authors line, metadata line, known section or Source line [VG009/not-a-summary]\n"
	if v.code != 1 || v.stdout != wantV {
		t.Errorf("validate: exit %d, %q; want 1, %q", v.code, v.stdout, wantV)
	}
}

// Issue 9, item 8: ids of a shape the registry never issues are flagged by
// validate and get no link in the digests; the good one beside them does.
func TestBadShapedIDsAreNotLinked(t *testing.T) {
	src := strings.Replace(typoSummary, "## Key findngs", "## Key findings", 1)
	src = strings.Replace(src, "---\nSource:", "## Linked entities\n\n"+
		"- **Diseases:** ischemia (MESH:D15427), shock (MESH:D0154270), sepsis (MESH:D018805)\n\n---\nSource:", 1)
	f := writeBytes(t, filepath.Join(t.TempDir(), "ids.md"), []byte(src))
	v := run(t, "", "validate", f)
	wantV := f + ":21:17: error: ischemia: id MESH:D15427 should be D or C followed by 6 or 9 digits after MESH: [VG023/invalid-id]\n" +
		f + ":21:41: error: shock: id MESH:D0154270 should be D or C followed by 6 or 9 digits after MESH: [VG023/invalid-id]\n"
	if v.code != 1 || v.stdout != wantV {
		t.Errorf("validate: exit %d\n%s\nwant 1\n%s", v.code, v.stdout, wantV)
	}
	for _, o := range []string{"md", "html"} {
		r := run(t, "", "summarize", f, "-o", o, "--sections", "entities")
		if r.code != 0 {
			t.Fatalf("-o %s: exit %d: %s", o, r.code, r.stderr)
		}
		for _, bad := range []string{"ui=D15427", "ui=D0154270"} {
			if strings.Contains(r.stdout, bad) {
				t.Errorf("-o %s links a MeSH record that cannot exist (%s)", o, bad)
			}
		}
		if !strings.Contains(r.stdout, "https://meshb.nlm.nih.gov/record/ui?ui=D018805") {
			t.Errorf("-o %s: the good id lost its link:\n%s", o, r.stdout)
		}
	}
	e := run(t, "", "entities", f)
	if strings.Contains(e.stdout, "ui=D15427") || !strings.Contains(e.stdout, "ui=D018805") {
		t.Errorf("entities links a bad id or not the good one:\n%s", e.stdout)
	}
}

// A typo in required_sections gets a "did you mean" from the same table.
func TestRequiredSectionTypo(t *testing.T) {
	dir := t.TempDir()
	cfg := writeBytes(t, filepath.Join(dir, ".vagut.yaml"), []byte("required_sections: [TL;DR, Key findngs]\n"))
	r := run(t, "", "validate", "seeds", "--config", cfg)
	want := "vagut: " + cfg + `:1: required_sections: "Key findngs" is not a section vagut knows (did you mean "Key findings"?)` + "\n"
	if r.code != 2 || r.stderr != want {
		t.Errorf("exit %d, stderr %q; want 2, %q", r.code, r.stderr, want)
	}
}
