package validate

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/vagut/vagut/internal/curie"
	"github.com/vagut/vagut/internal/doi"
	"github.com/vagut/vagut/internal/lazy"
	"github.com/vagut/vagut/internal/parse"
	"github.com/vagut/vagut/internal/summary"
)

// Config tunes the checks; the zero value is not useful, start from DefaultConfig.
type Config struct {
	RequiredSections []string            // section keys, as summary.SectionOf gives them
	Severity         map[string]Severity // rule id → severity, overriding the default
	IDPrefixes       []string            // allowed CURIE prefixes, any case; empty allows all
}

// DefaultRequired are the sections a summary must have unless configured otherwise.
var DefaultRequired = []string{summary.TLDR, summary.KeyFindings, summary.Abstract}

// DefaultConfig requires TL;DR, Key findings and Abstract and keeps every
// rule at its default severity.
func DefaultConfig() Config {
	return Config{RequiredSections: DefaultRequired, Severity: map[string]Severity{}}
}

// SeverityOf is the severity in force for rule r.
func (c *Config) SeverityOf(r *Rule) Severity {
	if s, ok := c.Severity[r.ID]; ok {
		return s
	}
	return r.Severity
}

// Diagnostic is one finding at a place in a file.
type Diagnostic struct {
	Path      string
	Line, Col int
	Rule      *Rule
	Severity  Severity
	Message   string
	// MoreErrors and MoreWarnings are set on the one diagnostic that stands
	// for those past MaxPerFile: they count in Count, unlisted.
	MoreErrors, MoreWarnings int
}

// MaxPerFile is how many diagnostics one file lists; the rest are counted
// in one "… and N more" line. A 1 MB file of commas gave a million, and the
// SARIF for them took 25 s and 5.9 GB.
const MaxPerFile = 100

// Result holds the diagnostics of one file and, when it parsed, its record.
// Diags are already cut by the file's inline directives; Inline is kept to
// cut the diagnostics of Corpus too.
type Result struct {
	Paper  *summary.Paper
	Diags  []Diagnostic
	Inline *Inline
}

type checker struct {
	cfg   *Config
	path  string
	diags []Diagnostic
	// Past MaxPerFile: how many were left out, and the first of them.
	moreErrs, moreWarns int
	firstLeft           *Diagnostic
	// off is the file's inline directives, applied as diagnostics are
	// added: after the cap, a silenced rule's "… and N more" line would
	// take the errors of other rules down with it.
	off *Inline
}

func (c *checker) add(id string, line, col int, format string, args ...any) {
	r, _ := Lookup(id)
	sev := c.cfg.SeverityOf(r)
	if sev == Off {
		return
	}
	if col < 1 {
		col = 1
	}
	d := Diagnostic{Path: c.path, Line: line, Col: col, Rule: r, Severity: sev}
	if c.off != nil && c.off.Off(d) {
		return
	}
	d.Message = fmt.Sprintf(format, args...)
	c.diags = append(c.diags, d)
	if len(c.diags) >= 4*MaxPerFile {
		c.trim()
	}
}

// File checks one file's bytes, less what its comments turn off.
func File(cfg *Config, path string, raw []byte) Result {
	c := &checker{cfg: cfg, path: path}
	in := c.inline(raw)
	c.off = in
	r := c.file(path, raw)
	r.Diags = Silence(r.Diags, map[string]*Inline{path: in})
	r.Inline = in
	return r
}

func (c *checker) file(path string, raw []byte) Result {
	p, err := parse.Parse(path, raw)
	if err != nil {
		var pe *parse.Error
		if !errors.As(err, &pe) {
			pe = &parse.Error{Line: 1, Msg: err.Error()}
		}
		id, ok := problemRule.Get()[pe.Code]
		if !ok {
			id = "VG001"
		}
		c.add(id, pe.Line, 1, "%s", pe.Msg)
		return Result{Diags: c.diags}
	}
	for _, pr := range p.Problems {
		if id, ok := problemRule.Get()[pr.Code]; ok {
			c.add(id, pr.Line, pr.Col, "%s", pr.Msg)
		}
	}
	c.sections(p, lineCount(raw))
	c.metadata(p, lineCount(raw))
	c.entities(p, p.LinkedEntities, "Linked entities")
	c.entities(p, p.Entities, "Full-text entities")
	return Result{Paper: p, Diags: c.result()}
}

// trim keeps the first MaxPerFile diagnostics in order and counts the rest,
// so that a file with a million findings holds a few hundred at a time.
func (c *checker) trim() {
	Sort(c.diags)
	for _, d := range c.diags[MaxPerFile:] {
		if d.Severity == Error {
			c.moreErrs++
		} else {
			c.moreWarns++
		}
		if c.firstLeft == nil || less(d, *c.firstLeft) {
			c.firstLeft = &d
		}
	}
	clear(c.diags[MaxPerFile:]) // let go of their messages
	c.diags = c.diags[:MaxPerFile]
}

// result is the file's diagnostics in order, those past MaxPerFile folded
// into one at the first left out, with the worst severity among them.
func (c *checker) result() []Diagnostic {
	if len(c.diags) > MaxPerFile {
		c.trim()
	}
	if c.firstLeft == nil {
		return c.diags
	}
	more := *c.firstLeft
	more.MoreErrors, more.MoreWarnings = c.moreErrs, c.moreWarns
	if more.MoreErrors > 0 {
		more.Severity = Error
	}
	more.Message = fmt.Sprintf("… and %s more in this file, not listed (%s, %s)", thousands(c.moreErrs+c.moreWarns),
		plural(c.moreErrs, "error"), plural(c.moreWarns, "warning"))
	return append(c.diags, more)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return thousands(n) + " " + noun + "s"
}

// thousands writes n with commas between groups of three digits: 9,871.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func lineCount(raw []byte) int {
	n := bytes.Count(raw, []byte{'\n'}) + 1
	if len(raw) > 0 && raw[len(raw)-1] == '\n' {
		n--
	}
	return n
}

func (c *checker) sections(p *summary.Paper, lines int) {
	first := map[string]summary.Heading{}
	for _, h := range p.Headings {
		if _, seen := first[h.Key]; h.Key != "" && !seen {
			first[h.Key] = h
		}
	}
	for _, key := range c.cfg.RequiredSections {
		if _, ok := first[key]; !ok {
			c.add("VG003", missingAt(p, first, key, lines), 1, "required section %q is missing", summary.SectionName(key))
		}
	}
	empty := map[string]bool{
		summary.TLDR: p.TLDR == nil, summary.Contribution: p.Contribution == nil, summary.Abstract: p.Abstract == nil,
		summary.KeyFindings: len(p.KeyFindings) == 0, summary.LinkedEntities: len(p.LinkedEntities) == 0,
		summary.FullTextEntities: len(p.Entities) == 0, summary.FullText: p.FullText == nil,
	}
	keys := make([]string, 0, len(first))
	for k := range first {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return first[keys[i]].Line < first[keys[j]].Line })
	for _, h := range p.Headings {
		if h.Placeholder {
			c.add("VG014", h.Line, 1, "section %q still holds the placeholder of vagut new: write it, or remove it if it does not apply", h.Text)
		}
	}
	for _, k := range keys {
		if empty[k] && !first[k].Placeholder {
			c.add("VG004", first[k].Line, 1, "section %q is empty", first[k].Text)
		}
	}
}

// missingAt is the line where a missing section belongs: at a heading that
// looks like a typo of it, else on the line after the section that comes
// before it in the usual order, else after the title, Authors and metadata lines.
func missingAt(p *summary.Paper, first map[string]summary.Heading, key string, lines int) int {
	for _, h := range p.Headings {
		if h.Key == "" && h.Near == key {
			return h.Line
		}
	}
	order := summary.SectionOrder(key)
	at, best := 0, -1
	for k, h := range first {
		if o := summary.SectionOrder(k); o >= 0 && (order < 0 || o < order) && o > best {
			at, best = h.End+1, o
		}
	}
	if best < 0 {
		at = max(p.TitleLine, p.AuthorsLine, p.MetadataLine) + 1
	}
	return max(min(at, lines), 1)
}

var doiShape = lazy.Regexp{Expr: `^10\.\d+(\.\d+)*/\S+$`}

func (c *checker) metadata(p *summary.Paper, lines int) {
	if p.MetadataLine == 0 {
		c.add("VG008", p.TitleLine, 1, "no metadata line (source · DOI: … · journal · YYYY-MM-DD) after the title")
	}
	if p.DOI != nil && !doiShape.Get().MatchString(doi.Key(*p.DOI)) {
		c.add("VG010", p.MetadataLine, p.DOICol, "DOI %q is not of the form 10.<digits>/<suffix>", *p.DOI)
	}
	if p.URL == nil {
		c.add("VG006", lines, 1, `no "Source: <url>" line`)
	} else if !absHTTP(*p.URL) {
		c.add("VG012", p.URLLine, 9, "Source URL %q is not an absolute http(s) URL", *p.URL)
	}
	if p.FullText != nil && p.FullTextURL == nil {
		c.add("VG012", p.FullTextLine, 1, "the Full text section has no http(s) URL")
	}
}

func absHTTP(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func (c *checker) entities(p *summary.Paper, es []summary.Entity, list string) {
	// The type and the name or id, lowercased: a pair, not a joined string,
	// which cost an allocation an entity.
	type entityKey struct{ typ, name string }
	seen := make(map[entityKey]int, len(es))
	reported := map[string]bool{}
	for i := range es {
		e := &es[i]
		if e.ID != nil {
			c.checkID(*e)
		}
		key := entityKey{e.Type, e.Name}
		if e.ID != nil {
			key.name = *e.ID
		}
		key.name = strings.ToLower(key.name)
		if first, dup := seen[key]; dup {
			c.add("VG025", e.Line, e.Col, "%s is listed twice in %s (first at line %d)", e.Name, list, first)
		} else {
			seen[key] = e.Line
		}
		if e.Category != "" && !summary.IsCoreType(e.Type) && !reported[e.Category] {
			reported[e.Category] = true
			c.add("VG026", e.Line, e.Col, "unknown entity category %q (known: %s)", e.Category, strings.Join(summary.CoreCategories(), ", "))
		}
	}
}

func (c *checker) checkID(e summary.Entity) {
	id := *e.ID
	reg, ok := curie.Check(id)
	if !ok {
		if reg.Accession != "" {
			c.add("VG023", e.Line, e.Col, "%s: id %s should be %s (%s)", e.Name, id, reg.Shape, reg.Name)
		} else {
			c.add("VG023", e.Line, e.Col, "%s: id %s should be %s after %s:", e.Name, id, reg.Shape, curie.Prefix(id))
		}
		return
	}
	prefix := strings.ToUpper(curie.Namespace(id))
	if len(c.cfg.IDPrefixes) > 0 && prefix != "" {
		for _, allowed := range c.cfg.IDPrefixes {
			if strings.EqualFold(allowed, prefix) {
				return
			}
		}
		c.add("VG024", e.Line, e.Col, "%s: id prefix %s is not among the allowed (%s)", e.Name, prefix, strings.Join(c.cfg.IDPrefixes, ", "))
	}
}

// Corpus finds papers that appear in two files: same DOI or same id. Each
// file of such a group is reported once, naming another file of the group.
func Corpus(cfg *Config, papers []*summary.Paper) []Diagnostic {
	var x CorpusIndex
	for _, p := range papers {
		x.Add(p)
	}
	return x.Diagnostics(cfg)
}

func others(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return " and 1 other file"
	}
	return " and " + thousands(n) + " other files"
}

// addCorpus is add without the per-file cap: a corpus check gives at most
// one diagnostic per rule and file.
func (c *checker) addCorpus(id string, line, col int, format string, args ...any) {
	r, _ := Lookup(id)
	sev := c.cfg.SeverityOf(r)
	if sev == Off {
		return
	}
	if col < 1 {
		col = 1
	}
	c.diags = append(c.diags, Diagnostic{Path: c.path, Line: line, Col: col, Rule: r, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

// Sort orders diagnostics by path, line, column and rule.
func Sort(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool { return less(ds[i], ds[j]) })
}

func less(a, b Diagnostic) bool {
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Col != b.Col {
		return a.Col < b.Col
	}
	return a.Rule.ID < b.Rule.ID
}

// Count returns the number of errors and warnings.
func Count(ds []Diagnostic) (errs, warns int) {
	for _, d := range ds {
		if d.MoreErrors+d.MoreWarnings > 0 {
			errs += d.MoreErrors
			warns += d.MoreWarnings
		} else if d.Severity == Error {
			errs++
		} else if d.Severity == Warning {
			warns++
		}
	}
	return errs, warns
}
