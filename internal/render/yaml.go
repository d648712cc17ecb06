package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/vagut/vagut/internal/pipeline"
)

// YAML writes a JSON document as YAML, keys in the same order. JSON is YAML,
// so yaml.v3 reads it into nodes; clearing the flow and quoting styles makes
// it print them as ordinary block YAML. The document is converted one
// top-level key at a time, and the elements of a top-level list (papers,
// entity rows, pairs) one by one on all CPUs: yaml.v3 is slow, and a 50 MB
// document read in one piece took it minutes' worth of memory and time.
func YAML(w io.Writer, writeJSON func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := writeJSON(&buf); err != nil {
		return err
	}
	dec := json.NewDecoder(&buf)
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("yaml: want a JSON object")
	}
	var out bytes.Buffer
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		var items []json.RawMessage
		if len(raw) > 0 && raw[0] == '[' && json.Unmarshal(raw, &items) == nil && len(items) > 0 {
			k, err := yamlOf(map[string]any{key: []any{}}) // "key: []\n", the key quoted as yaml.v3 would
			if err != nil {
				return err
			}
			out.WriteString(strings.TrimSuffix(k, " []\n") + "\n")
			if err := yamlItems(&out, items); err != nil {
				return err
			}
			continue
		}
		s, err := yamlOfJSON([]byte(fmt.Sprintf("{%q: %s}", key, raw)))
		if err != nil {
			return err
		}
		out.WriteString(s)
	}
	_, err := w.Write(out.Bytes())
	return err
}

// yamlItems writes the elements of a list under its key, as yaml.v3 indents them.
func yamlItems(out *bytes.Buffer, items []json.RawMessage) error {
	var ferr error
	pipeline.Ordered(runtime.GOMAXPROCS(0), len(items), func(i int) string {
		s, err := yamlOfJSON(items[i])
		if err != nil {
			return "\x00" + err.Error()
		}
		return s
	}, func(_ int, s string) bool {
		if strings.HasPrefix(s, "\x00") {
			ferr = fmt.Errorf("yaml: %s", s[1:])
			return false
		}
		out.Write(appendItem(nil, s))
		return true
	})
	return ferr
}

// appendItem appends s, an element's YAML, as an element of a list under
// its key: "  - " before its first line, the others indented under it.
func appendItem(b []byte, s string) []byte {
	lines := strings.SplitAfter(strings.TrimSuffix(s, "\n"), "\n")
	for j, l := range lines {
		if j == 0 {
			b = append(b, "  - "...)
		} else if l != "\n" {
			b = append(b, "    "...)
		}
		b = append(b, l...)
	}
	return append(b, '\n')
}

// YAMLItem is a paper's JSON as an element of the document's papers list,
// as YAML writes it: what a bounded summarize encodes each paper to.
func YAMLItem(js []byte) ([]byte, error) {
	s, err := yamlOfJSON(js)
	if err != nil {
		return nil, fmt.Errorf("yaml: %w", err)
	}
	return appendItem(nil, s), nil
}

// YAMLHead writes the papers document as YAML up to its first paper, count
// papers in it (without --group-by, papers is the document's last key, so
// nothing follows them).
func (d *Digest) YAMLHead(w io.Writer, count int) error {
	head, err := d.jsonHead(count)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	err = YAML(&b, func(w io.Writer) error {
		_, err := fmt.Fprintf(w, "%s,\n  \"papers\": []\n}\n", head)
		return err
	})
	if err != nil {
		return err
	}
	out := b.Bytes()
	if count > 0 {
		out = append(bytes.TrimSuffix(out, []byte(" []\n")), '\n')
	}
	_, err = w.Write(out)
	return err
}

func yamlOfJSON(js []byte) (string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(yamlSafeJSON(js), &doc); err != nil {
		return "", err
	}
	plain(&doc)
	return yamlOf(&doc)
}

// yamlSafeJSON escapes what encoding/json writes as it is but the YAML
// reader refuses ("control characters are not allowed": DEL, the C1
// controls, U+FFFE, U+FFFF) or reads as a line break (U+0085), so that one
// summary holding such a character cannot stop the YAML output. They can
// only be in strings, where \uXXXX means the same character.
func yamlSafeJSON(js []byte) []byte {
	unsafe := func(r rune) bool { return r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0xfffe || r == 0xffff }
	if bytes.IndexFunc(js, unsafe) < 0 {
		return js
	}
	var b bytes.Buffer
	b.Grow(len(js) + 16)
	for _, r := range string(js) {
		if unsafe(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.Bytes()
}

func yamlOf(v any) (string, error) {
	var b strings.Builder
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	return b.String(), nil
}

func plain(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		plain(c)
	}
}
