// Package names reads author names as people and databases write them:
// "Given Family", PubMed's "Family INITIALS" ("Yang S", "van der Poll T"),
// "Family, Given", particles, suffixes, group authors and "et al.".
//
// It is the one place that decides what an author is: the parser splits an
// Authors line with Split, and cite, the digest's citation line, --author and
// the citation keys read each written author with Parse.
package names

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/vagut/vagut/internal/lazy"
)

// Name is one author as well as its written form allows.
type Name struct {
	Given    string // "Tom", "J. M." (PubMed initials are spelled out: "JM" → "J. M.")
	Particle string // lower-case particle before the family name: "van der" (CSL non-dropping-particle)
	Family   string // "Poll", "Da Silva", "O'Brien"
	Suffix   string // "Jr.", "III"
	Literal  string // a group author, kept whole: "RECOVERY Collaborative Group"
}

// FullFamily is the family name with its particle: "van der Poll".
func (n Name) FullFamily() string {
	if n.Particle == "" {
		return n.Family
	}
	return n.Particle + " " + n.Family
}

// Display is the name as a reader expects it: "Tom van der Poll", "J. M. O'Brien Jr.",
// or the group's name.
func (n Name) Display() string {
	if n.Literal != "" {
		return n.Literal
	}
	parts := []string{}
	for _, p := range []string{n.Given, n.FullFamily(), n.Suffix} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// List is a paper's authors: the names, and whether the list ends in
// "et al." (more authors than written: CSL and BibTeX "others").
type List struct {
	Names  []Name
	Others bool
}

// ParseAll reads authors as the parser keeps them (one written author per string).
func ParseAll(authors []string) List {
	var l List
	for _, a := range authors {
		if IsOthers(a) {
			l.Others = true
			continue
		}
		if n, ok := Parse(a); ok {
			l.Names = append(l.Names, n)
		}
	}
	return l
}

// particles start a family name. Written in lower case they are CSL's
// non-dropping particle ("van der Poll"); capitalised ("Da Silva", "Van Gogh")
// they are part of the family name itself, as PubMed and BibTeX read them.
var particles = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"van": true, "von": true, "der": true, "den": true, "de": true, "del": true, "della": true, "dela": true,
		"di": true, "da": true, "das": true, "do": true, "dos": true, "du": true, "le": true, "la": true,
		"les": true, "ter": true, "ten": true, "te": true, "zu": true, "zum": true, "zur": true, "af": true,
		"al": true, "el": true, "bin": true, "ibn": true, "y": true, "'t": true, "van't": true, "d'": true,
	}
}}

// isParticle also takes "al-" written alone.
func isParticle(w string) bool {
	return particles.Get()[strings.ToLower(strings.TrimSuffix(w, "-"))]
}

// suffixes as written: "JR" or "V" alone are more likely initials.
var suffixes = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"Jr": true, "Jr.": true, "jr.": true, "Sr": true, "Sr.": true, "sr.": true, "II": true, "III": true,
		"IV": true, "2nd": true, "3rd": true, "4th": true,
	}
}}

func isSuffix(w string) bool { return suffixes.Get()[strings.TrimSuffix(w, ",")] }

// groupWords make a name an organisation, matched as whole words in any case.
var groupWords = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"group": true, "groups": true, "consortium": true, "consortia": true, "collaborative": true,
		"collaboration": true, "collaborators": true, "investigators": true, "network": true,
		"society": true, "committee": true, "team": true, "association": true, "alliance": true,
		"initiative": true, "council": true, "trialists": true, "organization": true,
		"organisation": true, "foundation": true, "institute": true, "registry": true,
		"federation": true, "college": true, "academy": true, "program": true, "programme": true,
		"centre": true, "center": true, "university": true, "hospital": true, "department": true,
		"force": true, "panel": true, "board": true, "working": true, "writing": true,
	}
}}

// IsGroup reports whether s names an organisation rather than a person:
// a group word ("ELSO Study Group", "REMAP-CAP Investigators") or a single
// acronym-like word ("ECMONet", "REVA").
func IsGroup(s string) bool {
	words := strings.Fields(s)
	for _, w := range words {
		if groupWords.Get()[strings.ToLower(strings.Trim(w, ".,;:()[]"))] {
			return true
		}
	}
	if len(words) == 1 {
		upper, lower := 0, 0
		for _, r := range words[0] {
			switch {
			case unicode.IsUpper(r):
				upper++
			case unicode.IsLower(r):
				lower++
			}
		}
		// "ECMONet", "REVA", "WHO"; not "McDonald" or "DeLuca".
		return upper >= 3 || upper >= 2 && lower == 0
	}
	return false
}

// IsOthers reports whether a written author is "et al." (or "and others"):
// a note that the list goes on, never an author.
func IsOthers(s string) bool {
	switch strings.ToLower(strings.Join(strings.Fields(s), " ")) {
	case "et al.", "et al", "et. al.", "et.al.", "et al..", "and others", "others", "and colleagues", "et alii", "…", "...":
		return true
	}
	return false
}

// initials reports whether w is written as initials: "S", "JM", "J.M.", "J.-C.", "J-C".
func initials(w string) bool {
	if w == "" {
		return false
	}
	letters, dots := 0, 0
	prev := rune(0)
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '.':
			if prev == '.' || prev == 0 {
				return false
			}
			dots++
		case r == '-':
			if prev == 0 || prev == '-' {
				return false
			}
		default:
			return false
		}
		prev = r
	}
	if prev == '-' {
		return false
	}
	// Without dots, up to three capitals ("JMK"); "SMITH" is a family name.
	return letters >= 1 && (dots > 0 || letters <= 3)
}

// spellInitials writes initials one letter at a time: "JM" → "J. M.",
// "J.-C." and "J-C" → "J.-C.", so that BibTeX and CSL abbreviate them right.
func spellInitials(w string) string {
	var b strings.Builder
	prev := rune(0)
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			if prev != 0 && prev != '-' {
				b.WriteString(" ")
			}
			b.WriteRune(r)
			b.WriteString(".")
		case r == '-':
			b.WriteString("-")
		}
		if r != '.' {
			prev = r
		}
	}
	return b.String()
}

// allInitials reports whether every word of a given name is initials.
func allInitials(words []string) bool {
	for _, w := range words {
		if !initials(w) {
			return false
		}
	}
	return len(words) > 0
}

func spellAll(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = spellInitials(w)
	}
	return strings.Join(out, " ")
}

// capitalised reports whether w reads as a name word: an upper-case first
// letter and some lower-case letter ("John", "O'Brien", "Jean-Charles", "McDonald").
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	lower := false
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsLetter(r) || unicode.IsMark(r) || r == '-' || r == '\'' || r == '’' || r == '.':
		default:
			return false
		}
	}
	return lower
}

// Parse reads one written author. ok is false for what is not an author:
// "et al.", a stray "and", nothing.
func Parse(s string) (Name, bool) {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimSuffix(strings.TrimSpace(s), ",")
	low := strings.ToLower(s)
	for _, and := range []string{"and ", "& "} {
		if strings.HasPrefix(low, and) {
			s, low = strings.TrimSpace(s[len(and):]), low[len(and):]
		}
	}
	if s == "" || low == "and" || s == "&" || IsOthers(s) {
		return Name{}, false
	}
	if IsGroup(s) {
		return Name{Literal: s}, true
	}
	// A note after the name: "Doe K (deceased)", "Smith J (corresponding author)".
	if i := strings.LastIndex(s, " ("); i > 0 && strings.HasSuffix(s, ")") && !strings.ContainsAny(s[i+2:len(s)-1], "()") {
		if IsGroup(strings.TrimSpace(s[:i])) { // "REVA (Réseau Européen de ...)"
			return Name{Literal: s}, true
		}
		s = strings.TrimSpace(s[:i])
	}
	if t := trimMarkers(s); t != "" {
		s = t
	}
	if strings.Contains(s, ",") {
		return inverted(s), true
	}
	words := strings.Fields(s)
	var suffix string
	// "John Smith Jr.", "Smith JM III"; but "Ivanov II" is a family name and initials.
	if len(words) > 2 && isSuffix(words[len(words)-1]) || len(words) == 2 && isSuffix(words[1]) && !initials(words[1]) {
		suffix, words = strings.TrimSuffix(words[len(words)-1], ","), words[:len(words)-1]
	}
	if len(words) == 1 {
		return Name{Family: words[0], Suffix: suffix}, true
	}
	// Chinese, Japanese and Korean names in their own scripts are written
	// family name first: "李 小龙", "山田 太郎", "김 민수".
	if len(words) == 2 && suffix == "" && eastAsian(s) {
		return Name{Family: words[0], Given: words[1]}, true
	}
	// PubMed: "Yang S", "van der Poll T", "Da Silva D", "O'Brien JM", "Smith J.-C.".
	last := words[len(words)-1]
	if initials(last) && !allInitials(words[:len(words)-1]) {
		g := len(words) - 1
		n := Name{Given: spellAll(words[g:]), Suffix: suffix}
		n.Particle, n.Family = splitParticle(words[:g])
		return n, true
	}
	// "Given Family": the family name is the last word with the particles before it.
	start := len(words) - 1
	for start > 1 && isParticle(words[start-1]) {
		start--
	}
	given := words[:start]
	n := Name{Suffix: suffix}
	if allInitials(given) {
		n.Given = spellAll(given)
	} else {
		n.Given = strings.Join(given, " ")
	}
	n.Particle, n.Family = splitParticle(words[start:])
	return n, true
}

// markers are what journals print after an author's name and people copy
// with it: affiliation numbers ("Omar A1,2", "Doe K¹"), the corresponding
// author's "*", and "†", "‡", "§", "¶", "#" notes. No name ends in them.
const markers = "0123456789,*†‡§¶#⁰¹²³⁴⁵⁶⁷⁸⁹"

// trimMarkers removes markers written straight after the last letter of a
// name: "Doe K1,2*" → "Doe K"; "Smith JB 2nd" and "Study Group 2" keep theirs.
func trimMarkers(s string) string {
	t := strings.TrimRight(s, markers)
	if t == s || t == "" {
		return s
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	if !unicode.IsLetter(r) && r != '.' {
		return s
	}
	return t
}

// isMarkers: an item of nothing but markers, the rest of "Omar A1,2".
func isMarkers(s string) bool { return s != "" && strings.Trim(s, markers+" ") == "" }

// eastAsian reports whether every letter of s is Han, Hiragana, Katakana or Hangul.
func eastAsian(s string) bool {
	letters := 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		if !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return false
		}
		letters++
	}
	return letters > 0
}

// splitParticle takes the lower-case particles off the front of a family
// name: "van der Poll" → "van der", "Poll"; "Da Silva" stays whole.
func splitParticle(words []string) (particle, family string) {
	i := 0
	for i < len(words)-1 && isParticle(words[i]) && isLowerWord(words[i]) {
		i++
	}
	return strings.Join(words[:i], " "), strings.Join(words[i:], " ")
}

func isLowerWord(w string) bool { return strings.ToLower(w) == w }

// inverted reads "Family, Given", "Family, Given, Jr." and BibTeX's
// "Family, Jr., Given"; trailing particles of the given name ("Beethoven,
// Ludwig van") belong to the family name.
func inverted(s string) Name {
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	fam := strings.Fields(parts[0])
	var n Name
	if len(fam) > 1 && isSuffix(fam[len(fam)-1]) {
		n.Suffix, fam = fam[len(fam)-1], fam[:len(fam)-1]
	}
	given := ""
	switch {
	case len(parts) >= 3 && isSuffix(parts[1]):
		n.Suffix, given = parts[1], strings.Join(parts[2:], ", ")
	case len(parts) >= 3 && isSuffix(parts[len(parts)-1]):
		n.Suffix, given = parts[len(parts)-1], strings.Join(parts[1:len(parts)-1], ", ")
	default:
		given = strings.Join(parts[1:], ", ")
	}
	gw := strings.Fields(given)
	var trailing []string
	for len(gw) > 0 && isParticle(gw[len(gw)-1]) && isLowerWord(gw[len(gw)-1]) {
		trailing = append([]string{gw[len(gw)-1]}, trailing...)
		gw = gw[:len(gw)-1]
	}
	if allInitials(gw) {
		n.Given = spellAll(gw)
	} else {
		n.Given = strings.Join(gw, " ")
	}
	n.Particle, n.Family = splitParticle(append(trailing, fam...))
	if n.Family == "" && n.Particle != "" {
		n.Family, n.Particle = n.Particle, ""
	}
	return n
}

// Split cuts an Authors line (its continuation lines joined by "\n") into
// written authors. Authors are separated by semicolons when there is one,
// else by commas, and by a line break; "Smith, John" and "Smith, John, Doe,
// Jane" (every pair a family name and a given name) are inverted names, not
// two or four authors; a stray "and" goes; "Smith J et al." is two entries,
// the second "et al.".
func Split(text string) []string {
	sep := ","
	if strings.Contains(text, ";") {
		sep = ";"
	}
	var items []string
	for _, line := range strings.Split(text, "\n") {
		for _, it := range strings.Split(line, sep) {
			// "Smith, John,; Doe, Jane": a comma at either end separates nothing.
			for _, a := range andSplit(strings.Trim(it, ", \t")) {
				if a = strings.Trim(a, ", "); a != "" {
					items = append(items, a)
				}
			}
		}
	}
	// "Omar A1,2, Smith B3": the "2" after the comma is the rest of the
	// first author's affiliation numbers, not an author.
	merged := items[:0]
	for _, it := range items {
		if n := len(merged); n > 0 && sep == "," && isMarkers(it) && strings.TrimRight(merged[n-1], markers) != merged[n-1] {
			merged[n-1] += "," + it
			continue
		}
		merged = append(merged, it)
	}
	items = merged
	// "et al." at the end of an item: "Smith J et al."
	var out []string
	for _, it := range items {
		w := strings.Fields(it)
		if len(w) > 2 && IsOthers(strings.Join(w[len(w)-2:], " ")) {
			// "Smith, John, et al." in a list separated by semicolons: the
			// comma before "et al." separates, it is not the name's.
			out = append(out, strings.TrimRight(strings.Join(w[:len(w)-2], " "), ", "), strings.Join(w[len(w)-2:], " "))
			continue
		}
		out = append(out, it)
	}
	if sep == "," {
		out = pairInverted(out)
	}
	return out
}

// andSplit drops a stray "and" and splits "Smith J and Doe K" when what comes
// before "and" is a person (not "Society of Surgery and Medicine").
func andSplit(item string) []string {
	words := strings.Fields(item)
	var out []string
	start := 0
	flush := func(end int) {
		if end > start {
			out = append(out, strings.Join(words[start:end], " "))
		}
	}
	for i, w := range words {
		if w != "and" && w != "&" {
			continue
		}
		if i == start { // a stray leading "and"
			start = i + 1
			continue
		}
		left := strings.Join(words[start:i], " ")
		if i-start >= 2 && !IsGroup(left) && i+1 < len(words) && !IsOthers(strings.Join(words[i:], " ")) {
			flush(i)
			start = i + 1
		}
	}
	flush(len(words))
	return out
}

// pairInverted joins comma-separated items that are all "Family, Given" pairs.
func pairInverted(items []string) []string {
	persons := items
	var tail []string
	for len(persons) > 0 && IsOthers(persons[len(persons)-1]) {
		tail = append([]string{persons[len(persons)-1]}, tail...)
		persons = persons[:len(persons)-1]
	}
	if len(persons) < 2 || len(persons)%2 != 0 {
		return items
	}
	for i := 0; i < len(persons); i += 2 {
		if !familyLike(persons[i]) || !givenLike(persons[i+1]) {
			return items
		}
	}
	var out []string
	for i := 0; i < len(persons); i += 2 {
		out = append(out, persons[i]+", "+persons[i+1])
	}
	return append(out, tail...)
}

// familyLike: particles, then one name word, optionally a suffix ("van der Poll", "Smith Jr").
func familyLike(s string) bool {
	w := strings.Fields(s)
	if len(w) > 1 && isSuffix(w[len(w)-1]) {
		w = w[:len(w)-1]
	}
	if len(w) == 0 || IsGroup(s) {
		return false
	}
	for _, p := range w[:len(w)-1] {
		if !isParticle(p) {
			return false
		}
	}
	return capitalised(w[len(w)-1])
}

// givenLike: up to four name words or initials, lower-case particles at the
// end ("Ludwig van"), or a suffix.
func givenLike(s string) bool {
	w := strings.Fields(s)
	if len(w) == 0 || len(w) > 4 || IsGroup(s) {
		return false
	}
	if len(w) == 1 && isSuffix(w[0]) {
		return false
	}
	for i, x := range w {
		if initials(x) || capitalised(x) || i > 0 && isParticle(x) && isLowerWord(x) {
			continue
		}
		return false
	}
	return true
}

// Join writes authors back as one Authors line that Split reads as the same
// list: comma-separated when that is unambiguous, else semicolon-separated.
func Join(authors []string) string {
	// Names written "Family, Given" are joined by semicolons even where
	// commas would read back the same: a person sees four names in
	// "Smith, John, Doe, Jane", two in "Smith, John; Doe, Jane".
	if len(authors) > 1 && slices.ContainsFunc(authors, func(a string) bool { return strings.Contains(a, ",") }) {
		if s := strings.Join(authors, "; "); same(Split(s), authors) {
			return s
		}
	}
	s := strings.Join(authors, ", ")
	if same(Split(s), authors) {
		return s
	}
	s = strings.Join(authors, "; ")
	if len(authors) == 1 {
		s += ";" // one author with a comma that is not "Family, Given": keep it one
	}
	return s
}

func same(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Fold is s in lower case without accents, for matching: "Ødegaard" → "odegaard".
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if special, ok := folds.Get()[r]; ok {
			b.WriteString(special)
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// folds are the letters NFKD does not take apart.
var folds = lazy.Value[map[rune]string]{New: func() map[rune]string {
	return map[rune]string{
		'Ø': "o", 'ø': "o", 'Æ': "ae", 'æ': "ae", 'Œ': "oe", 'œ': "oe", 'ß': "ss", 'Ł': "l", 'ł': "l",
		'Đ': "d", 'đ': "d", 'Þ': "th", 'þ': "th", 'ı': "i",
	}
}}

// ASCII folds to lower-case ASCII letters and digits, for citation keys:
// "van der Poll" → "vanderpoll", "Ødegaard" → "odegaard".
func ASCII(s string) string {
	var b strings.Builder
	for _, r := range Fold(s) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Match reports whether query names one of the authors: a case- and
// accent-insensitive substring of an author as written, as "Given Family" or
// as "Family Given" ("Yang", "S Yang", "yang s", "odegaard", "van der poll").
// "et al." matches nothing.
func Match(authors []string, query string) bool {
	undot := strings.NewReplacer(".", " ")
	q := strings.Join(strings.Fields(undot.Replace(Fold(query))), " ")
	if q == "" {
		return true
	}
	for _, a := range authors {
		n, ok := Parse(a)
		if !ok || IsOthers(a) {
			continue
		}
		forms := []string{a, n.Display(), n.FullFamily() + " " + n.Given, n.FullFamily() + ", " + n.Given,
			n.FullFamily() + " " + strings.NewReplacer(".", "", " ", "").Replace(n.Given)}
		for _, f := range forms {
			if strings.Contains(strings.Join(strings.Fields(undot.Replace(Fold(f))), " "), q) {
				return true
			}
		}
	}
	return false
}
