package cite

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"io"
	"strings"

	"github.com/vagut/vagut/internal/hashtab"
	"github.com/vagut/vagut/internal/summary"
)

// A bibliography of millions of papers is written without holding them, in
// two sorts that may spill to disk (the caller's): papers are encoded as
// they come, without their key, and sorted by base key then as Entries
// orders papers sharing one (GroupKey); in that order Keys gives each its
// key, and a second sort by key gives the order Write would. The bytes are
// Write's.

// keyMark stands for the key in an entry encoded before its key is known:
// in every format the key comes before any text of the paper, so the first
// occurrence of the mark is the key's place.
const keyMark = "vagutcitekeymark"

// Encode writes one entry (its key aside) in a format: the record to sort
// by base key.
func Encode(format string, e Entry) []byte {
	base := e.Key
	e.Key = keyMark
	var text string
	switch format {
	case "bibtex":
		text = bibTeXEntry(e)
	case "ris":
		text = risEntry(e)
	default:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("  ", "  ") // as an element of Write's array
		if err := enc.Encode(cslItemOf(e)); err != nil {
			panic(err) // strings, numbers and slices of them: cannot fail
		}
		text = strings.TrimSuffix(buf.String(), "\n")
	}
	at := strings.Index(text, keyMark)
	b := binary.AppendUvarint(nil, uint64(len(base)))
	b = append(b, base...)
	b = binary.AppendUvarint(b, uint64(at))
	b = append(b, text[:at]...)
	return append(b, text[at+len(keyMark):]...)
}

// Decoded splits a record of Encode: its base key, and the entry's text
// with the key put in by keyed.
func Decoded(rec []byte) (base string, keyed func(key string) []byte) {
	n, k := binary.Uvarint(rec)
	rec = rec[k:]
	base, rec = string(rec[:n]), rec[n:]
	at, k := binary.Uvarint(rec)
	rec = rec[k:]
	return base, func(key string) []byte {
		out := make([]byte, 0, len(rec)+len(key))
		out = append(out, rec[:at]...)
		out = append(out, key...)
		return append(out, rec[at:]...)
	}
}

// GroupKey orders the papers that share a base key as Entries does (date,
// title, id, path), compared as bytes.
func GroupKey(p *summary.Paper) string {
	var b []byte
	for _, f := range []string{summary.Str(p.Published), p.Title, p.ID, p.Path} {
		// A 0 byte is written 0 0xff and a field ends with 0 1, so that
		// the bytes compare as the fields do, one after the other.
		b = append(b, strings.ReplaceAll(f, "\x00", "\x00\xff")...)
		b = append(b, 0, 1)
	}
	return string(b)
}

// Keys hands out the keys Entries would, to papers met in order of base key
// and GroupKey, holding 16 bytes per base key and per suffixed key.
type Keys struct {
	bases hashtab.Table // base key → papers with it; suffixed keys given → 0
	cur   string
	n     int
}

// Add counts a paper's base key, before any Key.
func (k *Keys) Add(base string) {
	h := hashtab.Of(base)
	n, had := k.bases.Put(h, 1)
	if had {
		k.bases.Set(h, n+1)
	}
}

// Key is the key of the next paper, whose base key is base.
func (k *Keys) Key(base string) string {
	if n, _ := k.bases.Get(hashtab.Of(base)); n <= 1 {
		return base
	}
	if base != k.cur {
		k.cur, k.n = base, 0
	}
	for {
		key := base + suffix(k.n)
		k.n++
		if _, taken := k.bases.Put(hashtab.Of(key), 0); !taken {
			return key
		}
	}
}

// WriteHead, WriteSep and WriteTail frame the entries of Decoded in a
// format, as Write does; n is the number of entries.
func WriteHead(w io.Writer, format string, n int) {
	if csl(format) {
		if n == 0 {
			io.WriteString(w, "[]\n")
		} else {
			io.WriteString(w, "[\n  ")
		}
	}
}

func WriteSep(w io.Writer, format string) {
	if csl(format) {
		io.WriteString(w, ",\n  ")
	} else {
		io.WriteString(w, "\n")
	}
}

func WriteTail(w io.Writer, format string, n int) {
	if csl(format) && n > 0 {
		io.WriteString(w, "\n]\n")
	}
}

// csl reports whether Write writes format as CSL-JSON: its default.
func csl(format string) bool { return format != "bibtex" && format != "ris" }
