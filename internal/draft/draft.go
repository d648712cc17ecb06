// Package draft writes a new summary: the metadata of a paper filled in,
// every section present, the sections a person still has to write holding
// their placeholder (parse.Placeholders), entity lists from PubTator when
// given. The text is the canonical form, exactly what vagut fmt prints.
//
// Every field comes from an untrusted record (a .bib file from the web, a
// CSL-JSON export): whatever it holds, the summary must read back with the
// same title, authors, metadata and entities, and nothing in it may start a
// heading, a list, a Source line or a comment that vagut would obey.
package draft

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/vagut/vagut/internal/curie"
	"github.com/vagut/vagut/internal/doi"
	"github.com/vagut/vagut/internal/format"
	"github.com/vagut/vagut/internal/lazy"
	"github.com/vagut/vagut/internal/names"
	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/pubdate"
	"github.com/vagut/vagut/internal/pubtator"
	"github.com/vagut/vagut/internal/summary"
)

// Record is one paper's metadata, from flags or a citation record.
type Record struct {
	Key      string   // citation key; names the file when there is no paper id or DOI
	Title    string   // Markdown as the summary writes it
	Authors  []string // one written author each: "Lena Hoffmann", "RECOVERY Collaborative Group"
	DOI      string
	Journal  string
	Date     string // as written; read by pubdate
	Source   string // repository: PMC, PubMed, arXiv, ...
	URL      string // the Source line's URL
	PMCID    string // PMC1234567
	Abstract string
}

// Note is a field left out or changed, to be named on stderr.
type Note string

// Build writes the summary of r, with the entity lists of ents when not nil.
func Build(r Record, ents *pubtator.Lists) ([]byte, []Note, error) {
	var notes []Note
	note := func(format string, args ...any) { notes = append(notes, Note(fmt.Sprintf(format, args...))) }
	p := &summary.Paper{Path: "new.md"}
	p.Title = titleText(r.Title)
	if p.Title == "" {
		return nil, nil, fmt.Errorf("no title")
	}
	for _, a := range r.Authors {
		a = authorText(a)
		if a == "" {
			continue
		}
		if _, ok := names.Parse(a); !ok && !names.IsOthers(a) {
			note("author %q left out: not a name", a)
			continue
		}
		p.Authors = append(p.Authors, a)
	}
	opt := func(field, v string) *string {
		if w := field_(v); w != oneLine(v) {
			note("%s %q written as %q: \" · \", \" | \" and \" • \" separate the metadata fields", field, oneLine(v), w)
		}
		v = field_(v)
		if v == "" {
			return nil
		}
		return &v
	}
	p.Source = opt("source", r.Source)
	if p.Source == nil && PMCID(r) != "" {
		pmc := "PMC" // the paper is in PMC: its id says so
		p.Source = &pmc
	}
	p.Journal = opt("journal", r.Journal)
	if d := doi.Bare(oneLine(r.DOI)); d != "" {
		if !usableDOI(d) {
			note("DOI %q left out: a DOI has no spaces or field separators", d)
		} else {
			p.DOI = &d
		}
	}
	if d := oneLine(r.Date); d != "" {
		if iso, err := pubdate.Parse(d); err == nil {
			p.Published = &iso
		} else {
			note("date %q left out: %v", d, err)
		}
	}
	if u := SourceURL(r); u != "" {
		p.URL = &u
	} else if r.URL != "" {
		note("URL %q left out: not an absolute http(s) URL", oneLine(r.URL))
	}
	for _, sec := range summary.Sections {
		h := summary.Heading{Text: sec.Name, Key: sec.Key, Level: 2}
		switch sec.Key {
		case summary.Abstract:
			if a := paragraphText(r.Abstract); a != "" {
				p.Abstract = &a
			} else {
				h.Placeholder = true
			}
		case summary.LinkedEntities:
			if ents != nil && len(ents.Linked) > 0 {
				p.LinkedEntities = entities(ents.Linked)
			} else {
				h.Placeholder = true
			}
		case summary.FullTextEntities:
			if ents != nil && len(ents.FullText) > 0 {
				p.Entities = entities(ents.FullText)
			} else {
				h.Placeholder = true
			}
		default:
			h.Placeholder = true
		}
		p.Headings = append(p.Headings, h)
	}
	out := format.Print(p)
	// The printed summary must read back as built and be what fmt prints:
	// a field that would not is an error, never a silent change.
	q, err := parse.Parse("new.md", out)
	if err != nil {
		return nil, notes, err
	}
	if err := same(p, q); err != nil {
		return nil, notes, err
	}
	canon, err := format.Source("new.md", out)
	if err != nil {
		return nil, notes, fmt.Errorf("cannot be written as a summary that reads back the same: %v", err)
	}
	if string(canon) != string(out) {
		return nil, notes, fmt.Errorf("cannot be written in canonical form")
	}
	return out, notes, nil
}

func same(want, got *summary.Paper) error {
	check := func(field string, a, b any) error {
		if fmt.Sprint(a) != fmt.Sprint(b) {
			return fmt.Errorf("the %s would read back as %v, not %v", field, b, a)
		}
		return nil
	}
	for _, c := range []struct {
		field string
		a, b  any
	}{
		{"title", want.Title, got.Title},
		{"authors", want.Authors, got.Authors},
		{"source", summary.Str(want.Source), summary.Str(got.Source)},
		{"DOI", summary.Str(want.DOI), summary.Str(got.DOI)},
		{"journal", summary.Str(want.Journal), summary.Str(got.Journal)},
		{"date", summary.Str(want.Published), summary.Str(got.Published)},
		{"URL", summary.Str(want.URL), summary.Str(got.URL)},
		{"abstract", summary.Str(want.Abstract), summary.Str(got.Abstract)},
		{"linked entities", ids(want.LinkedEntities), ids(got.LinkedEntities)},
		{"full-text entities", ids(want.Entities), ids(got.Entities)},
	} {
		if err := check(c.field, c.a, c.b); err != nil {
			return err
		}
	}
	if len(got.Problems) > 0 {
		pr := got.Problems[0]
		return fmt.Errorf("line %d would read with a problem: %s", pr.Line, pr.Msg)
	}
	return nil
}

func ids(es []summary.Entity) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Category+"|"+e.Name+"|"+summary.Str(e.ID)+"|"+strings.Join(e.Aliases, ";"))
	}
	return out
}

func entities(es []pubtator.Entity) []summary.Entity {
	out := make([]summary.Entity, len(es))
	for i, e := range es {
		out[i] = summary.Entity{Category: e.Category, Raw: e.Text(), Name: e.Name}
		if e.ID != "" {
			c, _ := curie.Normalize(e.ID)
			out[i].ID = &c
		}
		out[i].Aliases = e.Aliases
	}
	return out
}

// noComment keeps text from opening an HTML comment, which vagut would
// read as a directive (<!-- vagut-disable ... -->) or hide: "&lt;" shows
// the same "<" in every Markdown viewer.
func noComment(s string) string { return strings.ReplaceAll(s, "<!--", "&lt;!--") }

// oneLine drops control characters (line breaks, ESC, bidi overrides) and
// joins runs of white space: a record's field is one line of text.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	return noComment(strings.Join(strings.Fields(s), " "))
}

// field_ is a metadata field: one line without the separators that would
// split it (" · ", " | ", " • "), which become " / ".
func field_(s string) string {
	s = oneLine(s)
	s = separators.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

var separators = strings.NewReplacer("·", "/", "|", "/", "•", "/")

// authorText is one author: one line, without the separators of an Authors
// line (";") that would cut it in two.
func authorText(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(oneLine(s), ";", " ")), " ")
}

// titleText is the title on one line; a trailing "#" would be read as the
// heading's closing sequence and lost, so it is escaped.
func titleText(s string) string {
	s = oneLine(s)
	if strings.HasSuffix(s, "#") {
		s = s[:len(s)-1] + `\#`
	}
	return s
}

var (
	listStart  = lazy.Regexp{Expr: `^(?:[-+*]|\d{1,9}[.)])(?:\s|$)`}
	blockStart = lazy.Regexp{Expr: `^(?:#{1,6}(?:\s|$)|>|<|` + "```" + `|~~~|(?:[-*_=]\s*){3,}$|\|)`}
)

// paragraphText is text such as an abstract as paragraphs, each on one line
// (a line that starts a heading, list, quote, fence, HTML block or Source
// line would otherwise change the summary's structure), and a start that
// Markdown would read as such a block escaped.
func paragraphText(s string) string {
	var paras []string
	for _, para := range blankLines.Get().Split(s, -1) {
		if t := escapeStart(oneLine(para)); t != "" {
			paras = append(paras, t)
		}
	}
	return strings.Join(paras, "\n\n")
}

var blankLines = lazy.Regexp{Expr: `\n[ \t\r\f\v]*\n`}

func escapeStart(s string) string {
	if s == "" {
		return ""
	}
	if m := listStart.Get().FindString(s); m != "" {
		i := strings.IndexAny(m, ".)-+*")
		return s[:i] + `\` + s[i:]
	}
	if blockStart.Get().MatchString(s) || strings.HasPrefix(s, "Source:") || strings.HasPrefix(s, "TODO:") {
		if strings.HasPrefix(s, "Source:") || strings.HasPrefix(s, "TODO:") {
			i := strings.IndexByte(s, ':')
			return s[:i] + `\` + s[i:]
		}
		return `\` + s
	}
	return s
}

// SourceURL is the URL of the summary's Source line: the record's URL when
// it is an absolute http(s) URL, else the PMC article, else the DOI link.
func SourceURL(r Record) string {
	u := oneLine(r.URL)
	// A DOI link says less than the PMC article: the PMC id is the paper's id.
	if httpURL(u) && !isDOILink(u) {
		return u
	}
	if pmc := PMCID(r); pmc != "" {
		return "https://pmc.ncbi.nlm.nih.gov/articles/" + pmc + "/"
	}
	if httpURL(u) {
		return u
	}
	if d := doi.Bare(oneLine(r.DOI)); usableDOI(d) {
		return doi.URL(d)
	}
	return ""
}

// usableDOI: a DOI vagut writes has no spaces, field separators or brackets.
func usableDOI(d string) bool { return d != "" && !strings.ContainsAny(d, " ·|•<>") }

func isDOILink(u string) bool {
	low := strings.ToLower(u)
	return strings.HasPrefix(low, "https://doi.org/") || strings.HasPrefix(low, "http://doi.org/") ||
		strings.HasPrefix(low, "https://dx.doi.org/") || strings.HasPrefix(low, "http://dx.doi.org/")
}

var urlShape = lazy.Regexp{Expr: `^https?://[^\s/?#<>]+[^\s<>]*$`}

func httpURL(u string) bool { return urlShape.Get().MatchString(u) }

var pmcShape = lazy.Regexp{Expr: `^PMC\d{1,10}$`}

// PMCID is the record's PMC id, or the last segment of its URL when that is one.
func PMCID(r Record) string {
	if id := strings.ToUpper(strings.TrimSpace(r.PMCID)); pmcShape.Get().MatchString(id) {
		return id
	}
	if id := strings.TrimSpace(r.PMCID); id != "" && digitsOnly(id) && len(id) <= 10 {
		return "PMC" + id
	}
	u := strings.TrimRight(oneLine(r.URL), "/")
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if i := strings.LastIndexByte(u, '/'); i >= 0 && pmcShape.Get().MatchString(u[i+1:]) {
		return u[i+1:]
	}
	return ""
}

func digitsOnly(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// maxName bounds a file name well below the 255 bytes file systems allow.
const maxName = 120

// FileName is the summary's file name: the PMC id, else the DOI made safe
// for a file name (10.1007/s10047-025-01543-6 → 10.1007_s10047-025-01543-6),
// else the citation key, else the title; always one plain name of letters,
// digits, ".", "-" and "_" that cannot leave the folder it is written to.
func FileName(r Record) string {
	d := doi.Bare(oneLine(r.DOI))
	if !usableDOI(d) {
		d = "" // left out of the summary, so it names no file either
	}
	for _, cand := range []string{PMCID(r), d, r.Key, slug(r.Title)} {
		if n := safeName(cand); n != "" {
			return n + ".md"
		}
	}
	return "untitled.md"
}

func safeName(s string) string {
	var b strings.Builder
	// Accents come off (é → e) rather than the whole letter.
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-'):
			b.WriteRune(r)
		default:
			b.WriteRune('_')
		}
	}
	n := b.String()
	for strings.Contains(n, "__") {
		n = strings.ReplaceAll(n, "__", "_")
	}
	n = strings.Trim(n, "._-")
	if len(n) > maxName {
		n = strings.TrimRight(n[:maxName], "._-")
	}
	if strings.Trim(n, "._-") == "" {
		return ""
	}
	return n
}

// slug is the title's first words in lower-case ASCII.
func slug(title string) string {
	var words []string
	for _, w := range strings.Fields(strings.ToLower(oneLine(title))) {
		var b strings.Builder
		for _, r := range w {
			if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				b.WriteRune(r)
			}
		}
		if b.Len() > 0 {
			words = append(words, b.String())
		}
		if len(words) == 8 {
			break
		}
	}
	return strings.Join(words, "-")
}
