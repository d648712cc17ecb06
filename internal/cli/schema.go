package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/vagut/vagut/internal/schema"
)

// NewCmdSchema prints the JSON Schemas of vagut's JSON output.
func NewCmdSchema(f *Factory) *cobra.Command {
	var fields bool
	var jq jqFlag
	cmd := &cobra.Command{
		Use:   "schema [NAME]",
		Short: "Print the JSON Schema of a JSON document vagut writes",
		Long: `Print the JSON Schema (draft 2020-12) of one of vagut's JSON documents, so a
script can validate what it reads. Without NAME, list the schemas and the
command that writes each. --fields lists the keys of a document instead,
with their types and meanings.

Schemas: ` + strings.Join(schema.Names(), ", ") + `.`,
		Example: `  vagut schema                    # which schemas there are
  vagut schema papers > papers.schema.json
  vagut schema --fields papers    # every key of summarize -o json, explained`,
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: schema.Names(),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := jq.compile(); err != nil {
				return err
			}
			out := f.IOStreams.Out
			if len(args) == 0 {
				if fields {
					return usagef("--fields needs a schema NAME (%s)", strings.Join(schema.Names(), ", "))
				}
				tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
				for _, d := range schema.Docs() {
					fmt.Fprintf(tw, "%s\t%s\n", d.Name, d.Command)
				}
				return tw.Flush()
			}
			d, ok := schema.Lookup(args[0])
			if !ok {
				return usagef("unknown schema %q (want %s)", args[0], strings.Join(schema.Names(), ", "))
			}
			if fields {
				tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
				for _, fl := range schema.Fields(d) {
					fmt.Fprintf(tw, "%s\t%s\t%s\n", fl[0], fl[1], fl[2])
				}
				return tw.Flush()
			}
			b, err := json.MarshalIndent(d.Schema, "", "  ")
			if err != nil {
				return err
			}
			return jq.write(out, func(w io.Writer) error {
				_, err := w.Write(append(b, '\n'))
				return err
			})
		},
	}
	cmd.Flags().BoolVar(&fields, "fields", false, "list the keys of the document, with types and meanings")
	jq.register(cmd.Flags())
	return cmd
}
