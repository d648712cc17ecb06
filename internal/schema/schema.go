// Package schema describes every JSON document vagut writes as a JSON Schema
// (draft 2020-12), built from one table of fields so that the schemas and
// the field listing (vagut schema --fields) cannot disagree.
package schema

import (
	"fmt"
	"sort"
	"strings"

	"github.com/vagut/vagut/internal/lazy"
	"github.com/vagut/vagut/internal/summary"
)

// Doc is one schema vagut can print.
type Doc struct {
	Name, Title, Command string
	Schema               map[string]any
}

// field is one property: its JSON Schema and what it means.
type field struct {
	name     string
	schema   map[string]any
	desc     string
	optional bool
}

func str(desc string) field { return field{schema: obj("type", "string"), desc: desc} }
func strOrNull(desc string) field {
	return field{schema: obj("type", []any{"string", "null"}), desc: desc}
}
func strList(desc string) field {
	return field{schema: obj("type", "array", "items", obj("type", "string")), desc: desc}
}
func integer(min int, d string) field {
	return field{schema: obj("type", "integer", "minimum", min), desc: d}
}

func named(name string, f field) field { f.name = name; return f }

// obj builds a map from key, value pairs.
func obj(kv ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[0+i].(string)] = kv[i+1]
	}
	return m
}

// object is a closed object of fields; every field is required unless optional.
func object(desc string, fields ...field) map[string]any {
	props := map[string]any{}
	required := []any{}
	for _, f := range fields {
		s := map[string]any{}
		for k, v := range f.schema {
			s[k] = v
		}
		s["description"] = f.desc
		props[f.name] = s
		if !f.optional {
			required = append(required, f.name)
		}
	}
	return obj("type", "object", "description", desc, "properties", props, "required", required, "additionalProperties", false)
}

func arrayOf(items map[string]any, desc string) field {
	return field{schema: obj("type", "array", "items", items), desc: desc}
}

func ref(def string, desc string) field {
	return field{schema: obj("$ref", "#/$defs/"+def), desc: desc}
}

// built is every schema and the definitions they share.
type built struct {
	defs map[string]map[string]any // each printed schema carries the ones it uses
	docs []Doc
}

// schemas builds the schemas on first use: only vagut schema and its tests
// read them, and building them at start-up cost every command about a
// millisecond and 85 KB of fresh memory.
var schemas = lazy.Value[built]{New: func() built {
	// schemaVersion opens every document: the version of the contract.
	schemaVersion := named("schema_version", field{schema: obj("const", 1), desc: "the version of this contract"})

	entity := object("an entity of a list",
		named("type", field{schema: obj("type", "string", "pattern", "^[a-z0-9_]+$"), desc: "gene, disease, chemical, species; another category in lower snake case, singular (Cell lines: cell_line)"}),
		named("category", str("the category label as written (Genes)")),
		named("name", str("the entity's name (FABP2)")),
		named("description", strOrNull("the description in parentheses (fatty acid binding protein 2), or null")),
		named("id", strOrNull("the id as a CURIE (NCBIGene:2169), or null for (-) or none")),
		named("aliases", strList("the names from {aka ...}")),
	)

	evidenceItem := object("a sentence that mentions what --entity or --grep asked for",
		named("section", field{schema: obj("enum", []any{summary.TLDR, summary.Contribution, summary.KeyFindings, summary.Abstract}), desc: "where the sentence is"}),
		named("text", str("the sentence")),
		named("matches", arrayOf(object("a match",
			named("start", integer(0, "byte offset of the match in text")),
			named("end", integer(0, "byte offset just after the match")),
		), "the matches, in order, not overlapping")),
	)

	paper := object("a paper",
		named("id", str("the Source URL's last segment, else the DOI, else the file name without extension")),
		named("path", str("the input path as given (- for standard input)")),
		named("title", str("the title, Markdown as written")),
		named("authors", strList("the authors, one string per author as written (\"Yang S\", \"Smith, John\", \"et al.\"); exports read them with one name parser")),
		named("source", strOrNull("the repository: PMC, PubMed, arXiv, ...")),
		named("doi", strOrNull("the DOI as written after DOI:")),
		named("journal", strOrNull("the journal")),
		named("published", field{schema: obj("type", []any{"string", "null"}, "pattern", `^\d{4}(-\d{2}(-\d{2})?)?$`),
			desc: "the publication date as precisely as the summary gives it: YYYY-MM-DD, YYYY-MM or YYYY (24 May 2018 is read as 2018-05-24, May 2018 as 2018-05); null when there is none or it is not a real date"}),
		named("url", strOrNull("the summary's Source: URL")),
		named("full_text_url", strOrNull("the URL in the Full text section")),
		named("tldr", strOrNull("the TL;DR, Markdown as written")),
		named("contribution", strOrNull("the Contribution section, Markdown as written")),
		named("key_findings", strList("the key findings, Markdown as written, soft line breaks joined by a space")),
		named("abstract", strOrNull("the abstract, Markdown as written, paragraphs joined by a blank line")),
		named("linked_entities", arrayOf(obj("$ref", "#/$defs/entity"), "the Linked entities")),
		named("entities", arrayOf(obj("$ref", "#/$defs/entity"), "the Full-text entities")),
		named("other_sections", arrayOf(object("a section vagut does not know, kept as Markdown",
			named("heading", str("its heading as written (empty for text before the first section)")),
			named("text", str("its Markdown")),
		), "every other section, in file order")),
		field{name: "evidence", schema: obj("type", "array", "items", obj("$ref", "#/$defs/evidence")), desc: "with --evidence only: the sentences that mention what was asked for", optional: true},
	)

	papersDoc := object("the document of vagut summarize -o json",
		schemaVersion,
		named("filters", ref("filters", "the filters applied")),
		named("total", integer(0, "papers read")),
		named("count", integer(0, "papers in this document")),
		named("papers", arrayOf(obj("$ref", "#/$defs/paper"), "the papers, in the order asked for")),
		field{name: "group_by", schema: obj("type", "string"), desc: "with --group-by only: year, journal or an entity type", optional: true},
		field{name: "groups", schema: obj("type", "array", "items", obj("$ref", "#/$defs/group")), desc: "with --group-by only: the groups, largest first", optional: true},
	)

	filters := object("the filters of the digest",
		named("entity", strList("--entity values")),
		named("type", strList("--type values, as types")),
		named("grep", strOrNull("--grep expression")),
		named("author", strList("--author values")),
		named("journal", strList("--journal values")),
		named("since", strOrNull("--since as the first day it covers, YYYY-MM-DD")),
		named("until", strOrNull("--until as the last day it covers, YYYY-MM-DD")),
		named("sort", field{schema: obj("enum", []any{"published", "title", "path"}), desc: "--sort"}),
		named("limit", field{schema: obj("type", []any{"integer", "null"}, "minimum", 1), desc: "--limit, or null for none"}),
	)

	group := object("a group of a grouped digest",
		named("name", str("the year, the journal or the entity's most frequent name")),
		named("id", strOrNull("the entity's id, for entity groups")),
		named("count", integer(1, "papers in the group")),
		named("paper_ids", strList("the ids of its papers, in the digest's order")),
	)

	row := object("an entity of the corpus, grouped by id, else by type and case-folded name",
		named("type", str("as in the paper records")),
		named("id", strOrNull("the CURIE, or null")),
		named("name", str("the most frequent name")),
		named("names", strList("every name and alias seen, sorted")),
		named("papers", integer(1, "papers that mention it, in either list")),
		named("mentions", integer(1, "mentions over all papers and both lists")),
		named("paper_ids", strList("the ids of those papers, sorted")),
	)

	side := object("one entity of a pair",
		named("type", str("its type")),
		named("id", strOrNull("its CURIE, or null")),
		named("name", str("its most frequent name")),
	)

	pair := object("two entities mentioned in the same papers",
		named("a", ref("side", "an entity of the first type")),
		named("b", ref("side", "an entity of the second type")),
		named("papers", integer(1, "papers that mention both")),
		named("paper_ids", strList("their ids, sorted")),
	)

	diagnostic := object("a problem found by vagut validate",
		named("path", str("the file")),
		named("line", integer(1, "1-based line")),
		named("column", integer(1, "1-based column, in characters")),
		named("rule", field{schema: obj("type", "string", "pattern", `^VG\d{3}$`), desc: "the rule id (VG010)"}),
		named("name", str("the rule name (invalid-doi)")),
		named("severity", field{schema: obj("enum", []any{"error", "warning"}), desc: "error or warning"}),
		named("message", str("what is wrong")),
	)

	defs := map[string]map[string]any{
		"entity": entity, "evidence": evidenceItem, "paper": paper, "filters": filters, "group": group,
		"row": row, "side": side, "pair": pair, "diagnostic": diagnostic,
	}

	document := func(name, title, command string, root map[string]any) Doc {
		s := map[string]any{
			"$schema": "https://json-schema.org/draft/2020-12/schema",
			"$id":     "urn:vagut:schema:1:" + name,
			"title":   title,
		}
		for k, v := range root {
			s[k] = v
		}
		s["$defs"] = used(defs, root)
		return Doc{Name: name, Title: title, Command: command, Schema: s}
	}

	return built{defs: defs, docs: []Doc{
		document("papers", "vagut papers document", "vagut summarize -o json", papersDoc),
		document("paper", "vagut paper", "vagut summarize -o jsonl (one per line)", obj("$ref", "#/$defs/paper")),
		document("entities", "vagut entity index", "vagut entities -o json", object("the document of vagut entities -o json",
			schemaVersion,
			named("entities", arrayOf(obj("$ref", "#/$defs/row"), "one row per entity, by papers, then mentions, then name")))),
		document("entity-row", "vagut entity index row", "vagut entities -o jsonl (one per line)", obj("$ref", "#/$defs/row")),
		document("pairs", "vagut co-mention pairs", "vagut entities --pairs A,B -o json", object("the document of vagut entities --pairs -o json",
			schemaVersion,
			named("pairs", arrayOf(obj("$ref", "#/$defs/pair"), "the pairs, most frequent first")))),
		document("pair", "vagut co-mention pair", "vagut entities --pairs A,B -o jsonl (one per line)", obj("$ref", "#/$defs/pair")),
		document("diagnostics", "vagut diagnostics", "vagut validate --format json",
			obj("type", "array", "description", "the problems, by path, line and column", "items", obj("$ref", "#/$defs/diagnostic"))),
	}}
}}

// names are the schemas' names in order, known without building them (the
// help of vagut schema lists them at every start-up); a test holds them to
// the built list.
var names = []string{"papers", "paper", "entities", "entity-row", "pairs", "pair", "diagnostics"}

// Docs lists every schema, in a fixed order.
func Docs() []Doc { return schemas.Get().docs }

// used collects the definitions a schema refers to, transitively.
func used(defs map[string]map[string]any, root map[string]any) map[string]any {
	out := map[string]any{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if r, ok := x["$ref"].(string); ok {
				name := strings.TrimPrefix(r, "#/$defs/")
				if _, done := out[name]; !done {
					out[name] = defs[name]
					walk(defs[name])
				}
			}
			for _, c := range x {
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	walk(root)
	return out
}

// Lookup finds a schema by name.
func Lookup(name string) (Doc, bool) {
	for _, d := range Docs() {
		if d.Name == name {
			return d, true
		}
	}
	return Doc{}, false
}

// Names lists the schema names.
func Names() []string {
	return append([]string(nil), names...)
}

// Fields lists every key of a document: its path (papers[].entities[].id),
// its type and what it means.
func Fields(d Doc) [][3]string {
	var out [][3]string
	var walk func(path string, s map[string]any, depth int)
	walk = func(path string, s map[string]any, depth int) {
		if depth > 8 {
			return
		}
		if r, ok := s["$ref"].(string); ok {
			walk(path, schemas.Get().defs[strings.TrimPrefix(r, "#/$defs/")], depth+1)
			return
		}
		if s["type"] == "array" {
			if items, ok := s["items"].(map[string]any); ok {
				walk(path+"[]", items, depth+1)
			}
			return
		}
		props, ok := s["properties"].(map[string]any)
		if !ok {
			return
		}
		names := make([]string, 0, len(props))
		for k := range props {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			p := props[k].(map[string]any)
			key := k
			if path != "" {
				key = path + "." + k
			}
			out = append(out, [3]string{key, typeOf(p), fmt.Sprint(p["description"])})
			walk(key, p, depth+1)
		}
	}
	walk("", d.Schema, 0)
	return out
}

func typeOf(s map[string]any) string {
	switch t := s["type"].(type) {
	case string:
		if t == "array" {
			if items, ok := s["items"].(map[string]any); ok {
				if r, ok := items["$ref"].(string); ok {
					return strings.TrimPrefix(r, "#/$defs/") + "[]"
				}
				return typeOf(items) + "[]"
			}
		}
		return t
	case []any:
		parts := make([]string, len(t))
		for i, x := range t {
			parts[i] = fmt.Sprint(x)
		}
		return strings.Join(parts, "|")
	}
	if r, ok := s["$ref"].(string); ok {
		return strings.TrimPrefix(r, "#/$defs/")
	}
	if e, ok := s["enum"].([]any); ok {
		parts := make([]string, len(e))
		for i, x := range e {
			parts[i] = fmt.Sprint(x)
		}
		return strings.Join(parts, "|")
	}
	if c, ok := s["const"]; ok {
		return fmt.Sprint(c)
	}
	return "any"
}
