package cli

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/vagut/vagut/internal/cite"
	"github.com/vagut/vagut/internal/config"
	"github.com/vagut/vagut/internal/digest"
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
	types := []string{"gene", "disease", "chemical", "species", "cell_line", "variant", "mutation", "protein"}
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
		"new": {
			"source":   {"", []string{"PMC", "PubMed", "arXiv", "bioRxiv", "medRxiv"}, noFile},
			"from":     {"", []string{"bib", "bibtex", "json", "ris"}, ":8"},
			"entities": {"", []string{"pubtator", "txt", "tsv", "json", "biocjson"}, ":8"},
			"output":   {"", []string{}, ":16"},
			"id":       {"", []string{}, noFile},
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
	for _, r := range validate.Rules.Get() {
		ruleKeys = append(ruleKeys, r.ID, r.Name)
	}
	if got, _ := completed(t, "rules", ""); !cmp.Equal(got, ruleKeys) || got[0] != "VG001" {
		t.Errorf("rules: offered %q", got)
	}
	if got, _ := completed(t, "rules", "VG001", ""); len(got) != 0 {
		t.Errorf("rules VG001: offered %q, want nothing", got)
	}
	if got, _ := completed(t, "new", "--from", "testdata/records/corpus.bib", "--id", ""); len(got) != 15 || got[0] != "anon2024mathematical" {
		t.Errorf("new --id: offered %q, want the keys of --from", got)
	}
	if got, _ := completed(t, "schema", ""); !cmp.Equal(got, []string{"papers", "paper", "entities", "entity-row", "pairs", "pair", "diagnostics"}) {
		t.Errorf("schema: offered %q", got)
	}
}

// optionsOf builds a command as vagut does (the root's flags included),
// with a runF that captures its options, and runs it with args. tty makes
// stdout a terminal; env is the whole environment.
func optionsOf[O any](t *testing.T, build func(*Factory, func(*O) error) *cobra.Command, tty bool, env map[string]string, args ...string) (*O, *Factory, error) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	ios.StdoutTTY = tty
	ios.Getenv = func(k string) string { return env[k] }
	f := &Factory{IOStreams: ios, Config: func() (*config.Config, error) { return config.Default(), nil }, Run: &runFlags{}}
	root := &cobra.Command{Use: "vagut", SilenceErrors: true, SilenceUsage: true}
	root.SetOut(io.Discard)
	root.SetErr(io.Discard)
	f.Run.register(root.PersistentFlags())
	var got *O
	root.AddCommand(build(f, func(o *O) error { got = o; return nil }))
	root.SetArgs(args)
	err := root.Execute()
	if err == nil && got == nil {
		t.Fatalf("%v: runF not called", args)
	}
	if err != nil && got != nil {
		t.Fatalf("%v: runF called, then %v", args, err)
	}
	return got, f, err
}

// optionCase is one command line and the options it must give: want edits
// the defaults, or err is the usage error it must stop at instead.
type optionCase[W any] struct {
	args []string
	tty  bool
	env  map[string]string
	want func(*W)
	err  string
}

func checkOptions[O, W any](t *testing.T, build func(*Factory, func(*O) error) *cobra.Command, defaults func() W, view func(*O, *Factory) W, cases []optionCase[W]) {
	t.Helper()
	for _, c := range cases {
		o, f, err := optionsOf(t, build, c.tty, c.env, c.args...)
		if c.err != "" {
			var ue *usageError
			if err == nil || err.Error() != c.err || !errors.As(err, &ue) {
				t.Errorf("%q: error %v, want usage error %q", c.args, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		want := defaults()
		if c.want != nil {
			c.want(&want)
		}
		if d := cmp.Diff(want, view(o, f)); d != "" {
			t.Errorf("%q (tty %v, env %v): options (-want +got):\n%s", c.args, c.tty, c.env, d)
		}
	}
}

// filterView is what the filter flags set.
type filterView struct {
	Entities, Types, Authors, Journals []string
	Grep, Since, Until                 string
}

func viewFilter(f digest.Filter) filterView {
	v := filterView{Entities: f.Entities, Types: f.Types, Authors: f.Authors, Journals: f.Journals, Since: f.Since, Until: f.Until}
	if f.Grep != nil {
		v.Grep = f.Grep.String()
	}
	return v
}

// runView is what the root's flags set.
type runView struct {
	Exclude  []string
	Quiet    bool
	NoIgnore bool
}

func viewRun(f *Factory) runView {
	return runView{Exclude: f.Run.exclude, Quiet: f.Run.quiet, NoIgnore: f.Run.noIgnore}
}

func TestSummarizeOptions(t *testing.T) {
	type view struct {
		Paths                   []string
		Output, JQ, Sort, Group string
		Limit                   int
		Sections                []string
		Evidence, CSVRaw        bool
		Styled                  bool
		Filter                  filterView
		Run                     runView
	}
	defaults := func() view {
		return view{Paths: []string{"seeds"}, Output: "md", Sort: "published", Sections: []string{"tldr", "findings", "entities"}}
	}
	tty := func(c optionCase[view]) optionCase[view] { c.tty = true; return c }
	checkOptions(t, NewCmdSummarize, defaults, func(o *SummarizeOptions, f *Factory) view {
		return view{Paths: o.Paths, Output: o.Output, JQ: o.JQ.expr, Sort: o.Sort, Group: o.GroupBy, Limit: o.Limit,
			Sections: o.Sections, Evidence: o.Evidence, CSVRaw: o.CSVRaw, Styled: o.Styled,
			Filter: viewFilter(o.Filter), Run: viewRun(f)}
	}, []optionCase[view]{
		{args: []string{"summarize"}},
		{args: []string{"summarize", "notes", "more/x.md", "-"}, want: func(w *view) { w.Paths = []string{"notes", "more/x.md", "-"} }},
		{args: []string{"summarize", "--jq", ".papers[].title"}, want: func(w *view) { w.Output, w.JQ = "json", ".papers[].title" }},
		{args: []string{"summarize", "-o", "jsonl", "--jq", ".id"}, want: func(w *view) { w.Output, w.JQ = "jsonl", ".id" }},
		{args: []string{"summarize", "--output=yaml"}, want: func(w *view) { w.Output = "yaml" }},
		tty(optionCase[view]{args: []string{"summarize"}, want: func(w *view) { w.Styled = true }}),
		tty(optionCase[view]{args: []string{"summarize", "-o", "md"}}),
		tty(optionCase[view]{args: []string{"summarize"}, env: map[string]string{"NO_COLOR": "1"}}),
		tty(optionCase[view]{args: []string{"summarize"}, env: map[string]string{"TERM": "dumb"}}),
		tty(optionCase[view]{args: []string{"summarize", "--jq", "."}, want: func(w *view) { w.Output, w.JQ = "json", "." }}),
		{args: []string{"summarize", "--sections", "Findings, tldr", "--sections", "abstract"},
			want: func(w *view) { w.Sections = []string{"findings", "tldr", "abstract"} }},
		{args: []string{"summarize", "--group-by", " Year"}, want: func(w *view) { w.Group = "year" }},
		{args: []string{"summarize", "--group-by", "Gene", "-o", "html"}, want: func(w *view) { w.Group, w.Output = "gene", "html" }},
		{args: []string{"summarize", "--sort", "title", "--limit", "3", "-o", "csv", "--csv-raw"},
			want: func(w *view) { w.Sort, w.Limit, w.Output, w.CSVRaw = "title", 3, "csv", true }},
		{args: []string{"summarize", "--entity", "I-FABP", "--entity", "Sus scrofa", "--type", "Gene", "--evidence",
			"--author", "Yang S", "--journal", "Crit", "--grep", "isch", "--since", "2020", "--until", "2021-06"},
			want: func(w *view) {
				w.Evidence = true
				w.Filter = filterView{Entities: []string{"I-FABP", "Sus scrofa"}, Types: []string{"gene"}, Authors: []string{"Yang S"},
					Journals: []string{"Crit"}, Grep: "(?i)isch", Since: "2020-01-01", Until: "2021-06-30"}
			}},
		{args: []string{"--exclude", "README.md", "summarize", "--exclude", "/drafts/", "-q", "--no-ignore"},
			want: func(w *view) {
				w.Run = runView{Exclude: []string{"README.md", "/drafts/"}, Quiet: true, NoIgnore: true}
			}},
		{args: []string{"summarize", "-o", "xml"}, err: `unknown output format "xml" for summarize (want md, json, jsonl, yaml, csv or html)`},
		{args: []string{"summarize", "-o", "xml", "--jq", "."}, err: `unknown output format "xml" for summarize (want md, json, jsonl, yaml, csv or html)`},
		{args: []string{"summarize", "-o", "csv", "--jq", "."}, err: "--jq needs -o json or jsonl, not csv"},
		{args: []string{"summarize", "--jq", ".["}, err: "--jq: unexpected EOF"},
		{args: []string{"summarize", "--sections", "methods"}, err: `--sections: unknown section "methods" (want tldr, contribution, findings, abstract, entities)`},
		{args: []string{"summarize", "--sort", "date"}, err: `--sort: unknown key "date" (want published, title, path)`},
		{args: []string{"summarize", "--limit", "-1"}, err: "--limit: must be 0 or more, not -1"},
		{args: []string{"summarize", "--evidence"}, err: "--evidence needs --entity or --grep: evidence of what?"},
		{args: []string{"summarize", "--group-by", "year", "--jq", "."}, want: func(w *view) { w.Group, w.Output, w.JQ = "year", "json", "." }},
		{args: []string{"summarize", "--group-by", "year", "-o", "jsonl"}, err: "--group-by works with -o md, html, json or yaml, not jsonl"},
		{args: []string{"--exclude", "[", "summarize"}, err: excludeErr(t, "[")},
	})
}

// excludeErr is the usage error of a bad --exclude glob.
func excludeErr(t *testing.T, glob string) string {
	t.Helper()
	_, err := excludeRules([]string{glob})
	if err == nil {
		t.Fatalf("--exclude %q: no error", glob)
	}
	return err.Error()
}

func TestEntitiesOptions(t *testing.T) {
	type view struct {
		Paths        []string
		Output, JQ   string
		MinPapers    int
		PairA, PairB string
		CSVRaw       bool
		Table        bool
		Filter       filterView
		Run          runView
	}
	defaults := func() view { return view{Paths: []string{"seeds"}, Output: "md"} }
	checkOptions(t, NewCmdEntities, defaults, func(o *EntitiesOptions, f *Factory) view {
		return view{Paths: o.Paths, Output: o.Output, JQ: o.JQ.expr, MinPapers: o.MinPapers, PairA: o.PairA, PairB: o.PairB,
			CSVRaw: o.CSVRaw, Table: o.Table, Filter: viewFilter(o.Filter), Run: viewRun(f)}
	}, []optionCase[view]{
		{args: []string{"entities"}},
		{args: []string{"entities"}, tty: true, want: func(w *view) { w.Table = true }},
		{args: []string{"entities", "-o", "md"}, tty: true},
		{args: []string{"entities", "--jq", ".entities[0]"}, tty: true, want: func(w *view) { w.Output, w.JQ = "json", ".entities[0]" }},
		{args: []string{"entities", "-o", "jsonl", "--jq", ".id"}, want: func(w *view) { w.Output, w.JQ = "jsonl", ".id" }},
		{args: []string{"entities", "notes", "--pairs", "Gene, Disease", "--min-papers", "2"},
			want: func(w *view) { w.Paths, w.PairA, w.PairB, w.MinPapers = []string{"notes"}, "gene", "disease", 2 }},
		{args: []string{"entities", "--type", "species", "--type", "gene", "-o", "csv", "--csv-raw"},
			want: func(w *view) { w.Filter.Types, w.Output, w.CSVRaw = []string{"species", "gene"}, "csv", true }},
		{args: []string{"entities", "--exclude", "a.md", "--exclude", "b/"}, want: func(w *view) { w.Run.Exclude = []string{"a.md", "b/"} }},
		{args: []string{"entities", "-o", "html"}, err: `unknown output format "html" for entities (want md, json, jsonl, csv or yaml)`},
		{args: []string{"entities", "-o", "yaml", "--jq", "."}, err: "--jq needs -o json or jsonl, not yaml"},
		{args: []string{"entities", "--pairs", "gene"}, err: `--pairs: want two types, as gene,disease; not "gene"`},
		{args: []string{"entities", "--min-papers", "-2"}, err: "--min-papers: must be 0 or more, not -2"},
		{args: []string{"entities", "--type", " "}, err: "--type: empty value"},
	})
}

func TestCiteOptions(t *testing.T) {
	type view struct {
		Paths      []string
		Output, JQ string
		Filter     filterView
		Run        runView
	}
	defaults := func() view { return view{Paths: []string{"seeds"}, Output: "bibtex"} }
	checkOptions(t, NewCmdCite, defaults, func(o *CiteOptions, f *Factory) view {
		return view{Paths: o.Paths, Output: o.Output, JQ: o.JQ.expr, Filter: viewFilter(o.Filter), Run: viewRun(f)}
	}, []optionCase[view]{
		{args: []string{"cite"}},
		{args: []string{"cite", "--jq", ".[].id"}, want: func(w *view) { w.Output, w.JQ = "csljson", ".[].id" }},
		{args: []string{"cite", "notes", "-o", "ris"}, want: func(w *view) { w.Paths, w.Output = []string{"notes"}, "ris" }},
		{args: []string{"cite", "--entity", "I-FABP", "--since", "2013-09", "-o", "csljson"},
			want: func(w *view) {
				w.Output, w.Filter.Entities, w.Filter.Since = "csljson", []string{"I-FABP"}, "2013-09-01"
			}},
		{args: []string{"cite", "-o", "bibtex", "--jq", "."}, err: "--jq needs -o csljson, not bibtex"},
		{args: []string{"cite", "-o", "x"}, err: `unknown output format "x" for cite (want bibtex, csljson or ris)`},
		{args: []string{"cite", "--since", "2022", "--until", "2021"}, err: "--since 2022 is after --until 2021"},
	})
	// The formats the command offers are those cite writes.
	if !cmp.Equal(slices.Sorted(slices.Values(citeFormats)), slices.Sorted(slices.Values(cite.Formats))) {
		t.Errorf("cite -o offers %v, cite writes %v", citeFormats, cite.Formats)
	}
}

func TestValidateOptions(t *testing.T) {
	type view struct {
		Paths          []string
		Format, JQ     string
		Strict         bool
		RequiredLength int
		Run            runView
	}
	defaults := func() view {
		return view{Paths: []string{"seeds"}, Format: "text", RequiredLength: len(config.Default().Validate.RequiredSections)}
	}
	gha := map[string]string{"GITHUB_ACTIONS": "true"}
	checkOptions(t, NewCmdValidate, defaults, func(o *ValidateOptions, f *Factory) view {
		return view{Paths: o.Paths, Format: o.Format, JQ: o.JQ.expr, Strict: o.Strict,
			RequiredLength: len(o.Config.RequiredSections), Run: viewRun(f)}
	}, []optionCase[view]{
		{args: []string{"validate"}},
		{args: []string{"validate", "a.md", "notes", "--strict"}, want: func(w *view) { w.Paths, w.Strict = []string{"a.md", "notes"}, true }},
		{args: []string{"validate"}, env: gha, want: func(w *view) { w.Format = "github" }},
		{args: []string{"validate", "--format", "text"}, env: gha},
		{args: []string{"validate", "--format", "sarif"}, env: gha, want: func(w *view) { w.Format = "sarif" }},
		{args: []string{"validate", "--jq", ".[].rule"}, env: gha, want: func(w *view) { w.Format, w.JQ = "json", ".[].rule" }},
		{args: []string{"validate", "--format=json", "--jq", "length"}, want: func(w *view) { w.Format, w.JQ = "json", "length" }},
		{args: []string{"validate", "--exclude", "README.md", "--exclude", "drafts/", "--no-ignore"},
			want: func(w *view) { w.Run = runView{Exclude: []string{"README.md", "drafts/"}, NoIgnore: true} }},
		{args: []string{"validate", "--format", "github", "--jq", "."}, err: "--jq needs --format json, not github"},
		{args: []string{"validate", "--format", "xml"}, err: `unknown output format "xml" for validate (want text, json, github or sarif)`},
		{args: []string{"validate", "--jq", "nosuchfunc"}, err: "--jq: function not defined: nosuchfunc/0"},
	})
}

func TestFmtOptions(t *testing.T) {
	type view struct {
		Paths                       []string
		Check, Write, Diff, Verbose bool
	}
	defaults := func() view { return view{Paths: []string{"seeds"}} }
	checkOptions(t, NewCmdFmt, defaults, func(o *FmtOptions, _ *Factory) view {
		return view{o.Paths, o.Check, o.Write, o.Diff, o.Verbose}
	}, []optionCase[view]{
		{args: []string{"fmt"}},
		{args: []string{"fmt", "-"}, want: func(w *view) { w.Paths = []string{"-"} }},
		{args: []string{"fmt", "--check", "-d", "notes"}, want: func(w *view) { w.Check, w.Diff, w.Paths = true, true, []string{"notes"} }},
		{args: []string{"fmt", "-w", "-v"}, want: func(w *view) { w.Write, w.Verbose = true, true }},
		{args: []string{"fmt", "--check", "--write"}, err: "--check and --write cannot be used together"},
		{args: []string{"fmt", "--verbose"}, err: "--verbose lists the files --write rewrote; use it with --write"},
		{args: []string{"fmt", "--write", "-"}, err: "--write cannot rewrite standard input"},
	})
}

// The output errors read alike in every command, exit 2, on stderr only.
func TestOutputErrorsAlike(t *testing.T) {
	cases := []struct {
		args   []string
		stderr string
	}{
		{[]string{"summarize", "-o", "x"}, `unknown output format "x" for summarize (want md, json, jsonl, yaml, csv or html)`},
		{[]string{"entities", "-o", "x"}, `unknown output format "x" for entities (want md, json, jsonl, csv or yaml)`},
		{[]string{"cite", "-o", "x"}, `unknown output format "x" for cite (want bibtex, csljson or ris)`},
		{[]string{"validate", "--format", "x"}, `unknown output format "x" for validate (want text, json, github or sarif)`},
		{[]string{"summarize", "-o", "md", "--jq", "."}, "--jq needs -o json or jsonl, not md"},
		{[]string{"entities", "-o", "csv", "--jq", "."}, "--jq needs -o json or jsonl, not csv"},
		{[]string{"cite", "-o", "ris", "--jq", "."}, "--jq needs -o csljson, not ris"},
		{[]string{"validate", "--format", "sarif", "--jq", "."}, "--jq needs --format json, not sarif"},
	}
	for _, c := range cases {
		r := run(t, "", c.args...)
		if r.code != 2 || r.stdout != "" || r.stderr != "vagut: "+c.stderr+"\n" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2, stderr %q", c.args, r.code, r.stdout, r.stderr, c.stderr)
		}
	}
}
