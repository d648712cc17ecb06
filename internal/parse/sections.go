package parse

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/vagut/vagut/internal/lazy"
	"github.com/vagut/vagut/internal/names"
	"github.com/vagut/vagut/internal/pubdate"
	"github.com/vagut/vagut/internal/summary"
)

// findings turns the Key findings section into one finding per list item;
// a paragraph outside a list counts as one finding too, so nothing is lost.
// A link reference definition is no finding: it is kept in FindingDefs.
func (p *parser_) findings(blocks []ast.Node) []summary.Finding {
	var out []summary.Finding
	for _, b := range blocks {
		if _, def := b.(*ast.LinkReferenceDefinition); def {
			p.paper.FindingDefs = append(p.paper.FindingDefs, summary.Finding{Text: p.blockText(b), Line: p.line(b)})
			continue
		}
		list, ok := b.(*ast.List)
		if !ok {
			if t := p.blockText(b); t != "" {
				out = append(out, summary.Finding{Text: t, Line: p.line(b)})
			}
			continue
		}
		for item := list.FirstChild(); item != nil; item = item.NextSibling() {
			t := p.itemText(item)
			if t == "" {
				p.problem(p.line(item), 1, summary.ProblemEmptyItem, "empty list item in Key findings")
				continue
			}
			out = append(out, summary.Finding{Text: t, Line: p.line(item)})
		}
	}
	return out
}

// itemText is a list item's content on one line.
func (p *parser_) itemText(item ast.Node) string {
	var parts []string
	for c := item.FirstChild(); c != nil; c = c.NextSibling() {
		t := p.blockText(c)
		if _, para := c.(*ast.Paragraph); !para {
			if _, tb := c.(*ast.TextBlock); !tb {
				t = strings.Join(strings.Fields(t), " ")
			}
		}
		if t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ")
}

var (
	authorsRE = lazy.Regexp{Expr: `^(?:\*\*Authors?:\*\*|\*\*Authors?\*\*:|Authors?:)\s*`}
	doiRE     = lazy.Regexp{Expr: `(?i)^DOI:\s*`}
)

// repositories are the names that make a lone first metadata field the source.
var repositories = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"pmc": true, "pubmed": true, "pubmed central": true, "europe pmc": true, "arxiv": true,
		"biorxiv": true, "medrxiv": true, "chemrxiv": true, "ssrn": true, "research square": true,
		"preprints.org": true, "zenodo": true, "osf": true, "doaj": true,
	}
}}

// IsRepository reports whether a lone first metadata field names a repository
// (PMC, arXiv, ...) and so is read as the source rather than the journal.
func IsRepository(s string) bool { return repositories.Get()[strings.ToLower(s)] }

// preamble reads the authors and metadata lines between the title and the
// first section; any other text there is kept as an untitled section.
func (p *parser_) preamble(blocks []ast.Node) {
	var kept []string
	keptLine := 0
	keep := func(s string, line int) {
		if keptLine == 0 {
			keptLine = line
		}
		kept = append(kept, s)
	}
	for _, b := range blocks {
		para, ok := b.(*ast.Paragraph)
		if !ok {
			keep(p.raw([]ast.Node{b}), p.line(b))
			continue
		}
		inAuthors := false
		// An Authors line and its continuation lines are split as one text,
		// so that "Smith,\nJohn" or a list broken over lines reads right.
		var authorLines []string
		flushAuthors := func() {
			if len(authorLines) > 0 {
				p.paper.Authors = append(p.paper.Authors, names.Split(strings.Join(authorLines, "\n"))...)
				authorLines = nil
			}
		}
		lines := para.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			v := strings.TrimSpace(string(seg.Value(p.src)))
			line := p.idx.line(seg.Start)
			switch {
			case authorsRE.Get().MatchString(v):
				if p.paper.AuthorsLine != 0 {
					p.problem(line, 1, summary.ProblemDuplicateAuthors, "a second Authors line")
				}
				p.paper.AuthorsLine = line
				flushAuthors()
				// The label is matched at the start only: cut it, not replace it.
				authorLines = append(authorLines, v[authorsRE.Get().FindStringIndex(v)[1]:])
				inAuthors = true
			case isMetadata(v):
				raw := seg.Value(p.src)
				lead := len(raw) - len(bytes.TrimLeft(raw, " \t"))
				flushAuthors()
				p.metadata(v, line, seg.Start+lead)
				inAuthors = false
			case inAuthors:
				authorLines = append(authorLines, v)
			default:
				keep(v, line)
			}
		}
		flushAuthors()
	}
	if len(kept) > 0 {
		p.paper.OtherSections = append(p.paper.OtherSections, summary.Section{Text: strings.Join(kept, "\n"), Line: keptLine})
	}
}

// separators are the characters people type between metadata fields: the
// format's " · ", and " | " or " • " from other tools and keyboards.
const separators = "·|•"

// metaField is one field of the metadata line; at is its byte offset in the
// line once trimmed.
type metaField struct {
	text string
	at   int
}

func splitMetadata(v string) []metaField {
	var out []metaField
	from := 0
	add := func(to int) {
		f := v[from:to]
		lead := len(f) - len(strings.TrimLeft(f, " \t"))
		out = append(out, metaField{strings.TrimSpace(f), from + lead})
	}
	for i, r := range v {
		if strings.ContainsRune(separators, r) {
			add(i)
			from = i + utf8.RuneLen(r)
		}
	}
	add(len(v))
	return out
}

// isMetadata tells the metadata line from other text before the first
// section. " · " is the format's own separator and enough; a line split by
// "|" or "•" must also hold a field only metadata has (a DOI, a date, a
// repository), so that a stray "a | b" stays text. A date alone is metadata.
func isMetadata(v string) bool {
	if strings.Contains(v, "·") || doiRE.Get().MatchString(v) || pubdate.Looks(v) {
		return true
	}
	if !strings.ContainsAny(v, "|•") {
		return false
	}
	for _, f := range splitMetadata(v) {
		if doiRE.Get().MatchString(f.text) || pubdate.Looks(f.text) || IsRepository(f.text) {
			return true
		}
	}
	return false
}

// metadata reads "source · DOI: doi · journal · date"; any field may be
// missing, and " | " or " • " may separate the fields. The date is kept in ISO
// form at the precision written. start is the offset of v in the source, for
// the columns of DOI and date.
func (p *parser_) metadata(v string, line, start int) {
	pp := p.paper
	if pp.MetadataLine != 0 {
		p.problem(line, 1, summary.ProblemDuplicateMetadata, "a second metadata line")
	}
	pp.MetadataLine = line
	type field struct {
		text  string
		index int
		col   int
	}
	var texts []field
	fields := splitMetadata(v)
	// "· Perfusion" or "PMC ·": one field alone, marked as metadata by a
	// lone separator (fmt writes it so); that empty side is no field, and
	// says which field it is: a separator after it makes it the source.
	marker := len(fields) == 2 && (fields[0].text == "") != (fields[1].text == "")
	for i, mf := range fields {
		f, col := mf.text, p.idx.col(start+mf.at)
		switch {
		case f == "" && marker:
		case f == "":
			p.problem(line, col, summary.ProblemEmptyMetadataField, "empty field in the metadata line")
		case doiRE.Get().MatchString(f):
			d := strings.TrimSpace(f[doiRE.Get().FindStringIndex(f)[1]:]) // the label is at the start only
			if pp.DOI != nil {
				p.problem(line, col, summary.ProblemDuplicateDOIField, "more than one DOI in the metadata line")
			}
			pp.DOI = &d
			pp.DOICol = col + len([]rune(f)) - len([]rune(d))
		case pubdate.Looks(f):
			if pp.Published != nil || pp.DateCol != 0 {
				p.problem(line, col, summary.ProblemDuplicateDateField, "more than one date in the metadata line")
			}
			iso, err := pubdate.Parse(f)
			if err != nil {
				// Kept out of the record: a date that is not one must not reach
				// a bibliography or a --since filter. validate reports it (VG011).
				p.problem(line, col, summary.ProblemBadDateFormat, err.Error())
				pp.DateCol = col
				continue
			}
			pp.Published, pp.DateCol = &iso, col
		default:
			texts = append(texts, field{f, i, col})
		}
	}
	if len(texts) > 0 && texts[0].index == 0 && (len(texts) >= 2 || IsRepository(texts[0].text) || marker) {
		pp.Source = &texts[0].text
		texts = texts[1:]
	}
	if len(texts) > 0 {
		pp.Journal = &texts[0].text
		for _, extra := range texts[1:] {
			p.problem(line, extra.col, summary.ProblemUnknownMetadataField, "metadata field not understood: "+extra.text)
		}
	}
}
