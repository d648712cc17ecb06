package cite

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vagut/vagut/internal/inline"
	"github.com/vagut/vagut/internal/lazy"
	"github.com/vagut/vagut/internal/names"
)

// BibTeX counts every brace, escaped or not, to find where a field ends, so
// one unmatched "}" in a title ends the field and lets the rest of the title
// be read as entries of its own ("Gut barrier} @misc(evilkey, ..."). Every
// field vagut writes therefore has balanced braces: braces that pair up
// within the field are written \{ and \} (which LaTeX, biber and pandoc print
// as braces), and an unmatched one as \textbraceleft{} or \textbraceright{},
// which holds no brace of its own.

// unmatchedBraces returns the byte offsets, in the concatenation of texts, of
// the braces that do not pair up.
func unmatchedBraces(texts []string) map[int]bool {
	var open []int
	var bad map[int]bool // nil, and free, when every brace pairs up
	at := 0
	for _, t := range texts {
		for i := 0; i < len(t); i++ {
			switch t[i] {
			case '{':
				open = append(open, at+i)
			case '}':
				if len(open) == 0 {
					if bad == nil {
						bad = map[int]bool{}
					}
					bad[at+i] = true
				} else {
					open = open[:len(open)-1]
				}
			}
		}
		at += len(t)
	}
	for _, o := range open {
		if bad == nil {
			bad = map[int]bool{}
		}
		bad[o] = true
	}
	return bad
}

var latexSpecial = lazy.Value[map[rune]string]{New: func() map[rune]string {
	return map[rune]string{
		'\\': `\textbackslash{}`, '&': `\&`, '%': `\%`, '$': `\$`, '#': `\#`, '_': `\_`,
		'~': `\textasciitilde{}`, '^': `\textasciicircum{}`,
	}
}}

// bibEscaper writes text for a BibTeX field; at is the offset of the text
// in its field, for the braces unmatchedBraces found.
type bibEscaper struct {
	bad map[int]bool
}

func (e bibEscaper) write(b *strings.Builder, s string, at int) {
	for i, r := range s {
		switch {
		case r == '{' || r == '}':
			switch {
			case !e.bad[at+i]:
				b.WriteString(`\` + string(r))
			case r == '{':
				b.WriteString(`\textbraceleft{}`)
			default:
				b.WriteString(`\textbraceright{}`)
			}
		case latexSpecial.Get()[r] != "":
			b.WriteString(latexSpecial.Get()[r])
		case isControl(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
}

// isControl: C0 and C1 controls and DEL have no place in a bibliography;
// they are shown as U+FFFD rather than dropped in silence.
func isControl(r rune) bool { return r < 0x20 || r >= 0x7f && r < 0xa0 }

// bib escapes plain text (a name, a source) for a BibTeX field, white space folded.
func bib(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	bibEscaper{unmatchedBraces([]string{s})}.write(&b, s, 0)
	return b.String()
}

// bibTitle is the title with its inline Markdown as LaTeX and its capitals
// protected.
func bibTitle(s string) string { return bibRich(s, true) }

var bibOpen = lazy.Value[map[inline.Style]string]{New: func() map[inline.Style]string {
	return map[inline.Style]string{inline.Italic: `\textit{`, inline.Bold: `\textbf{`, inline.Code: `{`,
		inline.Sup: `\textsuperscript{`, inline.Sub: `\textsubscript{`}
}}

// bibRich writes Markdown text as LaTeX: emphasis as \textit{}, strong as
// \textbf{}, <sup>/<sub> as \textsuperscript{}/\textsubscript{}, a code span
// in braces (kept as written, case and all). With protect, every word with a
// capital after the title's first letter is braced ("{VA-ECMO}", "{mRNA}",
// "{Pseudomonas}"): BibTeX styles and pandoc lower-case a title's words
// otherwise, and a summary's title is written as it should read.
func bibRich(s string, protect bool) string {
	paras := inline.Parse(s)
	var runs []inline.Run
	for i, p := range paras {
		if i > 0 {
			runs = append(runs, inline.Run{Text: " "})
		}
		runs = append(runs, p...)
	}
	texts := make([]string, len(runs))
	for i, r := range runs {
		texts[i] = r.Text
	}
	esc := bibEscaper{unmatchedBraces(texts)}
	at, first := 0, true
	return inline.Markup(runs,
		func(s inline.Style) string { return bibOpen.Get()[s] },
		func(inline.Style) string { return "}" },
		func(t string, st inline.Style) string {
			var b strings.Builder
			defer func() { at += len(t) }()
			if st&inline.Code != 0 || !protect {
				esc.write(&b, t, at)
				first = first && strings.TrimSpace(t) == ""
				return b.String()
			}
			// Word by word, spaces kept.
			i := 0
			for i < len(t) {
				j := i
				for j < len(t) && t[j] == ' ' {
					j++
				}
				b.WriteString(t[i:j])
				k := j
				for k < len(t) && t[k] != ' ' {
					k++
				}
				if k > j {
					word := t[j:k]
					core := strings.TrimRight(word, ":;,.?!")
					if needsProtection(core, first) {
						b.WriteString("{")
						esc.write(&b, core, at+j)
						b.WriteString("}")
						esc.write(&b, word[len(core):], at+j+len(core))
					} else {
						esc.write(&b, word, at+j)
					}
					first = false
				}
				i = k
			}
			return b.String()
		})
}

// needsProtection: a word with a capital letter, unless it is the field's
// first word with only its first letter capital ("Gut").
func needsProtection(w string, first bool) bool {
	for i, r := range w {
		if unicode.IsUpper(r) && !(first && i == 0) {
			return true
		}
	}
	return false
}

// bibNamePart braces a part that BibTeX would split: one holding a comma or
// the word "and".
func bibNamePart(s string) string {
	e := bib(s)
	low := " " + strings.ToLower(s) + " "
	if strings.Contains(s, ",") || strings.Contains(low, " and ") {
		return "{" + e + "}"
	}
	return e
}

// bibName writes "von Last, Jr, First", the form BibTeX reads without guessing.
func bibName(n names.Name) string {
	family := bibNamePart(n.Family)
	if n.Particle != "" {
		family = bibNamePart(n.Particle) + " " + family
	}
	switch {
	case n.Literal != "":
		return "{" + bib(n.Literal) + "}"
	case n.Given == "" && n.Suffix == "":
		return family
	case n.Suffix != "":
		return family + ", " + bibNamePart(n.Suffix) + ", " + bibNamePart(n.Given)
	}
	return family + ", " + bibNamePart(n.Given)
}

// bibDOI writes a DOI as it is: bibtex copies the field, and pandoc and
// biblatex read doi verbatim, so "\_" would stay in the DOI. Only braces
// (which BibTeX counts) are percent-encoded, as in a DOI URL, and white
// space and control characters, which no DOI has, go. So is what LaTeX
// would run as a command: natbib's styles print the doi field as
// \doi{...}, which is "doi: #1" when the url package is not loaded, so
// "10.1000/x\input/etc/passwd" would include that file in the document.
// A backslash ("\", or "^^5c" as TeX also reads it) is percent-encoded,
// which the DOI resolver reads back.
func bibDOI(d string) string {
	var b strings.Builder
	for i, r := range d {
		switch {
		case r == '{':
			b.WriteString("%7B")
		case r == '}':
			b.WriteString("%7D")
		case texCommand(d, i):
			b.WriteString(percent(r))
		case unicode.IsSpace(r) || isControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bibURL percent-encodes what BibTeX or a URL cannot hold.
// A backslash is encoded as in bibDOI: a style may print the url field
// outside \url{}, and browsers read "\" as "/" anyway.
func bibURL(u string) string {
	var b strings.Builder
	for i, r := range u {
		switch {
		case r == '{':
			b.WriteString("%7B")
		case r == '}':
			b.WriteString("%7D")
		case texCommand(u, i):
			b.WriteString(percent(r))
		case r == ' ':
			b.WriteString("%20")
		case unicode.IsSpace(r) || isControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// texCommand reports whether the character at s[i] would let TeX read a
// command: a backslash, or the first "^" of "^^", TeX's notation for any
// character ("^^5cinput" is "\input").
func texCommand(s string, i int) bool {
	return s[i] == '\\' || s[i] == '^' && i+1 < len(s) && s[i+1] == '^'
}

func percent(r rune) string { return fmt.Sprintf("%%%02X", r) }

// risText is one line of plain text: RIS reads a tag at the start of each
// line, so white space (line breaks included) is folded to single spaces and
// control characters shown as U+FFFD.
func risText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

// cslText writes Markdown as CSL-JSON rich text (<i>, <b>, <sup>, <sub>,
// and <span class="nocase"> for code), paragraphs joined by sep.
func cslText(s string) string { return cslParas(s, " ") }

func cslParas(s, sep string) string {
	return strings.Map(func(r rune) rune {
		if isControl(r) && r != '\n' {
			return utf8.RuneError
		}
		return r
	}, inline.CSL(s, sep))
}
