package render

import (
	"bytes"
	"io"

	"github.com/charmbracelet/glamour"
)

// Terminal writes the Markdown digest styled for reading in a terminal
// (glamour: headings, emphasis, lists), wrapped to width columns. style is a
// glamour style name or file (GLAMOUR_STYLE); "" detects the background.
func Terminal(w io.Writer, d *Digest, width int, style string) error {
	var md bytes.Buffer
	if err := Markdown(&md, d); err != nil {
		return err
	}
	if width <= 0 {
		width = 80
	}
	styleOpt := glamour.WithAutoStyle()
	if style != "" {
		styleOpt = glamour.WithStylePath(style)
	}
	r, err := glamour.NewTermRenderer(styleOpt, glamour.WithWordWrap(min(width, 120)-2))
	if err != nil {
		return err
	}
	out, err := r.RenderBytes(md.Bytes())
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}
