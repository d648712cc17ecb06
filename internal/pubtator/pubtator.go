// Package pubtator reads the annotations NCBI's PubTator computes for PubMed
// abstracts and PMC articles, in its two documented exports: the
// tab-separated PubTator format and BioC-JSON, and folds them into entity
// lists: one entity per id, named by its most frequent mention.
//
// PubTator format (one document; blank lines separate documents):
//
//	PMID|t|title
//	PMID|a|abstract
//	PMID<TAB>start<TAB>end<TAB>mention<TAB>type<TAB>id
//
// BioC-JSON: a collection {"documents": [...]}, one document {"passages":
// [...]}, a list of documents, or PubTator3's {"PubTator3": [...]}; each
// passage has infons.type / infons.section_type and annotations with
// infons.type, infons.identifier and the mention's text.
package pubtator

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Annotation is one mention of an entity in the paper.
type Annotation struct {
	Mention string
	Type    string // as written: Gene, Species, Disease, Chemical, CellLine, Variant, ...
	ID      string // as written; "" when none
	Body    bool   // in the full text, not in the title or abstract
	Where   string // "line 12" or "document 1, passage 3, annotation 2", for messages
}

// Note is something read but not used, named so that nothing goes in silence.
type Note struct {
	Where string
	Msg   string
}

// Document is one paper's annotations.
type Document struct {
	ID          string // PMID or PMCID as the file gives it
	Annotations []Annotation
	Notes       []Note
}

// maxLine bounds one line of the tab-separated format: abstracts run to a
// few kilobytes, and a file of one line must not grow memory without limit.
const maxLine = 4 << 20

// Read reads a file of either format; it tells them apart by the first byte
// that is not white space ({ or [ is BioC-JSON).
func Read(r io.Reader) ([]Document, error) {
	br := bufio.NewReader(r)
	for {
		b, err := br.Peek(1)
		if err != nil {
			if err == io.EOF {
				return nil, fmt.Errorf("empty file: no annotations")
			}
			return nil, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			_, _ = br.ReadByte()
			continue
		case 0xEF: // a UTF-8 BOM
			if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
				_, _ = br.Discard(3)
				continue
			}
		case '{', '[':
			return readBioC(br)
		}
		return readPubTator(br)
	}
}

func readPubTator(r io.Reader) ([]Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	var (
		docs          []Document
		cur           *Document
		titleLen      = -1
		abstractLen   = -1
		line          int
		relations     int
		firstRelation int
	)
	start := func(id string) {
		docs = append(docs, Document{ID: id})
		cur = &docs[len(docs)-1]
		titleLen, abstractLen = -1, -1
	}
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			cur = nil // a blank line ends a document
			continue
		}
		where := "line " + strconv.Itoa(line)
		if pmid, rest, ok := strings.Cut(text, "|"); ok && !strings.Contains(pmid, "\t") {
			kind, body, ok := strings.Cut(rest, "|")
			if !ok || (kind != "t" && kind != "a") {
				return nil, fmt.Errorf("%d: want PMID|t|title, PMID|a|abstract or a tab-separated annotation", line)
			}
			if cur == nil || cur.ID != pmid {
				start(pmid)
			}
			if kind == "t" {
				titleLen = len(body)
			} else {
				abstractLen = len(body)
			}
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) >= 3 && len(cols) <= 5 && !isNumber(cols[1]) {
			// Relations (BC5CDR's CID lines, PubTator3's relations) join two
			// entities; vagut new lists entities only.
			if relations == 0 {
				firstRelation = line
			}
			relations++
			continue
		}
		if len(cols) < 5 || !isNumber(cols[1]) || !isNumber(cols[2]) {
			return nil, fmt.Errorf("%d: want PMID<TAB>start<TAB>end<TAB>mention<TAB>type<TAB>id, got %d fields", line, len(cols))
		}
		if cur == nil || cur.ID != cols[0] {
			start(cols[0])
		}
		a := Annotation{Mention: cols[3], Type: cols[4], Where: where}
		if len(cols) >= 6 {
			a.ID = cols[5]
		}
		if len(cols) > 6 {
			cur.Notes = append(cur.Notes, Note{where, fmt.Sprintf("%d extra fields after the id not used", len(cols)-6)})
		}
		// Offsets count from the title: title, one space, abstract. Only what
		// lies past both is full text.
		off, _ := strconv.Atoi(cols[1])
		if titleLen >= 0 {
			a.Body = off > titleLen+1+max(abstractLen, 0)
		}
		cur.Annotations = append(cur.Annotations, a)
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return nil, fmt.Errorf("%d: line longer than %d MB", line+1, maxLine>>20)
		}
		return nil, err
	}
	if relations > 0 && len(docs) > 0 {
		docs[len(docs)-1].Notes = append(docs[len(docs)-1].Notes, Note{"line " + strconv.Itoa(firstRelation),
			fmt.Sprintf("%d relation line(s) not used: vagut new lists entities, not relations", relations)})
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("no PubTator document (PMID|t|title, PMID|a|abstract, annotations)")
	}
	return docs, nil
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

type biocCollection struct {
	Documents []biocDocument `json:"documents"`
	PubTator3 []biocDocument `json:"PubTator3"`
	Passages  []biocPassage  `json:"passages"` // a single document
	ID        string         `json:"id"`
}

type biocDocument struct {
	ID       string        `json:"id"`
	Passages []biocPassage `json:"passages"`
}

type biocPassage struct {
	Infons      map[string]any   `json:"infons"`
	Annotations []biocAnnotation `json:"annotations"`
}

type biocAnnotation struct {
	Infons map[string]any `json:"infons"`
	Text   string         `json:"text"`
}

// maxJSON bounds a BioC-JSON file: a PMC article with all its annotations
// is a few megabytes.
const maxJSON = 256 << 20

func readBioC(r io.Reader) ([]Document, error) {
	dec := json.NewDecoder(io.LimitReader(r, maxJSON+1))
	var docs []Document
	for n := 0; ; n++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("BioC-JSON: %v", err)
		}
		raw = bytes.TrimSpace(raw)
		var list []biocDocument
		if raw[0] == '[' {
			if err := json.Unmarshal(raw, &list); err != nil {
				return nil, fmt.Errorf("BioC-JSON: want a list of documents: %v", err)
			}
		} else {
			var c biocCollection
			if err := json.Unmarshal(raw, &c); err != nil {
				return nil, fmt.Errorf("BioC-JSON: %v", err)
			}
			list = append(append(list, c.Documents...), c.PubTator3...)
			if c.Passages != nil {
				list = append(list, biocDocument{ID: c.ID, Passages: c.Passages})
			}
			if len(list) == 0 {
				return nil, fmt.Errorf("BioC-JSON: no documents (want \"documents\", \"PubTator3\" or \"passages\")")
			}
		}
		for _, d := range list {
			docs = append(docs, bioCDocument(len(docs)+1, d))
		}
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("BioC-JSON: no documents")
	}
	return docs, nil
}

func bioCDocument(n int, d biocDocument) Document {
	doc := Document{ID: d.ID}
	for pi, p := range d.Passages {
		body := !frontMatter(infon(p.Infons, "section_type"), infon(p.Infons, "type"))
		for ai, a := range p.Annotations {
			where := fmt.Sprintf("document %d, passage %d, annotation %d", n, pi+1, ai+1)
			id := infon(a.Infons, "identifier")
			if id == "" {
				id = infon(a.Infons, "Identifier")
			}
			typ := infon(a.Infons, "type")
			if typ == "" {
				doc.Notes = append(doc.Notes, Note{where, fmt.Sprintf("annotation %q has no type: not used", a.Text)})
				continue
			}
			doc.Annotations = append(doc.Annotations, Annotation{Mention: a.Text, Type: typ, ID: id, Body: body, Where: where})
		}
	}
	return doc
}

// frontMatter tells title and abstract passages from the body. PMC articles
// mark them with section_type TITLE or ABSTRACT; PubMed abstracts with type
// title or abstract only.
func frontMatter(sectionType, typ string) bool {
	switch strings.ToUpper(sectionType) {
	case "TITLE", "ABSTRACT":
		return true
	case "":
		t := strings.ToLower(typ)
		return t == "title" || t == "front" || strings.HasPrefix(t, "abstract")
	}
	return false
}

// infon reads one infon as text: BioC writes strings, some exports numbers.
func infon(m map[string]any, key string) string {
	switch v := m[key].(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case json.Number:
		return v.String()
	}
	return ""
}
