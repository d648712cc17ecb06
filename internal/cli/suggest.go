package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Did you mean: a mistyped command or flag names its nearest spellings, as
// git and cobra do. Cobra computes suggestions for commands but prints them
// over several lines; vagut's messages are one line, so both are rewritten
// here.

// maxSuggestDistance is cobra's default SuggestionsMinimumDistance: two
// edits (summarise -> summarize, fromat -> format).
const maxSuggestDistance = 2

// maxSuggestLen bounds the names that get a suggestion: no command or flag
// is longer than 20 bytes, so a longer word is at more than two edits from
// all of them, and is no prefix of any. A 100 KB argument took cobra's edit
// distance 1.3 s (a row of the full matrix allocated per byte, twice).
const maxSuggestLen = 64

// unknownCommand rewrites cobra's `unknown command "x" for "vagut"` error.
func unknownCommand(root *cobra.Command, err error) error {
	msg := err.Error()
	if !strings.HasPrefix(msg, "unknown command ") {
		return err
	}
	var name, of string
	if _, scanErr := fmt.Sscanf(msg, "unknown command %q for %q", &name, &of); scanErr != nil {
		return err
	}
	if of != root.CommandPath() {
		// A command that takes no argument refused one (vagut version
		// summarise): vagut's commands are no answer to that.
		return &usageError{fmt.Sprintf("unknown command %q for %q", name, of)}
	}
	var near []string
	if len(name) <= maxSuggestLen {
		root.SuggestionsMinimumDistance = maxSuggestDistance
		if len(name) < 2 {
			root.SuggestionsMinimumDistance = 1 // see isNear; cobra takes 0 as 2
		}
		near = root.SuggestionsFor(name)
	}
	return &usageError{fmt.Sprintf("unknown command %q%s", name, didYouMean(near, "%q"))}
}

// unknownHelpTopic makes `vagut help nope` a usage error with a suggestion
// (exit 2, one line on stderr), where cobra printed "Unknown help topic" and
// the whole usage on stdout, and exited 0.
func unknownHelpTopic(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	for _, help := range root.Commands() {
		if help.Name() != "help" || help.Run == nil {
			continue
		}
		show := help.Run
		help.Run = nil
		help.RunE = func(c *cobra.Command, args []string) error {
			if cmd, _, err := root.Find(args); cmd == nil || err != nil {
				name := strings.Join(args, " ")
				// Help topics (config, format) are topics too, which
				// cobra's suggestions leave out.
				var near []string
				for _, c := range root.Commands() {
					if !c.Hidden && isNear(name, c.Name()) {
						near = append(near, c.Name())
					}
				}
				return usagef("unknown help topic %q%s", name, didYouMean(near, "%q"))
			}
			show(c, args)
			return nil
		}
	}
}

// unknownFlag adds the nearest flag names of cmd to pflag's
// `unknown flag: --fromat`.
func unknownFlag(cmd *cobra.Command, err error) error {
	msg := err.Error()
	name, ok := strings.CutPrefix(msg, "unknown flag: --")
	if !ok {
		return &usageError{msg}
	}
	var names []string
	seen := map[string]bool{}
	try := func(flag string) {
		if seen[flag] || len(name) > maxSuggestLen {
			return
		}
		seen[flag] = true
		if isNear(name, flag) {
			names = append(names, "--"+flag)
		}
	}
	add := func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		try(f.Name)
		// The output flag answers to its other name too (--format,
		// --output): `summarize --fromat json` means --format.
		if f.Name == outputNames[0] || f.Name == outputNames[1] {
			if alias := outputAlias(f.Name); cmd.Flags().Lookup(alias) == f {
				try(alias)
			}
		}
	}
	cmd.Flags().VisitAll(add)
	cmd.InheritedFlags().VisitAll(add)
	sort.Strings(names)
	return &usageError{msg + didYouMean(names, "%s")}
}

// isNear says whether a mistyped name may mean candidate: at most two edits
// from it, or its start. One letter is only taken as a start: it is two
// edits from every name of up to three letters (--o suggested --jq).
func isNear(name, candidate string) bool {
	if len(name) > maxSuggestLen || name == "" {
		return false
	}
	name = strings.ToLower(name)
	if strings.HasPrefix(candidate, name) {
		return true
	}
	return len(name) >= 2 && levenshtein(name, candidate) <= maxSuggestDistance
}

// didYouMean is ` (did you mean "a"?)`, ` (did you mean "a" or "b"?)`, or "".
func didYouMean(names []string, verb string) string {
	if len(names) == 0 {
		return ""
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = fmt.Sprintf(verb, n)
	}
	if len(quoted) == 1 {
		return " (did you mean " + quoted[0] + "?)"
	}
	return " (did you mean " + strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1] + "?)"
}

// levenshtein is the edit distance between a and b, by runes.
func levenshtein(a, b string) int {
	s, t := []rune(a), []rune(b)
	prev := make([]int, len(t)+1)
	cur := make([]int, len(t)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(s); i++ {
		cur[0] = i
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(t)]
}
