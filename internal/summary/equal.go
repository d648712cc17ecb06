package summary

import "reflect"

// SameContent reports whether two records say the same thing: every field,
// entity and section alike, positions, raw spellings and problems aside.
func SameContent(a, b *Paper) bool {
	return reflect.DeepEqual(content(a), content(b))
}

func content(p *Paper) *Paper {
	q := *p
	q.TitleLine, q.AuthorsLine, q.MetadataLine, q.URLLine, q.FullTextLine = 0, 0, 0, 0, 0
	q.DOICol, q.DateCol = 0, 0
	q.Problems = nil
	q.Headings = make([]Heading, len(p.Headings))
	for i, h := range p.Headings {
		h.Line, h.End = 0, 0
		q.Headings[i] = h
	}
	q.KeyFindings = make([]Finding, len(p.KeyFindings))
	for i, f := range p.KeyFindings {
		f.Line = 0
		q.KeyFindings[i] = f
	}
	q.FindingDefs = make([]Finding, len(p.FindingDefs))
	for i, f := range p.FindingDefs {
		f.Line = 0
		q.FindingDefs[i] = f
	}
	q.LinkedEntities = entities(p.LinkedEntities)
	q.Entities = entities(p.Entities)
	q.OtherSections = make([]Section, len(p.OtherSections))
	for i, s := range p.OtherSections {
		s.Line = 0
		q.OtherSections[i] = s
	}
	return &q
}

func entities(es []Entity) []Entity {
	out := make([]Entity, len(es))
	for i, e := range es {
		e.Line, e.Col = 0, 0
		out[i] = e
	}
	return out
}
