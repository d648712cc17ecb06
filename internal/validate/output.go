package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/vagut/vagut/internal/sanitize"
)

// Formats are the output formats of validate.
var Formats = []string{"text", "json", "github", "sarif"}

// Write prints the diagnostics in one of Formats. config names the settings
// file in use ("" for none), for the SARIF run's properties.
func Write(w io.Writer, format string, ds []Diagnostic, version, config string) error {
	switch format {
	case "json":
		return writeJSON(w, ds)
	case "github":
		return writeGitHub(w, ds)
	case "sarif":
		return writeSARIF(w, ds, version, workDir(), config)
	}
	return writeText(w, ds)
}

// Text is the one-line form: PATH:LINE:COL: severity: message [VG010/invalid-doi].
// Messages quote file text and paths are untrusted: both are sanitised, so a
// finding is one line and nothing in it acts on a terminal.
func (d Diagnostic) Text() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s/%s]", sanitize.Line(d.Path), d.Line, d.Col, d.Severity, sanitize.Line(d.Message), d.Rule.ID, d.Rule.Name)
}

func writeText(w io.Writer, ds []Diagnostic) error {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Text())
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// DiagnosticJSON is one element of the JSON array.
type DiagnosticJSON struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Rule     string `json:"rule"`
	Name     string `json:"name"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func writeJSON(w io.Writer, ds []Diagnostic) error {
	out := make([]DiagnosticJSON, 0, len(ds))
	for _, d := range ds {
		out = append(out, DiagnosticJSON{d.Path, d.Line, d.Col, d.Rule.ID, d.Rule.Name, d.Severity.String(), d.Message})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// GitHub Actions workflow commands escape these in data and in properties.
var (
	ghData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProp = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func writeGitHub(w io.Writer, ds []Diagnostic) error {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", d.Severity, ghProp.Replace(filepath.ToSlash(d.Path)),
			d.Line, d.Col, ghProp.Replace(d.Rule.ID+" "+d.Rule.Name), ghData.Replace(sanitize.Line(d.Message)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
