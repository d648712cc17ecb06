package format

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/summary"
)

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSeedIsCanonical(t *testing.T) {
	src := read(t, "../../seeds/PMC12769693.md")
	out, err := Source("seed", src)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(src), string(out)); diff != "" {
		t.Errorf("the seed is not canonical (-seed +fmt):\n%s", diff)
	}
}

// Every fixture: the output parses to the same record, and formatting the
// output again changes nothing.
func TestRoundTripAndIdempotence(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/corpus/*.md")
	files = append(files, "../../seeds/PMC12769693.md")
	if len(files) < 6 {
		t.Fatalf("fixtures not found: %v", files)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src := read(t, f)
			out, err := Source(f, src)
			if err != nil {
				t.Fatal(err)
			}
			before, _ := parse.Parse(f, src)
			after, err := parse.Parse(f, out)
			if err != nil || !summary.SameContent(before, after) {
				t.Errorf("meaning changed: %v", err)
			}
			again, err := Source(f, out)
			if err != nil || string(again) != string(out) {
				t.Errorf("not idempotent (%v):\n%s\n---\n%s", err, out, again)
			}
		})
	}
}

func TestCanonicalForm(t *testing.T) {
	in := "\xef\xbb\xbf#   Title  \r\n" +
		"**Authors:**  A One ,B Two\r\n" +
		"PMC·DOI:  10.1/x ·  J  ·2020-01-02\r\n\r\n\r\n" +
		"## Key findings\r\n" +
		"* first finding\r\n" +
		"  wrapped\r\n" +
		"+   second\r\n" +
		"## Full-text entities\r\n\r\n" +
		"- **Genes:** A (x) [NCBI Gene 1],\r\n" +
		"  B [NCBI Gene 2]\r\n" +
		"- **Genes:**  C\r\n" +
		"- **Species:** Homo sapiens [taxon 9606]\r\n" +
		"## Notes\r\n\r\n" +
		"keep   *this*  as written\r\n\r\n\r\n\r\n" +
		"---\r\n" +
		"Source: https://x.org/p/P1\r\n\r\n\r\n"
	want := "# Title\n\n" +
		"**Authors:** A One, B Two\n\n" +
		"PMC · DOI: 10.1/x · J · 2020-01-02\n\n" +
		"## Key findings\n\n" +
		"- first finding wrapped\n" +
		"- second\n\n" +
		"## Full-text entities\n\n" +
		"- **Genes:** A (x) [NCBI Gene 1], B [NCBI Gene 2], C\n" +
		"- **Species:** Homo sapiens [taxon 9606]\n\n" +
		"## Notes\n\n" +
		"keep   *this*  as written\n\n" +
		"---\n" +
		"Source: https://x.org/p/P1\n"
	out, err := Source("x.md", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, string(out)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// fmt writes " · " between the fields and the date in ISO form, at the
// precision written: never a day the summary did not give.
func TestMetadataLine(t *testing.T) {
	for in, want := range map[string]string{
		"PMC · J · 2013-09":                  "PMC · J · 2013-09",
		"PMC · J · 2013":                     "PMC · J · 2013",
		"PubMed · J · 24 May 2018":           "PubMed · J · 2018-05-24",
		"PubMed · J · May 2018":              "PubMed · J · 2018-05",
		"PubMed · J · 2018 May 24":           "PubMed · J · 2018-05-24",
		"PubMed · J · 2018 may":              "PubMed · J · 2018-05",
		"PubMed · J · Sept. 5, 2018":         "PubMed · J · 2018-09-05",
		"PubMed · J · 5 september 2018":      "PubMed · J · 2018-09-05",
		"PubMed · J · 2018/9/5":              "PubMed · J · 2018-09-05",
		"PMC | DOI: 10.1/x | J | 2020-01-02": "PMC · DOI: 10.1/x · J · 2020-01-02",
		"PMC • DOI: 10.1/x • J • Jan 2020":   "PMC · DOI: 10.1/x · J · 2020-01",
		"PMC|DOI: 10.1/x|J":                  "PMC · DOI: 10.1/x · J",
		"May 2018":                           "2018-05",
		"bioRxiv | 2018 May":                 "bioRxiv · 2018-05",
	} {
		out, err := Source("x.md", []byte("# T\n\n"+in+"\n"))
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if got := strings.Split(string(out), "\n")[2]; got != want {
			t.Errorf("%q: fmt wrote %q, want %q", in, got, want)
		}
	}
}

func TestRefusesWhatItWouldLose(t *testing.T) {
	cases := map[string]string{
		"extra metadata field": "# T\n\nPMC · J · Extra · 2020-01-01\n",
		"ambiguous date":       "# T\n\nPMC · J · 14/05/2020\n",
		"impossible date":      "# T\n\nPMC · J · 2020-02-30\n",
		"month 13":             "# T\n\nPMC | J | 2020-13\n",
		"invalid UTF-8":        "# T\n\n## TL;DR\n\nbad \xff\n",
		"code in entity list":  "# T\n\n## Linked entities\n\n```\nx\n```\n",
	}
	for name, src := range cases {
		_, err := Source("x.md", []byte(src))
		var fe *Error
		if !errors.As(err, &fe) || !strings.HasPrefix(fe.Msg, "not formatted:") {
			t.Errorf("%s: error %v, want a refusal", name, err)
		}
	}
	if _, err := Source("x.md", []byte("no title\n")); err == nil {
		t.Error("a file without title was formatted")
	}
}
