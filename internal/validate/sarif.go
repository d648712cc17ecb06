package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/vagut/vagut/internal/lazy"
)

// SARIF 2.1.0 as GitHub code scanning and Microsoft's sarif-multitool read
// it. Plain structs rather than a SARIF library: the library we used wrote
// every optional field with a placeholder (-1, empty arrays), which the
// validator flags and code scanning has to ignore. Only what vagut knows is
// written; omitempty keeps the rest out.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool sarifTool `json:"tool"`
	// Properties names the settings file that decided the severities
	// (vagut_config, null for the defaults): a reader of the results must be
	// able to tell that rules were turned off, and by which file.
	Properties         map[string]any                   `json:"properties"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	// Results is always written: [] says the run found nothing, which is
	// not the same as a run that did not look.
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	InformationURI  string      `json:"informationUri"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifText          `json:"help"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	srcRoot      = "%SRCROOT%"
	vagutHomeURI = "https://github.com/vagut/vagut"
)

// workDir is the folder relative paths are relative to: %SRCROOT%.
func workDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return wd
}

// fileURI is the file: URI of an absolute path, on any platform
// (/home/me/x.md -> file:///home/me/x.md, C:\notes\x.md -> file:///C:/notes/x.md).
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// artifactLocation places a diagnostic's path: below the working folder, a
// relative URI against %SRCROOT% (what code scanning maps onto the
// repository); anywhere else (an absolute path, ../), an absolute file: URI,
// since a relative reference that climbs out of its base is not one the
// consumers resolve.
func artifactLocation(path, wd string) sarifArtifactLocation {
	if path == "-" {
		return sarifArtifactLocation{URI: "stdin", URIBaseID: srcRoot}
	}
	clean := filepath.Clean(path)
	if !filepath.IsAbs(clean) && clean != ".." && !strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return sarifArtifactLocation{URI: (&url.URL{Path: filepath.ToSlash(clean)}).String(), URIBaseID: srcRoot}
	}
	abs := clean
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(wd, clean)
	}
	return sarifArtifactLocation{URI: fileURI(abs)}
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

// A semantic version without the leading v, or "" (a checkout's "devel").
var semver = lazy.Regexp{Expr: `^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$`}

// writeSARIF writes one run: every rule in tool.driver.rules, each result
// with its rule (id and index), level, message and region.
func writeSARIF(w io.Writer, ds []Diagnostic, version, wd, config string) error {
	// Consumers compare versions as numbers: a checkout's "devel" is
	// written as the semantic version 0.0.0-devel.
	v := "0.0.0-devel"
	if m := semver.Get().FindStringSubmatch(version); m != nil {
		v = m[1]
	}
	driver := sarifDriver{Name: "vagut", InformationURI: vagutHomeURI, Version: v, SemanticVersion: v, Rules: make([]sarifRule, 0, len(Rules.Get()))}
	ruleIndex := map[string]int{}
	for i, r := range Rules.Get() {
		ruleIndex[r.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID: r.ID, Name: r.Name,
			ShortDescription:     sarifText{sentence(r.Summary)},
			FullDescription:      sarifText{sentence(r.Help)},
			Help:                 sarifText{fmt.Sprintf("%s\n\nBad:\n%s\n\nGood:\n%s", r.Help, r.Bad, r.Good)},
			DefaultConfiguration: sarifConfiguration{sarifLevel(r.Severity)},
		})
	}
	var cfg any // JSON null: no settings file, the defaults
	if config != "" {
		cfg = filepath.ToSlash(config)
	}
	run := sarifRun{Tool: sarifTool{driver}, Properties: map[string]any{"vagut_config": cfg}, Results: make([]sarifResult, 0, len(ds))}
	relative := false
	for _, d := range ds {
		loc := artifactLocation(d.Path, wd)
		relative = relative || loc.URIBaseID != ""
		line, col := max(d.Line, 1), d.Col
		if col < 1 {
			col = 0 // omitted: the whole line
		}
		run.Results = append(run.Results, sarifResult{
			RuleID: d.Rule.ID, RuleIndex: ruleIndex[d.Rule.ID], Level: sarifLevel(d.Severity),
			Message: sarifText{sentence(d.Message)},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: loc, Region: sarifRegion{StartLine: line, StartColumn: col}}}},
		})
	}
	if relative && wd != "" {
		// Where %SRCROOT% was on this machine; code scanning uses its own
		// checkout instead, other readers this.
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{srcRoot: {URI: strings.TrimSuffix(fileURI(wd), "/") + "/"}}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}}); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// sentence ends a message with a full stop, as SARIF asks of plain-text
// messages (the validator's SARIF2001 rule).
func sentence(s string) string {
	s = strings.TrimRight(s, " \n")
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}
