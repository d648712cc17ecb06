package inline

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCSLAndPlain(t *testing.T) {
	for _, c := range []struct{ in, csl, plain string }{
		{"Transmission of *Pseudomonas aeruginosa* in mice", "Transmission of <i>Pseudomonas aeruginosa</i> in mice", "Transmission of Pseudomonas aeruginosa in mice"},
		{"with `DESeq2` and **strong** and _under_", `with <span class="nocase">DESeq2</span> and <b>strong</b> and <i>under</i>`, "with DESeq2 and strong and under"},
		{"*a **b** c*", "<i>a <b>b</b> c</i>", "a b c"},
		{"CO<sub>2</sub> and m<sup>2</sup>", "CO<sub>2</sub> and m<sup>2</sup>", "CO2 and m2"},
		{"1. Introduction", "1. Introduction", "1. Introduction"},
		{"# 5 > 3", "# 5 > 3", "# 5 > 3"},
		{`HLA-B\*57:01 and snake_case_name`, "HLA-B*57:01 and snake_case_name", "HLA-B*57:01 and snake_case_name"},
		{"[a link](https://example.org) and <https://x.org>", "a link and https://x.org", "a link and https://x.org"},
		{`a \<i\> tag`, `a <span class="nocase"><</span>i> tag`, "a <i> tag"},
		{"R&amp;D &lt; 5", "R&D < 5", "R&D < 5"},
		{"para one\n\npara two", "para one | para two", "para one | para two"},
	} {
		if got := CSL(c.in, " | "); got != c.csl {
			t.Errorf("CSL(%q)\n got %q\nwant %q", c.in, got, c.csl)
		}
		if got := Plain(c.in, " | "); got != c.plain {
			t.Errorf("Plain(%q)\n got %q\nwant %q", c.in, got, c.plain)
		}
	}
}

// Text without Markdown takes a short cut; it must give what goldmark gives.
func TestPlainShortCutMatchesGoldmark(t *testing.T) {
	for _, s := range []string{"a  b\n c", "one\n\n\ntwo\n  \nthree", "  lead and trail  ", "1. list-like\n- item",
		"tab\there", "", "\n\n", "# heading-like\n> quote-like"} {
		if diff := cmp.Diff(parseMarkdown(s), plainParagraphs(s)); diff != "" {
			t.Errorf("%q (-goldmark +short cut):\n%s", s, diff)
		}
	}
}
