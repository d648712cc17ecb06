package cli

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

func TestCiteGoldens(t *testing.T) {
	for _, c := range []struct {
		golden string
		args   []string
	}{
		{"cite.bib", []string{"cite", "seeds", "testdata/corpus", viewsDir}},
		{"cite.json", []string{"cite", "seeds", "testdata/corpus", viewsDir, "-o", "csljson"}},
		{"cite.ris", []string{"cite", "seeds", "testdata/corpus", viewsDir, "-o", "ris"}},
		{"cite-filtered.bib", []string{"cite", viewsDir, "--entity", "I-FABP", "--since", "2021"}},
	} {
		t.Run(c.golden, func(t *testing.T) {
			r := run(t, "", c.args...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			golden(t, c.golden, r.stdout)
		})
	}
}

// The CSL-JSON reads back as CSL items: valid JSON, the fields citeproc
// needs, unique ids.
func TestCSLJSONReadsBack(t *testing.T) {
	r := run(t, "", "cite", "seeds", "testdata/corpus", viewsDir, "-o", "csljson")
	var items []struct {
		ID     string `json:"id"`
		Type   string `json:"type"`
		Title  string `json:"title"`
		Author []struct {
			Family, Given, Literal string
		} `json:"author"`
		Issued struct {
			DateParts [][]int `json:"date-parts"`
		} `json:"issued"`
		DOI string `json:"DOI"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 15 {
		t.Fatalf("%d items, want 15 papers", len(items))
	}
	seen := map[string]bool{}
	for _, it := range items {
		if seen[it.ID] {
			t.Errorf("id %s twice", it.ID)
		}
		seen[it.ID] = true
		if it.Title == "" || (it.Type != "article-journal" && it.Type != "article") {
			t.Errorf("%s: type %q title %q", it.ID, it.Type, it.Title)
		}
		if strings.HasPrefix(strings.ToLower(it.DOI), "http") || strings.HasPrefix(strings.ToLower(it.DOI), "doi:") {
			t.Errorf("%s: DOI not bare: %s", it.ID, it.DOI)
		}
	}
	seed := items[0]
	for _, it := range items {
		if it.ID == "omar2026heartgut" {
			seed = it
		}
	}
	if seed.ID != "omar2026heartgut" || seed.Author[0].Family != "Omar" || seed.Author[0].Given != "Amr" ||
		len(seed.Issued.DateParts) != 1 || seed.Issued.DateParts[0][0] != 2026 || seed.Issued.DateParts[0][2] != 5 {
		t.Errorf("seed item: %+v", seed)
	}
}

var (
	bibEntry = regexp.MustCompile(`(?m)^@(\w+)\{([^,\s]+),$`)
	bibField = regexp.MustCompile(`^\s+(\w+) = (\{.*\}|\w+),?$`)
)

// The BibTeX reads back: every entry has a unique key, balanced braces, and
// one field per line with author, title and year where the paper has them.
func TestBibTeXReadsBack(t *testing.T) {
	r := run(t, "", "cite", "seeds", "testdata/corpus", viewsDir)
	entries := strings.Split(strings.TrimSpace(r.stdout), "\n\n")
	if len(entries) != 15 {
		t.Fatalf("%d entries, want 15", len(entries))
	}
	keys := map[string]bool{}
	for _, e := range entries {
		lines := strings.Split(e, "\n")
		m := bibEntry.FindStringSubmatch(lines[0])
		if m == nil || lines[len(lines)-1] != "}" {
			t.Fatalf("malformed entry:\n%s", e)
		}
		if keys[m[2]] {
			t.Errorf("key %s twice", m[2])
		}
		keys[m[2]] = true
		fields := map[string]string{}
		for _, l := range lines[1 : len(lines)-1] {
			f := bibField.FindStringSubmatch(l)
			if f == nil {
				t.Fatalf("%s: not a field line: %q", m[2], l)
			}
			if depth := braceDepth(f[2]); depth != 0 {
				t.Errorf("%s: unbalanced braces in %s", m[2], f[1])
			}
			fields[f[1]] = f[2]
		}
		if fields["title"] == "" {
			t.Errorf("%s: no title", m[2])
		}
		if m[1] == "article" && fields["journal"] == "" {
			t.Errorf("%s: article without journal", m[2])
		}
	}
	if !keys["omar2026heartgut"] || !keys["odegaard2020gut"] {
		t.Errorf("keys: %v", keys)
	}
	if !strings.Contains(r.stdout, "author = {Hoffmann, Lena and Ødegaard, Jonas and García-López, María José and Zhang, Wei and Novak, Peter}") {
		t.Error("Unicode author names not kept intact")
	}
}

func braceDepth(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
		}
	}
	return depth
}
