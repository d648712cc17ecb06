package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/vagut/vagut/internal/summary"
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

// completeFlag registers the completion of a flag, next to where the flag
// is defined.
func completeFlag(cmd *cobra.Command, name string, f cobra.CompletionFunc) {
	if err := cmd.RegisterFlagCompletionFunc(name, f); err != nil {
		panic(err) // a flag misspelt or completed twice: caught by TestCompletionEveryFlag
	}
}
