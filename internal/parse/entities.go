package parse

import (
	"bytes"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/vagut/vagut/internal/curie"
	"github.com/vagut/vagut/internal/summary"
)

// entityLists appends to out every entity of the "- **Category:** a, b, c"
// items of an entity section. out is grown once, to about the number of
// commas in the section (up to 512): growing it list item by list item, then copying it
// into the paper, was a sixth of the bytes the parser allocated.
func (p *parser_) entityLists(out []summary.Entity, blocks []ast.Node) []summary.Entity {
	before := out
	if len(blocks) > 0 {
		from, to := p.start(blocks[0]), p.end(blocks[len(blocks)-1])
		if from < to {
			// At most 512 ahead: a file of commas holds no entity at all.
			out = slices.Grow(out, min(bytes.Count(p.src[from:to], []byte{','})+len(blocks), 512))
		}
	}
	for _, b := range blocks {
		list, ok := b.(*ast.List)
		if !ok {
			if para, isPara := b.(*ast.Paragraph); isPara {
				out = p.entityLine(out, p.paragraph(para), p.line(b))
			} else {
				p.problem(p.line(b), 1, summary.ProblemNotEntityList, "not an entity list item")
			}
			continue
		}
		for item := list.FirstChild(); item != nil; item = item.NextSibling() {
			var j joined
			for c := item.FirstChild(); c != nil; c = c.NextSibling() {
				switch c.(type) {
				case *ast.Paragraph, *ast.TextBlock:
					if j.text == "" {
						j = p.paragraph(c)
						continue
					}
				}
				p.problem(p.line(c), 1, summary.ProblemNotEntityList, "unexpected block inside an entity list item")
			}
			if j.text == "" {
				p.problem(p.line(item), 1, summary.ProblemEmptyItem, "empty item in an entity list")
				continue
			}
			out = p.entityLine(out, j, p.line(item))
		}
	}
	if len(out) == len(before) {
		return before // nothing read: nil stays nil
	}
	return out
}

// categoryLabel reads the "**Category:**" (or "**Category**:") label at the
// start of s, spaces allowed inside: the category without its spaces, and
// where the entities begin. It runs for every entity list item, by hand:
// the regular expression it replaces (^\*\*\s*([^*]*?)\s*(?::\*\*|\*\*\s*:)\s*)
// backtracked, and was a tenth of the parse.
func categoryLabel(s string) (category string, rest int, ok bool) {
	if !strings.HasPrefix(s, "**") {
		return "", 0, false
	}
	a := skipSpace(s, 2)
	k := strings.IndexByte(s[a:], '*')
	if k < 0 {
		return "", 0, false
	}
	k += a
	var end int
	switch {
	case k-1 >= a && s[k-1] == ':' && strings.HasPrefix(s[k:], "**"): // **Genes:**
		category, end = s[a:k-1], k+2
	case strings.HasPrefix(s[k:], "**"): // **Genes**:
		c := skipSpace(s, k+2)
		if c >= len(s) || s[c] != ':' {
			return "", 0, false
		}
		category, end = s[a:k], c+1
	default:
		return "", 0, false
	}
	return strings.TrimRight(category, " \t\n\f\r"), skipSpace(s, end), true
}

// skipSpace returns the offset of the first byte at or after i that is not
// a space, tab, newline, form feed or carriage return.
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// entityLine appends the entities of one "**Category:** a, b" line to out.
func (p *parser_) entityLine(out []summary.Entity, j joined, line int) []summary.Entity {
	category, rest, ok := categoryLabel(j.text)
	if !ok {
		p.problem(line, 1, summary.ProblemMissingCategory, `entity list item without a "**Category:**" label`)
	} else {
		if category == "" {
			p.problem(line, 1, summary.ProblemMissingCategory, "empty entity category")
		}
	}
	typ := summary.TypeOf(category)
	pieces, unbalanced := splitTop(p.linePieces[:0], j.text, rest)
	p.linePieces = pieces
	out = slices.Grow(out, len(pieces))
	if unbalanced >= 0 {
		off := j.srcOffset(unbalanced)
		p.problem(p.idx.line(off), p.idx.col(off), summary.ProblemUnbalancedBrackets, "unbalanced (), [] or {} in an entity list")
	}
	for _, pc := range pieces {
		raw := j.text[pc[0]:pc[1]]
		lead := len(raw) - len(strings.TrimLeft(raw, " \t"))
		off := j.srcOffset(pc[0] + lead)
		ln, col := p.idx.line(off), p.idx.col(off)
		raw = strings.TrimSpace(raw)
		if raw == "" {
			if len(pieces) > 1 || !ok {
				p.problem(ln, col, summary.ProblemEmptyEntity, "empty entity in a list (two commas in a row?)")
			} else {
				p.problem(ln, col, summary.ProblemEmptyEntity, "entity list item with no entities")
			}
			continue
		}
		e := p.entity(raw, ln, col)
		e.Type, e.Category = typ, category
		out = append(out, e)
	}
	return out
}

// splitTop splits s[from:] on commas outside (), [] and {}; it returns the
// pieces as offsets and the offset of the first unbalanced bracket, or -1.
// The pieces are appended to dst.
func splitTop(dst [][2]int, s string, from int) (pieces [][2]int, unbalanced int) {
	unbalanced = -1
	pieces = dst
	var stackMem [16]int
	stack := stackMem[:0] // offsets of open brackets
	start := from
	for i := from; i < len(s); i++ {
		switch s[i] {
		case '(', '[', '{':
			stack = append(stack, i)
		case ')', ']', '}':
			if len(stack) == 0 || !matches(s[stack[len(stack)-1]], s[i]) {
				if unbalanced < 0 {
					unbalanced = i
				}
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
				continue
			}
			stack = stack[:len(stack)-1]
		case ',':
			if len(stack) == 0 {
				pieces = append(pieces, [2]int{start, i})
				start = i + 1
			}
		}
	}
	if len(stack) > 0 && unbalanced < 0 {
		unbalanced = stack[0]
	}
	return append(pieces, [2]int{start, len(s)}), unbalanced
}

func matches(open, close byte) bool {
	return open == '(' && close == ')' || open == '[' && close == ']' || open == '{' && close == '}'
}

// trailingGroup splits "name (x)" into "name" and "x" when s ends with the
// closing bracket c and its opener is found.
func trailingGroup(s string, openB, closeB byte) (head, inner string, ok bool) {
	if len(s) == 0 || s[len(s)-1] != closeB {
		return s, "", false
	}
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case closeB:
			depth++
		case openB:
			depth--
			if depth == 0 {
				return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1 : len(s)-1]), true
			}
		}
	}
	return s, "", false
}

// entity reads "name [(paren)] [[bracket]] [{aka a, b}]" from the right.
func (p *parser_) entity(s string, line, col int) summary.Entity {
	e := summary.Entity{Line: line, Col: col, Raw: s}
	var parenID, bracketID string
	haveAka, haveBracket, noID := false, false, false
	for {
		if head, inner, ok := trailingGroup(s, '{', '}'); ok && !haveAka {
			haveAka, s = true, head
			if len(inner) >= 4 && strings.EqualFold(inner[:3], "aka") && (inner[3] == ' ' || inner[3] == ':') {
				inner = strings.TrimSpace(inner[4:])
			}
			pieces, _ := splitTop(p.akaPieces[:0], inner, 0)
			p.akaPieces = pieces
			e.Aliases = make([]string, 0, len(pieces))
			for _, pc := range pieces {
				if a := strings.TrimSpace(inner[pc[0]:pc[1]]); a != "" {
					e.Aliases = append(e.Aliases, a)
				}
			}
			continue
		}
		if head, inner, ok := trailingGroup(s, '[', ']'); ok && !haveBracket {
			haveBracket, s, bracketID = true, head, inner
			continue
		}
		if head, inner, ok := trailingGroup(s, '(', ')'); ok {
			switch {
			case inner == "-" && parenID == "" && !noID:
				noID = true
			case curie.IsIdentifier(inner) && parenID == "" && !noID:
				parenID = inner
			case e.Description == nil && inner != "":
				e.Description = p.keep(inner)
			default:
				goto done
			}
			s = head
			continue
		}
		break
	}
done:
	e.Name = s
	if e.Name == "" {
		p.problem(line, col, summary.ProblemEmptyName, "entity without a name")
	}
	written := parenID
	if bracketID != "" {
		if parenID != "" {
			p.problem(line, col, summary.ProblemTwoIDs, "entity has two identifiers; the one in [] is used")
		}
		written = bracketID
	}
	if noID && written == "" {
		e.WrittenID = "-"
	}
	if written != "" {
		e.WrittenID = written
		c, known := curie.Normalize(written)
		if !known {
			p.problem(line, col, summary.ProblemUnknownIDForm, "identifier form not known: "+written)
		}
		e.ID = p.keep(c)
	}
	if len(e.Aliases) == 0 {
		e.Aliases = nil // as before: no {aka} group or an empty one is no list
	}
	return e
}

// keep returns a pointer to a copy of s. The copies live in chunks of 64, so
// that a paper's ids and descriptions cost a few allocations, not one each.
func (p *parser_) keep(s string) *string {
	if len(p.kept) == cap(p.kept) {
		p.kept = make([]string, 0, 64)
	}
	p.kept = append(p.kept, s)
	return &p.kept[len(p.kept)-1]
}
