package format

import (
	"regexp"
	"strings"
)

// vagut's inline directives (<!-- vagut-disable-next-line VG023 -->) are
// for validate, not part of the record, so Print does not know them. keep
// puts each back where it was: a directive on a line of its own before the
// line that followed it, one at the end of a line at the end of that line.
// A directive it cannot place makes the file unformattable: fmt never drops
// one in silence.

const directiveStart = "<!-- vagut-"

func keepDirectives(src, out string) (string, bool) {
	if !strings.Contains(src, directiveStart) {
		return out, true
	}
	srcLines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	outLines := strings.Split(out, "\n")
	from := 0 // directives are placed in order: never before an earlier one
	for i, line := range srcLines {
		t := strings.TrimSpace(line)
		at := strings.Index(t, directiveStart)
		if at < 0 || !strings.HasSuffix(t, "-->") {
			continue
		}
		if at == 0 {
			// On its own line: before the next line that has text (other
			// directives on their own lines come along in order).
			next, blank := "", false
			for _, l := range srcLines[i+1:] {
				next = strings.TrimSpace(l)
				if next == "" {
					blank = true
					continue
				}
				if !(strings.HasPrefix(next, directiveStart) && strings.HasSuffix(next, "-->")) {
					break
				}
				next = ""
			}
			if next == "" { // nothing after it: it stays at the end, as a block
				end := len(outLines)
				if end > 0 && outLines[end-1] == "" {
					end-- // before the final newline
				}
				insert := []string{t}
				if end > 0 && strings.TrimSpace(outLines[end-1]) != "" && !strings.HasPrefix(strings.TrimSpace(outLines[end-1]), directiveStart) {
					insert = []string{"", t}
				}
				outLines = append(outLines[:end], append(insert, outLines[end:]...)...)
				from = end + len(insert)
				continue
			}
			j := find(outLines, from, next)
			if j < 0 {
				return "", false
			}
			insert := []string{t}
			if blank {
				insert = append(insert, "")
			}
			outLines = append(outLines[:j], append(insert, outLines[j:]...)...)
			from = j + 1
			continue
		}
		// At the end of a line of text (which fmt may have joined to the
		// line before: an entity item over two lines becomes one).
		j := findEnd(outLines, from, strings.TrimSpace(t[:at]))
		if j < 0 {
			return "", false
		}
		outLines[j] += " " + t[at:]
		from = j
	}
	return strings.Join(outLines, "\n"), true
}

// find is the first line at or after from that reads as want, bullets
// compared as "- "; else the first that starts with it (fmt joins the
// items of one entity category into one line).
func find(lines []string, from int, want string) int {
	want = bullet(want)
	for j := from; j < len(lines); j++ {
		if bullet(strings.TrimSpace(lines[j])) == want {
			return j
		}
	}
	for j := from; j < len(lines); j++ {
		if strings.HasPrefix(bullet(strings.TrimSpace(lines[j])), want) {
			return j
		}
	}
	return -1
}

// label matches the start of an entity item, "- **Genes:** ".
var label = regexp.MustCompile(`^[-*+] \*\*[^*]*:\*\* `)

// findEnd is the first line at or after from that ends with want.
func findEnd(lines []string, from int, want string) int {
	if j := find(lines, from, want); j >= 0 {
		return j
	}
	tail := label.ReplaceAllString(want, "")
	for j := from; j < len(lines); j++ {
		if strings.HasSuffix(strings.TrimSpace(lines[j]), tail) {
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
