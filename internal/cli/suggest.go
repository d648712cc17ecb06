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

// unknownCommand rewrites cobra's `unknown command "x" for "vagut"` error.
func unknownCommand(root *cobra.Command, err error) error {
	msg := err.Error()
	if !strings.HasPrefix(msg, "unknown command ") {
		return err
	}
	var name string
	if _, scanErr := fmt.Sscanf(msg, "unknown command %q", &name); scanErr != nil {
		return err
	}
	root.SuggestionsMinimumDistance = maxSuggestDistance
	return &usageError{fmt.Sprintf("unknown command %q%s", name, didYouMean(root.SuggestionsFor(name), "%q"))}
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
		if seen[flag] {
			return
		}
		seen[flag] = true
		if levenshtein(strings.ToLower(name), flag) <= maxSuggestDistance ||
			(len(name) >= 2 && strings.HasPrefix(flag, strings.ToLower(name))) {
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
