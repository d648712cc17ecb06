package digest

import (
	"sort"
	"strings"

	"github.com/vagut/vagut/internal/index"
	"github.com/vagut/vagut/internal/summary"
)

// Group is one heading of a grouped digest and the papers under it, in the
// digest's order. A paper is under every group it belongs to.
type Group struct {
	Name   string
	ID     *string // the entity's id, for entity groups
	Papers []*summary.Paper
}

// Names of the groups of papers that have no year or journal.
const (
	NoYear    = "no date"
	NoJournal = "no journal"
)

// NoEntity names the group of the papers without an entity of type t.
func NoEntity(t string) string { return "no " + t }

func hasType(p *summary.Paper, t string) bool {
	for _, e := range p.AllEntities() {
		if e.Type == t {
			return true
		}
	}
	return false
}

// GroupBy groups papers by "year", "journal" or an entity type (gene,
// disease, ...). Groups come by paper count, largest first, then by name;
// the groups of papers without a year or journal come last.
func GroupBy(papers []*summary.Paper, by string) []Group {
	var groups []Group
	switch by {
	case "year", "journal":
		byName := map[string][]*summary.Paper{}
		for _, p := range papers {
			name := NoYear
			if by == "year" && p.Published != nil {
				name = (*p.Published)[:4]
			}
			if by == "journal" {
				name = NoJournal
				if p.Journal != nil {
					name = *p.Journal
				}
			}
			byName[name] = append(byName[name], p)
		}
		for name, ps := range byName {
			groups = append(groups, Group{Name: name, Papers: ps})
		}
	default:
		rows := index.Build(papers)
		members := map[string][]*summary.Paper{}
		for _, p := range papers {
			seen := map[string]bool{}
			for _, e := range p.AllEntities() {
				k := index.Key(e)
				if e.Type == by && !seen[k] {
					seen[k] = true
					members[k] = append(members[k], p)
				}
			}
		}
		var none []*summary.Paper
		for _, p := range papers {
			if !hasType(p, by) {
				none = append(none, p)
			}
		}
		for _, r := range rows {
			if ps := members[r.Key]; len(ps) > 0 && r.Type == by {
				groups = append(groups, Group{Name: r.Name, ID: r.ID, Papers: ps})
			}
		}
		// A paper without such an entity is still in the digest, under its own heading.
		if len(none) > 0 {
			groups = append(groups, Group{Name: NoEntity(by), Papers: none})
		}
	}
	last := func(g Group) bool {
		return g.ID == nil && (g.Name == NoYear || g.Name == NoJournal || g.Name == NoEntity(by))
	}
	sort.SliceStable(groups, func(i, j int) bool {
		a, b := groups[i], groups[j]
		if last(a) != last(b) {
			return last(b)
		}
		if len(a.Papers) != len(b.Papers) {
			return len(a.Papers) > len(b.Papers)
		}
		if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			return c < 0
		}
		return summary.Str(a.ID) < summary.Str(b.ID)
	})
	return groups
}
