package validate

import (
	"sort"
	"strings"
	"testing"
)

const inlineDoc = `# Title

PMC · Critical Care · 2023-05-14
%s
## TL;DR

Short.

## Key findings

- One.

## Abstract

Text.

## Full-text entities

%s- **Diseases:** cardiogenic shock (MONDO:800175)
- **Diseases:** shock (MONDO:123)%s
`

func ruleIDs(r Result) string {
	var ids []string
	for _, d := range r.Diags {
		ids = append(ids, d.Rule.ID+":"+itoa(d.Line))
	}
	sort.Strings(ids)
	return strings.Join(ids, " ")
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	if s == "" {
		return "0"
	}
	return s
}

// The comments as markdownlint has them turn rules off for the file, for
// the next line, for their own line; by id or name; none means every rule.
func TestInlineDisables(t *testing.T) {
	cfg := DefaultConfig()
	cases := []struct {
		file, next, line, want string
	}{
		{"", "", "", "VG006:20 VG023:19 VG023:20"},
		{"\n<!-- vagut-disable VG006 -->\n", "", "", "VG023:21 VG023:22"},
		{"\n<!-- vagut-disable missing-source, VG023 -->\n", "", "", ""},
		{"\n<!-- vagut-disable-file VG006 VG023 -->\n", "", "", ""},
		{"\n<!-- vagut-disable -->\n", "", "", ""},
		{"", "<!-- vagut-disable-next-line VG023 -->\n", "", "VG006:21 VG023:21"},
		{"", "<!-- vagut-disable-next-line -->\n", " <!-- vagut-disable-line invalid-id -->", "VG006:21"},
		{"", "", " <!-- vagut-disable-line VG006 -->", "VG023:19 VG023:20"},            // VG006 is at the last line, 20
		{"\n```\n<!-- vagut-disable -->\n```\n", "", "", "VG006:24 VG023:23 VG023:24"}, // in a code block: text
		{"\n<!-- vagut-disable VG06 -->\n", "", "", "VG006:22 VG023:21 VG023:22 VG050:5"},
	}
	for _, c := range cases {
		doc := strings.Replace(strings.Replace(strings.Replace(inlineDoc, "%s", c.file, 1), "%s", c.next, 1), "%s", c.line, 1)
		r := File(&cfg, "x.md", []byte(doc))
		got := ruleIDs(r)
		if got != c.want {
			t.Errorf("file %q next %q line %q: %s, want %s\n%s", c.file, c.next, c.line, got, c.want, doc)
		}
	}
}

// Duplicates across files are cut by the directives of the file reported.
func TestInlineSilencesCorpus(t *testing.T) {
	cfg := DefaultConfig()
	a := File(&cfg, "a.md", []byte("# A\n\nPMC · DOI: 10.1/x · J · 2020-01-01\n\n<!-- vagut-disable duplicate-doi -->\n"))
	b := File(&cfg, "b.md", []byte("# B\n\nPMC · DOI: 10.1/X · J · 2020-01-01\n"))
	ds := Silence(Corpus(&cfg, papersOf([]Result{a, b})), map[string]*Inline{"a.md": a.Inline, "b.md": b.Inline})
	if len(ds) != 1 || ds[0].Path != "b.md" || ds[0].Rule.ID != "VG040" {
		t.Errorf("%+v", ds)
	}
}
