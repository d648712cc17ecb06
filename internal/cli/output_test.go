package cli

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/pflag"

	"github.com/vagut/vagut/internal/iostreams"
	"github.com/vagut/vagut/internal/validate"
)

// completed runs `vagut __complete args...` and returns the values offered
// and the directive line.
func completed(t *testing.T, args ...string) ([]string, string) {
	t.Helper()
	r := run(t, "", append([]string{"__complete"}, args...)...)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	return lines[:len(lines)-1], lines[len(lines)-1]
}

// Every flag of every command: those with values complete to exactly these,
// every other one to nothing, so no completion is lost or misplaced.
func TestCompletionEveryFlag(t *testing.T) {
	types := []string{"gene", "disease", "chemical", "species", "cell_line", "variant"}
	prefixed := func(p string, vs ...string) []string {
		out := []string{}
		for _, v := range vs {
			out = append(out, p+v)
		}
		return out
	}
	const noFile, noSpace = ":4", ":6"
	type want struct {
		typed     string // what is typed of the value
		values    []string
		directive string
	}
	table := map[string]map[string]want{
		"summarize": {
			"output":   {"", []string{"md", "json", "jsonl", "yaml", "csv", "html"}, noFile},
			"type":     {"", types, noFile},
			"sort":     {"", []string{"published", "title", "path"}, noFile},
			"group-by": {"", append(slices.Clone(types), "year", "journal"), noFile},
			"sections": {"tldr,", prefixed("tldr,", "tldr", "contribution", "findings", "abstract", "entities"), noSpace},
		},
		"entities": {
			"output": {"", []string{"md", "json", "jsonl", "csv", "yaml"}, noFile},
			"type":   {"", types, noFile},
			"pairs":  {"gene,", prefixed("gene,", types...), noSpace},
		},
		"cite": {
			"output": {"", []string{"bibtex", "csljson", "ris"}, noFile},
			"type":   {"", types, noFile},
		},
		"validate": {
			"format": {"", []string{"text", "json", "github", "sarif"}, noFile},
		},
	}
	ios, _, _, _ := iostreams.Test()
	root := NewCmdRoot(ios)
	seen := 0
	for _, c := range root.Commands() {
		if c.Runnable() && c.Name() != "help" {
			c.Flags().AddFlagSet(root.PersistentFlags())
		}
		c.Flags().VisitAll(func(fl *pflag.Flag) {
			if fl.NoOptDefVal != "" || fl.Name == "help" {
				return // a bool flag takes no value
			}
			w, ok := table[c.Name()][fl.Name]
			if ok {
				seen++
			} else {
				w.values = []string{}
			}
			for _, spelt := range []string{"--" + fl.Name, "-" + fl.Shorthand} {
				if spelt == "-" {
					continue
				}
				got, directive := completed(t, c.Name(), spelt, w.typed)
				if !cmp.Equal(got, w.values) || (ok && directive != w.directive) {
					t.Errorf("%s %s %q: offered %q (%s), want %q (%s)", c.Name(), spelt, w.typed, got, directive, w.values, w.directive)
				}
			}
		})
	}
	n := 0
	for _, flags := range table {
		n += len(flags)
	}
	if seen != n {
		t.Errorf("%d flags of the table found in the commands, want %d", seen, n)
	}
	var ruleKeys []string
	for _, r := range validate.Rules {
		ruleKeys = append(ruleKeys, r.ID, r.Name)
	}
	if got, _ := completed(t, "rules", ""); !cmp.Equal(got, ruleKeys) || got[0] != "VG001" {
		t.Errorf("rules: offered %q", got)
	}
	if got, _ := completed(t, "rules", "VG001", ""); len(got) != 0 {
		t.Errorf("rules VG001: offered %q, want nothing", got)
	}
	if got, _ := completed(t, "schema", ""); !cmp.Equal(got, []string{"papers", "paper", "entities", "entity-row", "pairs", "pair", "diagnostics"}) {
		t.Errorf("schema: offered %q", got)
	}
}
