// Package digest chooses and orders the papers of a digest: filters are ANDed
// across kinds and ORed within one kind.
package digest

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"

	"github.com/vagut/vagut/internal/curie"
	"github.com/vagut/vagut/internal/names"
	"github.com/vagut/vagut/internal/pubdate"
	"github.com/vagut/vagut/internal/summary"
)

// Filter selects papers. The zero Filter selects every paper.
type Filter struct {
	Entities []string       // name, alias or id in any written form
	Types    []string       // entity types; restrict both matching and display
	Grep     *regexp.Regexp // over title, TL;DR, contribution, findings, abstract
	Authors  []string       // substrings of any author
	Journals []string       // substrings of the journal
	Since    string         // YYYY-MM-DD, inclusive; see Match for partial dates
	Until    string         // YYYY-MM-DD, inclusive

	// As the user wrote them, for the digest's header.
	GrepExpr, SinceArg, UntilArg string

	// Set by Resolve (or Learn): the ids that a query names somewhere in the
	// corpus, and every name and alias seen for each entity that may match.
	ids   map[string]bool
	names map[string][]string // each name once per entity
}

// Resolve widens --entity to the whole corpus: a name or alias seen for an
// entity in any paper selects that entity, by its id, in every paper. So
// --entity I-FABP finds the papers that list FABP2 [NCBI Gene 2169] without
// the alias too.
func (f *Filter) Resolve(papers []*summary.Paper) {
	f.ids, f.names = nil, nil
	for _, p := range papers {
		f.Learn(p)
	}
}

// Learn adds one paper to the corpus that --entity is resolved against.
// Resolve is Learn on every paper; a streaming run calls Learn in a first
// pass over the files, so that it selects exactly what Resolve would. Only
// ids and names are kept, not the paper.
func (f *Filter) Learn(p *summary.Paper) { f.learn(p, true) }

// LearnIDs is Learn without the names that only evidence needs: a stream
// without --evidence keeps a set of ids, not every name of the corpus.
func (f *Filter) LearnIDs(p *summary.Paper) { f.learn(p, false) }

func (f *Filter) learn(p *summary.Paper, names bool) {
	if len(f.Entities) == 0 {
		return
	}
	if f.ids == nil {
		f.ids, f.names = map[string]bool{}, map[string][]string{}
	}
	for _, e := range p.AllEntities() {
		if !f.TypeOK(e.Type) {
			continue
		}
		matches := EntityMatches(e, f.Entities)
		if e.ID != nil && matches {
			f.ids[strings.ToLower(*e.ID)] = true
		}
		// An entity without id is asked for only when it matches itself;
		// one with an id may be asked for through another paper's alias,
		// which a later paper may bring, so its names are kept either way.
		if !names || e.ID == nil && !matches {
			continue
		}
		k := entityKey(e)
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if !slices.Contains(f.names[k], n) {
				f.names[k] = append(f.names[k], n)
			}
		}
	}
}

func entityKey(e summary.Entity) string {
	if e.ID != nil {
		return "id\x00" + strings.ToLower(*e.ID)
	}
	return "name\x00" + e.Type + "\x00" + strings.ToLower(e.Name)
}

// entityOK reports whether e is an entity --entity (and --type) asked for.
func (f *Filter) entityOK(e summary.Entity) bool {
	if !f.TypeOK(e.Type) {
		return false
	}
	if e.ID != nil && f.ids[strings.ToLower(*e.ID)] {
		return true
	}
	return EntityMatches(e, f.Entities)
}

// MatchedNames are the names and aliases, over the corpus when resolved, of
// the paper's entities that --entity asked for: a mention of any of them is
// evidence.
func (f *Filter) MatchedNames(p *summary.Paper) []string {
	if len(f.Entities) == 0 {
		return nil
	}
	var out []string
	for _, e := range p.AllEntities() {
		if !f.entityOK(e) {
			continue
		}
		if names, ok := f.names[entityKey(e)]; ok {
			out = append(out, names...)
		} else {
			out = append(out, e.Name)
			out = append(out, e.Aliases...)
		}
	}
	return out
}

// Describe says in words which paper filters are set, in a fixed order.
// --type is not among them: alone it chooses what is shown, not which papers.
func (f *Filter) Describe() []string {
	var out []string
	list := func(label string, vs []string) {
		if len(vs) > 0 {
			out = append(out, label+" "+strings.Join(vs, " or "))
		}
	}
	if len(f.Entities) > 0 && len(f.Types) > 0 {
		list("entity", []string{strings.Join(f.Entities, " or ") + " (" + strings.Join(f.Types, " or ") + ")"})
	} else {
		list("entity", f.Entities)
	}
	if f.GrepExpr != "" {
		out = append(out, fmt.Sprintf("text matching /%s/", f.GrepExpr))
	}
	list("author", f.Authors)
	list("journal", f.Journals)
	if f.SinceArg != "" {
		out = append(out, "published since "+f.SinceArg)
	}
	if f.UntilArg != "" {
		out = append(out, "published until "+f.UntilArg)
	}
	return out
}

// Match reports whether p passes every filter. A paper's date stands for the
// whole period it names (2013-09 is 1 to 30 September 2013), and the paper
// is kept when that period overlaps --since..--until: a month-only date is
// never dropped for a day it might well include.
func (f *Filter) Match(p *summary.Paper) bool {
	if len(f.Entities) > 0 && !f.matchEntity(p) {
		return false
	}
	if f.Grep != nil && !f.matchGrep(p) {
		return false
	}
	if len(f.Authors) > 0 && !anyAuthor(p.Authors, f.Authors) {
		return false
	}
	if len(f.Journals) > 0 && (p.Journal == nil || !anySub([]string{*p.Journal}, f.Journals)) {
		return false
	}
	if f.Since != "" || f.Until != "" {
		if p.Published == nil {
			return false
		}
		first, last := pubdate.Bounds(*p.Published)
		if f.Since != "" && last < f.Since || f.Until != "" && first > f.Until {
			return false
		}
	}
	return true
}

// TypeOK reports whether an entity of type t passes --type.
func (f *Filter) TypeOK(t string) bool {
	if len(f.Types) == 0 {
		return true
	}
	for _, want := range f.Types {
		if t == want {
			return true
		}
	}
	return false
}

func (f *Filter) matchEntity(p *summary.Paper) bool {
	for _, e := range p.AllEntities() {
		if f.entityOK(e) {
			return true
		}
	}
	return false
}

// EntityMatches reports whether e is named by any query: its name, an alias
// or its id (written form or CURIE), case-insensitively.
func EntityMatches(e summary.Entity, queries []string) bool {
	for _, q := range queries {
		q = strings.TrimSpace(q)
		if strings.EqualFold(e.Name, q) {
			return true
		}
		for _, a := range e.Aliases {
			if strings.EqualFold(a, q) {
				return true
			}
		}
		if e.ID != nil && (curie.Equal(*e.ID, q) || strings.EqualFold(e.WrittenID, q)) {
			return true
		}
	}
	return false
}

func (f *Filter) matchGrep(p *summary.Paper) bool {
	texts := []string{p.Title, summary.Str(p.TLDR), summary.Str(p.Contribution), summary.Str(p.Abstract)}
	for _, k := range p.KeyFindings {
		texts = append(texts, k.Text)
	}
	for _, t := range texts {
		if f.Grep.MatchString(t) {
			return true
		}
	}
	return false
}

// anyAuthor reads the authors with the one name parser: "--author 'S Yang'"
// finds "Yang S", "odegaard" finds "Ødegaard", and "et al." is nobody.
func anyAuthor(authors, queries []string) bool {
	for _, q := range queries {
		if names.Match(authors, q) {
			return true
		}
	}
	return false
}

func anySub(values, subs []string) bool {
	for _, v := range values {
		v = strings.ToLower(v)
		for _, s := range subs {
			if strings.Contains(v, strings.ToLower(s)) {
				return true
			}
		}
	}
	return false
}

// View returns p with its entity lists cut to the types of --type.
func (f *Filter) View(p *summary.Paper) *summary.Paper {
	if len(f.Types) == 0 {
		return p
	}
	q := *p
	q.LinkedEntities = f.keep(p.LinkedEntities)
	q.Entities = f.keep(p.Entities)
	return &q
}

func (f *Filter) keep(es []summary.Entity) []summary.Entity {
	out := []summary.Entity{}
	for _, e := range es {
		if f.TypeOK(e.Type) {
			out = append(out, e)
		}
	}
	return out
}

// NormalizeType accepts a type or a category as written ("Genes", "cell lines").
func NormalizeType(t string) string { return summary.TypeOf(t) }

// CompileGrep builds the case-insensitive RE2 of --grep.
func CompileGrep(expr string) (*regexp.Regexp, error) {
	re, err := regexp.Compile("(?i)" + expr)
	if err != nil {
		// regexp's message shows our (?i) prefix; say the reason in the user's terms.
		msg := err.Error()
		var se *syntax.Error
		if errors.As(err, &se) {
			msg = fmt.Sprintf("%s: %q", se.Code, strings.TrimPrefix(se.Expr, "(?i)"))
		}
		return nil, fmt.Errorf("invalid regular expression: %s", msg)
	}
	return re, nil
}

// DateBound reads a --since or --until date, written in any form a summary
// may use (2013, 2013-09, 2013-09-15, Sept 2013, ...), and expands it to the
// first (end=false) or last (end=true) day it covers.
func DateBound(s string, end bool) (string, error) {
	iso, err := pubdate.Parse(s)
	if err != nil {
		var pe *pubdate.Error
		if errors.As(err, &pe) && pubdate.Looks(s) {
			return "", fmt.Errorf("%q %s", s, pe.Reason)
		}
		return "", fmt.Errorf("%q is not a date: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	first, last := pubdate.Bounds(iso)
	if end {
		return last, nil
	}
	return first, nil
}

// Sort keys.
var SortKeys = []string{"published", "title", "path"}

// Sort orders papers: "published" is newest first, undated last, and a
// partial date before the full dates of its period (2013-09 before
// 2013-09-30); ties fall back to path so that output never depends on input
// order.
func Sort(papers []*summary.Paper, key string) {
	sort.SliceStable(papers, func(i, j int) bool {
		a, b := papers[i], papers[j]
		if c := CompareOrder(key, OrderKey(a, key), OrderKey(b, key)); c != 0 {
			return c < 0
		}
		return a.Path < b.Path
	})
}

// OrderKey is what --sort KEY orders a paper by, before its path: a run
// that cannot hold the papers keeps this and the path, and orders as Sort.
func OrderKey(p *summary.Paper, key string) string {
	switch key {
	case "title":
		return strings.ToLower(p.Title)
	case "published":
		return pubdate.SortKey(summary.Str(p.Published))
	}
	return ""
}

// CompareOrder compares two OrderKeys of --sort KEY: published newest
// first and undated last, the others as text.
func CompareOrder(key, a, b string) int {
	if key == "published" && a != b && (a == "" || b == "") {
		if a == "" {
			return 1
		}
		return -1
	}
	if key == "published" {
		return strings.Compare(b, a)
	}
	return strings.Compare(a, b)
}
