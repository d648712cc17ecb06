// Package pubdate reads publication dates as people and databases write them
// ("2013-09", "24 May 2018", "2018 May 24") and keeps them at the precision
// written: a year, a month or a day, always in ISO form (YYYY, YYYY-MM,
// YYYY-MM-DD). A date is never made more precise than its source: PubMed
// gives month-only dates for many papers, and "2013-09-01" would be a lie.
package pubdate

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/vagut/vagut/internal/lazy"
)

// Forms lists the written forms Parse reads, for messages and help.
const Forms = "YYYY-MM-DD, YYYY-MM, YYYY, 24 May 2018, May 2018, 2018 May 24, 2018 May"

// Unreadable is the reason given for a date-like text in no form Parse reads.
const Unreadable = "is not in a form vagut reads: write YYYY-MM-DD, YYYY-MM or YYYY"

// months maps every accepted month spelling, lower case, to its number.
var months = lazy.Value[map[string]int]{New: func() map[string]int {
	return map[string]int{
		"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
		"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
		"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
		"nov": 11, "november": 11, "dec": 12, "december": 12,
	}
}}

// seasons are date words Parse cannot place at a month: a date holding one is
// date-like (so it is reported, not taken for a journal) but unreadable.
var seasons = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"spring": true, "summer": true, "autumn": true, "fall": true, "winter": true}
}}

// Error is a text that looks like a date but is not one vagut can place.
type Error struct {
	Text   string
	Reason string
}

func (e *Error) Error() string { return fmt.Sprintf("date %s %s", e.Text, e.Reason) }

type token struct {
	num   int    // for a number
	digit int    // number of digits; 0 for a word
	month int    // for a month word
	sep   string // the separators before this token, spaces dropped
}

// Looks reports whether s is written as a date, readable or not: up to six
// numbers, month or season names and the separators - / . , and space, with
// a four-digit year, or three numbers alone (14/05/23). A journal name never
// looks like a date.
func Looks(s string) bool {
	var buf [maxTokens + 1]token
	toks, ok := tokens(buf[:0], strings.TrimSpace(s))
	if !ok || len(toks) == 0 {
		return false
	}
	year, words := false, false
	for _, t := range toks {
		if t.digit == 4 {
			year = true
		}
		if t.digit == 0 {
			words = true
		}
	}
	if year {
		return true
	}
	// 14/05/23: three numbers alone read as a (bad) date too.
	return !words && len(toks) == 3
}

// Parse reads s and returns it in ISO form at the precision written. The
// error is an *Error when s looks like a date (see Looks) but is impossible
// (2013-13, 2013-02-30) or in a form vagut does not read (14/05/2023 is
// ambiguous; "2018 Spring" has no month); callers use Looks to tell a date
// gone wrong from some other text.
func Parse(s string) (string, error) {
	s = strings.TrimSpace(s)
	bad := func(reason string) (string, error) { return "", &Error{Text: s, Reason: reason} }
	unread := func() (string, error) {
		return bad(Unreadable)
	}
	var buf [maxTokens + 1]token
	toks, ok := tokens(buf[:0], s)
	if !ok || len(toks) == 0 || !Looks(s) {
		return bad("is not a date")
	}
	if len(toks) > 3 {
		return unread() // no form has more than a day, a month and a year
	}
	for _, t := range toks {
		if t.digit == 0 && t.month == 0 {
			return unread() // a season
		}
	}
	var y, m, d int
	shape := ""
	for _, t := range toks {
		switch {
		case t.month != 0:
			shape += "M"
		case t.digit == 4:
			shape += "Y"
		case t.digit <= 2:
			shape += "n"
		default:
			return unread()
		}
	}
	switch shape {
	case "Y":
		y = toks[0].num
	case "Yn", "Ynn":
		// ISO, or ISO with one-digit parts or / or . throughout: 2013/9/5.
		for _, t := range toks[1:] {
			if t.sep != toks[1].sep || t.sep != "-" && t.sep != "/" && t.sep != "." {
				return unread()
			}
		}
		y, m = toks[0].num, toks[1].num
		if len(toks) == 3 {
			d = toks[2].num
		}
	case "YM": // 2018 May
		y, m = toks[0].num, toks[1].month
	case "YMn": // 2018 May 24
		y, m, d = toks[0].num, toks[1].month, toks[2].num
	case "MY": // May 2018
		y, m = toks[1].num, toks[0].month
	case "nMY": // 24 May 2018
		y, m, d = toks[2].num, toks[1].month, toks[0].num
	case "MnY": // May 24, 2018
		y, m, d = toks[2].num, toks[0].month, toks[1].num
	default:
		return unread()
	}
	precision := len(toks)
	impossible := func() (string, error) { return bad("is not a real calendar date") }
	if y < 1000 {
		return impossible()
	}
	iso := fmt.Sprintf("%04d", y)
	if precision >= 2 {
		if m < 1 || m > 12 {
			return impossible()
		}
		iso += fmt.Sprintf("-%02d", m)
	}
	if precision == 3 {
		if d < 1 || time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() != d {
			return impossible()
		}
		iso += fmt.Sprintf("-%02d", d)
	}
	return iso, nil
}

// maxTokens bounds what can look like a date: "2018 May 24 - 2018 Jun 1" is
// the longest one people write; longer text is something else.
const maxTokens = 6

// tokens splits s into numbers and words; ok is false when s holds anything
// but ASCII digits, month or season names and the separators - / . , space,
// or more than maxTokens of them. The tokens are appended to out, which
// callers give room for maxTokens+1 on their stack: no allocation.
func tokens(out []token, s string) ([]token, bool) {
	sep := ""
	for i := 0; i < len(s); {
		if len(out) > maxTokens {
			return nil, false
		}
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j-i > 8 {
				return nil, false
			}
			n, _ := strconv.Atoi(s[i:j])
			out = append(out, token{num: n, digit: j - i, sep: sep})
			sep, i = "", j
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
				j++
			}
			// The letters are ASCII: lower them on the stack. No month or
			// season name is longer than lower holds.
			var lower [12]byte
			if j-i > len(lower) {
				return nil, false
			}
			for k := i; k < j; k++ {
				lower[k-i] = s[k] | 0x20
			}
			w := lower[:j-i]
			m, isMonth := months.Get()[string(w)]
			if !isMonth && !seasons.Get()[string(w)] {
				return nil, false
			}
			out = append(out, token{month: m, sep: sep})
			sep, i = "", j
		case c == ' ' || c == '\t':
			i++
		case c == '-' || c == '/' || c == '.' || c == ',':
			if len(sep) < 2 { // two are already wrong; more must not cost more
				sep += string(c)
			}
			i++
		default:
			return nil, false
		}
	}
	return out, len(out) <= maxTokens
}

// Bounds gives the first and last day, YYYY-MM-DD, of the period an ISO date
// of any precision covers: 2013-09 is 2013-09-01 to 2013-09-30.
func Bounds(iso string) (first, last string) {
	switch len(iso) {
	case 4:
		return iso + "-01-01", iso + "-12-31"
	case 7:
		t, err := time.Parse("2006-01", iso)
		if err != nil {
			return iso, iso
		}
		return iso + "-01", t.AddDate(0, 1, -1).Format("2006-01-02")
	}
	return iso, iso
}

// SortKey orders ISO dates of mixed precision: newest first is descending
// order of the key, and a partial date comes before the full dates of its
// period (2013 before 2013-12, 2013-09 before 2013-09-30), as its period
// reaches as late as any of them.
func SortKey(iso string) string {
	switch len(iso) {
	case 4:
		return iso + "-99-99"
	case 7:
		return iso + "-99"
	}
	return iso
}

// Parts splits an ISO date into its numbers, as CSL date-parts wants them:
// [2013 9] for 2013-09.
func Parts(iso string) []int {
	var out []int
	for _, p := range strings.Split(iso, "-") {
		n, err := strconv.Atoi(p)
		if err != nil {
			return out
		}
		out = append(out, n)
	}
	return out
}
