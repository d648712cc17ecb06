package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

const dupsDir = "testdata/dups"

// One paper in three files (same DOI in another case and with a resolver
// prefix; same Source id without DOI) comes out once, from the first file by
// path, and each file left out is named once on stderr.
func TestDuplicatesOnce(t *testing.T) {
	wantErr := "vagut: testdata/dups/b-same-doi.md:5: warning: duplicate of testdata/dups/a-first.md (same DOI 10.1000/dup.1), left out\n" +
		"vagut: testdata/dups/c-same-source.md:25: warning: duplicate of testdata/dups/a-first.md (same paper id PMC1000001), left out\n"
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"summarize", dupsDir, "--jq", "[.total, .count, [.papers[].path]]"},
			"[\n  2,\n  2,\n  [\n    \"testdata/dups/d-other.md\",\n    \"testdata/dups/a-first.md\"\n  ]\n]\n"},
		{[]string{"summarize", dupsDir, "-o", "jsonl", "--sort", "path", "--jq", ".path"},
			"\"testdata/dups/a-first.md\"\n\"testdata/dups/d-other.md\"\n"},
		{[]string{"summarize", dupsDir, "-o", "jsonl", "--sort", "path", "--entity", "I-FABP", "--jq", ".path"},
			"\"testdata/dups/a-first.md\"\n"},
		{[]string{"entities", dupsDir, "--jq", `.entities[] | select(.name == "FABP2") | [.papers, .mentions]`},
			"[\n  1,\n  1\n]\n"},
		{[]string{"cite", dupsDir, "-o", "csljson", "--jq", "[.[].DOI]"},
			"[\n  \"10.1000/other\",\n  \"10.1000/DUP.1\"\n]\n"},
	}
	for _, c := range cases {
		r := run(t, "", c.args...)
		if r.code != 0 || r.stdout != c.want || r.stderr != wantErr {
			t.Errorf("%v: exit %d\nstdout %q\nwant   %q\nstderr %q", c.args, r.code, r.stdout, c.want, r.stderr)
		}
	}
	for f, doiField := range map[string]string{"bibtex": "doi = {10.1000/dup.1}", "ris": "do  - 10.1000/dup.1\n"} {
		r := run(t, "", "cite", dupsDir, "-o", f)
		n := strings.Count(r.stdout, "@article{") + strings.Count(r.stdout, "TY  - ")
		if dois := strings.Count(strings.ToLower(r.stdout), doiField); n != 2 || dois != 1 {
			t.Errorf("cite -o %s: %d entries, %q %d times:\n%s", f, n, doiField, dois, r.stdout)
		}
	}
	// --quiet keeps stderr for errors only; validate still reports both files.
	if r := run(t, "", "summarize", dupsDir, "-q", "-o", "json"); r.code != 0 || r.stderr != "" {
		t.Errorf("--quiet: exit %d, stderr %q", r.code, r.stderr)
	}
	r := run(t, "", "validate", dupsDir)
	if r.code != 1 || strings.Count(r.stdout, "VG040") != 2 || strings.Count(r.stdout, "VG041") != 2 {
		t.Errorf("validate: exit %d\n%s", r.code, r.stdout)
	}
}

// -o jsonl --sort path streams; with --entity it still resolves names across
// the whole corpus, so it selects what -o json selects (it used to find only
// the papers that wrote I-FABP themselves: V1 and V2).
func TestStreamingResolvesEntities(t *testing.T) {
	for _, q := range []string{"I-FABP", "fabp2", "NCBI Gene 2169", "TNF-alpha"} {
		j := run(t, "", "summarize", viewsDir, "-o", "json", "--sort", "path", "--entity", q, "--jq", ".papers[].id")
		s := run(t, "", "summarize", viewsDir, "-o", "jsonl", "--sort", "path", "--entity", q, "--jq", ".id")
		if j.stdout != s.stdout || j.stdout == "" {
			t.Errorf("--entity %s: json %q, jsonl %q", q, j.stdout, s.stdout)
		}
	}
	r := run(t, "", "summarize", viewsDir, "-o", "jsonl", "--sort", "path", "--entity", "I-FABP", "--jq", ".id")
	if want := "\"V1\"\n\"V2\"\n\"V5\"\n\"V6\"\n"; r.stdout != want {
		t.Errorf("streamed: %q, want %q", r.stdout, want)
	}
	// Evidence uses every name of the entity in the corpus, streamed or not.
	j := run(t, "", "summarize", viewsDir, "-o", "json", "--sort", "path", "--entity", "I-FABP", "--evidence", "--jq", ".papers[].evidence")
	s := run(t, "", "summarize", viewsDir, "-o", "jsonl", "--sort", "path", "--entity", "I-FABP", "--evidence", "--jq", ".evidence")
	if j.stdout != s.stdout {
		t.Errorf("evidence differs:\njson  %s\njsonl %s", j.stdout, s.stdout)
	}
}

// Every filter combination over the fixture corpus, through every output and
// every command, selects the same papers.
func TestOneSelection(t *testing.T) {
	dirs := []string{viewsDir, dupsDir}
	all := run(t, "", append([]string{"summarize", "-o", "json", "-q"}, dirs...)...)
	var corpus struct {
		Papers []struct {
			ID  string  `json:"id"`
			DOI *string `json:"doi"`
			URL *string `json:"url"`
		} `json:"papers"`
	}
	if err := json.Unmarshal([]byte(all.stdout), &corpus); err != nil || len(corpus.Papers) < 10 {
		t.Fatalf("corpus: %v, %d papers", err, len(corpus.Papers))
	}
	byURL := map[string]string{} // a citation's URL -> paper id
	for _, p := range corpus.Papers {
		if p.DOI != nil {
			byURL["https://doi.org/"+*p.DOI] = p.ID
		}
		if p.URL != nil {
			byURL[*p.URL] = p.ID
		}
	}
	sourceLink := regexp.MustCompile(`https://tomesphere\.com/paper/([A-Za-z0-9]+)`)
	linked := func(out string) []string {
		var ids []string
		for _, m := range sourceLink.FindAllStringSubmatch(out, -1) {
			ids = append(ids, m[1])
		}
		return ids
	}
	fromJSON := func(out string) []string {
		var d struct{ Papers []struct{ ID string } }
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatalf("json: %v", err)
		}
		var ids []string
		for _, p := range d.Papers {
			ids = append(ids, p.ID)
		}
		return ids
	}
	outputs := map[string]struct {
		args []string
		ids  func(string) []string
	}{
		"md":            {[]string{"summarize", "-o", "md"}, linked},
		"html":          {[]string{"summarize", "-o", "html"}, linked},
		"json":          {[]string{"summarize", "-o", "json"}, fromJSON},
		"jsonl":         {[]string{"summarize", "-o", "jsonl"}, func(s string) []string { return jsonlIDs(t, s) }},
		"jsonl-stream":  {[]string{"summarize", "-o", "jsonl", "--sort", "path"}, func(s string) []string { return jsonlIDs(t, s) }},
		"md-group-gene": {[]string{"summarize", "--group-by", "gene", "--sort", "path"}, linked},
		"yaml": {[]string{"summarize", "-o", "yaml"}, func(s string) []string {
			var d struct{ Papers []struct{ ID string } }
			if err := yaml.Unmarshal([]byte(s), &d); err != nil {
				t.Fatalf("yaml: %v", err)
			}
			var ids []string
			for _, p := range d.Papers {
				ids = append(ids, p.ID)
			}
			return ids
		}},
		"csv": {[]string{"summarize", "-o", "csv"}, func(s string) []string {
			rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
			if err != nil {
				t.Fatalf("csv: %v", err)
			}
			var ids []string
			for _, r := range rows[1:] {
				ids = append(ids, r[0])
			}
			return ids
		}},
		"cite": {[]string{"cite", "-o", "csljson"}, func(s string) []string {
			var es []struct{ URL string }
			if err := json.Unmarshal([]byte(s), &es); err != nil {
				t.Fatalf("csljson: %v", err)
			}
			var ids []string
			for _, e := range es {
				ids = append(ids, byURL[e.URL])
			}
			return ids
		}},
	}
	type filter struct{ flag, value string }
	choices := [][]filter{
		{{}, {"--entity", "I-FABP"}, {"--entity", "sus scrofa"}},
		{{}, {"--type", "gene"}},
		{{}, {"--grep", "lactate|flow"}},
		{{}, {"--author", "Hoffmann"}, {"--journal", "Critical Care"}},
		{{}, {"--since", "2021"}},
		{{}, {"--until", "2023-06"}},
	}
	var combos [][]string
	var walk func(i int, args []string)
	walk = func(i int, args []string) {
		if i == len(choices) {
			combos = append(combos, slices.Clone(args))
			return
		}
		for _, c := range choices[i] {
			if c.flag == "" {
				walk(i+1, args)
			} else {
				walk(i+1, append(args, c.flag, c.value))
			}
		}
	}
	walk(0, nil)
	if testing.Short() {
		// -short: every third combination, still each value of each filter.
		var some [][]string
		for i := 0; i < len(combos); i += 3 {
			some = append(some, combos[i])
		}
		combos = some
	}
	nonEmpty := 0
	for _, combo := range combos {
		var want []string
		for name, o := range outputs {
			r := run(t, "", slices.Concat(o.args, dirs, []string{"-q"}, combo)...)
			if r.code != 0 {
				t.Fatalf("%s %v: exit %d: %s", name, combo, r.code, r.stderr)
			}
			got := o.ids(r.stdout)
			slices.Sort(got)
			got = slices.Compact(got)
			if want == nil {
				want = got
				if want == nil {
					want = []string{}
				}
				continue
			}
			if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Errorf("%v: %s selects %v, another output %v", combo, name, got, want)
			}
		}
		if len(want) > 0 {
			nonEmpty++
		}
		// entities: --type chooses the rows, not the papers; the papers of
		// the rows are the selection without --type.
		noType := slices.Clone(combo)
		if i := slices.Index(noType, "--type"); i >= 0 {
			noType = slices.Delete(noType, i, i+2)
		}
		sel := run(t, "", slices.Concat([]string{"summarize", "-o", "json", "-q"}, dirs, noType)...)
		wantE := fromJSON(sel.stdout)
		slices.Sort(wantE)
		r := run(t, "", slices.Concat([]string{"entities", "-o", "json", "-q"}, dirs, noType)...)
		var ents struct {
			Entities []struct {
				PaperIDs []string `json:"paper_ids"`
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &ents); err != nil {
			t.Fatalf("entities %v: %v", noType, err)
		}
		var gotE []string
		for _, e := range ents.Entities {
			gotE = append(gotE, e.PaperIDs...)
		}
		slices.Sort(gotE)
		gotE = slices.Compact(gotE)
		if fmt.Sprint(gotE) != fmt.Sprint(wantE) {
			t.Errorf("entities %v: papers %v, summarize %v", noType, gotE, wantE)
		}
	}
	// The combinations must exercise something: most select a few papers.
	if nonEmpty < len(combos)/4 {
		t.Errorf("only %d of %d combinations select any paper", nonEmpty, len(combos))
	}
	t.Logf("%d combinations x %d outputs", len(combos), len(outputs)+1)
}
