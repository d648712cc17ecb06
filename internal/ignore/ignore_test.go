package ignore

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The .gitignore forms, each as git reads it (checked with git check-ignore
// where a case is not plain from gitignore(5)).
func TestGitignoreSyntax(t *testing.T) {
	base := "/r"
	cases := []struct {
		pattern, path string
		dir, want     bool
	}{
		{"README.md", "README.md", false, true},
		{"README.md", "notes/deep/README.md", false, true},
		{"README.md", "notes/README.mdx", false, false},
		{"/README.md", "README.md", false, true},
		{"/README.md", "notes/README.md", false, false},
		{"*.txt", "a/b/c.txt", false, true},
		{"notes/*.md", "notes/a.md", false, true},
		{"notes/*.md", "x/notes/a.md", false, false}, // a middle slash anchors
		{"notes/*.md", "notes/sub/a.md", false, false},
		{"drafts/", "notes/drafts", true, true},
		{"drafts/", "notes/drafts", false, false}, // folders only
		{"**/drafts", "a/b/drafts", true, true},
		{"a/**/b.md", "a/b.md", false, true},
		{"a/**/b.md", "a/x/y/b.md", false, true},
		{"notes/**", "notes/x/y.md", false, true},
		{"[abc].md", "b.md", false, true},
		{"[!abc].md", "b.md", false, false},
		{"?.md", "ab.md", false, false},
		{`\#x.md`, "#x.md", false, true},
		{`\!x.md`, "!x.md", false, true},
		{"{a,b}.md", "a.md", false, false}, // braces are literal to git
		{"{a,b}.md", "{a,b}.md", false, true},
		{"x.md   ", "x.md", false, true}, // trailing spaces dropped
		{`x.md\ `, "x.md ", false, true},
	}
	for _, c := range cases {
		r, ok, err := Parse(c.pattern, base, "test")
		if err != nil || !ok {
			t.Fatalf("%q: ok %v, err %v", c.pattern, ok, err)
		}
		if got := r.match(filepath.Join(base, c.path), c.dir); got != c.want {
			t.Errorf("%q on %q (dir %v): %v, want %v", c.pattern, c.path, c.dir, got, c.want)
		}
	}
	for _, blank := range []string{"", "   ", "# a comment", "/", "!"} {
		if _, ok, err := Parse(blank, base, "test"); ok || err != nil {
			t.Errorf("%q: ok %v, err %v; want no rule", blank, ok, err)
		}
	}
	if _, _, err := Parse("[abc", base, "test"); err == nil {
		t.Error("an unclosed [ was accepted")
	}
	if _, _, err := Parse(strings.Repeat("a", maxPattern+1), base, "test"); err == nil {
		t.Error("a pattern longer than any path was accepted")
	}
}

// The last matching line wins; ! brings a file back.
func TestLastMatchWins(t *testing.T) {
	l, errs := parseLines(t, "/r", "*.md\n!keep.md\nkeep.md/\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for path, want := range map[string]bool{"/r/a.md": true, "/r/keep.md": false, "/r/x/keep.md": false, "/other/a.md": false} {
		if got, _ := l.Excluded(path, false); got != want {
			t.Errorf("%s: %v, want %v", path, got, want)
		}
	}
}

func parseLines(t *testing.T, base, text string) (List, []error) {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, ".gitignore")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return ReadFile(p, base, ".gitignore")
}

// A bad line is named with its line number; the other lines still count.
func TestBadLineIsNamed(t *testing.T) {
	l, errs := parseLines(t, "/r", "a.md\n[oops\nb.md\n")
	if len(l) != 2 || len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), ".gitignore:2: malformed pattern") {
		t.Errorf("%d rules, errors %v", len(l), errs)
	}
}

// Matching time grows with the pattern, not exponentially: a .gitignore in a
// stranger's pull request must not stall CI. (git-lfs's wildmatch, tried
// first, took 31 s for "*a" x 6 + "*b" on a 64-byte name.) Doubling test:
// time at 2N stars over time at N, the best of a few runs.
func TestHostilePatternStaysLinear(t *testing.T) {
	name := "/r/x/" + strings.Repeat("a", 200) + ".md"
	at := func(n int) time.Duration {
		r, ok, err := Parse(strings.Repeat("*a", n)+"*b", "/r", "test")
		if !ok || err != nil {
			t.Fatal(err)
		}
		best := time.Duration(1 << 62)
		for rep := 0; rep < 5; rep++ {
			start := time.Now()
			for i := 0; i < 200; i++ {
				r.match(name, false)
			}
			best = min(best, time.Since(start))
		}
		return best
	}
	small, large := at(8), at(16)
	if ratio := float64(large) / float64(max(small, time.Microsecond)); ratio > 8 {
		t.Errorf("8 stars: %v, 16 stars: %v (x%.0f): matching is not linear", small, large, ratio)
	}
}

// A .gitignore of more patterns than any person writes is cut, and says so.
func TestTooManyPatterns(t *testing.T) {
	var b strings.Builder
	for i := 0; i < maxRules+5; i++ {
		b.WriteString("f" + strings.Repeat("x", i%7) + ".md\n")
	}
	l, errs := parseLines(t, "/r", b.String())
	if len(l) != maxRules || len(errs) != 1 || !strings.Contains(errs[0].Error(), "the rest not used") {
		t.Errorf("%d rules, %v", len(l), errs)
	}
}

// --exclude takes a path as a shell completes it: ./notes/x.md, an absolute
// path or ../repo/notes/x.md name that one file, as notes/x.md does.
func TestExcludeGlobAsPath(t *testing.T) {
	base := "/r/repo"
	for _, g := range []string{"notes/x.md", "./notes/x.md", "/r/repo/notes/x.md", "../repo/notes/x.md", "./notes/*.md"} {
		l, err := Globs([]string{g}, base, "--exclude")
		if err != nil {
			t.Fatal(err)
		}
		if out, _ := l.Excluded("/r/repo/notes/x.md", false); !out {
			t.Errorf("%s: notes/x.md not excluded", g)
		}
		if out, _ := l.Excluded("/r/repo/other/notes/x.md", false); out {
			t.Errorf("%s: other/notes/x.md excluded", g)
		}
	}
}

func TestExcludeFolderAsPath(t *testing.T) {
	l, err := Globs([]string{"./notes/drafts/"}, "/r", "--exclude")
	if err != nil {
		t.Fatal(err)
	}
	if out, _ := l.Excluded("/r/notes/drafts", true); !out {
		t.Error("folder not excluded")
	}
	if out, _ := l.Excluded("/r/notes/drafts", false); out {
		t.Error("a file named drafts excluded by a folder pattern")
	}
}
