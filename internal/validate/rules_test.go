package validate

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/vagut/vagut/internal/summary"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/rules/*.txtar")

// Each rule has testdata/rules/<ID>.txtar: files that break the rule, with
// the diagnostics they must give, and near-misses that must give none.
func TestRuleFixtures(t *testing.T) {
	for _, r := range Rules.Get() {
		t.Run(r.ID+"/"+r.Name, func(t *testing.T) {
			path := filepath.Join("..", "..", "testdata", "rules", r.ID+".txtar")
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatalf("every rule needs a fixture: %v", err)
			}
			var bad, good []txtar.File
			var want string
			for _, f := range ar.Files {
				switch {
				case f.Name == "want":
					want = string(f.Data)
				case strings.HasPrefix(f.Name, "good"):
					good = append(good, f)
				default:
					bad = append(bad, f)
				}
			}
			cfg := DefaultConfig()
			if got := lines(check(&cfg, good)); len(got) != 0 {
				t.Errorf("the good files gave diagnostics:\n%s", strings.Join(got, "\n"))
			}
			var mine []string
			for _, d := range lines(check(&cfg, bad)) {
				if strings.Contains(d, "["+r.ID+"/") {
					mine = append(mine, d)
				}
			}
			if len(mine) == 0 {
				t.Errorf("the bad files do not trigger %s", r.ID)
			}
			if *update {
				for i, f := range ar.Files {
					if f.Name == "want" {
						ar.Files[i].Data = []byte(strings.Join(mine, "\n") + "\n")
					}
				}
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(strings.TrimSpace(want), strings.Join(mine, "\n")); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

func check(cfg *Config, files []txtar.File) []Diagnostic {
	var ds []Diagnostic
	var results []Result
	for _, f := range files {
		r := File(cfg, f.Name, f.Data)
		ds = append(ds, r.Diags...)
		results = append(results, r)
	}
	var papers = papersOf(results)
	inline := map[string]*Inline{}
	for i, r := range results {
		inline[files[i].Name] = r.Inline
	}
	ds = append(ds, Silence(Corpus(cfg, papers), inline)...)
	Sort(ds)
	return ds
}

func lines(ds []Diagnostic) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.Text())
	}
	sort.Strings(out)
	return out
}

// papersOf collects the records of the files that parsed.
func papersOf(rs []Result) []*summary.Paper {
	var out []*summary.Paper
	for _, r := range rs {
		if r.Paper != nil {
			out = append(out, r.Paper)
		}
	}
	return out
}

// Every problem the parser can report reaches validate as a rule.
func TestEveryProblemHasARule(t *testing.T) {
	for _, code := range summary.ProblemCodes {
		id, ok := problemRule.Get()[code]
		if !ok {
			t.Errorf("problem %s has no rule", code)
			continue
		}
		if _, ok := Lookup(id); !ok {
			t.Errorf("problem %s maps to %s, no such rule", code, id)
		}
	}
	if len(problemRule.Get()) != len(summary.ProblemCodes) {
		t.Errorf("%d codes mapped, %d known", len(problemRule.Get()), len(summary.ProblemCodes))
	}
}
