// Package summary holds the typed record of one paper summary. Positions are
// kept beside the values so that every message can name file:line.
package summary

// Paper is one parsed summary file.
type Paper struct {
	ID          string
	Path        string
	Title       string
	Authors     []string
	Source      *string
	DOI         *string
	Journal     *string
	Published   *string // YYYY-MM-DD, YYYY-MM or YYYY: as precisely as written (internal/pubdate)
	URL         *string // the "Source:" URL
	FullTextURL *string
	// FullText is the Markdown of the "Full text" section, kept so fmt loses nothing.
	FullText *string

	TLDR         *string
	Contribution *string
	KeyFindings  []Finding
	// FindingDefs are the link reference definitions ("[t1]: https://…")
	// written among the Key findings: no findings themselves, but the
	// targets of the findings' reference links, for fmt and the digest.
	FindingDefs []Finding
	Abstract    *string

	LinkedEntities []Entity
	Entities       []Entity // "Full-text entities"
	OtherSections  []Section

	// Positions, 1-based lines; 0 when the element is absent.
	TitleLine    int
	AuthorsLine  int
	MetadataLine int
	DOICol       int // column of the DOI value on the metadata line
	DateCol      int // column of the date on the metadata line
	URLLine      int
	FullTextLine int
	// Headings lists every "## " (and extra "# ") heading in file order, known or not.
	Headings []Heading
	// Problems are defects the parser tolerated; validate reports them.
	Problems []Problem
}

// Finding is one key finding, Markdown as written with soft breaks joined by a space.
type Finding struct {
	Text string
	Line int
}

// Entity is one item of an entity list.
type Entity struct {
	Type        string // gene, disease, chemical, species, or the category in snake case
	Category    string // as written: "Genes"
	Name        string
	Description *string
	ID          *string // CURIE; nil for "(-)" or none
	WrittenID   string  // the identifier as written, "" when none
	Aliases     []string
	Raw         string // the entity as written, soft breaks joined by a space
	Line, Col   int
}

// Section is a "## " section vagut does not know, kept as Markdown.
type Section struct {
	Heading string
	Text    string
	Line    int
}

// Heading is a section heading as seen in the file.
type Heading struct {
	Text  string // as written
	Key   string // normalised: "tldr", "key_findings", ... or "" when unknown
	Level int
	Line  int
	End   int  // the last line of the section's content; Line when it has none
	Empty bool // no content below it
	// Near is, for a heading vagut does not know, the key of the known
	// section it is close to ("Key findngs": "key_findings"), else "".
	Near string
	// Placeholder: the content is still the text `vagut new` wrote
	// (parse.Placeholders), so the section counts as not written.
	Placeholder bool
}

// Problem is something wrong that did not stop the parse.
type Problem struct {
	Line, Col int
	Code      ProblemCode
	Msg       string
}

// AllEntities returns the linked entities followed by the full-text entities.
func (p *Paper) AllEntities() []Entity {
	out := make([]Entity, 0, len(p.LinkedEntities)+len(p.Entities))
	out = append(out, p.LinkedEntities...)
	return append(out, p.Entities...)
}

// Str returns the value of an optional string, "" when absent.
func Str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
