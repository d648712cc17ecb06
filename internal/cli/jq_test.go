package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"os/exec"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

const jqDir = "testdata/jq"

// jqBin is the jq on PATH, or a skip.
func jqBin(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("jq")
	if err != nil {
		t.Skip("jq is not installed: cannot compare --jq with it")
	}
	return p
}

// realJQ runs jq -S (gojq keeps no key order, so keys sorted, as jq -S
// prints them) on input.
func realJQ(t *testing.T, expr, input string) string {
	t.Helper()
	cmd := exec.Command(jqBin(t), "-S", expr)
	cmd.Stdin = strings.NewReader(input)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("jq %s: %v", expr, err)
	}
	return string(out)
}

// jqVersionAtLeast17 reports whether jq keeps number literals as written
// (1.7 and later); 1.6 rounds integers past 2^53 to doubles.
func jqVersionAtLeast17(t *testing.T) bool {
	out, err := exec.Command(jqBin(t), "--version").Output()
	if err != nil {
		return false
	}
	v := strings.TrimPrefix(strings.TrimSpace(string(out)), "jq-")
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return false
	}
	major, _ := strconv.Atoi(parts[0])
	minor, _ := strconv.Atoi(parts[1])
	return major > 1 || major == 1 && minor >= 7
}

// sameJSON compares two streams of JSON values; numbers are equal when
// written the same or, with exact false, when they are the same double.
func sameJSON(t *testing.T, a, b string, exact bool) bool {
	t.Helper()
	decode := func(s string) []any {
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		var out []any
		for {
			var v any
			if err := dec.Decode(&v); err == io.EOF {
				return out
			} else if err != nil {
				t.Fatalf("not JSON: %v\n%s", err, s)
			}
			out = append(out, v)
		}
	}
	var eq func(x, y any) bool
	eq = func(x, y any) bool {
		switch xv := x.(type) {
		case json.Number:
			yv, ok := y.(json.Number)
			if !ok {
				return false
			}
			if xv == yv || exact {
				return xv == yv
			}
			xf, _ := strconv.ParseFloat(string(xv), 64)
			yf, _ := strconv.ParseFloat(string(yv), 64)
			return xf == yf
		case map[string]any:
			yv, ok := y.(map[string]any)
			if !ok || len(xv) != len(yv) {
				return false
			}
			for k := range xv {
				if !eq(xv[k], yv[k]) {
					return false
				}
			}
			return true
		case []any:
			yv, ok := y.([]any)
			if !ok || len(xv) != len(yv) {
				return false
			}
			for i := range xv {
				if !eq(xv[i], yv[i]) {
					return false
				}
			}
			return true
		}
		return reflect.DeepEqual(x, y)
	}
	return eq(decode(a), decode(b))
}

// --jq prints what jq prints: & < > as they are, numbers as written.
func TestJQPrintsWhatJQPrints(t *testing.T) {
	exprs := []string{
		".papers[0].title",
		".papers[0]",
		".papers[] | {title, abstract, journal, key_findings}",
		".filters",
		"[.count, .total, 100000000000000000000, 12345678901234567890123]",
	}
	doc := run(t, "", "summarize", jqDir, "-o", "json")
	if doc.code != 0 {
		t.Fatalf("exit %d: %s", doc.code, doc.stderr)
	}
	for _, e := range exprs {
		r := run(t, "", "summarize", jqDir, "--jq", e)
		if r.code != 0 {
			t.Fatalf("--jq %s: exit %d: %s", e, r.code, r.stderr)
		}
		if strings.Contains(r.stdout, `\u00`) {
			t.Errorf("--jq %s escapes HTML characters:\n%s", e, r.stdout)
		}
		want := realJQ(t, e, doc.stdout)
		big := strings.Contains(e, "1000000000")
		if big && !strings.Contains(r.stdout, "100000000000000000000,") {
			t.Errorf("--jq %s: a large integer is not printed as written:\n%s", e, r.stdout)
		}
		if !big || jqVersionAtLeast17(t) {
			if r.stdout != want {
				t.Errorf("--jq %s:\n%s\njq -S prints:\n%s", e, r.stdout, want)
			}
		} else if !sameJSON(t, r.stdout, want, false) {
			t.Errorf("--jq %s:\n%s\njq -S prints:\n%s", e, r.stdout, want)
		}
	}
	r := run(t, "", "summarize", jqDir, "--jq", ".papers[0].title")
	if want := "\"Rats & mice <in vivo>: gut barrier after 12345678901234567890 reads\"\n"; r.stdout != want {
		t.Errorf("title: %q, want %q", r.stdout, want)
	}
}

// Numbers in the JSON that --jq reads keep every digit: the writer's input is
// not rounded to a double on the way through.
func TestJQNumbersAsWritten(t *testing.T) {
	in := `{"t":"Rats & mice <in vivo>","big":100000000000000000000,"bigger":-12345678901234567890123,` +
		`"max":9223372036854775807,"f":1.5e300,"small":0.1,"tiny":1e-7,"i":42,"list":[1,2.5,"a<b>&c"]}` + "\n"
	var j jqFlag
	j.expr = "."
	if err := j.compile(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := j.write(&out, func(w io.Writer) error { _, err := io.WriteString(w, in); return err }); err != nil {
		t.Fatal(err)
	}
	want := `{
  "big": 100000000000000000000,
  "bigger": -12345678901234567890123,
  "f": 1.5e+300,
  "i": 42,
  "list": [
    1,
    2.5,
    "a<b>&c"
  ],
  "max": 9223372036854775807,
  "small": 0.1,
  "t": "Rats & mice <in vivo>",
  "tiny": 1e-07
}
`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
	if _, err := exec.LookPath("jq"); err == nil {
		jq := realJQ(t, ".", in)
		if !sameJSON(t, out.String(), jq, jqVersionAtLeast17(t)) {
			t.Errorf("vagut --jq:\n%s\njq -S:\n%s", out.String(), jq)
		}
	}
	// Past int64 the value stays an integer for gojq, not a rounded double.
	if _, ok := numbers(json.Number("100000000000000000000")).(*big.Int); !ok {
		t.Error("a large integer became a double")
	}
}

// Doubles come out as jq writes them, however the value was computed.
func TestJQFloatLikeJQ(t *testing.T) {
	cases := map[float64]string{
		0.001: "0.001", 0.0001: "0.0001", 0.00001: "1e-05", 1.5e-5: "1.5e-05", 1e15: "1000000000000000",
		1e16: "1e+16", 1.25e17: "125000000000000000", 123456789012345678: "123456789012345680",
		3.14159e20: "314159000000000000000", 1e21: "1e+21", 1.5e300: "1.5e+300", -2.5: "-2.5",
		0.30000000000000004: "0.30000000000000004", 2: "2", -1e-7: "-1e-07",
	}
	var in strings.Builder
	var floats []float64
	for f, want := range cases {
		if got := jqFloat(f); got != want {
			t.Errorf("%v: %s, want %s", f, got, want)
		}
		floats = append(floats, f)
	}
	if _, err := exec.LookPath("jq"); err != nil {
		return
	}
	for _, f := range floats {
		in.WriteString(strconv.FormatFloat(f, 'g', -1, 64) + "\n")
	}
	jq := strings.Fields(realJQ(t, ".", in.String()))
	for i, f := range floats {
		if jqFloat(f) != jq[i] {
			t.Errorf("%v: vagut %s, jq %s", f, jqFloat(f), jq[i])
		}
	}
}

// --jq on JSON Lines reads each line as it is written (the stream is never
// held whole), and, as jq, prints the results before an error; the error is
// still a usage error.
func TestJQLinesStreamed(t *testing.T) {
	all := run(t, "", "summarize", "-q", "-o", "jsonl", "--sort", "title", "--jq", ".id", corpusDir)
	ids := strings.Split(strings.TrimSpace(all.stdout), "\n")
	if all.code != 0 || len(ids) < 3 {
		t.Fatalf("exit %d, %d ids: %s", all.code, len(ids), all.stderr)
	}
	expr := fmt.Sprintf(`if .id == %s then error("boom") else .id end`, ids[2])
	r := run(t, "", "summarize", "-q", "-o", "jsonl", "--sort", "title", "--jq", expr, corpusDir)
	if want := strings.Join(ids[:2], "\n") + "\n"; r.stdout != want || r.code != 2 || !strings.Contains(r.stderr, "boom") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 2, stdout %q and the error", r.code, r.stdout, r.stderr, want)
	}
}
