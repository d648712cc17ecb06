package evidence

import (
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vagut/vagut/internal/summary"
)

func TestSplit(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Smith et al. studied 40 adults. Injury was measured with I-FABP, e.g. on days 1 and 3. Lactate rose late.",
			[]string{"Smith et al. studied 40 adults.", "Injury was measured with I-FABP, e.g. on days 1 and 3.", "Lactate rose late."}},
		{"I-FABP exceeded 1.5 ng/mL in 62% vs. 20% of controls. IL-6 peaked (p = 0.01).",
			[]string{"I-FABP exceeded 1.5 ng/mL in 62% vs. 20% of controls.", "IL-6 peaked (p = 0.01)."}},
		{"Citrulline fell by 0.38 μg/kg per hour. Flow was 2.5 L/min.",
			[]string{"Citrulline fell by 0.38 μg/kg per hour.", "Flow was 2.5 L/min."}},
		{"Gut injury was common, i.e. most patients. As reported by J. Smith, it was early!  Why? \"Because\" flow fell.",
			[]string{"Gut injury was common, i.e. most patients.", "As reported by J. Smith, it was early!", "Why?", "\"Because\" flow fell."}},
		{"See Fig. 2. Results (n = 12.) Done.", []string{"See Fig. 2.", "Results (n = 12.)", "Done."}},
		{"no capital after this. so one sentence", []string{"no capital after this. so one sentence"}},
		{"", nil},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, Split(c.in)); diff != "" {
			t.Errorf("Split(%q) (-want +got):\n%s", c.in, diff)
		}
	}
}

func TestFindAliasesAndWholeWords(t *testing.T) {
	s := func(v string) *string { return &v }
	p := &summary.Paper{
		TLDR:        s("Plasma I-FABP rose early. FABP2-positive cells fell. FABPI was low; i-fabp stayed."),
		KeyFindings: []summary.Finding{{Text: "No marker here."}, {Text: "Lactate rose 3.2-fold vs. baseline."}},
		Abstract:    s("pre-I-FABPs are not the gene. FABP2 alone."),
	}
	got := Find(p, []string{"FABP2", "FABPI", "I-FABP"}, regexp.MustCompile("(?i)lactate"))
	want := []Sentence{
		{"tldr", "Plasma I-FABP rose early.", []Span{{7, 13}}},
		{"tldr", "FABP2-positive cells fell.", []Span{{0, 5}}},
		{"tldr", "FABPI was low; i-fabp stayed.", []Span{{0, 5}, {15, 21}}},
		{"key_findings", "Lactate rose 3.2-fold vs. baseline.", []Span{{0, 7}}},
		{"abstract", "FABP2 alone.", []Span{{0, 5}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, e := range got {
		for _, m := range e.Matches {
			if e.Text[m.Start:m.End] == "" {
				t.Errorf("empty span in %q", e.Text)
			}
		}
	}
}
