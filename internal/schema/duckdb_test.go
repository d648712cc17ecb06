package schema

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// duckType is the DuckDB type of a JSON Schema: strings (null or not) are
// VARCHAR, arrays T[], objects STRUCT of their required fields in order.
func duckType(t *testing.T, s map[string]any) string {
	t.Helper()
	if r, ok := s["$ref"].(string); ok {
		return duckType(t, schemas.Get().defs[strings.TrimPrefix(r, "#/$defs/")])
	}
	typ := s["type"]
	if l, ok := typ.([]any); ok && len(l) == 2 && l[1] == "null" {
		typ = l[0]
	}
	switch typ {
	case "string":
		return "VARCHAR"
	case "integer":
		return "BIGINT"
	case "array":
		return duckType(t, s["items"].(map[string]any)) + "[]"
	case "object":
		props := s["properties"].(map[string]any)
		var fields []string
		for _, k := range s["required"].([]any) {
			fields = append(fields, k.(string)+" "+duckType(t, props[k.(string)].(map[string]any)))
		}
		return "STRUCT(" + strings.Join(fields, ", ") + ")"
	}
	t.Fatalf("no DuckDB type for %v", s)
	return ""
}

// TestDuckDBRecipeColumns holds the column list of docs/scale.md's DuckDB
// recipe to `vagut schema paper`: every field of every line, in order, with
// its type.
func TestDuckDBRecipeColumns(t *testing.T) {
	doc, err := os.ReadFile("../../docs/scale.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)columns = \{\n(.*?)\n  \}\);`).FindSubmatch(doc)
	if m == nil {
		t.Fatal("docs/scale.md: no columns = {...} block")
	}
	var got []string
	for _, c := range regexp.MustCompile(`(\w+): '([^']*)'`).FindAllSubmatch(m[1], -1) {
		got = append(got, string(c[1])+" "+string(c[2]))
	}
	want := strings.TrimSuffix(strings.TrimPrefix(duckType(t, schemas.Get().defs["paper"]), "STRUCT("), ")")
	if g := strings.Join(got, ", "); g != want {
		t.Errorf("docs/scale.md columns:\n%s\nvagut schema paper in DuckDB's types:\n%s", g, want)
	}
}

// The names known without building the schemas are the built schemas' names,
// in order.
func TestNamesAreTheBuiltSchemas(t *testing.T) {
	var built []string
	for _, d := range Docs() {
		built = append(built, d.Name)
	}
	if g, w := strings.Join(Names(), " "), strings.Join(built, " "); g != w {
		t.Errorf("Names() = %s, built schemas %s", g, w)
	}
}
