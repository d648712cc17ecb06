// Package format prints a summary in its canonical form, as gofmt does for
// Go: the record is printed back, and the result must parse to the same record.
//
// Canonical means: LF line endings, no BOM, one blank line between blocks,
// "- " bullets, " · " between metadata fields (for " | " and " • " too), the
// date in ISO form at the precision written, one line per entity list item,
// one trailing newline. Text is kept as written. A file that ends without a
// newline keeps ending without one: the summary service writes them so, and
// fmt --check must not flag every file it produces.
package format

import (
	"fmt"
	"sort"
	"strings"

	"github.com/vagut/vagut/internal/lazy"
	"github.com/vagut/vagut/internal/names"
	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/summary"
)

// Error says why a file was left untouched.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%d: %s", e.Line, e.Msg) }

// lossy are the parser's problems whose text the record does not keep:
// printing the record would drop it, so such files are not formatted.
var lossy = lazy.Value[map[summary.ProblemCode]string]{New: func() map[summary.ProblemCode]string {
	return map[summary.ProblemCode]string{
		summary.ProblemInvalidUTF8:          "invalid UTF-8 would be replaced",
		summary.ProblemUnknownMetadataField: "a metadata field would be dropped",
		summary.ProblemDuplicateMetadata:    "a second metadata line would be dropped",
		summary.ProblemDuplicateDOIField:    "a second DOI would be dropped",
		summary.ProblemDuplicateDateField:   "a second date would be dropped",
		summary.ProblemBadDateFormat:        "a date vagut cannot read would be dropped",
		summary.ProblemNotEntityList:        "text in an entity section would be dropped",
		summary.ProblemNestingTooDeep:       "a line nested too deep would be rewritten",
	}
}}

// errRereads is the refusal of the last check, when the printed form would
// parse to another record: Markdown syntax in an unexpected place, as a rule.
const errRereads = "its canonical form would read differently; left as it is"

// Source formats one file. It returns a *parse.Error for a file that is no
// summary, a *Error for one it cannot format without losing something.
func Source(path string, src []byte) ([]byte, error) {
	p, err := parse.Parse(path, src)
	if err != nil {
		return nil, err
	}
	ex := scan(src)
	for _, pr := range p.Problems {
		if pr.Code == summary.ProblemNotEntityList && ex.defLines[pr.Line] {
			continue // a link reference definition, printed where it stands
		}
		if why, ok := lossy.Get()[pr.Code]; ok {
			return nil, &Error{Line: pr.Line, Msg: "not formatted: " + why + " (" + pr.Msg + "); fix it first"}
		}
	}
	out, err := ex.keepBreaks(printRecord(p, ex))
	if err != nil {
		return nil, err
	}
	kept, ok := keepDirectives(string(src), string(out))
	if !ok {
		return nil, &Error{Line: 1, Msg: "not formatted: a <!-- vagut-... --> comment could not be kept in place; left as it is"}
	}
	out = []byte(kept)
	if !endsWithNewline(src) {
		out = out[:len(out)-1]
	}
	q, err := parse.Parse(path, out)
	if err != nil || !summary.SameContent(p, q) || strings.Count(string(out), directiveStart) != strings.Count(string(src), directiveStart) {
		return nil, &Error{Line: 1, Msg: "not formatted: " + errRereads}
	}
	return out, nil
}

// Print writes the record in canonical form.
func Print(p *summary.Paper) []byte { return printRecord(p, nil) }

// printRecord writes the record and, from ex, the link reference definitions
// the record does not keep.
func printRecord(p *summary.Paper, ex *extras) []byte {
	var blocks []string
	blocks = append(blocks, "# "+p.Title)
	if len(p.Authors) > 0 {
		blocks = append(blocks, "**Authors:** "+names.Join(p.Authors))
	}
	if m := metadata(p); m != "" {
		blocks = append(blocks, m)
	}
	headingLines := map[int]bool{}
	for _, h := range p.Headings {
		headingLines[h.Line] = true
	}
	others := map[int]summary.Section{}
	for _, s := range p.OtherSections {
		if headingLines[s.Line] {
			others[s.Line] = s
		} else {
			blocks = append(blocks, s.Text) // text between the title and the first section
		}
	}
	used := map[string]bool{}
	for _, h := range p.Headings {
		blocks = append(blocks, strings.TrimRight(strings.Repeat("#", h.Level)+" "+h.Text, " "))
		var body string
		if h.Placeholder {
			body = parse.Placeholders[h.Key]
		} else if h.Key != "" && !used[h.Key] {
			used[h.Key] = true
			body = known(p, h.Key, ex)
		} else {
			body = others[h.Line].Text
		}
		if body != "" {
			blocks = append(blocks, body)
		}
		if defs := ex.sectionDefs(h.Line); defs != "" {
			blocks = append(blocks, defs)
		}
	}
	if p.URL != nil {
		blocks = append(blocks, "---\nSource: "+*p.URL)
	}
	return []byte(strings.Join(blocks, "\n\n") + "\n")
}

// metadata prints the fields in canonical order, "source · DOI: doi ·
// journal · date", bending it only where the parser would read it otherwise.
func metadata(p *summary.Paper) string {
	var fields []string
	if p.Source != nil {
		fields = append(fields, *p.Source)
	}
	if p.DOI != nil {
		fields = append(fields, "DOI: "+*p.DOI)
	}
	date := p.Published != nil
	if p.Journal != nil {
		// A repository name first in the line would read as the source.
		if len(fields) == 0 && parse.IsRepository(*p.Journal) && date {
			fields, date = append(fields, *p.Published), false
		}
		fields = append(fields, *p.Journal)
	}
	if date {
		fields = append(fields, *p.Published)
	}
	line := strings.Join(fields, " · ")
	// One text field alone needs a separator to read as metadata at all.
	if len(fields) == 1 && p.DOI == nil && p.Published == nil {
		if p.Source != nil {
			return line + " ·"
		}
		return "· " + line
	}
	return line
}

func known(p *summary.Paper, key string, ex *extras) string {
	switch key {
	case summary.TLDR:
		return summary.Str(p.TLDR)
	case summary.Contribution:
		return summary.Str(p.Contribution)
	case summary.Abstract:
		return summary.Str(p.Abstract)
	case summary.FullText:
		return summary.Str(p.FullText)
	case summary.KeyFindings:
		// A link reference definition among the findings stays where it
		// stood, a block of its own: as a "- " item it would be a finding.
		type block struct {
			summary.Finding
			def bool
		}
		all := make([]block, 0, len(p.KeyFindings)+len(p.FindingDefs))
		for _, f := range p.KeyFindings {
			all = append(all, block{f, false})
		}
		for _, f := range p.FindingDefs {
			all = append(all, block{f, true})
		}
		sort.SliceStable(all, func(i, j int) bool { return all[i].Line < all[j].Line })
		var b strings.Builder
		for i, f := range all {
			switch {
			case i == 0:
			case f.def || all[i-1].def:
				b.WriteString("\n\n")
			default:
				b.WriteString("\n")
			}
			if !f.def {
				b.WriteString("- ")
			}
			b.WriteString(f.Text)
		}
		return b.String()
	case summary.LinkedEntities:
		return entityList(p.LinkedEntities)
	case summary.FullTextEntities:
		return entityList(p.Entities)
	}
	return ""
}

// entityList prints one item per run of entities of one category.
func entityList(es []summary.Entity) string {
	var lines []string
	for i := 0; i < len(es); {
		j := i
		var raws []string
		for ; j < len(es) && es[j].Category == es[i].Category; j++ {
			raws = append(raws, es[j].Raw)
		}
		label := ""
		if es[i].Category != "" {
			label = "**" + es[i].Category + ":** "
		}
		lines = append(lines, "- "+label+strings.Join(raws, ", "))
		i = j
	}
	return strings.Join(lines, "\n")
}

func endsWithNewline(src []byte) bool {
	return len(src) > 0 && (src[len(src)-1] == '\n' || src[len(src)-1] == '\r')
}
