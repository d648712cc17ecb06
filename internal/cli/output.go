package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// outputFlag is a command's choice of output: -o (validate: --format) and
// how --jq fits it, checked alike by every command that writes data.
type outputFlag struct {
	cmd     *cobra.Command
	name    string   // the flag: output (-o) or format
	formats []string // the default first
	json    []string // the formats --jq reads; --jq alone implies the first
	value   *string
}

// outputNames are the two names of the output flag: --output on the
// commands that write data, --format on validate (its CI users know it
// from linters). Each command takes the other name as the same flag.
var outputNames = [2]string{"output", "format"}

// outputAlias is the other name of the output flag called name.
func outputAlias(name string) string {
	if name == outputNames[0] {
		return outputNames[1]
	}
	return outputNames[0]
}

// outputVar defines the flag on cmd, its default being the first format,
// with its completion. json lists the formats --jq can read.
func outputVar(cmd *cobra.Command, p *string, name string, formats []string, json ...string) *outputFlag {
	// -o is the shorthand everywhere, validate's --format included: a
	// user who typed `validate -o json` meant it; and so is the other
	// name, `summarize --format json` as `validate --output json`.
	alias := outputAlias(name)
	cmd.Flags().StringVarP(p, name, "o", formats[0], "output format: "+strings.Join(formats, ", ")+" (--"+alias+" is the same flag)")
	cmd.Flags().SetNormalizeFunc(func(_ *pflag.FlagSet, n string) pflag.NormalizedName {
		if n == alias {
			n = name
		}
		return pflag.NormalizedName(n)
	})
	completeFlag(cmd, name, fixed(formats...))
	return &outputFlag{cmd: cmd, name: name, formats: formats, json: json, value: p}
}

// settle checks the format and fits --jq to it, before any input is read:
// --jq without the flag given implies the first JSON format; an unknown
// format, --jq with a format that is not JSON and a bad expression are
// usage errors.
func (o *outputFlag) settle(jq *jqFlag) error {
	if jq.expr != "" && !o.cmd.Flags().Changed(o.name) {
		*o.value = o.json[0]
	}
	if !slices.Contains(o.formats, *o.value) {
		return usagef("unknown output format %q for %s (want %s)", *o.value, o.cmd.Name(), orList(o.formats))
	}
	if jq.expr == "" {
		return nil
	}
	if !slices.Contains(o.json, *o.value) {
		flag := "--" + o.name
		if o.name == "output" {
			flag = "-o"
		}
		return usagef("--jq needs %s %s, not %s", flag, orList(o.json), *o.value)
	}
	return jq.compile()
}

// orList is "a, b or c".
func orList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}
