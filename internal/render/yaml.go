package render

import (
	"bytes"
	"io"

	"gopkg.in/yaml.v3"
)

// YAML writes a JSON document as YAML, keys in the same order. JSON is YAML,
// so yaml.v3 reads it into nodes; clearing the flow and quoting styles makes
// it print them as ordinary block YAML.
func YAML(w io.Writer, writeJSON func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := writeJSON(&buf); err != nil {
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(buf.Bytes(), &doc); err != nil {
		return err
	}
	plain(&doc)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return err
	}
	return enc.Close()
}

func plain(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		plain(c)
	}
}
