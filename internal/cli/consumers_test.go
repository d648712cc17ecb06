package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The hostile citation fixtures: a title, authors and journal that close
// their BibTeX field early, three papers whose keys collide, DOIs with "_"
// and "#", an abstract that ends its RIS record, inline Markdown, PubMed
// names, inverted names, groups and "et al.".
var hostileCite = func() []string {
	m, _ := filepath.Glob("testdata/hostile/cite-*.md")
	return m
}

// hostileFile is one of the fixtures.
func hostileFile(name string) string { return "testdata/hostile/cite-" + name }

func hostilePapers(t *testing.T) int {
	t.Helper()
	if len(hostileCite()) == 0 {
		t.Fatal("no fixtures testdata/hostile/cite-*.md")
	}
	return len(hostileCite())
}

func citeOut(t *testing.T, format string, args ...string) string {
	t.Helper()
	r := run(t, "", append([]string{"cite", "-o", format}, args...)...)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("cite -o %s: exit %d, stderr %q", format, r.code, r.stderr)
	}
	return r.stdout
}

// cslAuthor is a name as CSL-JSON and pandoc write it.
type cslAuthor struct {
	Family      string `json:"family"`
	Given       string `json:"given"`
	Dropping    string `json:"dropping-particle"`
	NonDropping string `json:"non-dropping-particle"`
	Suffix      string `json:"suffix"`
	Literal     string `json:"literal"`
}

// key is the name as one string: "van der Poll|T.|" or the literal.
func (a cslAuthor) key() string {
	if a.Literal != "" {
		return a.Literal
	}
	fam := strings.Join(strings.Fields(a.Dropping+" "+a.NonDropping+" "+a.Family), " ")
	// pandoc prints ' as a typographic apostrophe; the name is the same.
	return strings.ReplaceAll(fam+"|"+a.Given+"|"+a.Suffix, "’", "'")
}

type cslEntry struct {
	ID     string      `json:"id"`
	DOI    string      `json:"DOI"`
	Title  string      `json:"title"`
	Author []cslAuthor `json:"author"`
}

func readCSL(t *testing.T, data string) map[string]cslEntry {
	t.Helper()
	var items []cslEntry
	if err := json.Unmarshal([]byte(data), &items); err != nil {
		t.Fatalf("CSL-JSON: %v\n%s", err, data)
	}
	out := map[string]cslEntry{}
	for _, it := range items {
		if _, dup := out[it.ID]; dup {
			t.Errorf("id %s twice", it.ID)
		}
		out[it.ID] = it
	}
	return out
}

func names(e cslEntry) []string {
	var out []string
	for _, a := range e.Author {
		out = append(out, a.key())
	}
	return out
}

// What vagut itself says: keys unique, names right, for users' eyes.
func TestCiteHostileNamesAndKeys(t *testing.T) {
	got := readCSL(t, citeOut(t, "csljson", hostileCite()...))
	if len(got) != hostilePapers(t) {
		t.Fatalf("%d entries for %d papers", len(got), hostilePapers(t))
	}
	want := map[string][]string{
		// PubMed "Family INITIALS", particles, capitalised particle, O'Brien, et al.
		"yang2021transmission": {"Yang|S.|", "Zhou|H.|", "Cruz-Cosme|R.|", "van der Poll|T.|", "Da Silva|D.|",
			"O'Brien|J. M.|", "others"},
		// "Family, Given" separated by semicolons, a suffix, groups kept whole, a stray "and".
		"smith2019groups": {"Smith|John|", "van der Poll|Tom|", "van Beethoven|Ludwig|", "King|Martin Luther|Jr.",
			"RECOVERY Collaborative Group", "REVA", "ECMONet"},
		"smith2018one":  {"Smith|John|"}, // the README's "Smith, John": one author
		"reva2017stray": {"REVA", "ECMONet"},
		// "Gut one", "Gut two" and "Guta" by Smith J in 2020: three keys.
		"smith2020guta": {"Smith|J.|", "Doe|K.|"},
		"smith2020gutb": {"Smith|J.|", "Doe|K.|"},
		"smith2020gutc": {"Smith|J.|", "Doe|K.|"},
	}
	for key, w := range want {
		e, ok := got[key]
		if !ok {
			t.Errorf("no entry %s; have %v", key, keysOf(got))
			continue
		}
		if diff := cmp.Diff(w, names(e)); diff != "" {
			t.Errorf("%s authors (-want +got):\n%s", key, diff)
		}
	}
	if e := got["smith2020guta"]; !strings.HasPrefix(e.Title, "Guta") {
		t.Errorf("smith2020guta is %q, want the Guta paper", e.Title)
	}
	if d := got["yang2021transmission"].DOI; d != "10.1000/md_2" {
		t.Errorf("DOI %q", d)
	}
}

func keysOf[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// No Markdown syntax reaches a bibliography; each format has its own markup.
func TestCiteInlineMarkdown(t *testing.T) {
	md := hostileFile("markdown.md")
	csl := readCSL(t, citeOut(t, "csljson", md))["yang2021transmission"]
	bib := citeOut(t, "bibtex", md)
	ris := citeOut(t, "ris", md)
	for _, c := range []struct{ format, out, want string }{
		{"csljson", csl.Title, `Transmission of <i>Pseudomonas aeruginosa</i> in mice with <span class="nocase">DESeq2</span> and <b>strong</b> CO<sub>2</sub> and x<sup>2</sup>`},
		{"bibtex", bib, `title = {Transmission of \textit{{Pseudomonas} aeruginosa} in mice with {DESeq2} and \textbf{strong} {CO}\textsubscript{2} and x\textsuperscript{2}`},
		{"bibtex", bib, `journal = {\textit{Microbiology} Reports}`},
		{"bibtex", bib, `abstract = {We used {DESeq2} on \textit{E. coli} and \textit{Klebsiella} data.}`},
		{"ris", ris, "TI  - Transmission of Pseudomonas aeruginosa in mice with DESeq2 and strong CO2 and x2 via a link, raw and <i> literal\n"},
		{"ris", ris, "AB  - We used DESeq2 on E. coli and Klebsiella data.\n"},
	} {
		if !strings.Contains(c.out, c.want) {
			t.Errorf("%s: no %q in\n%s", c.format, c.want, c.out)
		}
	}
	for _, out := range []string{csl.Title, bib, ris} {
		if strings.ContainsAny(out, "*`") || strings.Contains(out, "_Klebsiella") {
			t.Errorf("Markdown syntax in a bibliography:\n%s", out)
		}
	}
	// The literal "<i>" (written \<i\>) stays text in CSL, not italics.
	if !strings.Contains(csl.Title, `<span class="nocase"><</span>i> literal`) {
		t.Errorf("literal <i> not kept as text: %s", csl.Title)
	}
	// JSON keeps the Markdown as written.
	r := run(t, "", "summarize", "-o", "json", md)
	if !strings.Contains(r.stdout, "Transmission of *Pseudomonas aeruginosa* in mice with `DESeq2`") {
		t.Errorf("JSON title is not the Markdown as written:\n%s", r.stdout)
	}
}

var risLine = regexp.MustCompile(`^(?:[A-Z][A-Z0-9]  - .*|ER  - |)$`)

// A line break or "ER  -" in a field never starts a tag or a record.
func TestCiteRISOneRecordPerPaper(t *testing.T) {
	out := citeOut(t, "ris", hostileCite()...)
	n := hostilePapers(t)
	if got := strings.Count(out, "\nTY  - ") + btoi(strings.HasPrefix(out, "TY  - ")); got != n {
		t.Errorf("%d TY lines for %d papers", got, n)
	}
	if got := strings.Count(out, "ER  - \n"); got != n {
		t.Errorf("%d ER lines for %d papers", got, n)
	}
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !risLine.MatchString(line) {
			t.Errorf("line %d is not one RIS tag: %q", i+1, line)
		}
	}
	if !strings.Contains(out, "AB  - First line ER - TY - JOUR TI - injected record ER -\n") {
		t.Errorf("the abstract is not one AB line:\n%s", out)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// countBst prints, for every entry BibTeX reads, its key, its DOI and each
// author as BibTeX itself splits the name: von|Last|First|Jr.
const countBst = `ENTRY { doi title author } {} {}
INTEGERS { n i }
FUNCTION {show}
{ "ENTRY " cite$ * write$ newline$
  "DOI " doi * write$ newline$
  author empty$
    'skip$
    { author num.names$ 'n :=
      #1 'i :=
      { n #1 + i > }
      { "NAME " author i "{vv}|{ll}|{ff}|{jj}" format.name$ * write$ newline$
        i #1 + 'i := }
      while$ }
  if$ }
FUNCTION {article} { show }
FUNCTION {misc} { show }
FUNCTION {default.type} { show }
READ
ITERATE {show}
`

// BibTeX 0.99d reads vagut's BibTeX of the hostile fixtures as exactly one
// entry per paper, with vagut's keys, the exact DOIs and the same names.
func TestCiteBibTeXReadsOneEntryPerPaper(t *testing.T) {
	bibtex, err := exec.LookPath("bibtex")
	if err != nil {
		t.Skip("bibtex not installed (apt-get install texlive-binaries): BibTeX consumer check skipped")
	}
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("refs.bib", citeOut(t, "bibtex", hostileCite()...))
	write("count.bst", countBst)
	write("t.aux", "\\citation{*}\n\\bibdata{refs}\n\\bibstyle{count}\n")
	cmd := exec.Command(bibtex, "t")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "t.blg"))
		t.Fatalf("bibtex: %v\n%s\n%s", err, out, log)
	}
	bbl, err := os.ReadFile(filepath.Join(dir, "t.bbl"))
	if err != nil {
		t.Fatal(err)
	}
	// write$ wraps long lines with two spaces; join them back.
	text := strings.ReplaceAll(string(bbl), "\n  ", " ")
	type entry struct {
		doi   string
		names []string
	}
	got := map[string]*entry{}
	var cur *entry
	var order []string
	for _, line := range strings.Split(text, "\n") {
		k, v, _ := strings.Cut(line, " ")
		switch k {
		case "ENTRY":
			cur = &entry{}
			if got[v] != nil {
				t.Errorf("bibtex read key %s twice", v)
			}
			got[v] = cur
			order = append(order, v)
		case "DOI":
			cur.doi = v
		case "NAME":
			cur.names = append(cur.names, v)
		}
	}
	csl := readCSL(t, citeOut(t, "csljson", hostileCite()...))
	if len(got) != hostilePapers(t) || len(got) != len(csl) {
		t.Fatalf("bibtex read %d entries %v for %d papers", len(got), order, hostilePapers(t))
	}
	for key, c := range csl {
		e := got[key]
		if e == nil {
			t.Errorf("bibtex has no entry %s", key)
			continue
		}
		if e.doi != c.DOI {
			t.Errorf("%s: bibtex reads DOI %q, want %q", key, e.doi, c.DOI)
		}
		if strings.Contains(strings.Join(e.names, ""), `\`) {
			continue // escaped braces in the hostile names: BibTeX keeps the commands
		}
		var want, have []string
		for _, a := range c.Author {
			want = append(want, a.key())
		}
		for _, n := range e.names {
			p := strings.Split(strings.ReplaceAll(n, "~", " "), "|")
			if p[1] == "others" {
				have = append(have, "others")
				continue
			}
			if strings.HasPrefix(p[1], "{") && strings.HasSuffix(p[1], "}") {
				have = append(have, p[1][1:len(p[1])-1]) // a group, kept whole
				continue
			}
			have = append(have, strings.TrimSpace(p[0]+" "+p[1])+"|"+p[2]+"|"+p[3])
		}
		if diff := cmp.Diff(want, have); diff != "" {
			t.Errorf("%s: names as BibTeX splits them (-vagut CSL +bibtex):\n%s", key, diff)
		}
	}
}

// pandoc reads vagut's BibTeX as one entry per paper with the same keys,
// DOIs and names as vagut's own CSL-JSON; and reads vagut's CSL-JSON too.
func TestCitePandocReadsBibTeX(t *testing.T) {
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		t.Skip("pandoc not installed (apt-get install pandoc): pandoc consumer check skipped")
	}
	dir := t.TempDir()
	bibPath := filepath.Join(dir, "refs.bib")
	if err := os.WriteFile(bibPath, []byte(citeOut(t, "bibtex", hostileCite()...)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pandoc, "-f", "bibtex", "-t", "csljson", bibPath).Output()
	if err != nil {
		t.Fatalf("pandoc: %v", err)
	}
	fromBib := readCSL(t, string(out))
	csl := readCSL(t, citeOut(t, "csljson", hostileCite()...))
	if diff := cmp.Diff(keysOf(csl), keysOf(fromBib)); diff != "" {
		t.Fatalf("pandoc's entries (-vagut +pandoc):\n%s", diff)
	}
	for key, c := range csl {
		p := fromBib[key]
		if p.DOI != c.DOI {
			t.Errorf("%s: pandoc reads DOI %q, want %q", key, p.DOI, c.DOI)
		}
		if key == "m2020gut" {
			continue // pandoc 2.17 drops \textbraceright{}: the hostile names lose their stray brace
		}
		if diff := cmp.Diff(names(c), names(p)); diff != "" {
			t.Errorf("%s: names (-vagut +pandoc):\n%s", key, diff)
		}
	}
	if title := fromBib["m2020gut"].Title; !strings.Contains(title, `@misc(evilkey, title = "injected entry"`) {
		t.Errorf("the injected text is not inside the paper's own title: %q", title)
	}
	// vagut's CSL-JSON, read by pandoc's citeproc, cites the right family names.
	jsonPath := filepath.Join(dir, "refs.json")
	if err := os.WriteFile(jsonPath, []byte(citeOut(t, "csljson", hostileCite()...)), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := "---\nbibliography: " + jsonPath + "\n---\n\n[@yang2021transmission; @smith2019groups]\n"
	cmd := exec.Command(pandoc, "--citeproc", "-t", "plain")
	cmd.Stdin = strings.NewReader(doc)
	rendered, err := cmd.Output()
	if err != nil {
		t.Fatalf("pandoc --citeproc: %v", err)
	}
	for _, w := range []string{"Yang et al. 2021", "Smith et al. 2019", "Yang, S., H. Zhou, R. Cruz-Cosme", "Da Silva", "et al. 2021."} {
		if !strings.Contains(strings.Join(strings.Fields(string(rendered)), " "), w) {
			t.Errorf("pandoc --citeproc: no %q in\n%s", w, rendered)
		}
	}
}
