package render

import (
	"fmt"
	"hash/maphash"
	"io"
	"sort"
	"strings"

	"github.com/vagut/vagut/internal/curie"
	"github.com/vagut/vagut/internal/doi"
	"github.com/vagut/vagut/internal/evidence"
	"github.com/vagut/vagut/internal/names"
	"github.com/vagut/vagut/internal/summary"
)

// Sections a Markdown digest can show, in the order they appear: parts of
// the digest (--sections), not the format's sections.
var SectionNames = []string{"tldr", "contribution", "findings", "abstract", "entities"}

// DefaultSections is what a digest shows without --sections.
var DefaultSections = []string{"tldr", "findings", "entities"}

// maxAuthors is how many authors a citation line names before "et al.".
const maxAuthors = 3

// Markdown writes a CommonMark digest that passes markdownlint's default rules
// (line length aside): one H1, unique headings, blank lines around blocks.
func Markdown(w io.Writer, d *Digest) error {
	parts := markdownParts(d)
	for i, p := range parts {
		parts[i] = ownLinks(p)
	}
	_, err := io.WriteString(w, strings.Join(parts, ""))
	return err
}

// markdownParts is the digest cut where one paper ends and the next begins:
// the page's head, then each paper (with its group's heading before the
// first). Renderers that parse the Markdown parse each part on its own, so
// a link reference definition in one summary cannot take over a link in
// another.
func markdownParts(d *Digest) []string {
	var parts []string
	var b strings.Builder
	cut := func() {
		if b.Len() > 0 {
			parts = append(parts, b.String())
			b.Reset()
		}
	}
	b.WriteString("# vagut digest\n\n")
	b.WriteString(countLine(d, len(d.Papers)) + "\n")
	show := d.MarkdownShow()
	if d.GroupBy != "" {
		writeGroups(&b, d, show, cut)
	} else {
		var headings Headings
		for _, p := range d.Papers {
			cut()
			h, body := d.MarkdownPaper(p, show)
			b.WriteString(headings.Part(h, p.ID, body))
		}
	}
	cut()
	return parts
}

// MarkdownShow is the set of --sections a digest shows.
func (d *Digest) MarkdownShow() map[string]bool {
	show := map[string]bool{}
	for _, s := range d.Sections {
		show[s] = true
	}
	return show
}

// MarkdownHead is the digest's title and count line, count papers shown.
func (d *Digest) MarkdownHead(count int) string {
	return "# vagut digest\n\n" + countLine(d, count) + "\n"
}

// MarkdownPaper is one paper of an ungrouped digest: its heading's text
// (before Headings makes it unique) and what follows the heading.
func (d *Digest) MarkdownPaper(p *summary.Paper, show map[string]bool) (heading, body string) {
	var b strings.Builder
	if c := citation(p); c != "" {
		fmt.Fprintf(&b, "\n%s\n", c)
	}
	writePaper(&b, d, p, show, "")
	return headingText(p.Title), b.String()
}

// Headings keeps the headings of a digest unique: a title seen before gets
// the paper's id. It remembers a 128-bit hash of each heading, not the
// text, so that a digest of a million papers holds a few megabytes.
type Headings struct{ seen map[[2]uint64]bool }

var headingSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

func (hs *Headings) mark(h string) bool {
	if hs.seen == nil {
		hs.seen = map[[2]uint64]bool{hs.key("vagut digest"): true}
	}
	k := hs.key(h)
	seen := hs.seen[k]
	hs.seen[k] = true
	return seen
}

func (hs *Headings) key(h string) [2]uint64 {
	l := strings.ToLower(h)
	return [2]uint64{maphash.String(headingSeeds[0], l), maphash.String(headingSeeds[1], l)}
}

// Part is a paper's part of the digest: its unique heading, then body.
func (hs *Headings) Part(heading, id, body string) string {
	if hs.mark(heading) {
		heading += " (" + id + ")"
		hs.mark(heading)
	}
	return "\n## " + heading + "\n" + body
}

// writePaper writes the chosen parts of a paper; indent nests them in a list item.
func writePaper(b *strings.Builder, d *Digest, p *summary.Paper, show map[string]bool, indent string) {
	para := func(s string) {
		b.WriteString("\n")
		for _, line := range strings.Split(s, "\n") {
			if line == "" {
				b.WriteString("\n")
			} else {
				b.WriteString(indent + line + "\n")
			}
		}
	}
	if show["tldr"] && p.TLDR != nil {
		para("**" + summary.SectionName(summary.TLDR) + ":** " + *p.TLDR)
	}
	if show["contribution"] && p.Contribution != nil {
		para("**" + summary.SectionName(summary.Contribution) + ":** " + *p.Contribution)
	}
	if show["findings"] && len(p.KeyFindings) > 0 {
		lines := []string{"**" + summary.SectionName(summary.KeyFindings) + ":**", ""}
		for _, f := range p.KeyFindings {
			lines = append(lines, "- "+f.Text)
		}
		para(strings.Join(lines, "\n"))
		// The targets of the findings' reference links ("[the trial][t1]"),
		// which ownLinks turns into inline links.
		if len(p.FindingDefs) > 0 {
			defs := make([]string, len(p.FindingDefs))
			for i, f := range p.FindingDefs {
				defs[i] = f.Text
			}
			para(strings.Join(defs, "\n"))
		}
	}
	if show["abstract"] && p.Abstract != nil {
		para("**" + summary.SectionName(summary.Abstract) + ":**\n\n" + *p.Abstract)
	}
	if ev, ok := d.Evidence[p]; ok && len(ev) > 0 {
		lines := []string{"**Evidence:**", ""}
		for _, e := range ev {
			lines = append(lines, "- "+evidenceLabel(e.Section)+": "+bold(e.Text, e.Matches))
		}
		para(strings.Join(lines, "\n"))
	}
	if show["entities"] {
		var eb strings.Builder
		writeEntities(&eb, p)
		if s := strings.TrimPrefix(eb.String(), "\n"); s != "" {
			para(strings.TrimSuffix(s, "\n"))
		}
	}
}

// evidenceLabel names the section of one evidence sentence: one finding.
func evidenceLabel(key summary.SectionKey) string {
	if key == summary.KeyFindings {
		return "Key finding"
	}
	return summary.SectionName(key)
}

// bold marks the matches of a sentence.
func bold(text string, spans []evidence.Span) string {
	var b strings.Builder
	at := 0
	for _, s := range spans {
		b.WriteString(text[at:s.Start])
		b.WriteString("**" + text[s.Start:s.End] + "**")
		at = s.End
	}
	b.WriteString(text[at:])
	return b.String()
}

// writeGroups writes one heading per group and its papers as list items.
func writeGroups(b *strings.Builder, d *Digest, show map[string]bool, cut func()) {
	for _, g := range d.Groups {
		cut()
		name := escape(g.Name)
		if g.ID != nil {
			name += " (" + escape(*g.ID) + ")"
		}
		fmt.Fprintf(b, "\n## %s: %s\n\n", name, count(len(g.Papers), "paper"))
		for i, p := range g.Papers {
			if i > 0 {
				cut()
				b.WriteString("\n")
			}
			fmt.Fprintf(b, "- **%s**", strings.TrimSpace(p.Title))
			if c := citation(p); c != "" {
				fmt.Fprintf(b, " · %s", c)
			}
			b.WriteString("\n")
			writePaper(b, d, p, show, "  ")
		}
	}
}

func countLine(d *Digest, shown int) string {
	noun := "papers"
	if d.Total == 1 {
		noun = "paper"
	}
	s := fmt.Sprintf("%d of %d %s", shown, d.Total, noun)
	if desc := d.Filter.Describe(); len(desc) > 0 {
		s += " matched " + escape(strings.Join(desc, "; "))
	} else {
		s += ", no filters"
	}
	if d.Limit > 0 {
		s += fmt.Sprintf(" (limit %d)", d.Limit)
	}
	s += "."
	if len(d.Filter.Types) > 0 {
		s += " Entities shown: " + escape(strings.Join(d.Filter.Types, ", ")) + "."
	}
	if d.GroupBy != "" {
		s += fmt.Sprintf(" Grouped by %s: %s.", d.GroupBy, count(len(d.Groups), "group"))
	}
	return s
}

// headingText drops the trailing punctuation markdownlint's MD026 rejects.
func headingText(title string) string {
	return strings.TrimRight(title, ".,;:! ")
}

func citation(p *summary.Paper) string {
	var parts []string
	if a := Authors(p.Authors); a != "" {
		parts = append(parts, escape(a))
	}
	if p.Journal != nil {
		parts = append(parts, "*"+escape(*p.Journal)+"*")
	}
	if p.Published != nil {
		parts = append(parts, *p.Published)
	}
	if p.DOI != nil && *p.DOI != "" {
		parts = append(parts, fmt.Sprintf("[doi:%s](%s)", escape(doi.Bare(*p.DOI)), linkDest(doi.URL(*p.DOI))))
	}
	if p.URL != nil && isHTTP(*p.URL) {
		parts = append(parts, fmt.Sprintf("[%s](%s)", escape(p.ID), linkDest(*p.URL)))
	}
	return strings.Join(parts, " · ")
}

// Authors shortens a long author list the way citations do: at most
// maxAuthors people as written, then "et al."; a written "et al." is not an
// author, and names written "Family, Given" are separated by semicolons.
func Authors(as []string) string {
	var people []string
	others, sep := false, ", "
	for _, a := range as {
		if _, ok := names.Parse(a); !ok {
			others = others || names.IsOthers(a)
			continue
		}
		if strings.Contains(a, ",") {
			sep = "; "
		}
		people = append(people, a)
	}
	if len(people) > maxAuthors {
		people, others = people[:maxAuthors], true
	}
	s := strings.Join(people, sep)
	if others && s != "" {
		s += sep + "et al."
	}
	return s
}

func isHTTP(u string) bool {
	low := strings.ToLower(u)
	return strings.HasPrefix(low, "https://") || strings.HasPrefix(low, "http://")
}

func writeEntities(b *strings.Builder, p *summary.Paper) {
	type group struct {
		typ, label string
		items      []string
	}
	groups := map[string]*group{}
	seen := map[string]bool{}
	for _, e := range p.AllEntities() {
		key := e.Type + "\x00" + strings.ToLower(e.Name)
		if e.ID != nil {
			key = e.Type + "\x00" + strings.ToLower(*e.ID)
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		g := groups[e.Type]
		if g == nil {
			label := e.Category
			if label == "" {
				label = e.Type
			}
			g = &group{typ: e.Type, label: label}
			groups[e.Type] = g
		}
		g.items = append(g.items, entityMD(e))
	}
	if len(groups) == 0 {
		return
	}
	list := make([]*group, 0, len(groups))
	for _, g := range groups {
		list = append(list, g)
	}
	// The format's own types first, in its order; the rest alphabetically.
	sort.Slice(list, func(i, j int) bool {
		oi, oj := summary.CoreTypeOrder(list[i].typ), summary.CoreTypeOrder(list[j].typ)
		iok, jok := oi >= 0, oj >= 0
		if iok != jok {
			return iok
		}
		if iok && oi != oj {
			return oi < oj
		}
		return list[i].typ < list[j].typ
	})
	b.WriteString("\n**Entities:**\n\n")
	for _, g := range list {
		fmt.Fprintf(b, "- **%s:** %s\n", escape(g.label), strings.Join(g.items, ", "))
	}
}

func entityMD(e summary.Entity) string {
	name := escape(e.Name)
	if e.ID == nil {
		return name
	}
	if u := curie.URL(*e.ID); u != "" {
		return fmt.Sprintf("%s ([%s](%s))", name, escape(*e.ID), linkDest(u))
	}
	return fmt.Sprintf("%s (%s)", name, escape(*e.ID))
}

// escape makes plain text safe inside Markdown inline content. It is never
// used at the start of a line or in a table, so "#", "|" and "-" stay as they are.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`,
)

func escape(s string) string { return mdEscaper.Replace(s) }

// linkDest percent-encodes what would end or break a link destination.
var destEscaper = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "\n", "")

func linkDest(u string) string { return destEscaper.Replace(u) }

// OwnLinks is what Markdown does to each part of the digest (the head, each
// paper): its link reference definitions stay its own.
func OwnLinks(part string) string { return ownLinks(part) }
