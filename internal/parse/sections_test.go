package parse

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vagut/vagut/internal/summary"
)

// A heading close to a known one is kept whole in the other sections and
// named with the section it resembles; a heading that is simply another
// section is kept without a word (issue 9, item 5).
func TestNearMissHeadings(t *testing.T) {
	cases := []struct {
		heading string
		key     string // read as this known section
		near    string // else: kept, and close to this one
	}{
		{"Key findngs", "", "key_findings"},
		{"Key Findigns", "", "key_findings"},
		{"Keyfindings", "", "key_findings"},
		{"Key-findings.", "", "key_findings"},
		{"Findngs", "", "key_findings"},
		{"TL:DR", "", "tldr"},
		{"TL;DR.", "", "tldr"},
		{"T.L.D.R.", "", "tldr"},
		{"Abstarct", "", "abstract"},
		{"Abstracts", "", "abstract"},
		{"Contributon", "", "contribution"},
		{"Linked entites", "", "linked_entities"},
		{"Linked entity", "", "linked_entities"},
		{"Full-text entites", "", "full_text_entities"},
		{"Fulltext", "", "full_text"},
		{"Full txt", "", "full_text"},
		// Known, as written or in another case or spacing.
		{"Tl;dr", "tldr", ""},
		{"TL;DR:", "tldr", ""},
		{"key  findings", "key_findings", ""},
		{"Full_text", "full_text", ""},
		// Other sections, nothing like a known one.
		{"Notes", "", ""},
		{"Methods", "", ""},
		{"Results", "", ""},
		{"Limitations", "", ""},
		{"Conclusion", "", ""},
		{"Summary", "", ""},
		{"Key results", "", ""},
		{"Related papers", "", ""},
		{"Text", "", ""},
		{"TODO", "", ""},
		{"Key findings from the companion trial", "", ""},
		{"Ω", "", ""},
	}
	for _, c := range cases {
		src := "# T\n\nPMC · 2020-01-01\n\n## " + c.heading + "\n\n- kept text\n"
		p := mustParse(t, src)
		h := p.Headings[0]
		if h.Key != c.key || h.Near != c.near {
			t.Errorf("%q: key %q near %q; want key %q near %q", c.heading, h.Key, h.Near, c.key, c.near)
		}
		if c.key != "" {
			continue
		}
		// Nothing dropped: the text is kept under its heading.
		want := []summary.Section{{Heading: c.heading, Text: "- kept text", Line: 5}}
		if diff := cmp.Diff(want, p.OtherSections); diff != "" {
			t.Errorf("%q: other sections (-want +got):\n%s", c.heading, diff)
		}
		var msgs []string
		for _, pr := range p.Problems {
			msgs = append(msgs, string(pr.Code)+" "+pr.Msg)
		}
		var wantMsgs []string
		if c.near != "" {
			wantMsgs = []string{"unknown-section unknown section \"" + c.heading + "\" (did you mean \"" + summary.SectionName(c.near) + "\"?)"}
		}
		if diff := cmp.Diff(wantMsgs, msgs); diff != "" {
			t.Errorf("%q: problems (-want +got):\n%s", c.heading, diff)
		}
	}
}

// Each section knows the last line of its content, so that a missing
// section can be placed after the one before it.
func TestSectionEnds(t *testing.T) {
	src := strings.Join([]string{
		"# T", // 1
		"",
		"PMC · 2020-01-01", // 3
		"",
		"## TL;DR", // 5
		"",
		"Short,",
		"on two lines.", // 8
		"",
		"",
		"## Key findings", // 11
		"",
		"- one",
		"",
		"  ```",
		"  code",
		"  ```", // 17
		"",
		"## Abstract", // 19
		"",
		"## Notes", // 21
		"",
		"Text.", // 23
		"",
		"---",
		"Source: https://example.org/p/P1",
		"",
	}, "\n")
	p := mustParse(t, src)
	var got [][2]int
	for _, h := range p.Headings {
		got = append(got, [2]int{h.Line, h.End})
	}
	want := [][2]int{{5, 8}, {11, 17}, {19, 19}, {21, 23}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("heading lines and ends (-want +got):\n%s", diff)
	}
}

// What makes a titled file a summary: any one sign is enough.
func TestSummaryLike(t *testing.T) {
	for _, src := range []string{
		"# T\n\n**Authors:** A B\n",
		"# T\n\nPMC · 2020-01-01\n",
		"# T\n\nDOI: 10.1/x\n",
		"# T\n\n## Abstract\n\nText.\n",
		"# T\n\n## Abstarct\n\nText.\n",
		"# T\n\nText.\n\n---\nSource: https://example.org/p/P1\n",
	} {
		if _, err := Parse("x.md", []byte(src)); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
	for _, src := range []string{
		"# Notes folder\n\nSummaries of the ECMO papers, one per file.\n",
		"# T\n",
		"# T\n\n## Usage\n\nRun vagut.\n\n## Layout\n\n- one file per paper\n",
	} {
		_, err := Parse("README.md", []byte(src))
		pe, ok := err.(*Error)
		if !ok || pe.Code != "not-a-summary" || pe.Line != 1 {
			t.Errorf("%q: error %#v, want not-a-summary at line 1", src, err)
		}
	}
}

// Near-miss headings cost a bounded comparison each, with no allocation:
// twice as many headings make twice as many allocations, never more (a
// count, not a timer, so the test does not depend on the machine's load).
func TestNearMissHeadingsScaleLinearly(t *testing.T) {
	long := "A heading nothing like any section " + strings.Repeat("x", 1000)
	for _, h := range []string{"Key findngs", long, strings.Repeat("-", 10000)} {
		if n := testing.AllocsPerRun(10, func() { summary.NearSection(h) }); n != 0 {
			t.Errorf("NearSection(%.20q...) allocates %.0f times", h, n)
		}
	}
	for _, heading := range []string{"Key findngs", long} {
		doc := func(n int) []byte {
			var b strings.Builder
			b.WriteString("# T\n\nPMC · 2020-01-01\n\n")
			for i := 0; i < n; i++ {
				b.WriteString("## " + heading + "\n\ntext\n\n")
			}
			return []byte(b.String())
		}
		allocs := func(src []byte) float64 {
			return testing.AllocsPerRun(3, func() {
				if _, err := Parse("x.md", src); err != nil {
					t.Fatal(err)
				}
			})
		}
		small, large := allocs(doc(500)), allocs(doc(1000))
		if r := large / small; r > 2.1 {
			t.Errorf("%.20q: 1000 headings make %.2f× the allocations of 500", heading, r)
		}
	}
}

// A section's heading written one level too deep ("### Key findings") is not
// read as the section; it is named at its line, unless the section is there
// too (a "### Abstract" inside a paper's full text is its own).
func TestDeepHeadingNamingASection(t *testing.T) {
	src := "# T\n\n**Authors:** A B\n\nPMC · J · 2020\n\n## TL;DR\n\nx\n\n### Key findings\n\n- y\n\n## Full text\n\n### TL;DR\n\nz\n"
	p := mustParse(t, src)
	var got []string
	for _, pr := range p.Problems {
		got = append(got, pr.Msg)
		if pr.Line != 11 || pr.Code != summary.ProblemUnknownSection {
			t.Errorf("%+v", pr)
		}
	}
	want := []string{`"### Key findings" is a level-3 heading, not read as a section (did you mean "## Key findings"?)`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
