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
			Use:   "format",
			Short: "The summary format vagut reads",
			Long: `One Markdown file per paper (docs/format.md in vagut's repository says more):

  # <title>                                    required, the only level-1 heading
  **Authors:** Amr Omar, Yang S, ...           commas; semicolons when any is present
  PMC · DOI: 10.1007/s10047-025-01543-6 · Journal of Artificial Organs · 2026-01-05
  ## TL;DR                                     a paragraph
  ## Contribution                              a paragraph
  ## Key findings                              a bullet list, one finding per item
  ## Abstract                                  one or more paragraphs
  ## Linked entities                           entity lists
  ## Full-text entities
  ## Full text                                 the full text's URL
  ---
  Source: https://tomesphere.com/paper/PMC12769693     the paper id is its last segment

Metadata fields are split by " · " (also " | " or " • "); any may be missing.
The date is YYYY-MM-DD, YYYY-MM or YYYY (also "24 May 2018", "May 2018").
Sections may be missing or in any order; other "## " sections are kept.
Text keeps its inline Markdown as written.

An entity list item is "- **Category:** entity, entity, ..." and an entity
  name (description or ID) [ID] {aka alias, alias}
for example
  FABP2 (fatty acid binding protein 2) [NCBI Gene 2169] {aka FABPI, I-FABP}
  cardiogenic shock (MONDO:0800175)      lactate (MESH:D019344)      ECPR (-)
Ids become CURIEs: [NCBI Gene 2169] NCBIGene:2169, [taxon 9606] NCBITaxon:9606,
MESH:D001424, MONDO:0800175, CVCL_0025; (-) is no id.

The paper id is the Source URL's last segment, else the DOI, else the file name.
<!-- vagut-disable VG006 --> turns a rule off for the file,
<!-- vagut-disable-next-line VG023 --> for the next line.
vagut validate checks a folder, vagut rules explains each check, vagut fmt
writes the canonical layout.`,
		},
		{
			Use:   "config",
			Short: "The settings file, .vagut.yaml",
			Long: `vagut reads the file given by --config FILE, else the nearest .vagut.yaml
from the working folder up: inside a git repository up to its root (the folder
holding .git), else inside the home folder up to it, else the working folder's
only. A folder anyone may write to (/tmp) is never searched. --verbose names
the file in use. The paths: of a file found so (it may come from a pull
request) must stay below its folder: "../x", "/abs" or a link leading out is
an error; --config FILE may name any path. Every key is optional:

  paths: [notes]                     # PATHs read when none is given (relative to the file)
  exclude: [README.md, drafts/]      # gitignore-style globs left out (relative to the file)
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
