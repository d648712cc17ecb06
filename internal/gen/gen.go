// Package gen writes deterministic corpora of summaries shaped like the
// seed, of varied sizes and entity counts, for benchmarks and load tests.
// Nothing it makes is committed: the same seed always gives the same files.
package gen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var (
	words = strings.Fields(`gut barrier ischemia reperfusion flow pulsatile lactate perfusion mucosa villus
		enterocyte translocation endotoxin cytokine shock cardiogenic oxygenation membrane circuit cannula
		afterload ventricle microcirculation splanchnic mesenteric vasopressor norepinephrine sepsis kidney
		liver biomarker plasma serum marker cohort pigs rats patients outcome mortality early late dose`)
	genes     = []string{"FABP2", "IL6", "IL10", "TNF", "CXCL8", "ANGPT2", "VWF", "ICAM1", "CXCL2", "OCLN", "TJP1", "CLDN1", "HIF1A", "NOS2", "TLR4"}
	diseases  = []string{"cardiogenic shock", "mesenteric ischemia", "sepsis", "acute kidney injury", "ischemia", "edema", "anemia", "GI bleeding", "septic shock", "gut dysfunction"}
	chemicals = []string{"lactate", "citrulline", "norepinephrine", "oxygen", "bilirubin", "heparin", "endotoxin"}
	species   = []string{"Homo sapiens (human, species) [taxon 9606]", "Sus scrofa (pig, species) [taxon 9823]", "Rattus norvegicus (brown rat, species) [taxon 10116]"}
	journals  = []string{"Critical Care", "Perfusion", "ASAIO Journal", "Journal of Artificial Organs", "Intensive Care Medicine", "Shock"}
)

func sentence(r *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[r.IntN(len(words))]
	}
	ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
	return strings.Join(ws, " ") + "."
}

func paragraph(r *rand.Rand, sentences int) string {
	ss := make([]string, sentences)
	for i := range ss {
		ss[i] = sentence(r, 8+r.IntN(14))
	}
	return strings.Join(ss, " ")
}

// Summary returns summary number i of the corpus made from seed.
func Summary(seed uint64, i int) []byte {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	size := 1 + r.IntN(4) // 1 small ... 4 large
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %d\n\n", strings.TrimSuffix(sentence(r, 6+r.IntN(8)), "."), i)
	authors := make([]string, 1+r.IntN(8))
	for k := range authors {
		authors[k] = fmt.Sprintf("Author%d Family%d", r.IntN(500), r.IntN(900))
	}
	fmt.Fprintf(&b, "**Authors:** %s\n\n", strings.Join(authors, ", "))
	fmt.Fprintf(&b, "PMC · DOI: 10.%d/gen.%d.%d · %s · %d-%02d-%02d\n\n", 1000+r.IntN(9000), seed, i,
		journals[r.IntN(len(journals))], 2000+r.IntN(26), 1+r.IntN(12), 1+r.IntN(28))
	fmt.Fprintf(&b, "## TL;DR\n\n%s\n\n## Contribution\n\n%s\n\n## Key findings\n\n", paragraph(r, 2), paragraph(r, 1))
	for k := 0; k < 2+r.IntN(3*size); k++ {
		fmt.Fprintf(&b, "- %s\n", paragraph(r, 1+r.IntN(2)))
	}
	fmt.Fprintf(&b, "\n## Abstract\n\n%s\n\n", paragraph(r, 4*size+r.IntN(6)))
	fmt.Fprintf(&b, "## Linked entities\n\n- **Diseases:** %s (MONDO:%07d)\n\n## Full-text entities\n\n", diseases[r.IntN(len(diseases))], r.IntN(9999999))
	var gs []string
	for k := 0; k < 1+r.IntN(4*size); k++ {
		g := genes[r.IntN(len(genes))]
		gs = append(gs, fmt.Sprintf("%s (%s protein) [NCBI Gene %d] {aka %s-%d, %sA}", g, strings.ToLower(g), 1000+r.IntN(90000), g, k, g))
	}
	var ds []string
	for k := 0; k < 1+r.IntN(8*size); k++ {
		ds = append(ds, fmt.Sprintf("%s (MESH:D%06d)", diseases[r.IntN(len(diseases))], r.IntN(999999)))
	}
	var cs []string
	for k := 0; k < 1+r.IntN(3*size); k++ {
		if r.IntN(5) == 0 {
			cs = append(cs, chemicals[r.IntN(len(chemicals))]+" (-)")
		} else {
			cs = append(cs, fmt.Sprintf("%s (MESH:D%06d)", chemicals[r.IntN(len(chemicals))], r.IntN(999999)))
		}
	}
	fmt.Fprintf(&b, "- **Genes:** %s\n- **Diseases:** %s\n- **Chemicals:** %s\n- **Species:** %s\n\n",
		strings.Join(gs, ", "), strings.Join(ds, ", "), strings.Join(cs, ", "), species[r.IntN(len(species))])
	fmt.Fprintf(&b, "## Full text\n\nFetch the complete paper: https://example.org/paper/G%d-%d/full.md\n\n---\nSource: https://example.org/paper/G%d-%d", seed, i, seed, i)
	return []byte(b.String())
}

// Write writes n summaries into dir, 1,000 to a subfolder as a lab's folder would.
func Write(dir string, seed uint64, n int) error {
	for i := 0; i < n; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("batch%03d", i/1000))
		if i%1000 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("paper%06d.md", i)), Summary(seed, i), 0o644); err != nil {
			return err
		}
	}
	return nil
}
