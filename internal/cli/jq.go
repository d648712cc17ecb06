package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/itchyny/gojq"
	"github.com/spf13/cobra"
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

// settle fits --jq to a command's output flag: without the flag given, the
// first JSON format is implied; another format is a usage error; the
// expression is compiled, so a bad one is a usage error before any work.
func (j *jqFlag) settle(cmd *cobra.Command, flag string, output *string, jsonFormats ...string) error {
	if j.expr == "" {
		return nil
	}
	if !cmd.Flags().Changed(flag) {
		*output = jsonFormats[0]
	}
	if !slices.Contains(jsonFormats, *output) {
		name := "--" + flag
		if flag == "output" {
			name = "-o"
		}
		return usagef("--jq needs %s %s, not %s", name, strings.Join(jsonFormats, " or "), *output)
	}
	return j.compile()
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
// result is printed as jq prints it, indented by two spaces.
func (j *jqFlag) write(out io.Writer, render func(io.Writer) error) error {
	if j.code == nil {
		return render(out)
	}
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	var b strings.Builder
	for {
		var v any
		if err := dec.Decode(&v); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
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
				return &jqError{err}
			}
			s, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				return &jqError{err}
			}
			b.Write(s)
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(out, b.String())
	return err
}

// numbers turns json.Number into the int or float64 gojq computes with.
func numbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
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
