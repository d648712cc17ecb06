package parse

import (
	"regexp"
	"testing"
)

// The regular expression the hand-written label reader replaced.
var categoryRE = regexp.MustCompile(`^\*\*\s*([^*]*?)\s*(?::\*\*|\*\*\s*:)\s*`)

// TestCategoryLabelMatchesRegexp compares categoryLabel with the regular
// expression it replaced on every string of up to 7 bytes after "**" over
// the bytes that matter, and on the labels summaries write.
func TestCategoryLabelMatchesRegexp(t *testing.T) {
	check := func(s string) {
		t.Helper()
		cat, rest, ok := categoryLabel(s)
		m := categoryRE.FindStringSubmatchIndex(s)
		if ok != (m != nil) || ok && (cat != s[m[2]:m[3]] || rest != m[1]) {
			t.Fatalf("categoryLabel(%q) = %q, %d, %v; the regexp says %v", s, cat, rest, ok, m)
		}
	}
	for _, s := range []string{"**Genes:** A, B", "**Genes**: A", "** Cell lines :** X", "**Genes** :  A", "**:**", "****:",
		"Genes: A", "**Genes: A", "**Genes*: A", "**Ge*nes:** A", "**Genes:*", "**\tGenes\t:**\tA", "*", "", "**"} {
		check(s)
	}
	alphabet := []byte{'*', ':', ' ', '\t', '\n', '\v', 'a'}
	var walk func(b []byte)
	walk = func(b []byte) {
		check("**" + string(b))
		check(string(b))
		if len(b) == 7 {
			return
		}
		for _, c := range alphabet {
			walk(append(b, c))
		}
	}
	walk(nil)
}
