package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report"
	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

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
		return writeSARIF(w, ds, version, config)
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

func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "none"
}

func artifactURI(path string) string {
	if path == "-" {
		return "stdin"
	}
	return (&url.URL{Path: filepath.ToSlash(path)}).String()
}

// writeSARIF writes SARIF 2.1.0 as GitHub code scanning reads it: every rule
// in tool.driver.rules, each result with its rule, level and a region.
func writeSARIF(w io.Writer, ds []Diagnostic, version, config string) error {
	rep := report.NewV210Report()
	driver := sarif.NewToolComponent().WithName("vagut").
		WithInformationURI("https://github.com/vagut/vagut").WithSemanticVersion(version)
	run := sarif.NewRun().WithTool(sarif.NewTool().WithDriver(driver))
	// Which settings decided the severities: a reader of the results must
	// be able to tell that rules were turned off, and by which file.
	var cfg any // JSON null: no settings file, the defaults
	if config != "" {
		cfg = filepath.ToSlash(config)
	}
	run.WithProperties(sarif.NewPropertyBag().Add("vagut_config", cfg))
	for _, r := range Rules {
		help := fmt.Sprintf("%s\n\nBad:\n%s\n\nGood:\n%s", r.Help, r.Bad, r.Good)
		run.AddRule(r.ID).WithName(r.Name).
			WithShortDescription(sarif.NewMultiformatMessageString().WithText(r.Summary)).
			WithFullDescription(sarif.NewMultiformatMessageString().WithText(r.Help)).
			WithHelp(sarif.NewMultiformatMessageString().WithText(help)).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(r.Severity)))
	}
	run.WithResults([]*sarif.Result{})
	// Each file is listed once in run.artifacts and results point at it by
	// index; go-sarif would otherwise write the "unset" index -1.
	index := map[string]int{}
	for _, d := range ds {
		uri := artifactURI(d.Path)
		if _, ok := index[uri]; !ok {
			index[uri] = len(run.Artifacts)
			run.AddDistinctArtifact(uri).Location.WithIndex(index[uri])
		}
		region := sarif.NewRegion().WithStartLine(d.Line).WithStartColumn(d.Col)
		loc := sarif.NewPhysicalLocation().
			WithArtifactLocation(sarif.NewSimpleArtifactLocation(uri).WithIndex(index[uri])).WithRegion(region)
		run.CreateResultForRule(d.Rule.ID).
			WithLevel(sarifLevel(d.Severity)).
			WithMessage(sarif.NewTextMessage(d.Message)).
			AddLocation(sarif.NewLocationWithPhysicalLocation(loc))
	}
	rep.AddRun(run)
	var buf bytes.Buffer
	if err := rep.PrettyWrite(&buf); err != nil {
		return err
	}
	if !bytes.HasSuffix(buf.Bytes(), []byte("\n")) {
		buf.WriteByte('\n')
	}
	_, err := w.Write(buf.Bytes())
	return err
}
