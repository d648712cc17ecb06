package cli

import (
	"github.com/vagut/vagut/internal/summary"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vagut/vagut/internal/digest"
)

// filterFlags are the paper filters that summarize, entities and cite share.
type filterFlags struct {
	entities, types, authors, journals []string
	grep, since, until                 string
}

const filterHelp = `Filters combine with AND across flags and OR within a repeated flag.
--entity matches an entity's name, alias or id (written form or CURIE),
case-insensitively, in the linked and full-text entities. --type limits which
entities --entity matches and which are shown. --grep is a case-insensitive
RE2 expression over title, TL;DR, contribution, key findings and abstract.
--since and --until take YYYY, YYYY-MM or YYYY-MM-DD (or "Sept 2013",
"15 Sep 2013"), inclusive. A paper dated to a month or a year only stands
for that whole period and is kept when the period overlaps the range: a
paper of 2013-09 is kept by --since 2013-09-15 and by --until 2013-09-01.
Papers without a date are left out when either is given.`

// selectionHelp says how the papers are chosen before any filter, the same
// for every command and every output.
const selectionHelp = `A paper in several files (the same DOI, in any case, with or without
https://doi.org/ or doi:, or the same paper id from the Source URL) is read
once, from the first file by path; each other file is named on stderr
("b.md:5: warning: duplicate of a.md (same DOI 10.1000/x), left out"; not
with --quiet). The output is right, so the exit code stays 0: vagut validate
reports the pair (VG040, VG041). Every output format selects the same papers.`

func (ff *filterFlags) register(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.StringArrayVar(&ff.entities, "entity", nil, "keep papers mentioning this entity: name, alias or id (repeatable)")
	fs.StringArrayVar(&ff.types, "type", nil, "entity type to match and show: gene, disease, chemical, species, ... (repeatable)")
	completeFlag(cmd, "type", fixed(knownTypes...))
	fs.StringVar(&ff.grep, "grep", "", "keep papers whose text matches this RE2 expression (case-insensitive)")
	fs.StringArrayVar(&ff.authors, "author", nil, "keep papers with an author containing this text, any case or accent, as written or as given and family name (\"S Yang\" finds \"Yang S\"); repeatable")
	fs.StringArrayVar(&ff.journals, "journal", nil, "keep papers whose journal contains this text (repeatable)")
	fs.StringVar(&ff.since, "since", "", "keep papers published on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&ff.until, "until", "", "keep papers published on or before `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)")
}

// filter validates the flags; every error names its flag.
func (ff *filterFlags) filter() (digest.Filter, error) {
	for _, e := range ff.entities {
		if strings.TrimSpace(e) == "" {
			return digest.Filter{}, usagef("--entity: empty value")
		}
	}
	f := digest.Filter{Entities: ff.entities, Authors: ff.authors, Journals: ff.journals,
		GrepExpr: ff.grep, SinceArg: ff.since, UntilArg: ff.until}
	for _, t := range ff.types {
		if strings.TrimSpace(t) == "" {
			return f, usagef("--type: empty value")
		}
		f.Types = append(f.Types, digest.NormalizeType(t))
	}
	if ff.grep != "" {
		re, err := digest.CompileGrep(ff.grep)
		if err != nil {
			return f, usagef("--grep: %v", err)
		}
		f.Grep = re
	}
	var err error
	if ff.since != "" {
		if f.Since, err = digest.DateBound(ff.since, false); err != nil {
			return f, usagef("--since: %v", err)
		}
	}
	if ff.until != "" {
		if f.Until, err = digest.DateBound(ff.until, true); err != nil {
			return f, usagef("--until: %v", err)
		}
	}
	if f.Since != "" && f.Until != "" && f.Since > f.Until {
		return f, usagef("--since %s is after --until %s", ff.since, ff.until)
	}
	return f, nil
}

// checkTypes refuses a type (--type, --group-by, --pairs) that is neither
// one the format knows nor one present in the papers read: a typo would
// otherwise give an empty answer without a word.
func checkTypes(papers []*summary.Paper, flag string, types ...string) error {
	known := knownTypes
	var present map[string]bool
	for _, t := range types {
		if t == "" || slices.Contains(known, t) {
			continue
		}
		if present == nil {
			present = map[string]bool{}
			for _, p := range papers {
				for _, e := range p.LinkedEntities {
					present[e.Type] = true
				}
				for _, e := range p.Entities {
					present[e.Type] = true
				}
			}
		}
		if !present[t] {
			all := slices.Clone(known)
			for k := range present {
				if !slices.Contains(all, k) {
					all = append(all, k)
				}
			}
			slices.Sort(all[len(known):])
			if flag == "--group-by" {
				all = append([]string{"year", "journal"}, all...)
			}
			return usagef("%s: no entity type %q in the papers read (want %s)", flag, t, orList(all))
		}
	}
	return nil
}
