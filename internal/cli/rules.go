package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vagut/vagut/internal/validate"
)

// NewCmdRules lists the rules of validate, or explains one.
func NewCmdRules(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "rules [RULE]",
		Short: "List the rules of vagut validate, or explain one",
		Long: `Without RULE, list every rule: id, name, default severity and what it checks.
With RULE (an id such as VG010 or a name such as invalid-doi), explain it
with an example that breaks it and the same example fixed.

` + silencingHelp,
		Example: `  vagut rules
  vagut rules VG010
  vagut rules duplicate-entity`,
		Args: cobra.MaximumNArgs(1),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var keys []string
			for _, r := range validate.Rules.Get() {
				keys = append(keys, r.ID, r.Name)
			}
			return keys, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			out := f.IOStreams.Out
			if len(args) == 0 {
				var b strings.Builder
				for _, r := range validate.Rules.Get() {
					fmt.Fprintf(&b, "%s  %-20s %-8s %s\n", r.ID, r.Name, r.Severity, r.Summary)
				}
				b.WriteString("\n" + silencingHelp + "\n")
				_, err := fmt.Fprint(out, b.String())
				return err
			}
			r, ok := validate.Lookup(args[0])
			if !ok {
				return usagef("unknown rule %q (vagut rules lists them)", args[0])
			}
			_, err := fmt.Fprintf(out, "%s %s (default: %s)\n\n%s.\n\n%s\n\nBad:\n\n%s\n\nGood:\n\n%s\n",
				r.ID, r.Name, r.Severity, upperFirst(r.Summary), r.Help, indent(r.Bad), indent(r.Good))
			return err
		},
	}
}

// silencingHelp is how to turn a rule off, or leave a file out.
const silencingHelp = `Turning rules off:
  .vagut.yaml   rules: {VG006: off, unknown-category: error}   for every file
  in a file     <!-- vagut-disable VG006 -->             the whole file (no rule: every rule)
                <!-- vagut-disable-next-line VG023 -->   the line below
                <!-- vagut-disable-line invalid-id -->    its own line
                rules by id or name, separated by spaces or commas; a misspelt comment is VG050
Leaving files out of folder walks (.gitignore syntax):
  .vagut.yaml   exclude: [README.md, /notes/drafts/]   relative to the config file
  --exclude GLOB                                       relative to the working folder (repeatable)
  ./notes/drafts, ../x.md and absolute paths mean those paths, in both places
  .gitignore    inside a git repository, as git reads it; --no-ignore turns it off
  A file named on the command line is always read.`

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}
