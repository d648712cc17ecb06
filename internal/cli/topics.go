package cli

import "github.com/spf13/cobra"

// Help topics: commands without a run, shown by `vagut help TOPIC`.
func helpTopics() []*cobra.Command {
	return []*cobra.Command{
		{
			Use:   "exit-codes",
			Short: "What vagut's exit codes mean",
			Long: `Every vagut command ends with one of three exit codes:

  0  done. An empty digest is not an error; validate found no error (warnings
     are allowed unless --strict); fmt --check found every file canonical.
  1  some inputs failed or have problems, and the rest still came out: a file
     that cannot be read or is no summary (named on stderr as
     vagut: PATH:LINE: message), validate errors (or warnings with --strict),
     files that fmt --check would change or fmt could not format.
  2  usage or tool error: an unknown flag or value, a bad date or regular
     expression, a bad --jq expression, a .vagut.yaml mistake, a PATH that
     does not exist, a folder with no summary file.

Messages go to stderr, one line each; data goes to stdout only.`,
		},
		{
			Use:   "config",
			Short: "The settings file, .vagut.yaml",
			Long: `vagut reads .vagut.yaml from the working folder or the nearest parent, or the
file given by --config FILE. Every key is optional:

  paths: [notes]                     # PATHs read when none is given (relative to the file)
  required_sections: [TL;DR, Key findings, Abstract]
  rules:                             # severity of any rule, by id or name
    VG006: off
    unknown-category: error
  id_prefixes: [MESH, MONDO, NCBIGene, NCBITaxon, CVCL]

An unknown key, a wrong type, an unknown rule or severity is an error naming
the file, the line and the key (exit 2). vagut rules lists the rules.`,
		},
	}
}
