package summary

import (
	"strings"
	"unicode"
)

// This file and sections.go are the one home of the format's vocabulary:
// entity types and their categories, the parser's problem codes and the
// sections (sections.go). The registries of ids, their shapes and links are
// in package curie. Every other package uses these names.

// EntityType is an entity's type: "gene", "cell_line"; any other category
// gets one too, in lower snake case, singular (TypeOf).
type EntityType = string

// The entity types vagut knows by name.
const (
	Gene     EntityType = "gene"
	Disease  EntityType = "disease"
	Chemical EntityType = "chemical"
	SpeciesT EntityType = "species"
	CellLine EntityType = "cell_line"
	Variant  EntityType = "variant"
	Mutation EntityType = "mutation"
	Protein  EntityType = "protein"
)

// TypeDef is one entity type and the category labels read as it.
type TypeDef struct {
	Type     EntityType
	Category string // the label as the format writes it: "Genes"
	// Core types are the four categories of the format; the others are
	// kept as well, and validate warns about them (VG026).
	Core bool
	// Labels are the category labels read as this type, lower case.
	Labels []string
}

// EntityTypes lists the known types, core ones first in the order the
// digests show them.
var EntityTypes = []TypeDef{
	{Gene, "Genes", true, []string{"genes", "gene"}},
	{Disease, "Diseases", true, []string{"diseases", "disease"}},
	{Chemical, "Chemicals", true, []string{"chemicals", "chemical"}},
	{SpeciesT, "Species", true, []string{"species"}},
	{CellLine, "Cell lines", false, []string{"cell lines", "cell line"}},
	{Variant, "Variants", false, []string{"variants", "variant"}},
	{Mutation, "Mutations", false, []string{"mutations"}},
	{Protein, "Proteins", false, []string{"proteins"}},
}

// typeIndex is the place of t in EntityTypes, -1 when unknown. The lookups
// walk the table itself: a handful of entries, as fast as a map and with
// nothing to build at start-up.
func typeIndex(t EntityType) int {
	for i, d := range EntityTypes {
		if d.Type == t {
			return i
		}
	}
	return -1
}

// TypeNames are the names of the known types, in table order.
func TypeNames() []string {
	out := make([]string, len(EntityTypes))
	for i, t := range EntityTypes {
		out[i] = t.Type
	}
	return out
}

// CoreCategories are the categories of the core types, as the format writes them.
func CoreCategories() []string {
	var out []string
	for _, t := range EntityTypes {
		if t.Core {
			out = append(out, t.Category)
		}
	}
	return out
}

// IsCoreType reports whether t is one of the format's four types.
func IsCoreType(t EntityType) bool {
	i := typeIndex(t)
	return i >= 0 && EntityTypes[i].Core
}

// CoreTypeOrder is the place of a core type in the digests, -1 for another type.
func CoreTypeOrder(t EntityType) int {
	if i := typeIndex(t); i >= 0 && EntityTypes[i].Core {
		return i
	}
	return -1
}

// TypeOf maps a category as written ("Cell lines") to its type ("cell_line");
// an unknown category becomes lower snake case, its last word singular.
func TypeOf(category string) EntityType {
	var buf [64]byte
	if k, ok := lowerWords(buf[:0], category, asciiSpace); ok {
		for _, d := range EntityTypes {
			for _, l := range d.Labels {
				if l == string(k) {
					return d.Type // a known label, the usual case: no allocation
				}
			}
		}
	}
	c := strings.ToLower(strings.Join(strings.Fields(category), " "))
	for _, d := range EntityTypes {
		for _, l := range d.Labels {
			if l == c {
				return d.Type
			}
		}
	}
	words := strings.FieldsFunc(c, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) == 0 {
		return "other"
	}
	last := words[len(words)-1]
	switch {
	case strings.HasSuffix(last, "ies") && len(last) > 4:
		last = last[:len(last)-3] + "y"
	case strings.HasSuffix(last, "sses"), strings.HasSuffix(last, "xes"), strings.HasSuffix(last, "ches"):
		last = last[:len(last)-2]
	case strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") && !strings.HasSuffix(last, "us") &&
		!strings.HasSuffix(last, "is") && len(last) > 1:
		last = last[:len(last)-1]
	}
	words[len(words)-1] = last
	return strings.Join(words, "_")
}

// ProblemCode names a defect the parser met; validate maps each to a rule,
// fmt refuses the ones whose text the record would lose.
type ProblemCode string

// The parser's problem codes. The first three make a file no summary
// (parse.Error); the others are tolerated and kept in Paper.Problems.
const (
	ProblemBinaryFile   ProblemCode = "binary-file"
	ProblemMissingTitle ProblemCode = "missing-title"
	ProblemNotASummary  ProblemCode = "not-a-summary"

	ProblemInvalidUTF8          ProblemCode = "invalid-utf8"
	ProblemNestingTooDeep       ProblemCode = "nesting-too-deep"
	ProblemMultipleTitles       ProblemCode = "multiple-titles"
	ProblemDuplicateSection     ProblemCode = "duplicate-section"
	ProblemUnknownSection       ProblemCode = "unknown-section"
	ProblemDuplicateAuthors     ProblemCode = "duplicate-authors"
	ProblemDuplicateMetadata    ProblemCode = "duplicate-metadata"
	ProblemEmptyMetadataField   ProblemCode = "empty-metadata-field"
	ProblemUnknownMetadataField ProblemCode = "unknown-metadata-field"
	ProblemDuplicateDOIField    ProblemCode = "duplicate-doi-field"
	ProblemDuplicateDateField   ProblemCode = "duplicate-date-field"
	ProblemBadDateFormat        ProblemCode = "bad-date-format"
	ProblemEmptyItem            ProblemCode = "empty-item"
	ProblemNotEntityList        ProblemCode = "not-entity-list"
	ProblemMissingCategory      ProblemCode = "missing-category"
	ProblemUnbalancedBrackets   ProblemCode = "unbalanced-brackets"
	ProblemEmptyEntity          ProblemCode = "empty-entity"
	ProblemEmptyName            ProblemCode = "empty-name"
	ProblemTwoIDs               ProblemCode = "two-ids"
	ProblemUnknownIDForm        ProblemCode = "unknown-id-form"
)

// ProblemCodes is every code above, for the tests that each has a rule.
var ProblemCodes = []ProblemCode{
	ProblemBinaryFile, ProblemMissingTitle, ProblemNotASummary,
	ProblemInvalidUTF8, ProblemMultipleTitles, ProblemDuplicateSection, ProblemUnknownSection,
	ProblemDuplicateAuthors, ProblemDuplicateMetadata, ProblemEmptyMetadataField, ProblemUnknownMetadataField,
	ProblemDuplicateDOIField, ProblemDuplicateDateField, ProblemBadDateFormat, ProblemEmptyItem,
	ProblemNotEntityList, ProblemMissingCategory, ProblemUnbalancedBrackets, ProblemEmptyEntity,
	ProblemEmptyName, ProblemTwoIDs, ProblemUnknownIDForm, ProblemNestingTooDeep,
}
