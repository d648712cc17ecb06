// Package refs reads citation records (BibTeX, CSL-JSON, RIS) into the
// metadata of new summaries, with the name and date rules of the rest of
// vagut, so that `vagut cite` → `vagut new --from` → `vagut cite` gives the
// same entries.
package refs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/vagut/vagut/internal/draft"
	"github.com/vagut/vagut/internal/lazy"
	"github.com/vagut/vagut/internal/names"
	"github.com/vagut/vagut/internal/parse"
)

// Formats are the record formats, as --from's file extension or content gives them.
var Formats = []string{"bibtex", "csljson", "ris"}

// Entry is one record and where it starts.
type Entry struct {
	Record draft.Record
	Line   int // 0 when the format has no lines to speak of (CSL-JSON: the item's index is used)
	Index  int // 1-based position in the file
}

// Result is what a file gave: the entries, and the fields read but not
// used by a summary (pages, volume, ...), named once per file.
type Result struct {
	Format  string
	Entries []Entry
	Unused  []string
}

// Detect names the format of a file from its extension, else its content.
func Detect(path string, src []byte) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".bib", ".bibtex":
		return "bibtex"
	case ".json", ".csljson":
		return "csljson"
	case ".ris":
		return "ris"
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case len(t) > 0 && (t[0] == '[' || t[0] == '{'):
		return "csljson"
	case bytes.HasPrefix(t, []byte("TY  -")):
		return "ris"
	case bytes.IndexByte(t, '@') >= 0:
		return "bibtex"
	}
	return ""
}

// Read reads src in format.
func Read(format string, src []byte) (Result, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	switch format {
	case "bibtex":
		return readBib(string(src))
	case "csljson":
		return readCSL(src)
	case "ris":
		return readRIS(string(src))
	}
	return Result{}, fmt.Errorf("unknown record format %q (want %s)", format, strings.Join(Formats, ", "))
}

// name is an author as a record gives it.
type name struct {
	given, family, suffix, literal string
}

// written is the author as the summary writes it, read back by vagut's one
// name parser (internal/names) to the same given and family names: "Given
// Family" where that reads right ("Lena Hoffmann", "Tom van der Poll"),
// else "Family, Given" ("Da Silva, Daniel"), which says which is which.
func (n name) written() string {
	if n.literal != "" {
		return n.literal
	}
	if n.given == "" {
		return strings.TrimSpace(n.family + " " + n.suffix)
	}
	natural := strings.TrimSpace(n.given + " " + n.family + " " + n.suffix)
	inverted := n.family + ", " + n.given
	if n.suffix != "" {
		inverted += ", " + n.suffix
	}
	if n.reads(natural) {
		return natural
	}
	return inverted
}

// reads reports whether names.Parse reads s as n.
func (n name) reads(s string) bool {
	got, ok := names.Parse(s)
	return ok && got.Literal == "" && loose(got.Given) == loose(n.given) &&
		got.FullFamily() == n.family && got.Suffix == n.suffix
}

// loose compares given names as initials are spelled either way: "JM", "J. M.", "J.M.".
func loose(s string) string { return looseRepl.Replace(s) }

var looseRepl = strings.NewReplacer(".", "", " ", "")

func unused(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// --- BibTeX

var bibUsed = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"title": true, "author": true, "journal": true, "journaltitle": true, "year": true,
		"month": true, "day": true, "date": true, "doi": true, "url": true, "abstract": true, "pmcid": true,
		"howpublished": true, "eprinttype": true, "archiveprefix": true, "eprint": true, "pmid": true}
}}

func readBib(src string) (Result, error) {
	entries, err := parseBibTeX(src)
	if err != nil {
		return Result{}, err
	}
	res := Result{Format: "bibtex"}
	notUsed := map[string]bool{}
	for i, e := range entries {
		f := func(k string) string { return fromLaTeX(e.fields[k]) }
		r := draft.Record{Key: e.key, Title: f("title"), DOI: plainField(e.fields["doi"]), URL: plainField(e.fields["url"]),
			Abstract: paragraphs(e.fields["abstract"], fromLaTeX), PMCID: plainField(e.fields["pmcid"])}
		r.Journal = f("journal")
		if r.Journal == "" {
			r.Journal = f("journaltitle")
		}
		if e.typ == "misc" || e.typ == "online" || e.typ == "unpublished" {
			r.Source = f("howpublished")
			// @misc{howpublished = {\url{...}}} is BibTeX's way to give a URL.
			if hp := plainField(strings.TrimPrefix(strings.TrimSpace(e.fields["howpublished"]), `\url`)); strings.HasPrefix(hp, "http://") || strings.HasPrefix(hp, "https://") {
				r.Source = ""
				if r.URL == "" {
					r.URL = hp
				}
			}
			if r.Source == "" && (strings.EqualFold(e.fields["archiveprefix"], "arxiv") || strings.EqualFold(e.fields["eprinttype"], "arxiv")) {
				r.Source = "arXiv"
			}
		}
		r.Date = plainField(e.fields["date"])
		if r.Date == "" {
			r.Date = isoDate(plainField(e.fields["year"]), monthNumber(plainField(e.fields["month"])), plainField(e.fields["day"]))
		}
		for _, raw := range splitNames(e.fields["author"]) {
			if strings.EqualFold(raw, "others") {
				r.Authors = append(r.Authors, "et al.")
				continue
			}
			r.Authors = append(r.Authors, bibName(raw).written())
		}
		for _, k := range e.order {
			if !bibUsed.Get()[k] {
				notUsed[k] = true
			}
		}
		res.Entries = append(res.Entries, Entry{Record: r, Line: e.line, Index: i + 1})
	}
	res.Unused = unused(notUsed)
	return res, nil
}

// plainField is a value that is no text (a DOI, a URL, a date): braces and
// the escapes of LaTeX's special characters taken off, nothing else.
func plainField(s string) string { return strings.TrimSpace(plainEscapes.Replace(s)) }

var plainEscapes = strings.NewReplacer(`\_`, "_", `\&`, "&", `\%`, "%", `\#`, "#", `\$`, "$", `\{`, "{", `\}`, "}",
	`\textasciitilde{}`, "~", `\textbackslash{}`, `\`, "{", "", "}", "")

// bibName reads one BibTeX name: "First von Last", "von Last, First" or
// "von Last, Jr, First"; a name wholly in braces is an organisation.
func bibName(raw string) name {
	raw = strings.TrimSpace(raw)
	if strings.HasPrefix(raw, "{") && strings.HasSuffix(raw, "}") && braceClosesAt(raw) == len(raw)-1 {
		return name{literal: fromLaTeX(raw)}
	}
	parts := commaParts(raw)
	switch len(parts) {
	case 1:
		words := bibWords(parts[0])
		if len(words) == 1 {
			return name{family: fromLaTeX(words[0])}
		}
		// The family name is the last word and the lower-case words before it.
		start := len(words) - 1
		for start > 1 && startsLower(words[start-1]) {
			start--
		}
		first := 0
		for first < start && !startsLower(words[first]) {
			first++
		}
		if first < start {
			start = first // "Ludwig van Beethoven": the first lower-case word starts it
		}
		return name{given: fromLaTeX(strings.Join(words[:start], " ")), family: fromLaTeX(strings.Join(words[start:], " "))}
	case 2:
		return name{family: fromLaTeX(parts[0]), given: fromLaTeX(parts[1])}
	default:
		return name{family: fromLaTeX(parts[0]), suffix: fromLaTeX(parts[1]), given: fromLaTeX(strings.Join(parts[2:], " "))}
	}
}

// braceClosesAt is where the brace opening s closes.
func braceClosesAt(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func bibWords(s string) []string {
	var out []string
	depth, start := 0, -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || depth == 0 && isSpace(s[i]) {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		}
	}
	return out
}

func startsLower(w string) bool {
	w = strings.TrimLeft(w, "{")
	return w != "" && w[0] >= 'a' && w[0] <= 'z'
}

var monthNames = lazy.Value[map[string]int]{New: func() map[string]int {
	return map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
		"august": 8, "september": 9, "october": 10, "november": 11, "december": 12}
}}

func monthNumber(m string) string {
	m = strings.ToLower(strings.TrimSpace(m))
	if m == "" {
		return ""
	}
	if n, err := strconv.Atoi(m); err == nil {
		return strconv.Itoa(n)
	}
	for full, n := range monthNames.Get() {
		if len(m) >= 3 && strings.HasPrefix(full, strings.TrimSuffix(m, ".")) {
			return strconv.Itoa(n)
		}
	}
	return m // kept, so that the date is named as not read
}

// isoDate writes year, month and day as an ISO date at the precision given;
// what is not a number is kept as written, for pubdate to name.
func isoDate(year, month, day string) string {
	if year == "" {
		return ""
	}
	if month == "" {
		return year
	}
	pad := func(s string) string {
		if n, err := strconv.Atoi(s); err == nil && n >= 0 && n < 100 {
			return fmt.Sprintf("%02d", n)
		}
		return s
	}
	if day == "" {
		return year + "-" + pad(month)
	}
	return year + "-" + pad(month) + "-" + pad(day)
}

// --- CSL-JSON

type cslName struct {
	Family   string `json:"family"`
	Given    string `json:"given"`
	Suffix   string `json:"suffix"`
	Literal  string `json:"literal"`
	NDP      string `json:"non-dropping-particle"`
	DP       string `json:"dropping-particle"`
	Particle string `json:"particle"`
}

type cslDate struct {
	DateParts [][]json.RawMessage `json:"date-parts"`
	Raw       string              `json:"raw"`
	Literal   string              `json:"literal"`
}

type cslItem struct {
	ID             json.RawMessage `json:"id"`
	Type           string          `json:"type"`
	Title          string          `json:"title"`
	Author         []cslName       `json:"author"`
	ContainerTitle json.RawMessage `json:"container-title"`
	Publisher      string          `json:"publisher"`
	Issued         *cslDate        `json:"issued"`
	DOI            string          `json:"DOI"`
	URL            string          `json:"URL"`
	PMCID          string          `json:"PMCID"`
	Abstract       string          `json:"abstract"`
}

var cslUsed = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"id": true, "type": true, "title": true, "author": true, "container-title": true,
		"publisher": true, "issued": true, "DOI": true, "URL": true, "PMCID": true, "abstract": true}
}}

func readCSL(src []byte) (Result, error) {
	src = bytes.TrimSpace(src)
	var raws []json.RawMessage
	if len(src) > 0 && src[0] == '{' {
		// One item, or Zotero's {"items": [...]}.
		var wrap struct {
			Items []json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(src, &wrap); err == nil && wrap.Items != nil {
			raws = wrap.Items
		} else {
			raws = []json.RawMessage{src}
		}
	} else if err := json.Unmarshal(src, &raws); err != nil {
		return Result{}, fmt.Errorf("CSL-JSON: want an array of items: %v", jsonError(src, err))
	}
	res := Result{Format: "csljson"}
	notUsed := map[string]bool{}
	for i, raw := range raws {
		var it cslItem
		if err := json.Unmarshal(raw, &it); err != nil {
			return Result{}, fmt.Errorf("CSL-JSON item %d: %v", i+1, err)
		}
		var keys map[string]json.RawMessage
		if json.Unmarshal(raw, &keys) == nil {
			for k := range keys {
				if !cslUsed.Get()[k] {
					notUsed[k] = true
				}
			}
		}
		r := draft.Record{Key: jsonText(it.ID), Title: fromCSLText(it.Title), DOI: strings.TrimSpace(it.DOI),
			URL: strings.TrimSpace(it.URL), PMCID: it.PMCID, Abstract: paragraphs(it.Abstract, fromCSLText)}
		r.Journal = fromCSLText(jsonText(it.ContainerTitle))
		switch it.Type {
		case "article", "post", "manuscript", "preprint", "posted-content":
			r.Source = fromCSLText(it.Publisher)
		}
		if it.Issued != nil {
			r.Date = cslISO(it.Issued)
		}
		for _, a := range it.Author {
			r.Authors = append(r.Authors, cslAuthor(a).written())
		}
		res.Entries = append(res.Entries, Entry{Record: r, Index: i + 1})
	}
	res.Unused = unused(notUsed)
	return res, nil
}

func jsonError(src []byte, err error) error {
	if se, ok := err.(*json.SyntaxError); ok {
		line := bytes.Count(src[:min(int(se.Offset), len(src))], []byte{'\n'}) + 1
		return fmt.Errorf("line %d: %v", line, err)
	}
	return err
}

// jsonText is a string, a number or the first of a list of strings.
func jsonText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil && len(list) > 0 {
		return list[0]
	}
	return ""
}

func cslAuthor(a cslName) name {
	if a.Literal != "" {
		return name{literal: oneLineText(a.Literal)}
	}
	family := strings.TrimSpace(strings.Join(strings.Fields(a.DP+" "+a.NDP+" "+a.Particle+" "+a.Family), " "))
	return name{given: oneLineText(a.Given), family: oneLineText(family), suffix: oneLineText(a.Suffix)}
}

func oneLineText(s string) string { return fromCSLText(s) }

func cslISO(d *cslDate) string {
	if len(d.DateParts) > 0 && len(d.DateParts[0]) > 0 {
		var parts []string
		for _, p := range d.DateParts[0] {
			t := jsonText(p)
			if t == "" {
				break
			}
			parts = append(parts, t)
		}
		for len(parts) < 3 {
			parts = append(parts, "")
		}
		return isoDate(parts[0], parts[1], parts[2])
	}
	if d.Raw != "" {
		return d.Raw
	}
	return d.Literal
}

var blankLines = lazy.Regexp{Expr: `\n[ \t\r\f\v]*\n`}

// paragraphs converts each paragraph of s, kept apart by a blank line.
func paragraphs(s string, conv func(string) string) string {
	var out []string
	for _, p := range blankLines.Get().Split(s, -1) {
		if t := conv(p); t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, "\n\n")
}

// cslTags are CSL-JSON's rich-text tags as inline Markdown.
var cslTags = strings.NewReplacer("<i>", "*", "</i>", "*", "<em>", "*", "</em>", "*", "<b>", "**", "</b>", "**",
	"<strong>", "**", "</strong>", "**", `<span class="nocase">`, "", "</span>", "",
	`<span style="font-variant:small-caps;">`, "")

// fromCSLText turns CSL rich text into the summary's text: its tags to
// Markdown (<sup>, <sub> stay as the summary writes them), Markdown's own
// characters escaped.
func fromCSLText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '<' {
			if j := strings.IndexByte(s[i:], '>'); j > 0 {
				tag := s[i : i+j+1]
				switch tag {
				case "<sup>", "</sup>", "<sub>", "</sub>":
					b.WriteString(tag)
					i += j + 1
					continue
				}
				if r := cslTags.Replace(tag); r != tag {
					b.WriteString(r)
					i += j + 1
					continue
				}
			}
		}
		b.WriteString(markdownEscape(s[i : i+1]))
		i++
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// --- RIS

var risUsed = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"TY": true, "ER": true, "ID": true, "AU": true, "A1": true, "TI": true, "T1": true,
		"T2": true, "JO": true, "JF": true, "JA": true, "PY": true, "Y1": true, "DA": true, "DO": true, "UR": true,
		"AB": true, "N2": true, "C2": true}
}}

// readRIS reads "TAG  - value" lines; a line without a tag continues the
// value before it. An entry runs from TY to ER.
func readRIS(src string) (Result, error) {
	res := Result{Format: "ris"}
	notUsed := map[string]bool{}
	var cur map[string][]string
	var curLine int
	// The value being read, its continuation lines collected and joined
	// once (joining line by line would grow as the square of its length).
	var last string
	var parts []string
	endValue := func() {
		if cur != nil && last != "" && len(parts) > 1 {
			vs := cur[last]
			vs[len(vs)-1] = strings.Join(parts, " ")
		}
		parts = nil
	}
	flush := func() {
		endValue()
		if cur == nil {
			return
		}
		res.Entries = append(res.Entries, Entry{Record: risRecord(cur), Line: curLine, Index: len(res.Entries) + 1})
		cur = nil
	}
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		tag, value, ok := risLine(line)
		if !ok {
			if cur != nil && last != "" && strings.TrimSpace(line) != "" {
				parts = append(parts, strings.TrimSpace(line))
			} else if strings.TrimSpace(line) != "" {
				return res, fmt.Errorf("%d: want \"TAG  - value\"", n+1)
			}
			continue
		}
		endValue()
		switch tag {
		case "TY":
			flush()
			cur, curLine = map[string][]string{}, n+1
		case "ER":
			flush()
			last = ""
			continue
		}
		if cur == nil {
			return res, fmt.Errorf("%d: %s before TY", n+1, tag)
		}
		if !risUsed.Get()[tag] {
			notUsed[tag] = true
		}
		cur[tag] = append(cur[tag], value)
		last, parts = tag, []string{value}
	}
	if cur != nil {
		return res, fmt.Errorf("%d: entry without ER", curLine)
	}
	res.Unused = unused(notUsed)
	return res, nil
}

func risLine(line string) (tag, value string, ok bool) {
	if len(line) < 5 || line[2] != ' ' || line[3] != ' ' || line[4] != '-' {
		return "", "", false
	}
	for i := 0; i < 2; i++ {
		if c := line[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return "", "", false
		}
	}
	return line[:2], strings.TrimSpace(line[5:]), true
}

func risRecord(f map[string][]string) draft.Record {
	first := func(tags ...string) string {
		for _, t := range tags {
			if v := f[t]; len(v) > 0 && v[0] != "" {
				return v[0]
			}
		}
		return ""
	}
	text := func(tags ...string) string { return fromCSLText(first(tags...)) }
	r := draft.Record{Key: first("ID"), Title: text("TI", "T1"), Journal: text("T2", "JO", "JF", "JA"),
		DOI: first("DO"), URL: first("UR"), Abstract: text("AB", "N2"), PMCID: first("C2")}
	if first("TY") == "UNPB" && parse.IsRepository(r.Journal) {
		r.Source = r.Journal
	}
	r.Date = risDate(first("DA"))
	if r.Date == "" {
		r.Date = risDate(first("PY", "Y1"))
	}
	for _, a := range append(append([]string{}, f["AU"]...), f["A1"]...) {
		parts := strings.Split(a, ",")
		for i := range parts {
			parts[i] = fromCSLText(parts[i])
		}
		var n name
		switch len(parts) {
		case 1:
			n = name{literal: parts[0]}
		case 2:
			n = name{family: parts[0], given: parts[1]}
		default:
			n = name{family: parts[0], given: parts[1], suffix: strings.Join(parts[2:], " ")}
		}
		r.Authors = append(r.Authors, n.written())
	}
	return r
}

// risDate reads RIS's YYYY/MM/DD/other, parts possibly empty.
func risDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || !strings.Contains(s, "/") {
		return s
	}
	parts := strings.Split(s, "/")
	for len(parts) < 3 {
		parts = append(parts, "")
	}
	if parts[1] == "" {
		parts[2] = ""
	}
	return isoDate(parts[0], parts[1], parts[2])
}
