package format

import (
	"strings"

	"github.com/vagut/vagut/internal/lazy"
)

// vagut's inline directives (<!-- vagut-disable-next-line VG023 -->) are
// for validate, not part of the record, so Print does not know them.
// keepDirectives puts each back where it was: a directive on a line of its
// own before the line that followed it, one at the end of a line at the end
// of that line (fmt may have joined that line to the one before: the items
// of one entity category become one line). Directives are placed in order,
// each at or after the one before, in one pass over the lines. One it cannot
// place makes the file unformattable: fmt never drops one in silence.

const directiveStart = "<!-- vagut-"

// label matches the start of an entity item, "- **Genes:** ".
var label = lazy.Regexp{Expr: `^[-*+] \*\*[^*]*:\*\* `}

func isDirectiveLine(t string) bool {
	return strings.HasPrefix(t, directiveStart) && strings.HasSuffix(t, "-->")
}

func keepDirectives(src, out string) (string, bool) {
	if !strings.Contains(src, directiveStart) {
		return out, true
	}
	srcLines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	outLines := strings.Split(out, "\n")
	end := len(outLines)
	if end > 0 && outLines[end-1] == "" {
		end-- // the final newline
	}
	before := make([][]string, end) // output line -> lines to insert before it
	after := make([]string, end)    // output line -> directives to append to it
	// nextText[i]: the first line after i with text that is no directive
	// line ("" at the end), found in one backward pass.
	nextText := make([]string, len(srcLines)+1)
	for i := len(srcLines) - 1; i >= 0; i-- {
		nextText[i] = nextText[i+1]
		if i+1 < len(srcLines) {
			if t := strings.TrimSpace(srcLines[i+1]); t != "" && !isDirectiveLine(t) {
				nextText[i] = t
			}
		}
	}
	var atEnd []string
	from := 0
	for i, line := range srcLines {
		t := strings.TrimSpace(line)
		at := strings.Index(t, directiveStart)
		if at < 0 || !strings.HasSuffix(t, "-->") {
			continue
		}
		if at == 0 {
			next := nextText[i]
			blank := i+1 < len(srcLines) && strings.TrimSpace(srcLines[i+1]) == ""
			if next == "" { // nothing after it: it stays at the end
				atEnd = append(atEnd, t)
				from = end
				continue
			}
			j := scanFrom(outLines[:end], from, func(l string) bool { return strings.HasPrefix(l, bullet(next)) })
			if j < 0 {
				return "", false
			}
			before[j] = append(before[j], t)
			if blank {
				before[j] = append(before[j], "")
			}
			from = j
			continue
		}
		text := bullet(strings.TrimSpace(t[:at]))
		tail := label.Get().ReplaceAllString(text, "")
		j := scanFrom(outLines[:end], from, func(l string) bool { return l == text || strings.HasSuffix(l, tail) })
		if j < 0 {
			return "", false
		}
		after[j] += " " + t[at:]
		from = j
	}
	var b strings.Builder
	for j, l := range outLines[:end] {
		for _, d := range before[j] {
			b.WriteString(d + "\n")
		}
		b.WriteString(l + after[j] + "\n")
	}
	if len(atEnd) > 0 {
		if end > 0 && !isDirectiveLine(strings.TrimSpace(outLines[end-1])) && strings.TrimSpace(outLines[end-1]) != "" {
			b.WriteString("\n")
		}
		b.WriteString(strings.Join(atEnd, "\n") + "\n")
	}
	s := b.String()
	if end == len(outLines) { // out had no final newline
		s = strings.TrimSuffix(s, "\n")
	}
	return s, true
}

// scanFrom is the first line at or after from that ok accepts, bullets read as "- ".
func scanFrom(lines []string, from int, ok func(string) bool) int {
	for j := from; j < len(lines); j++ {
		if ok(bullet(strings.TrimSpace(lines[j]))) {
			return j
		}
	}
	return -1
}

func bullet(s string) string {
	for _, b := range []string{"* ", "+ "} {
		if strings.HasPrefix(s, b) {
			return "- " + s[2:]
		}
	}
	return s
}
