package parse

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vagut/vagut/internal/summary"
)

// A link reference definition after the Key findings list (or between two
// lists) is the target of a finding's reference link, not a finding.
func TestLinkDefinitionAmongFindingsIsNoFinding(t *testing.T) {
	src := "# T\n\nPMC · DOI: 10.1/x · J · 2020\n\n## Key findings\n\n" +
		"- one from [the trial][t1]\n- two\n\n[t1]: https://example.org/x\n[t2]: https://example.org/y \"Y\"\n\n- three\n\n" +
		"## Abstract\n\na\n"
	p, err := Parse("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []summary.Finding{{Text: "one from [the trial][t1]", Line: 7}, {Text: "two", Line: 8}, {Text: "three", Line: 13}}
	if d := cmp.Diff(want, p.KeyFindings); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	defs := []summary.Finding{{Text: "[t1]: https://example.org/x", Line: 10}, {Text: `[t2]: https://example.org/y "Y"`, Line: 11}}
	if d := cmp.Diff(defs, p.FindingDefs); d != "" {
		t.Errorf("definitions (-want +got):\n%s", d)
	}
}
