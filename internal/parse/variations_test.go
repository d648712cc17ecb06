package parse

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vagut/vagut/internal/summary"
)

// One fixture per variation of the format, each checked field by field.
func TestParseFixtures(t *testing.T) {
	cases := []struct {
		file string
		want summary.Paper
	}{
		{
			// Wrapped findings, inline Markdown, commas inside () and {}, (-),
			// description vs id, [NCBI Gene N] and [taxon N], Unicode authors.
			file: "pig-ifabp.md",
			want: summary.Paper{
				ID:           "PMC8000001",
				Title:        "Intestinal fatty acid-binding protein tracks gut injury in a porcine model of VA-ECMO",
				Authors:      []string{"Lena Hoffmann", "Jonas Ødegaard", "María José García-López", "Wei Zhang", "Peter Novak"},
				Source:       s("PubMed"),
				DOI:          s("10.1016/j.jss.2021.03.012"),
				Journal:      s("Journal of Surgical Research"),
				Published:    s("2021-08-15"),
				URL:          s("https://tomesphere.com/paper/PMC8000001"),
				FullTextURL:  s("https://tomesphere.com/paper/PMC8000001/full.md"),
				TLDR:         s("Plasma I-FABP rose within *six hours* of VA-ECMO in pigs, before lactate did."),
				Contribution: s("A large-animal model linking ECMO flow to enterocyte damage, e.g. via I-FABP release."),
				KeyFindings: findings(
					"Plasma I-FABP rose 3.2-fold (p < 0.01) after six hours of full-flow VA-ECMO, well before **lactate** changed.",
					"Villus height fell by 38% in the ileum (see `Chiu score`, [methods](https://example.org/methods)).",
					"Low-flow ECMO (<2 L/min) did not raise I-FABP.",
				),
				Abstract: s("Background: gut injury during VA-ECMO is poorly understood. We studied 12 pigs.\n\nResults: I-FABP rose early; lactate rose late."),
				LinkedEntities: []summary.Entity{
					ent("disease", "Diseases", "intestinal ischemia", "", "MESH:D007410"),
					ent("species", "Species", "Sus scrofa", "pig, wild boar, species", "NCBITaxon:9823"),
				},
				Entities: []summary.Entity{
					ent("gene", "Genes", "FABP2", "fatty acid binding protein 2", "NCBIGene:2169", "FABPI", "I-FABP"),
					ent("gene", "Genes", "IL6", "interleukin 6, a cytokine", "NCBIGene:3569", "BSF-2", "IL-6"),
					ent("disease", "Diseases", "intestinal ischemia", "", "MESH:D007410"),
					ent("disease", "Diseases", "shock", "", "MESH:D012769"),
					ent("chemical", "Chemicals", "lactate", "", "MESH:D019344"),
					ent("chemical", "Chemicals", "heparin", "", ""),
					ent("species", "Species", "Sus scrofa", "pig, wild boar, species", "NCBITaxon:9823"),
				},
			},
		},
		{
			// CRLF line endings; metadata without DOI; a finding wrapped over CRLF lines.
			file: "crlf-rat.md",
			want: summary.Paper{
				ID: "PMC6500002", Title: "Early enteral nutrition in rats on ECMO",
				Authors: []string{"Akira Sato", "Beatriz Costa"},
				Source:  s("PMC"), Journal: s("Critical Care"), Published: s("2019-05-14"),
				URL:         s("https://tomesphere.com/paper/PMC6500002"),
				TLDR:        s("Early enteral feeding preserved the gut barrier in rats."),
				KeyFindings: findings("Enteral feeding lowered IL-6 by half.", "Rats fed early lost less weight."),
				Entities: []summary.Entity{
					ent("gene", "Genes", "Il6", "interleukin 6", "NCBIGene:24498"),
					ent("species", "Species", "Rattus norvegicus", "brown rat, species", "NCBITaxon:10116"),
				},
			},
		},
		{
			// A UTF-8 BOM before the title; a preprint server as source and journal; trailing slash in Source.
			file: "bom-cohort.md",
			want: summary.Paper{
				ID: "PMC9900003", Title: "Gut biomarkers and mortality in adults on VA-ECMO: a cohort study",
				Authors: []string{"Sarah O'Neil", "Tomás Ruiz", "Hana Kim", "Omar Haddad"},
				Source:  s("medRxiv"), DOI: s("10.1101/2023.02.01.23285301"), Journal: s("medRxiv"), Published: s("2023-02-03"),
				URL:  s("https://tomesphere.com/paper/PMC9900003/"),
				TLDR: s("In 140 adults, high I-FABP on day 1 predicted death at 30 days."),
				KeyFindings: findings(
					"Day-1 I-FABP above 1,000 pg/mL doubled 30-day mortality (HR 2.1).",
					"Citrulline was not predictive.",
				),
				Entities: []summary.Entity{
					ent("gene", "Genes", "FABP2", "", "NCBIGene:2169", "I-FABP"),
					ent("disease", "Diseases", "cardiogenic shock", "", "MONDO:0800175"),
					ent("disease", "Diseases", "mesenteric ischemia", "", "MESH:D065666"),
					ent("chemical", "Chemicals", "citrulline", "", "MESH:D002956"),
					ent("species", "Species", "Homo sapiens", "human, species", "NCBITaxon:9606"),
				},
			},
		},
		{
			// Metadata without source; no Source line (id is the DOI); an unknown
			// section kept as Markdown; unknown categories kept; an accession id.
			file: "no-source-line.md",
			want: summary.Paper{
				ID: "10.1097/CCM.0000000000005123", Title: "Microbiome shifts after cardiac surgery with cardiopulmonary bypass",
				Authors: []string{"Ana Silva"},
				DOI:     s("10.1097/CCM.0000000000005123"), Journal: s("Critical Care Medicine"), Published: s("2022-11-30"),
				TLDR:        s("Bypass shifted the gut microbiome toward *Enterobacteriaceae* within 48 h."),
				KeyFindings: findings("Enterobacteriaceae rose from 2% to 11% of reads."),
				Abstract:    s("We sequenced stool from 30 patients before and after bypass."),
				OtherSections: []summary.Section{{
					Heading: "Limitations",
					Text:    "Single centre; no *ECMO* patients.\n\n- small sample\n- short follow-up",
				}},
				Entities: []summary.Entity{
					ent("cell_line", "Cell lines", "Caco-2", "", "CVCL_0025"),
					ent("variant", "Variants", "rs1799883", "", ""),
					ent("variant", "Variants", "Ala54Thr", "", "", "A54T"),
					ent("species", "Species", "Escherichia coli", "", "NCBITaxon:562"),
					ent("species", "Species", "Homo sapiens", "human, species", "NCBITaxon:9606"),
				},
			},
		},
		{
			// Missing sections and authors; an arXiv preprint.
			file: "preprint-minimal.md",
			want: summary.Paper{
				ID: "10.48550/arXiv.2403.01234", Title: "A mathematical model of dual circulation in peripheral VA-ECMO",
				Source: s("arXiv"), DOI: s("10.48550/arXiv.2403.01234"), Journal: s("arXiv"), Published: s("2024-03-02"),
				TLDR: s("A lumped model locates the mixing zone of native and ECMO flow."),
			},
		},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			got := parseFile(t, corpus(c.file))
			c.want.Path = corpus(c.file)
			if diff := cmp.Diff(&c.want, got, ignorePos); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if len(got.Problems) != 0 {
				t.Errorf("clean fixture, but problems reported: %v", got.Problems)
			}
		})
	}
}

func TestCRLFKeepsLines(t *testing.T) {
	p := parseFile(t, corpus("crlf-rat.md"))
	if p.KeyFindings[1].Line != 14 || p.Entities[1].Line != 20 || p.URLLine != 23 {
		t.Errorf("lines: finding %d, entity %d, url %d; want 14, 20, 23", p.KeyFindings[1].Line, p.Entities[1].Line, p.URLLine)
	}
}

func mustParse(t *testing.T, src string) *summary.Paper {
	t.Helper()
	p, err := Parse("x.md", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return p
}

func problemCodes(p *summary.Paper) []string {
	var out []string
	for _, pr := range p.Problems {
		out = append(out, string(pr.Code))
	}
	return out
}

func TestEntityEdgeCases(t *testing.T) {
	p := mustParse(t, "# T\n\n## Full-text entities\n\n"+
		"- **Genes:** A (x, y) [NCBI Gene 1] {aka a, b}, B [taxon 2, strain K-12], C (MESH:D1) (desc, more),\n"+
		"  D (-), E\n"+
		"- **Species:** Mus musculus (house mouse) [NCBITaxon:10090]\n")
	want := []summary.Entity{
		ent("gene", "Genes", "A", "x, y", "NCBIGene:1", "a", "b"),
		ent("gene", "Genes", "B", "", "taxon 2, strain K-12"), // unknown form, kept as written
		ent("gene", "Genes", "C", "desc, more", "MESH:D1"),    // both groups read, in either order
		ent("gene", "Genes", "D", "", ""),
		ent("gene", "Genes", "E", "", ""),
		ent("species", "Species", "Mus musculus", "house mouse", "NCBITaxon:10090"),
	}
	if diff := cmp.Diff(want, p.Entities, ignorePos); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := p.Entities[3]; got.Line != 6 || got.Col != 3 {
		t.Errorf("D on a continuation line at %d:%d, want 6:3", got.Line, got.Col)
	}
	if diff := cmp.Diff([]string{"unknown-id-form"}, problemCodes(p)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestProblems(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"unbalanced", "# T\n\n## Linked entities\n\n- **Genes:** A (x, B\n", []string{"unbalanced-brackets"}},
		{"empty entity", "# T\n\n## Linked entities\n\n- **Genes:** A, , B\n", []string{"empty-entity"}},
		{"no category", "# T\n\n## Linked entities\n\n- A, B\n", []string{"missing-category"}},
		{"empty item", "# T\n\n## Key findings\n\n- one\n-\n- two\n", []string{"empty-item"}},
		{"two titles", "# T\n\nPMC · 2020-01-01\n\n# U\n\ntext\n", []string{"multiple-titles"}},
		{"section twice", "# T\n\n## TL;DR\n\na\n\n## TL;DR\n\nb\n", []string{"duplicate-section"}},
		{"invalid utf8", "# T\n\n## TL;DR\n\nbad \xff byte\n", []string{"invalid-utf8"}},
		{"extra metadata", "# T\n\nPMC · J · X · 2020-01-01\n", []string{"unknown-metadata-field"}},
		{"date ambiguous", "# T\n\nPMC · J · 14/05/2023\n", []string{"bad-date-format"}},
		{"month 13", "# T\n\nPMC · J · 2013-13\n", []string{"bad-date-format"}},
		{"February 30", "# T\n\nPMC · J · 2013-02-30\n", []string{"bad-date-format"}},
		{"a season", "# T\n\nPMC | J | 2013 Spring\n", []string{"bad-date-format"}},
		{"two dates", "# T\n\nPMC · J · 2013-09 · 2013\n", []string{"duplicate-date-field"}},
		{"month only is fine", "# T\n\nPMC · J · 2013-09\n", nil},
		{"empty field", "# T\n\nPMC ·  · J\n", []string{"empty-metadata-field"}},
		{"clean", "# T\n\n## TL;DR\n\nfine\n", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, problemCodes(mustParse(t, c.src))); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestKeepsWhatItDoesNotKnow(t *testing.T) {
	p := mustParse(t, "# T\n\nA stray note.\n\n## TL;DR\n\nfirst\n\n## TL;DR\n\nsecond\n\n# Appendix\n\nmore\n\n### Sub\n\ndeep\n")
	want := []summary.Section{
		{Text: "A stray note."},
		{Heading: "TL;DR", Text: "second"},
		{Heading: "Appendix", Text: "more\n\n### Sub\n\ndeep"},
	}
	if diff := cmp.Diff(want, p.OtherSections, ignorePos); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if summary.Str(p.TLDR) != "first" {
		t.Errorf("TL;DR = %q, want the first section's", summary.Str(p.TLDR))
	}
}

func TestEmptySectionsAreNull(t *testing.T) {
	p := mustParse(t, "# T\n\n## TL;DR\n\n## Abstract\n\n## Key findings\n")
	if p.TLDR != nil || p.Abstract != nil || len(p.KeyFindings) != 0 {
		t.Errorf("empty sections gave values: %+v", p)
	}
	for _, h := range p.Headings {
		if !h.Empty {
			t.Errorf("heading %q not marked empty", h.Text)
		}
	}
}

func TestLoneCRAndHardBreaks(t *testing.T) {
	p := mustParse(t, "# T\r\r## Key findings\r\r- one\\\r  two  \r  three\r")
	if diff := cmp.Diff(findings("one two three"), p.KeyFindings, ignorePos); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if p.KeyFindings[0].Line != 5 {
		t.Errorf("line %d, want 5", p.KeyFindings[0].Line)
	}
}

func TestMetadataVariants(t *testing.T) {
	cases := []struct {
		line                            string
		source, doi, journal, published string
	}{
		{"PMC · DOI: 10.1/x · J A · 2020-01-02", "PMC", "10.1/x", "J A", "2020-01-02"},
		{"PMC · Critical Care · 2023-05-14", "PMC", "", "Critical Care", "2023-05-14"},
		{"DOI: 10.1/x · J A · 2020-01-02", "", "10.1/x", "J A", "2020-01-02"},
		{"Lancet · 2020-01-02", "", "", "Lancet", "2020-01-02"},
		{"bioRxiv · 2020-01-02", "bioRxiv", "", "", "2020-01-02"},
		{"arXiv · DOI: 10.48550/arXiv.2403.01234 · arXiv · 2024-03-02", "arXiv", "10.48550/arXiv.2403.01234", "arXiv", "2024-03-02"},
		{"DOI: 10.1/x", "", "10.1/x", "", ""},
		// Dates as precisely as the source knows them, in ISO form.
		{"PubMed · DOI: 10.1/x · J A · 2013-09", "PubMed", "10.1/x", "J A", "2013-09"},
		{"J A · 2013", "", "", "J A", "2013"},
		{"PubMed · J A · 24 May 2018", "PubMed", "", "J A", "2018-05-24"},
		{"PubMed · J A · May 2018", "PubMed", "", "J A", "2018-05"},
		{"PubMed · J A · 2018 May 24", "PubMed", "", "J A", "2018-05-24"},
		{"PubMed · J A · 2018 May", "PubMed", "", "J A", "2018-05"},
		{"PubMed · J A · 2018 SEPT. 3", "PubMed", "", "J A", "2018-09-03"},
		{"2013-09", "", "", "", "2013-09"},
		// Other separators.
		{"PMC | DOI: 10.1/x | J A | 2020-01-02", "PMC", "10.1/x", "J A", "2020-01-02"},
		{"PMC • DOI: 10.1/x • J A • 2020-01", "PMC", "10.1/x", "J A", "2020-01"},
		{"PMC|DOI: 10.1/x|J A|2020", "PMC", "10.1/x", "J A", "2020"},
		{"PMC · DOI: 10.1/x | J A • 2020-01-02", "PMC", "10.1/x", "J A", "2020-01-02"},
		{"Lancet | May 2020", "", "", "Lancet", "2020-05"},
	}
	for _, c := range cases {
		p := mustParse(t, "# T\n\n"+c.line+"\n")
		got := []string{summary.Str(p.Source), summary.Str(p.DOI), summary.Str(p.Journal), summary.Str(p.Published)}
		if diff := cmp.Diff([]string{c.source, c.doi, c.journal, c.published}, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", c.line, diff)
		}
	}
}

// A line with a bar or a bullet is metadata only when a field is a DOI, a
// date or a repository; other text stays text.
func TestBarsInOtherText(t *testing.T) {
	for _, line := range []string{"Notes | ideas", "• a remark", "Pros | cons | maybe"} {
		p := mustParse(t, "# T\n\n"+line+"\n\n## TL;DR\n\nx\n")
		if p.MetadataLine != 0 || len(p.OtherSections) != 1 || p.OtherSections[0].Text != line {
			t.Errorf("%q: metadata line %d, other sections %+v", line, p.MetadataLine, p.OtherSections)
		}
	}
}

// The columns of DOI and date count characters, whatever the separators' bytes.
func TestMetadataColumns(t *testing.T) {
	for _, c := range []struct {
		line            string
		doiCol, dateCol int
	}{
		{"PMC · DOI: 10.1/x · J · 2013-09", 12, 25},
		{"PMC • DOI: 10.1/x • J • 2013-09", 12, 25},
		{"PMC | DOI: 10.1/x | J | 2013-09", 12, 25},
		{"PMC|DOI: 10.1/x|J|2013-09", 10, 19},
	} {
		p := mustParse(t, "# T\n\n"+c.line+"\n")
		if p.DOICol != c.doiCol || p.DateCol != c.dateCol {
			t.Errorf("%q: DOI at %d, date at %d; want %d, %d", c.line, p.DOICol, p.DateCol, c.doiCol, c.dateCol)
		}
	}
	p := mustParse(t, "# T\n\nPMC • J • 2013-02-30\n")
	if len(p.Problems) != 1 || p.Problems[0].Col != 11 || p.Published != nil {
		t.Errorf("impossible date: problems %+v, published %v", p.Problems, summary.Str(p.Published))
	}
}

func TestAuthorsWrapped(t *testing.T) {
	p := mustParse(t, "# T\n**Authors:** A One, B Two,\nC Three\nPMC · J · 2020-01-01\n")
	if diff := cmp.Diff([]string{"A One", "B Two", "C Three"}, p.Authors); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if summary.Str(p.Journal) != "J" || p.MetadataLine != 4 {
		t.Errorf("metadata in the same paragraph: journal %q line %d", summary.Str(p.Journal), p.MetadataLine)
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"empty", "", 1, "empty file"},
		{"bom only", "\xef\xbb\xbf", 1, "empty file"},
		{"whitespace", " \n\n\t\n", 1, "empty file"},
		{"no title", "Some notes\n\n## TL;DR\n\nx\n", 1, `no "# " title`},
		{"empty title", "\n#\n\ntext\n", 2, `no "# " title`},
		{"h2 only", "## TL;DR\n\nx\n", 1, `no "# " title`},
		{"nul", "# T\n\nab\x00c\n", 3, "NUL byte"},
		{"title and prose only", "<!-- notes -->\n# Notes folder\n\nMy notes on ECMO.\n\n## Reading list\n\n- a\n", 2, "not a summary"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("x.md", []byte(c.src))
			pe, ok := err.(*Error)
			if !ok {
				t.Fatalf("error = %v, want *Error", err)
			}
			if pe.Line != c.line || !strings.Contains(pe.Msg, c.msg) {
				t.Errorf("error = line %d %q, want line %d containing %q", pe.Line, pe.Msg, c.line, c.msg)
			}
		})
	}
}

func TestPaperID(t *testing.T) {
	cases := []struct{ src, path, want string }{
		{"# T\n\n---\nSource: https://x.org/paper/PMC1/\n", "a.md", "PMC1"},
		{"# T\n\n---\nSource: https://x.org/paper/PMC2?ref=x#top\n", "a.md", "PMC2"},
		{"# T\n\nDOI: 10.1/abc\n", "a.md", "10.1/abc"},
		{"# T\n\n## TL;DR\n\nx\n", "dir/stem.name.md", "stem.name"},
		{"# T\n\n## TL;DR\n\nx\n", "-", "stdin"},
	}
	for _, c := range cases {
		p, err := Parse(c.path, []byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		if p.ID != c.want {
			t.Errorf("id of %q = %q, want %q", c.src, p.ID, c.want)
		}
	}
}

func TestContentAfterSourceLineIsKept(t *testing.T) {
	p := mustParse(t, "# T\n\n## Notes\n\nbefore\n\n---\nSource: https://x.org/p/P1\n\nafter\n")
	want := []summary.Section{{Heading: "Notes", Text: "before\n\nafter"}}
	if diff := cmp.Diff(want, p.OtherSections, ignorePos); diff != "" || summary.Str(p.URL) != "https://x.org/p/P1" {
		t.Errorf("url %q, sections (-want +got):\n%s", summary.Str(p.URL), diff)
	}
}
