package pubtator

import (
	"strings"
	"testing"
)

// No annotation file makes the readers panic, and every entity written
// is free of the characters that would split or end it.
func FuzzReadFold(f *testing.F) {
	f.Add("1|t|Title\n1|a|Abstract\n1\t0\t5\tTitle\tGene\t2169;3569\n1\t6\t9\tAbs\tVariant\ttmVar:x;RS#:12\n1\tCID\ta\tb\n")
	f.Add(`{"documents":[{"id":"1","passages":[{"infons":{"type":"title"},"annotations":[{"infons":{"type":"Gene","identifier":1},"text":"A,B(C)"}]}]}]}`)
	f.Add("\ufeff[]")
	f.Fuzz(func(t *testing.T, src string) {
		docs, err := Read(strings.NewReader(src))
		if err != nil {
			return
		}
		for _, d := range docs {
			l, _ := Fold(d)
			for _, e := range append(l.Linked, l.FullText...) {
				for _, s := range append([]string{e.Name, e.Category}, e.Aliases...) {
					if s == "" || strings.ContainsAny(s, reserved+"\n\r") {
						t.Fatalf("entity part %q of %+v", s, e)
					}
				}
			}
		}
	})
}
