package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/itchyny/gojq"
	"github.com/spf13/pflag"
)

// jqFlag is --jq EXPR on the commands that write JSON.
type jqFlag struct {
	expr string
	code *gojq.Code
}

func (j *jqFlag) register(fs *pflag.FlagSet) {
	fs.StringVar(&j.expr, "jq", "", "filter the JSON output with a jq `EXPR`ession (built in, no jq needed)")
}

// compile checks the expression up front: a bad one is a usage error.
func (j *jqFlag) compile() error {
	if j.expr == "" {
		return nil
	}
	q, err := gojq.Parse(j.expr)
	if err != nil {
		return usagef("--jq: %v", err)
	}
	if j.code, err = gojq.Compile(q); err != nil {
		return usagef("--jq: %v", err)
	}
	return nil
}

// write runs the JSON through the expression when there is one: every JSON
// value written (one document, or one per JSONL line) is an input, and each
// result is printed as jq prints it, indented by two spaces. The values are
// read as they are written, so a JSONL stream is filtered line by line in
// bounded memory (a -o json document is one value: jq holds it whole); as jq
// does, the results before an error are printed.
func (j *jqFlag) write(out io.Writer, render func(io.Writer) error) error {
	if j.code == nil {
		return render(out)
	}
	pr, pw := io.Pipe()
	rendered := make(chan error, 1)
	go func() {
		err := render(pw)
		pw.CloseWithError(err) // nil: the reader sees io.EOF
		rendered <- err
	}()
	err := j.filter(out, pr)
	pr.CloseWithError(errJQStopped) // the renderer stops at its next write
	if rerr := <-rendered; rerr != nil && !errors.Is(rerr, errJQStopped) {
		return rerr // the output's own error comes first, as when it was buffered
	}
	return err
}

var errJQStopped = errors.New("--jq stopped reading")

// filter runs each JSON value read from in through the expression and
// writes the results to out.
func (j *jqFlag) filter(out io.Writer, in io.Reader) error {
	dec := json.NewDecoder(in)
	dec.UseNumber()
	bw := bufio.NewWriterSize(out, 1<<16)
	var b strings.Builder
	for {
		var v any
		if err := dec.Decode(&v); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			bw.Flush()
			return err
		}
		iter := j.code.Run(numbers(v))
		for {
			r, ok := iter.Next()
			if !ok {
				break
			}
			if err, isErr := r.(error); isErr {
				var halt *gojq.HaltError
				if errors.As(err, &halt) && halt.Value() == nil {
					break
				}
				bw.Flush()
				return &jqError{err}
			}
			b.Reset()
			if err := jqEncode(&b, r); err != nil {
				bw.Flush()
				return &jqError{err}
			}
			if _, err := bw.WriteString(b.String()); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// jqEncode writes one result as jq does: two-space indent, no HTML
// escaping (& < > stay as they are), numbers as jq formats them, keys
// sorted (gojq keeps no key order: the same as jq -S), then a newline.
func jqEncode(b *strings.Builder, v any) error {
	var compact bytes.Buffer
	if err := jqCompact(&compact, v); err != nil {
		return err
	}
	var out bytes.Buffer
	// Indent only adds white space: strings and numbers keep their bytes.
	if err := json.Indent(&out, compact.Bytes(), "", "  "); err != nil {
		return err
	}
	b.Write(out.Bytes())
	b.WriteByte('\n')
	return nil
}

// jqCompact is gojq.Marshal but for doubles, which it writes as jq does.
func jqCompact(b *bytes.Buffer, v any) error {
	switch x := v.(type) {
	case float64:
		b.WriteString(jqFloat(x))
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := jqCompact(b, e); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := jqCompact(b, k); err != nil {
				return err
			}
			b.WriteByte(':')
			if err := jqCompact(b, x[k]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	default:
		s, err := gojq.Marshal(v)
		if err != nil {
			return err
		}
		b.Write(s)
	}
	return nil
}

// jqFloat formats a double as jq's dtoa does: the shortest digits that read
// back to the same double, in fixed notation unless the point falls more
// than 15 places past the digits or 4 before them (1e+17, 1e-05,
// 123456789012345680). gojq writes 1e-5 and 100000000000000000; jq does not.
func jqFloat(f float64) string {
	if math.IsNaN(f) {
		return "null"
	}
	f = min(max(f, -math.MaxFloat64), math.MaxFloat64) // jq prints infinities as the largest double
	if f == 0 {
		if math.Signbit(f) {
			return "-0"
		}
		return "0"
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // [-]d[.ddd]e±XX
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	mant, expText, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expText)
	digits := strings.Replace(mant, ".", "", 1)
	decpt := exp + 1 // digits before the decimal point
	switch {
	case decpt <= -4 || decpt > len(digits)+15:
		out := digits[:1]
		if len(digits) > 1 {
			out += "." + digits[1:]
		}
		esign := '+'
		if exp < 0 {
			esign, exp = '-', -exp
		}
		return fmt.Sprintf("%s%se%c%02d", sign, out, esign, exp)
	case decpt <= 0:
		return sign + "0." + strings.Repeat("0", -decpt) + digits
	case decpt >= len(digits):
		return sign + digits + strings.Repeat("0", decpt-len(digits))
	}
	return sign + digits[:decpt] + "." + digits[decpt:]
}

// numbers turns json.Number into the int, *big.Int or float64 gojq
// computes with: an integer keeps every digit, however large, so it is
// printed as written.
func numbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
		if !strings.ContainsAny(string(x), ".eE") {
			if n, ok := new(big.Int).SetString(string(x), 10); ok {
				return n
			}
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = numbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = numbers(e)
		}
	}
	return v
}

// jqError is an expression that failed on the data (exit 2, like a usage error).
type jqError struct{ err error }

func (e *jqError) Error() string { return fmt.Sprintf("--jq: %v", e.err) }
