// Package validate checks summaries against named rules with stable ids, so
// that a CI job can report, configure and silence each one.
package validate

import (
	"fmt"
	"strings"

	"github.com/vagut/vagut/internal/curie"
	"github.com/vagut/vagut/internal/lazy"
	"github.com/vagut/vagut/internal/summary"
)

// Severity of a diagnostic; Off disables a rule.
type Severity int

// Severities, from none to worst.
const (
	Off Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// ParseSeverity reads off, warning or error.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "off":
		return Off, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return Off, fmt.Errorf("severity %q: want off, warning or error", s)
}

// Rule is one check. ID and Name never change once released.
type Rule struct {
	ID, Name string
	Severity Severity // the default
	Summary  string   // one line, for lists
	Help     string   // what it means and how to fix it
	Bad      string   // an example that triggers it
	Good     string   // the same, fixed
}

// Rules is every rule, in id order; built on first use (validate, rules
// and config read it; fmt and summarize never do).
var Rules = lazy.Value[[]*Rule]{New: func() []*Rule {
	return []*Rule{
		{ID: "VG001", Name: "missing-title", Severity: Error,
			Summary: `the file has no "# " title, so it is not a summary`,
			Help:    "Every summary starts with the paper's title as the only level-1 heading.",
			Bad:     "Notes on the ECMO paper\n\n## TL;DR\n...", Good: "# Heart–gut interaction in VA-ECMO\n\n## TL;DR\n..."},
		{ID: "VG002", Name: "multiple-titles", Severity: Error,
			Summary: `more than one "# " title`,
			Help:    "Only the first level-1 heading is the title; make the others level-2 sections.",
			Bad:     "# Title\n\n# Appendix", Good: "# Title\n\n## Appendix"},
		{ID: "VG003", Name: "missing-section", Severity: Error,
			Summary: "a required section is missing (TL;DR, Key findings and Abstract by default)",
			Help:    "Add the section at the line the message names: after the section that comes before it in the usual order (TL;DR, Contribution, Key findings, Abstract, ...), or at a heading that was meant to be it (a typo, VG013). Which sections are required is set by required_sections in .vagut.yaml.",
			Bad:     "# Title\n\n## TL;DR\n\nShort.", Good: "# Title\n\n## TL;DR\n\nShort.\n\n## Key findings\n\n- One.\n\n## Abstract\n\nText."},
		{ID: "VG004", Name: "empty-section", Severity: Error,
			Summary: "a section vagut knows has a heading but no content",
			Help:    "Write the section's content, or remove the heading if the section does not apply and is not required.",
			Bad:     "## Key findings\n\n## Abstract", Good: "## Key findings\n\n- Plasma I-FABP rose early.\n\n## Abstract"},
		{ID: "VG005", Name: "duplicate-section", Severity: Error,
			Summary: "a section vagut knows appears twice",
			Help:    "Merge the two sections into one; only the first is read as that section.",
			Bad:     "## TL;DR\n\nOne.\n\n## TL;DR\n\nTwo.", Good: "## TL;DR\n\nOne. Two."},
		{ID: "VG006", Name: "missing-source", Severity: Error,
			Summary: `no "Source: <url>" line at the end`,
			Help:    "The Source line gives the summary's own URL and the paper's id; end the file with it.",
			Bad:     "## Full text\n\n...", Good: "## Full text\n\n...\n\n---\nSource: https://tomesphere.com/paper/PMC12769693"},
		{ID: "VG007", Name: "malformed-metadata", Severity: Error,
			Summary: "the authors or metadata line has an empty, repeated or unknown field",
			Help:    `The metadata line is "source · DOI: doi · journal · YYYY-MM-DD", fields separated by " · " (" | " and " • " are read too); any field may be left out, none repeated.`,
			Bad:     "PMC · · Critical Care · Extra · 2023-05-14", Good: "PMC · Critical Care · 2023-05-14"},
		{ID: "VG008", Name: "missing-metadata", Severity: Warning,
			Summary: "no metadata line (source · DOI · journal · date)",
			Help:    "Without it the paper has no DOI, journal or date, and --since, --until and --journal cannot find it.",
			Bad:     "# Title\n\n## TL;DR", Good: "# Title\n\nPMC · DOI: 10.1007/s10047-025-01543-6 · Journal of Artificial Organs · 2026-01-05\n\n## TL;DR"},
		{ID: "VG009", Name: "not-a-summary", Severity: Error,
			Summary: "the file has a title but nothing of a summary: no Authors line, metadata line, known section or Source line",
			Help:    "A README or a page of notes beside the summaries is not a paper; exclude it, or write it as a summary.",
			Bad:     "# Notes folder\n\nThese are my notes on ECMO papers.", Good: "# Heart–gut interaction in VA-ECMO\n\nPMC · DOI: 10.1007/s10047-025-01543-6 · Journal of Artificial Organs · 2026-01-05\n\n## TL;DR\n..."},
		{ID: "VG010", Name: "invalid-doi", Severity: Error,
			Summary: "the DOI is not of the form 10.<digits>/<suffix>",
			Help:    `Write the DOI itself after "DOI: ", without a resolver URL or spaces.`,
			Bad:     "PMC · DOI: 10.1007 s10047 · J · 2026-01-05", Good: "PMC · DOI: 10.1007/s10047-025-01543-6 · J · 2026-01-05"},
		{ID: "VG011", Name: "invalid-date", Severity: Error,
			Summary: "the publication date is not a real calendar date, or not in a form vagut reads",
			Help:    "Write the date as precisely as the source gives it: YYYY-MM-DD, YYYY-MM or YYYY (24 May 2018, May 2018, 2018 May 24 and 2018 May are read too, and fmt rewrites them as ISO). Check the day and month exist; 14/05/2023 is ambiguous and not read.",
			Bad:     "PMC · Critical Care · 2023-02-30", Good: "PMC · Critical Care · 2023-02-28"},
		{ID: "VG012", Name: "invalid-url", Severity: Error,
			Summary: "the Source or full-text URL is not an absolute http(s) URL",
			Help:    "Links must start with https:// or http:// and name a host.",
			Bad:     "Source: tomesphere.com/paper/PMC1", Good: "Source: https://tomesphere.com/paper/PMC1"},
		{ID: "VG013", Name: "unknown-section", Severity: Warning,
			Summary: "a heading close to a section vagut knows but not spelled as one (a typo such as \"Key findngs\")",
			Help:    "The section is kept under other sections, not read as the section it resembles: its findings, abstract or entities are missing from every digest. Spell the heading as the format does.",
			Bad:     "## Key findngs\n\n- Plasma I-FABP rose early.", Good: "## Key findings\n\n- Plasma I-FABP rose early."},
		{ID: "VG014", Name: "placeholder", Severity: Warning,
			Summary: "a section still holds the placeholder text that vagut new wrote (TODO: ...)",
			Help:    "vagut new writes every section with a TODO: placeholder; replace it with the section's text, or remove the section if it does not apply. The placeholder counts as no content: no digest shows it. Make it an error (rules: {VG014: error} in .vagut.yaml, or validate --strict) so that CI refuses unfinished summaries.",
			Bad:     "## TL;DR\n\nTODO: the paper in one or two sentences.", Good: "## TL;DR\n\nPlasma I-FABP rose within hours of VA-ECMO and tracked gut injury."},
		{ID: "VG020", Name: "unbalanced-brackets", Severity: Error,
			Summary: "an entity list has an unclosed or stray (, [, {, ), ] or }",
			Help:    "Entities are split at commas outside brackets, so one missing bracket merges or breaks every entity after it.",
			Bad:     "- **Genes:** FABP2 (fatty acid binding protein 2 [NCBI Gene 2169]", Good: "- **Genes:** FABP2 (fatty acid binding protein 2) [NCBI Gene 2169]"},
		{ID: "VG021", Name: "empty-entity-name", Severity: Error,
			Summary: "an entity has an id or description but no name",
			Help:    "Write the entity's name before its brackets.",
			Bad:     "- **Diseases:** (MESH:D007511)", Good: "- **Diseases:** ischemia (MESH:D007511)"},
		{ID: "VG022", Name: "empty-item", Severity: Error,
			Summary: "an empty list item, or an empty entity between two commas",
			Help:    "Remove the empty bullet or the extra comma.",
			Bad:     "- **Chemicals:** lactate (MESH:D019344), , oxygen (MESH:D010100)", Good: "- **Chemicals:** lactate (MESH:D019344), oxygen (MESH:D010100)"},
		{ID: "VG023", Name: "invalid-id", Severity: Error,
			Summary: "an id's shape is one its registry never issues (MESH:D001424 is D or C and 6 or 9 digits, MONDO 7 digits, ...)",
			Help:    "Copy the id again from its database; a typo here links the entity to the wrong record or to none, and vagut does not link it. " + idShapes(),
			Bad:     "- **Diseases:** cardiogenic shock (MONDO:800175)", Good: "- **Diseases:** cardiogenic shock (MONDO:0800175)"},
		{ID: "VG024", Name: "unknown-id-form", Severity: Warning,
			Summary: "an id that is neither PREFIX:VALUE, an accession, NCBI Gene N nor taxon N, or whose prefix is not allowed",
			Help:    "vagut cannot link or match such an id. Allowed prefixes are set by id_prefixes in .vagut.yaml.",
			Bad:     "- **Genes:** FABP2 [Entrez 2169]", Good: "- **Genes:** FABP2 [NCBI Gene 2169]"},
		{ID: "VG025", Name: "duplicate-entity", Severity: Warning,
			Summary: "the same entity twice in one entity list",
			Help:    "List each entity once per section; the same id (or, without id, the same name) counts as the same entity.",
			Bad:     "- **Diseases:** ischemia (MESH:D007511), Ischemia (MESH:D007511)", Good: "- **Diseases:** ischemia (MESH:D007511)"},
		{ID: "VG026", Name: "unknown-category", Severity: Warning,
			Summary: "an entity category other than Genes, Diseases, Chemicals or Species",
			Help:    "Other categories are kept (Cell lines → type cell_line); check the label is not a typo.",
			Bad:     "- **Gene:** FABP2 [NCBI Gene 2169]", Good: "- **Genes:** FABP2 [NCBI Gene 2169]"},
		{ID: "VG027", Name: "missing-category", Severity: Error,
			Summary: `an entity list item without a "**Category:**" label`,
			Help:    "Start each entity list item with its category in bold, followed by a colon.",
			Bad:     "- FABP2 [NCBI Gene 2169]", Good: "- **Genes:** FABP2 [NCBI Gene 2169]"},
		{ID: "VG028", Name: "not-entity-list", Severity: Warning,
			Summary: "an entity section holds something other than an entity list",
			Help:    "Entity sections hold only bullets of the form \"- **Category:** entity, entity\"; move other text to its own section.",
			Bad:     "## Linked entities\n\n```\nFABP2\n```", Good: "## Linked entities\n\n- **Genes:** FABP2 [NCBI Gene 2169]"},
		{ID: "VG029", Name: "two-ids", Severity: Warning,
			Summary: "an entity with an id in both () and []",
			Help:    "Keep one id per entity; the one in [] is used.",
			Bad:     "FABP2 (NCBIGene:2169) [NCBI Gene 2169]", Good: "FABP2 [NCBI Gene 2169]"},
		{ID: "VG030", Name: "invalid-utf8", Severity: Error,
			Summary: "the file is not valid UTF-8",
			Help:    "Save the file as UTF-8; the bad bytes are read as U+FFFD (�), which corrupts names and text.",
			Bad:     "lactate (MESH:D019344) saved as Latin-1: \"\\xb5g/kg\"", Good: "the same text saved as UTF-8: \"µg/kg\""},
		{ID: "VG031", Name: "binary-file", Severity: Error,
			Summary: "the file holds NUL bytes: it is not a text file",
			Help:    "A summary is a Markdown text file; check that the right file was saved under this name.",
			Bad:     "a PDF or Word file renamed to .md", Good: "the Markdown summary"},
		{ID: "VG032", Name: "nesting-too-deep", Severity: Error,
			Summary: "a line opens more than 100 nested block quotes or list items",
			Help:    "No summary nests that deep; past 100 levels the rest of the line is read as text, so check what the line was meant to be.",
			Bad:     "> > > > … (101 times) text", Good: "> text"},
		{ID: "VG040", Name: "duplicate-doi", Severity: Error,
			Summary: "two files have the same DOI (any case, with or without https://doi.org/ or doi:)",
			Help:    "The same paper is summarised twice; keep one file.",
			Bad:     "a.md: DOI: 10.1/X   b.md: DOI: https://doi.org/10.1/x", Good: "one file per DOI"},
		{ID: "VG041", Name: "duplicate-id", Severity: Error,
			Summary: "two files have the same paper id (the Source URL's last segment)",
			Help:    "The same paper is summarised twice, or a Source URL was copied into the wrong file.",
			Bad:     "a.md and b.md both end with Source: https://tomesphere.com/paper/PMC1", Good: "each Source URL in one file"},
		{ID: "VG050", Name: "unknown-directive", Severity: Warning,
			Summary: "a <!-- vagut-... --> comment that vagut does not know, or that names an unknown rule",
			Help: "Inline comments turn rules off: <!-- vagut-disable RULE... --> for the whole file (no RULE: every rule), " +
				"<!-- vagut-disable-next-line RULE... --> for the line below, <!-- vagut-disable-line RULE... --> for its own line. " +
				"Rules are named by id or name. A misspelt comment turns nothing off, so it is reported.",
			Bad: "<!-- vagut-disable-nextline VG023 -->", Good: "<!-- vagut-disable-next-line VG023 -->"},
	}
}}

// idShapes lists the shapes of every registry's ids, for the help of VG023.
func idShapes() string {
	var b strings.Builder
	b.WriteString("Shapes:")
	for i, r := range curie.Registries {
		if i > 0 {
			b.WriteString(";")
		}
		name := r.Accession
		if r.Prefix != "" {
			name = r.Prefix + ":"
		}
		fmt.Fprintf(&b, " %s (%s) %s, e.g. %s", r.Name, name, r.Shape, r.Example)
	}
	return b.String() + "."
}

var byKey = lazy.Value[map[string]*Rule]{New: func() map[string]*Rule {
	m := map[string]*Rule{}
	for _, r := range Rules.Get() {
		m[r.ID] = r
		m[strings.ToLower(r.ID)] = r
		m[r.Name] = r
	}
	return m
}}

// Lookup finds a rule by id (VG010, any case) or name (invalid-doi).
func Lookup(key string) (*Rule, bool) {
	r, ok := byKey.Get()[key]
	if !ok {
		r, ok = byKey.Get()[strings.ToLower(key)]
	}
	return r, ok
}

// problemRule maps the parser's problem codes to rules.
var problemRule = lazy.Value[map[summary.ProblemCode]string]{New: func() map[summary.ProblemCode]string {
	return map[summary.ProblemCode]string{
		summary.ProblemBinaryFile:           "VG031",
		summary.ProblemMissingTitle:         "VG001",
		summary.ProblemNotASummary:          "VG009",
		summary.ProblemUnknownSection:       "VG013",
		summary.ProblemInvalidUTF8:          "VG030",
		summary.ProblemNestingTooDeep:       "VG032",
		summary.ProblemMultipleTitles:       "VG002",
		summary.ProblemDuplicateSection:     "VG005",
		summary.ProblemEmptyMetadataField:   "VG007",
		summary.ProblemUnknownMetadataField: "VG007",
		summary.ProblemDuplicateDOIField:    "VG007",
		summary.ProblemDuplicateDateField:   "VG007",
		summary.ProblemDuplicateMetadata:    "VG007",
		summary.ProblemDuplicateAuthors:     "VG007",
		summary.ProblemBadDateFormat:        "VG011",
		summary.ProblemUnbalancedBrackets:   "VG020",
		summary.ProblemEmptyName:            "VG021",
		summary.ProblemEmptyEntity:          "VG022",
		summary.ProblemEmptyItem:            "VG022",
		summary.ProblemUnknownIDForm:        "VG024",
		summary.ProblemMissingCategory:      "VG027",
		summary.ProblemNotEntityList:        "VG028",
		summary.ProblemTwoIDs:               "VG029",
	}
}}
