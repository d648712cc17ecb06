package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vagut/vagut/internal/iostreams"
	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/summary"
)

var corpusPaths = []string{"seeds", corpusDir, viewsDir}

// onlyPlaceholders fails unless every diagnostic of validate is VG014.
func onlyPlaceholders(t *testing.T, dir string) int {
	t.Helper()
	r := run(t, "", "validate", dir)
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if line == "" {
			continue
		}
		if !strings.Contains(line, "[VG014/placeholder]") || !strings.Contains(line, ": warning: ") {
			t.Errorf("not a placeholder warning: %s", line)
		}
		n++
	}
	if r.code != 0 {
		t.Errorf("validate %s: exit %d\n%s", dir, r.code, r.stderr)
	}
	if s := run(t, "", "validate", "--strict", dir); s.code != 1 {
		t.Errorf("validate --strict on placeholders: exit %d, want 1", s.code)
	}
	return n
}

func canonical(t *testing.T, dir string) {
	t.Helper()
	if r := run(t, "", "fmt", "--check", dir); r.code != 0 {
		t.Errorf("fmt --check %s: exit %d\n%s%s", dir, r.code, r.stdout, r.stderr)
	}
}

func TestNewFromFlags(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "notes")
	r := run(t, "", "new", "--title", "Gut injury on VA-ECMO", "--author", "Ana Silva", "--author", "Yang S",
		"--doi", "https://doi.org/10.1000/abc.123", "--journal", "Critical Care", "--date", "14 May 2023", "--source", "PMC", "-o", dir)
	path := filepath.Join(dir, "10.1000_abc.123.md")
	if r.code != 0 || r.stdout != path+"\n" || r.stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	got, _ := os.ReadFile(path)
	want := `# Gut injury on VA-ECMO

**Authors:** Ana Silva, Yang S

PMC · DOI: 10.1000/abc.123 · Critical Care · 2023-05-14

## TL;DR

TODO: the paper in one or two sentences.

## Contribution

TODO: what the paper adds to what was known.

## Key findings

TODO: the key findings, one per bullet (- finding).

## Abstract

TODO: the paper's abstract.

## Linked entities

TODO: the entities of the title and abstract (vagut new --entities FILE fills this list).

## Full-text entities

TODO: the entities of the full text (vagut new --entities FILE fills this list).

## Full text

TODO: the full text's URL.

---
Source: https://doi.org/10.1000/abc.123
`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	canonical(t, dir)
	if n := onlyPlaceholders(t, dir); n != 7 {
		t.Errorf("%d placeholder warnings, want 7", n)
	}
	// The placeholders are no content: no digest shows them.
	s := run(t, "", "summarize", "-o", "json", dir)
	if strings.Contains(s.stdout, "TODO") || s.code != 0 {
		t.Errorf("a placeholder reached the digest (exit %d):\n%s", s.code, s.stdout)
	}
	// fmt keeps them as they are.
	if f := run(t, "", "fmt", path); f.stdout != want {
		t.Errorf("fmt changed the placeholders:\n%s", f.stdout)
	}
}

// Done when: new --from refs.bib -o notes/ then validate notes/ shows only
// the placeholder warnings; a second new into the same folder refuses.
func TestNewFromBibThenValidate(t *testing.T) {
	for _, bib := range []string{"testdata/records/corpus.bib", "testdata/records/zotero.bib"} {
		t.Run(filepath.Base(bib), func(t *testing.T) {
			notes := filepath.Join(t.TempDir(), "notes")
			r := run(t, "", "new", "--from", bib, "-o", notes)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			written := strings.Split(strings.TrimSpace(r.stdout), "\n")
			entries := 0
			for _, line := range strings.Split(mustRead(t, bib), "\n") {
				if strings.HasPrefix(line, "@") && !strings.HasPrefix(line, "@string") {
					entries++
				}
			}
			if len(written) != entries {
				t.Errorf("%d files written for %d entries", len(written), entries)
			}
			if n := onlyPlaceholders(t, notes); n < 5*len(written) {
				t.Errorf("%d placeholder warnings for %d files", n, len(written))
			}
			canonical(t, notes)

			before := map[string]string{}
			for _, p := range written {
				before[p] = mustRead(t, p)
				if err := os.WriteFile(p, []byte(before[p]+"\nMy notes.\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			again := run(t, "", "new", "--from", bib, "-o", notes)
			if again.code != 1 || again.stdout != "" {
				t.Errorf("second run: exit %d, stdout %q", again.code, again.stdout)
			}
			for _, p := range written {
				if !strings.Contains(again.stderr, "vagut: "+p+": exists; vagut new never overwrites a file") {
					t.Errorf("second run does not name %s:\n%s", p, again.stderr)
				}
				if mustRead(t, p) != before[p]+"\nMy notes.\n" {
					t.Errorf("%s was overwritten", p)
				}
			}
		})
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// cite → new --from → cite gives the same entries, in every record format.
func TestNewRoundTrip(t *testing.T) {
	for _, format := range []string{"bibtex", "csljson", "ris"} {
		t.Run(format, func(t *testing.T) {
			first := run(t, "", append([]string{"cite", "-o", format}, corpusPaths...)...)
			if first.code != 0 {
				t.Fatalf("cite: %d %s", first.code, first.stderr)
			}
			tmp := t.TempDir()
			refs := filepath.Join(tmp, "refs."+map[string]string{"bibtex": "bib", "csljson": "json", "ris": "ris"}[format])
			if err := os.WriteFile(refs, []byte(first.stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			notes := filepath.Join(tmp, "notes")
			if r := run(t, "", "new", "--from", refs, "-o", notes); r.code != 0 || r.stderr != "" {
				t.Fatalf("new: exit %d\n%s", r.code, r.stderr)
			}
			second := run(t, "", "cite", "-o", format, notes)
			if diff := cmp.Diff(first.stdout, second.stdout); diff != "" {
				t.Errorf("cite → new → cite changed the entries (-first +second):\n%s", diff)
			}
		})
	}
}

// fixtureIDs reads the ids a PubTator or BioC-JSON fixture holds, on its
// own (not through package pubtator), as CURIEs per list.
func fixtureIDs(t *testing.T, path string) map[string][]string {
	t.Helper()
	curieOf := func(typ, id string) []string {
		var out []string
		switch {
		case id == "" || id == "-":
			return nil
		case typ == "Variant":
			i := strings.Index(id, "RS#:")
			return []string{"dbSNP:rs" + strings.SplitN(id[i+4:], ";", 2)[0]}
		}
		for _, part := range strings.Split(id, ";") {
			switch typ {
			case "Gene":
				out = append(out, "NCBIGene:"+part)
			case "Species":
				out = append(out, "NCBITaxon:"+part)
			default:
				out = append(out, part)
			}
		}
		return out
	}
	got := map[string][]string{}
	add := func(list, typ, id string) { got[list] = append(got[list], curieOf(typ, id)...) }
	src := mustRead(t, path)
	if strings.HasSuffix(path, ".biocjson") {
		var c struct {
			Documents []struct {
				Passages []struct {
					Infons      map[string]string `json:"infons"`
					Annotations []struct {
						Infons map[string]any `json:"infons"`
					} `json:"annotations"`
				} `json:"passages"`
			} `json:"documents"`
		}
		if err := json.Unmarshal([]byte(src), &c); err != nil {
			t.Fatal(err)
		}
		for _, p := range c.Documents[0].Passages {
			list := "full_text"
			if s := p.Infons["section_type"]; s == "TITLE" || s == "ABSTRACT" {
				list = "linked"
			}
			for _, a := range p.Annotations {
				id, _ := a.Infons["identifier"].(string)
				add(list, a.Infons["type"].(string), id)
			}
		}
	} else {
		for _, line := range strings.Split(src, "\n") {
			if cols := strings.Split(line, "\t"); len(cols) == 6 {
				add("linked", cols[4], cols[5])
			}
		}
	}
	for k, v := range got {
		sort.Strings(v)
		got[k] = dedupe(v)
	}
	return got
}

func dedupe(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// Done when: with --entities the written lists parse back to the same ids
// as the PubTator fixture holds.
func TestNewEntities(t *testing.T) {
	for _, fixture := range []string{"testdata/pubtator/pig.pubtator", "testdata/pubtator/pig.biocjson"} {
		t.Run(filepath.Base(fixture), func(t *testing.T) {
			dir := t.TempDir()
			r := run(t, "", "new", "--title", "Intestinal fatty acid-binding protein tracks gut injury", "--url",
				"https://pmc.ncbi.nlm.nih.gov/articles/PMC8000001/", "--entities", fixture, "-o", dir)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			path := filepath.Join(dir, "PMC8000001.md")
			if r.stdout != path+"\n" {
				t.Errorf("stdout %q", r.stdout)
			}
			if strings.HasSuffix(fixture, ".pubtator") && r.stderr != "vagut: "+fixture+":22: 1 relation line(s) not used: vagut new lists entities, not relations\n" {
				t.Errorf("stderr %q", r.stderr)
			}
			p, err := parse.Parse(path, []byte(mustRead(t, path)))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]string{}
			for list, es := range map[string][]summary.Entity{"linked": p.LinkedEntities, "full_text": p.Entities} {
				for _, e := range es {
					if e.ID != nil {
						got[list] = append(got[list], *e.ID)
					}
				}
				sort.Strings(got[list])
				got[list] = dedupe(got[list])
				if len(got[list]) == 0 {
					delete(got, list)
				}
			}
			want := fixtureIDs(t, fixture)
			if len(want["linked"]) < 8 || strings.HasSuffix(fixture, ".biocjson") && len(want["full_text"]) < 6 {
				t.Fatalf("the fixture reads to too few ids: %v", want)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ids (-fixture +summary):\n%s", diff)
			}
			canonical(t, dir)
			// The entity sections are written: only the other five are placeholders.
			v := run(t, "", "validate", "--format", "json", dir)
			if n := strings.Count(v.stdout, `"VG014"`); n != 5 && !(n == 6 && strings.HasSuffix(fixture, ".pubtator")) {
				t.Errorf("%d placeholders:\n%s", n, v.stdout)
			}
		})
	}
}

func TestNewCases(t *testing.T) {
	tmp := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	evil := write("evil.bib", "@article{../../escape,\n title={Escape \\# attempt},\n year={2020}}\n"+
		"@article{k2, title={Second}, doi={10.1/two}}\n")
	broken := write("broken.bib", "@article{ok, title={Fine}}\n\n@article{bad,\n title={open\n")
	out := filepath.Join(tmp, "out")
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string // a substring
	}{
		{"no title", []string{"new", "-o", out}, 2, "", "give --title"},
		{"flags with --from", []string{"new", "--from", evil, "--title", "x"}, 2, "", "--title cannot be used with --from"},
		{"--id without --from", []string{"new", "--title", "x", "--id", "k"}, 2, "", "--id picks entries"},
		{"args", []string{"new", "--title", "x", "extra"}, 2, "", "unknown command"},
		{"entities for several entries", []string{"new", "--from", evil, "--entities", "testdata/pubtator/pig.pubtator", "-o", out}, 2, "", "pick one with --id"},
		{"unknown key", []string{"new", "--from", evil, "--id", "nope", "-o", out}, 1, "", `no entry with key "nope"`},
		{"not a record", []string{"new", "--from", write("x.txt", "hello"), "-o", out}, 2, "", "not BibTeX, CSL-JSON or RIS"},
		{"missing file", []string{"new", "--from", filepath.Join(tmp, "none.bib"), "-o", out}, 1, "", "no such file"},
		{"broken record names its line", []string{"new", "--from", broken, "-o", out}, 1, "", broken + ":4: { not closed"},
		{"bad entities file", []string{"new", "--title", "x", "--entities", write("bad.pubtator", "1|t|T\n1\tx\t3\tA\tGene\t1\n"), "-o", out}, 1, "", "bad.pubtator:2: want PMID"},
		{"two documents", []string{"new", "--title", "x", "--entities", write("two.pubtator", "1|t|A\n1|a|B\n\n2|t|C\n2|a|D\n"), "-o", out}, 1, "", "2 documents (1, 2)"},
		{"key cannot leave the folder", []string{"new", "--from", evil, "--id", "../../escape", "-o", out}, 0,
			filepath.Join(out, "escape.md") + "\n", ""},
		{"--id picks", []string{"new", "--from", evil, "--id", "k2", "-o", out}, 0, filepath.Join(out, "10.1_two.md") + "\n", ""},
		{"bad date named", []string{"new", "--title", "Dated", "--date", "2023-02-30", "-o", out}, 0,
			filepath.Join(out, "dated.md") + "\n", `date "2023-02-30" left out`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, "", c.args...)
			if r.code != c.code || r.stdout != c.stdout || !strings.Contains(r.stderr, c.stderr) {
				t.Errorf("exit %d (want %d)\nstdout %q (want %q)\nstderr %q (want %q)", r.code, c.code, r.stdout, c.stdout, r.stderr, c.stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(tmp, "..", "escape.md")); err == nil {
		t.Error("a file was written outside -o")
	}
	if got := mustRead(t, filepath.Join(out, "escape.md")); !strings.HasPrefix(got, "# Escape # attempt\n") {
		t.Errorf("title:\n%s", got)
	}
}

// A link where the file would go is refused, not followed.
func TestNewRefusesSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "precious.txt")
	if err := os.WriteFile(target, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "10.1_x.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	r := run(t, "", "new", "--title", "T", "--doi", "10.1/x", "-o", dir)
	if r.code != 1 || !strings.Contains(r.stderr, "exists") || mustRead(t, target) != "keep" {
		t.Errorf("exit %d, stderr %q, target %q", r.code, r.stderr, mustRead(t, target))
	}
}

// -o defaults to the first paths: folder of .vagut.yaml.
func TestNewDefaultFolder(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".vagut.yaml")
	if err := os.WriteFile(cfg, []byte("paths: [notes, more]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "--config", cfg, "new", "--title", "Default folder", "--doi", "10.1/d")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes", "10.1_d.md")); err != nil {
		t.Errorf("not written into the paths: folder (%v); stdout %q", err, r.stdout)
	}
}

// VG014 is a warning by default and an error when the config says so.
func TestPlaceholderSeverityFromConfig(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes")
	if r := run(t, "", "new", "--title", "T", "--doi", "10.1/s", "-o", notes); r.code != 0 {
		t.Fatalf("new: %d %s", r.code, r.stderr)
	}
	cfg := filepath.Join(dir, ".vagut.yaml")
	if err := os.WriteFile(cfg, []byte("rules:\n  placeholder: error\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "--config", cfg, "validate", notes)
	if r.code != 1 || strings.Count(r.stdout, ": error: ") != 7 || !strings.Contains(r.stdout, "[VG014/placeholder]") {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
}

// --from - reads the record from standard input, its format from its content.
func TestNewFromStdin(t *testing.T) {
	dir := t.TempDir()
	csl := `[{"id":"k","type":"article-journal","title":"From stdin","author":[{"family":"Silva","given":"Ana"}],"DOI":"10.1/stdin"}]`
	r := run(t, csl, "new", "--from", "-", "-o", dir)
	if r.code != 0 || r.stdout != filepath.Join(dir, "10.1_stdin.md")+"\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if got := mustRead(t, filepath.Join(dir, "10.1_stdin.md")); !strings.HasPrefix(got, "# From stdin\n\n**Authors:** Ana Silva\n\nDOI: 10.1/stdin\n") {
		t.Errorf("%s", got)
	}
}

// Records written by a stranger: nothing leaves -o, nothing reaches the
// terminal, no field changes the summary's structure or disables a rule.
func TestNewHostileRecords(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes")
	r := run(t, "", "new", "--from", "testdata/records/hostile.bib", "-o", notes)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if strings.ContainsAny(r.stderr, "\x1b\x07") {
		t.Errorf("control characters reached stderr: %q", r.stderr)
	}
	for _, want := range []string{`author "and" left out`, `written as "Science / AAAS / Weekly"`, `DOI "10.1000/hostile 2" left out`, `URL "javascript:alert(1)" left out`} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, r.stderr)
		}
	}
	entries, _ := os.ReadDir(dir)
	files, _ := os.ReadDir(notes)
	if len(entries) != 1 || len(files) != 2 || files[0].Name() != "10.1000_hostile.1.md" || files[1].Name() != "esc.md" {
		t.Errorf("files: %v in %s, %v in notes", entries, dir, files)
	}
	canonical(t, notes)
	v := run(t, "", "validate", notes)
	for _, line := range strings.Split(strings.TrimSpace(v.stdout), "\n") {
		// esc.md has no usable URL or DOI: no Source line and no metadata line, as validate says.
		if !strings.Contains(line, "[VG014/") && !strings.HasPrefix(line, filepath.Join(notes, "esc.md")) {
			t.Errorf("unexpected: %s", line)
		}
	}
	if n := strings.Count(v.stdout, "[VG014/"); n != 13 {
		t.Errorf("%d placeholder warnings, want 6 + 7 (the comment in the abstract disables nothing):\n%s", n, v.stdout)
	}
	p, err := parse.Parse("x.md", []byte(mustRead(t, filepath.Join(notes, "10.1000_hostile.1.md"))))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Headings) != 7 || len(p.KeyFindings) != 0 || summary.Str(p.URL) != "https://doi.org/10.1000/hostile.1" {
		t.Errorf("structure changed: %d headings, findings %v, Source %q", len(p.Headings), p.KeyFindings, summary.Str(p.URL))
	}
}

type goneReader struct{}

func (goneReader) Write([]byte) (int, error) { return 0, syscall.EPIPE }

// vagut new --from refs.bib | head -1: the reader going away does not stop
// the files from being written, and the run ends quietly.
func TestNewBrokenPipe(t *testing.T) {
	dir := t.TempDir()
	ios, _, _, errOut := iostreams.Test()
	ios.Out = goneReader{}
	code := Run(ios, []string{"new", "--from", "testdata/records/corpus.bib", "-o", dir})
	files, _ := os.ReadDir(dir)
	if code != 0 || len(files) != 15 || errOut.String() != "" {
		t.Errorf("exit %d, %d files, stderr %q", code, len(files), errOut.String())
	}
}
