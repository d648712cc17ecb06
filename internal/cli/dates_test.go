package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/vagut/vagut/internal/schema"
)

// testdata/dates holds papers dated as precisely as their sources knew
// (2013-09, 2013, 2018 May), dates written out (24 Sept. 2018) and metadata
// lines typed with " | " and " • ".
const datesDir = "testdata/dates"

func jsonPapers(t *testing.T, args ...string) map[string]map[string]any {
	t.Helper()
	r := run(t, "", append([]string{"summarize", "-o", "json"}, args...)...)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("summarize %v: exit %d, stderr %q", args, r.code, r.stderr)
	}
	var doc struct{ Papers []map[string]any }
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]any{}
	for _, p := range doc.Papers {
		out[p["id"].(string)] = p
	}
	return out
}

// published holds the date as precisely as written, in ISO form.
func TestPublishedAtWrittenPrecision(t *testing.T) {
	papers := jsonPapers(t, datesDir)
	for id, want := range map[string]string{
		"DATES-MONTH":   "2013-09",    // was null
		"DATES-YEAR":    "2013",       // was a journal-less "2013" field... and null
		"DATES-PUBMED":  "2018-05",    // 2018 May
		"DATES-WRITTEN": "2018-09-24", // 24 Sept. 2018
		"DATES-DAY":     "2013-09-30",
		"DATES-PIPE":    "2014-02-03",
		"DATES-BULLET":  "2015-05", // May 2015
	} {
		if got := papers[id]["published"]; got != want {
			t.Errorf("%s: published %v, want %q", id, got, want)
		}
	}
}

// A metadata line typed with " | " or " • " keeps its DOI, journal and date.
func TestMetadataSeparators(t *testing.T) {
	papers := jsonPapers(t, datesDir)
	for id, doi := range map[string]string{"DATES-PIPE": "10.1000/dates.pipe", "DATES-BULLET": "10.1000/dates.bullet"} {
		p := papers[id]
		if p["source"] != "PMC" || p["doi"] != doi || p["journal"] != "Critical Care" || p["published"] == nil {
			t.Errorf("%s: source %v, doi %v, journal %v, published %v", id, p["source"], p["doi"], p["journal"], p["published"])
		}
		if len(p["other_sections"].([]any)) != 0 {
			t.Errorf("%s: the metadata line was kept as text: %v", id, p["other_sections"])
		}
	}
	// And validate has nothing to say about them: no missing-metadata warning.
	r := run(t, "", "validate", filepath.Join(datesDir, "pipe.md"), filepath.Join(datesDir, "bullet.md"))
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("validate: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// fmt writes " · " between the fields and the date in ISO form at the
// precision written; a month-only date is canonical as it is.
func TestFmtNormalisesDatesAndSeparators(t *testing.T) {
	for file, want := range map[string]string{
		"month.md":   "PubMed · DOI: 10.1000/dates.month · Critical Care · 2013-09",
		"year.md":    "Shock · 2013",
		"written.md": "PubMed · DOI: 10.1000/dates.written · Intensive Care Medicine · 2018-09-24",
		"pubmed.md":  "PubMed · Intensive Care Medicine · 2018-05",
		"pipe.md":    "PMC · DOI: 10.1000/dates.pipe · Critical Care · 2014-02-03",
		"bullet.md":  "PMC · DOI: 10.1000/dates.bullet · Critical Care · 2015-05",
	} {
		path := filepath.Join(datesDir, file)
		r := run(t, "", "fmt", path)
		if r.code != 0 || r.stderr != "" {
			t.Errorf("fmt %s: exit %d, stderr %q", file, r.code, r.stderr)
			continue
		}
		if got := strings.Split(r.stdout, "\n")[4]; got != want {
			t.Errorf("fmt %s: metadata line %q, want %q", file, got, want)
		}
	}
	r := run(t, "", "fmt", "--check", datesDir)
	want := strings.Join([]string{"bullet.md", "pipe.md", "pubmed.md", "written.md"}, "\n"+datesDir+"/")
	if r.code != 1 || r.stdout != datesDir+"/"+want+"\n" || r.stderr != "" {
		t.Errorf("fmt --check: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// A file whose date vagut cannot place is not formatted: the date would be lost.
func TestFmtRefusesImpossibleDates(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(datesDir, "month.md"))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(src), "2013-09", "2013-02-30", 1)
	r := run(t, bad, "fmt", "-")
	if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "-:5: not formatted: a date vagut cannot read would be dropped (date 2013-02-30 is not a real calendar date); fix it first") {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// validate flags only impossible dates, at the date's line and column.
func TestValidateDates(t *testing.T) {
	r := run(t, "", "validate", datesDir)
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("validate %s: exit %d, stdout %q, stderr %q", datesDir, r.code, r.stdout, r.stderr)
	}
	src, err := os.ReadFile(filepath.Join(datesDir, "month.md"))
	if err != nil {
		t.Fatal(err)
	}
	for date, msg := range map[string]string{
		"2013-13":    "date 2013-13 is not a real calendar date",
		"2013-02-30": "date 2013-02-30 is not a real calendar date",
		"13/09/2013": "date 13/09/2013 is not in a form vagut reads: write YYYY-MM-DD, YYYY-MM or YYYY",
	} {
		in := strings.Replace(string(src), "2013-09", date, 1)
		r := run(t, in, "validate", "-")
		want := "-:5:53: error: " + msg + " [VG011/invalid-date]\n"
		if r.code != 1 || r.stdout != want {
			t.Errorf("validate %s: exit %d, stdout %q, want %q", date, r.code, r.stdout, want)
		}
	}
}

// A summary's date that is no date is named on stderr by summarize, not
// turned into a silent null.
func TestSummarizeWarnsOfImpossibleDates(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(datesDir, "month.md"))
	if err != nil {
		t.Fatal(err)
	}
	in := strings.Replace(string(src), "2013-09", "2013-02-30", 1)
	r := run(t, in, "summarize", "-", "-o", "jsonl")
	if r.code != 0 || !strings.Contains(r.stdout, `"published":null`) ||
		r.stderr != "vagut: -:5: warning: date 2013-02-30 is not a real calendar date\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// --since and --until treat a partial date as its whole period: the paper is
// kept when the period overlaps the range. Newest first puts a partial date
// before the full dates of its period.
func TestPartialDatesFilterAndSort(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		want []string
	}{
		{"newest first", nil, []string{"DATES-WRITTEN", "DATES-PUBMED", "DATES-BULLET", "DATES-PIPE", "DATES-YEAR", "DATES-MONTH", "DATES-DAY", "DATES-EARLY"}},
		{"since mid-month keeps the month", []string{"--since", "2013-09-15", "--until", "2013-12-31"}, []string{"DATES-YEAR", "DATES-MONTH", "DATES-DAY"}},
		{"until the first keeps the month", []string{"--until", "2013-09-01"}, []string{"DATES-YEAR", "DATES-MONTH"}},
		{"a month range", []string{"--since", "2013-09", "--until", "Sept 2013"}, []string{"DATES-YEAR", "DATES-MONTH", "DATES-DAY", "DATES-EARLY"}},
		{"since the next month", []string{"--since", "2013-10", "--until", "2013"}, []string{"DATES-YEAR"}},
		{"written-out flag", []string{"--since", "24 May 2018"}, []string{"DATES-WRITTEN", "DATES-PUBMED"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, ids(t, append([]string{datesDir}, c.args...)...)); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
		})
	}
	r := run(t, "", "summarize", datesDir, "--since", "2013-02-30")
	if r.code != 2 || r.stderr != "vagut: --since: \"2013-02-30\" is not a real calendar date\n" {
		t.Errorf("--since 2013-02-30: exit %d, stderr %q", r.code, r.stderr)
	}
}

// The citation line of the digest and the HTML page show the date as written.
func TestDigestShowsPartialDates(t *testing.T) {
	r := run(t, "", "summarize", filepath.Join(datesDir, "month.md"))
	if !strings.Contains(r.stdout, "Silva A, Ode B · *Critical Care* · 2013-09 · [doi:10.1000/dates.month]") {
		t.Errorf("md citation line:\n%s", r.stdout)
	}
	r = run(t, "", "summarize", filepath.Join(datesDir, "year.md"), "-o", "html")
	if !strings.Contains(r.stdout, "<em>Shock</em> · 2013 · <a") {
		t.Errorf("html citation line:\n%s", r.stdout)
	}
}

// CSL date-parts, BibTeX year/month and RIS PY/DA at the precision written.
func TestCiteDatesAtWrittenPrecision(t *testing.T) {
	files := []string{filepath.Join(datesDir, "month.md"), filepath.Join(datesDir, "year.md"), filepath.Join(datesDir, "written.md")}
	r := run(t, "", append([]string{"cite", "-o", "csljson"}, files...)...)
	var items []struct {
		Title  string
		Issued *struct {
			DateParts [][]int `json:"date-parts"`
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &items); err != nil {
		t.Fatal(err)
	}
	got := map[string][]int{}
	for _, it := range items {
		if it.Issued == nil || len(it.Issued.DateParts) != 1 {
			t.Errorf("%s: issued %+v", it.Title, it.Issued)
			continue
		}
		got[it.Title] = it.Issued.DateParts[0]
	}
	want := map[string][]int{
		"Gut permeability in septic shock":                  {2013, 9},
		"Mesenteric blood flow on bypass":                   {2013},
		"Intestinal fatty acid binding protein as a marker": {2018, 9, 24},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CSL date-parts (-want +got):\n%s", diff)
	}

	bib := run(t, "", append([]string{"cite"}, files...)...).stdout
	for _, want := range []string{
		"  title = {Gut permeability in septic shock},\n  journal = {Critical Care},\n  year = {2013},\n  month = sep,\n  date = {2013-09},\n",
		"  journal = {Shock},\n  year = {2013},\n  date = {2013},\n  url",
	} {
		if !strings.Contains(bib, want) {
			t.Errorf("BibTeX lacks %q:\n%s", want, bib)
		}
	}
	ris := run(t, "", append([]string{"cite", "-o", "ris"}, files...)...).stdout
	for _, want := range []string{"T2  - Critical Care\nPY  - 2013\nDA  - 2013/09//\n", "T2  - Shock\nPY  - 2013\nDA  - 2013///\n", "PY  - 2018\nDA  - 2018/09/24\n"} {
		if !strings.Contains(ris, want) {
			t.Errorf("RIS lacks %q:\n%s", want, ris)
		}
	}
}

// pandoc --citeproc renders a month-only date, not "n.d.".
func TestPandocRendersPartialDates(t *testing.T) {
	if _, err := exec.LookPath("pandoc"); err != nil {
		t.Skip("pandoc not installed")
	}
	dir := t.TempDir()
	refs := filepath.Join(dir, "refs.json")
	r := run(t, "", "cite", "-o", "csljson", filepath.Join(datesDir, "month.md"))
	if err := os.WriteFile(refs, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	var items []struct{ ID string }
	if err := json.Unmarshal([]byte(r.stdout), &items); err != nil || len(items) != 1 {
		t.Fatalf("%v %v", items, err)
	}
	cmd := exec.Command("pandoc", "--citeproc", "--bibliography", refs, "-t", "plain")
	cmd.Stdin = strings.NewReader("[@" + items[0].ID + "]\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("pandoc: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "n.d.") || !strings.Contains(string(out), "2013") {
		t.Errorf("pandoc rendered:\n%s", out)
	}
}

// The paper schema allows the three forms of published, and only those.
func TestSchemaAllowsPartialDates(t *testing.T) {
	c := jsonschema.NewCompiler()
	for _, d := range schema.Docs() {
		b, _ := json.Marshal(d.Schema)
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource(d.Name+".json", doc); err != nil {
			t.Fatal(err)
		}
	}
	paper, err := c.Compile("paper.json")
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "summarize", datesDir, "-o", "jsonl")
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	var one string
	for sc.Scan() {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(sc.Text()))
		if err != nil {
			t.Fatal(err)
		}
		if err := paper.Validate(v); err != nil {
			t.Errorf("%s: %v", sc.Text(), err)
		}
		one = sc.Text()
	}
	with := func(published any) error {
		var p map[string]any
		if err := json.Unmarshal([]byte(one), &p); err != nil {
			t.Fatal(err)
		}
		p["published"] = published
		b, _ := json.Marshal(p)
		v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		return paper.Validate(v)
	}
	for _, good := range []any{"2013-09-05", "2013-09", "2013", nil} {
		if err := with(good); err != nil {
			t.Errorf("the schema rejected published %v: %v", good, err)
		}
	}
	for _, bad := range []string{"2013-9", "May 2018", "2013-09-5", "13"} {
		if with(bad) == nil {
			t.Errorf("the schema accepted published %q", bad)
		}
	}
}
