package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/vagut/vagut/internal/render"
	"github.com/vagut/vagut/internal/schema"
	"github.com/vagut/vagut/internal/summary"
	"github.com/vagut/vagut/internal/validate"
)

// knownTypes are offered for --type, --group-by and --pairs.
var knownTypes = summary.TypeNames()

func fixed(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// commaList completes a comma-separated value, one item at a time.
func commaList(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
		prefix := ""
		if i := strings.LastIndexByte(typed, ','); i >= 0 {
			prefix = typed[:i+1]
		}
		out := make([]string, 0, len(values))
		for _, v := range values {
			out = append(out, prefix+v)
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// registerCompletions teaches the shells the values of vagut's flags.
func registerCompletions(root *cobra.Command) {
	groupBy := append(append([]string{}, knownTypes...), "year", "journal")
	var ruleKeys []string
	for _, r := range validate.Rules {
		ruleKeys = append(ruleKeys, r.ID, r.Name)
	}
	for _, c := range root.Commands() {
		flag := func(name string, f func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective)) {
			if c.Flags().Lookup(name) != nil {
				_ = c.RegisterFlagCompletionFunc(name, f)
			}
		}
		switch c.Name() {
		case "summarize":
			flag("output", fixed(outputFormats...))
			flag("group-by", fixed(groupBy...))
			flag("sections", commaList(render.SectionNames...))
			flag("sort", fixed("published", "title", "path"))
		case "entities":
			flag("output", fixed(entityFormats...))
			flag("pairs", commaList(knownTypes...))
		case "cite":
			flag("output", fixed("bibtex", "csljson", "ris"))
		case "validate":
			flag("format", fixed(validate.Formats...))
		case "rules":
			c.ValidArgsFunction = func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
				if len(args) > 0 {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				return ruleKeys, cobra.ShellCompDirectiveNoFileComp
			}
		case "schema":
			c.ValidArgs = schema.Names()
		}
		flag("type", fixed(knownTypes...))
	}
}
