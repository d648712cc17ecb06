package refs

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/vagut/vagut/internal/lazy"
)

var dotless = strings.NewReplacer("ı", "i", "ȷ", "j")

// accents are LaTeX's accent commands as combining marks.
var accents = lazy.Value[map[string]rune]{New: func() map[string]rune {
	return map[string]rune{
		`"`: '\u0308', `'`: '\u0301', "`": '\u0300', "^": '\u0302', "~": '\u0303', "=": '\u0304', ".": '\u0307',
		"u": '\u0306', "v": '\u030C', "H": '\u030B', "c": '\u0327', "k": '\u0328', "r": '\u030A', "d": '\u0323', "b": '\u0331',
	}
}}

// letters are LaTeX's commands for letters and symbols.
var letters = lazy.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{
		"o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "ss": "ß",
		"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "textbackslash": `\`, "textasciitilde": "~", "textasciicircum": "^",
		"textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘", "textdegree": "°",
		"textregistered": "®", "texttrademark": "™", "copyright": "©", "S": "§", "P": "¶", "dag": "†", "ldots": "…",
		"dots": "…", "textellipsis": "…", "textbar": "|", "textless": "<", "textgreater": ">", "textunderscore": "_",
		"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "kappa": "κ", "lambda": "λ",
		"mu": "μ", "pi": "π", "sigma": "σ", "tau": "τ", "omega": "ω", "Delta": "Δ", "Omega": "Ω", "pm": "±", "times": "×",
	}
}}

// styles are LaTeX's text styles as the summary's inline Markdown.
var styles = lazy.Value[map[string][2]string]{New: func() map[string][2]string {
	return map[string][2]string{
		"textit": {"*", "*"}, "emph": {"*", "*"}, "textsl": {"*", "*"}, "mathit": {"*", "*"},
		"textbf": {"**", "**"}, "mathbf": {"**", "**"},
		"textsuperscript": {"<sup>", "</sup>"}, "textsubscript": {"<sub>", "</sub>"},
		"texttt": {"`", "`"}, "textrm": {"", ""}, "textsc": {"", ""}, "textup": {"", ""}, "textnormal": {"", ""},
		"mbox": {"", ""}, "text": {"", ""}, "url": {"", ""}, "nocase": {"", ""},
	}
}}

// fromLaTeX turns a BibTeX value into the summary's text: accents and
// symbols to Unicode, text styles to inline Markdown, case-protecting
// braces dropped, Markdown's own characters in the text escaped. It works
// in one pass with a stack of closers: no recursion, whatever the nesting.
func fromLaTeX(s string) string {
	var b strings.Builder
	var closers []string
	var pending rune // an accent waiting for its letter
	emit := func(t string) {
		if pending != 0 {
			// \'\i is an accented i: the dotless i is only there for the accent.
			t = dotless.Replace(t)
		}
		b.WriteString(t)
		if pending != 0 && t != "" {
			b.WriteRune(pending)
			pending = 0
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '{':
			closers = append(closers, "")
			i++
			continue
		case '}':
			if n := len(closers); n > 0 {
				b.WriteString(closers[n-1])
				closers = closers[:n-1]
			}
			i++
			continue
		case '$':
			i++ // math: its text kept, the switch dropped
			continue
		case '~':
			emit(" ")
			i++
			continue
		case '\\':
			i++
			if i >= len(s) {
				emit(`\\`)
				continue
			}
			// A command: letters, or one other character.
			j := i
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
				j++
			}
			if j == i {
				j = i + 1
			}
			cmd := s[i:j]
			i = j
			if mark, ok := accents.Get()[cmd]; ok {
				for i < len(s) && s[i] == ' ' && len(cmd) > 1 {
					i++
				}
				pending = mark
				continue
			}
			if len(cmd) > 1 || cmd[0] >= 'A' && cmd[0] <= 'z' && unicode.IsLetter(rune(cmd[0])) {
				// A command word eats the spaces after it.
				for i < len(s) && s[i] == ' ' {
					i++
				}
			}
			if st, ok := styles.Get()[cmd]; ok && i < len(s) && s[i] == '{' {
				emit(st[0])
				closers = append(closers, st[1])
				i++
				continue
			}
			if l, ok := letters.Get()[cmd]; ok {
				if i+1 < len(s) && s[i] == '{' && s[i+1] == '}' {
					i += 2
				}
				emit(markdownEscape(l))
				continue
			}
			switch cmd {
			case "&", "%", "$", "#", "_", "{", "}", " ", ",", ";", "!", "-", "/":
				switch cmd {
				case ",", ";", "!", " ":
					emit(" ")
				case "-", "/":
				default:
					emit(markdownEscape(cmd))
				}
				continue
			case "\\":
				emit(" ")
				continue
			}
			// An unknown command: its name is kept as text, so nothing goes.
			emit(markdownEscape(`\` + cmd))
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		emit(markdownEscape(string(r)))
	}
	return norm.NFC.String(strings.Join(strings.Fields(b.String()), " "))
}

// markdownEscape escapes the characters that would act as inline Markdown
// in the summary: text from a record is text.
func markdownEscape(t string) string {
	switch t {
	case "*", "_", "`", `\`, "<":
		return `\` + t
	}
	return t
}
