package validate

import (
	"bytes"
	"strings"

	"github.com/vagut/vagut/internal/lazy"
)

// Inline is what a file's own comments turn off, as markdownlint's do:
//
//	<!-- vagut-disable VG006 -->            rules off for the whole file
//	<!-- vagut-disable -->                  every rule off for the whole file
//	<!-- vagut-disable-next-line VG023 -->  rules off for the line below
//	<!-- vagut-disable-line VG023 -->       rules off for this line
//
// Rules are named by id or name (VG023, invalid-id), separated by spaces or
// commas. vagut-disable-file is the same as vagut-disable. Comments inside
// fenced code blocks are text, not directives.
type Inline struct {
	file  map[string]bool         // rule id, or "*" for all
	lines map[int]map[string]bool // line -> rule id, or "*"
}

// Off reports whether a comment turns d off.
func (in *Inline) Off(d Diagnostic) bool {
	if in == nil || d.Rule == nil {
		return false
	}
	if in.file["*"] || in.file[d.Rule.ID] {
		return true
	}
	l := in.lines[d.Line]
	return l["*"] || l[d.Rule.ID]
}

var directive = lazy.Regexp{Expr: `<!--\s*vagut-([a-z-]*)((?:[^-]|-[^-])*)-->`}

// inline reads the directives of a file; c reports a directive or rule it
// does not know (VG050), at its line.
func (c *checker) inline(raw []byte) *Inline {
	if !bytes.Contains(raw, []byte("vagut-")) {
		// No directive on any line: skip splitting the file into lines.
		return &Inline{}
	}
	in := &Inline{file: map[string]bool{}, lines: map[int]map[string]bool{}}
	fence := ""
	for i, line := range bytes.Split(raw, []byte{'\n'}) {
		n := i + 1
		text := strings.TrimRight(string(line), "\r")
		trimmed := strings.TrimLeft(text, " ")
		if f := fenceOf(trimmed); f != "" {
			switch {
			case fence == "":
				fence = f
			case strings.HasPrefix(f, fence[:1]) && len(f) >= len(fence) && strings.TrimSpace(trimmed[len(f):]) == "":
				fence = ""
			}
			continue
		}
		if fence != "" || !strings.Contains(text, "vagut-") {
			continue
		}
		for _, m := range directive.Get().FindAllStringSubmatchIndex(text, -1) {
			verb, args := text[m[2]:m[3]], text[m[4]:m[5]]
			var target map[string]bool
			switch verb {
			case "disable", "disable-file":
				target = in.file
			case "disable-next-line", "disable-line":
				at := n
				if verb == "disable-next-line" {
					at = n + 1
				}
				if in.lines[at] == nil {
					in.lines[at] = map[string]bool{}
				}
				target = in.lines[at]
			default:
				c.add("VG050", n, m[0]+1, "unknown directive vagut-%s (want vagut-disable, vagut-disable-line or vagut-disable-next-line)", verb)
				continue
			}
			ids := strings.FieldsFunc(args, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
			if len(ids) == 0 {
				target["*"] = true
			}
			for _, id := range ids {
				r, ok := Lookup(id)
				if !ok {
					c.add("VG050", n, m[0]+1, "vagut-%s: unknown rule %q (see vagut rules)", verb, id)
					continue
				}
				target[r.ID] = true
			}
		}
	}
	return in
}

// fenceOf returns the ``` or ~~~ run that opens or closes a code block.
func fenceOf(s string) string {
	for _, ch := range []string{"`", "~"} {
		if strings.HasPrefix(s, strings.Repeat(ch, 3)) {
			return s[:len(s)-len(strings.TrimLeft(s, ch))]
		}
	}
	return ""
}

// Silence drops the diagnostics that a file's comments turn off; inline
// holds each file's directives by path (Result.Inline).
func Silence(ds []Diagnostic, inline map[string]*Inline) []Diagnostic {
	out := ds[:0]
	for _, d := range ds {
		if !inline[d.Path].Off(d) {
			out = append(out, d)
		}
	}
	return out
}

// Empty reports whether in turns nothing off: validate keeps only the
// others, so that its memory does not grow with the files.
func (in *Inline) Empty() bool { return in == nil || len(in.file) == 0 && len(in.lines) == 0 }
