package cli

import "testing"

// A mistyped command or flag gets one line naming the nearest spellings, and
// exit 2.
func TestDidYouMean(t *testing.T) {
	cases := []struct {
		args   []string
		stderr string
	}{
		{[]string{"summarise"}, "vagut: unknown command \"summarise\" (did you mean \"summarize\"?)\n"},
		{[]string{"valdate", "seeds"}, "vagut: unknown command \"valdate\" (did you mean \"validate\"?)\n"},
		{[]string{"entites"}, "vagut: unknown command \"entites\" (did you mean \"entities\"?)\n"},
		{[]string{"sum"}, "vagut: unknown command \"sum\" (did you mean \"summarize\"?)\n"}, // a prefix
		{[]string{"xyzzy"}, "vagut: unknown command \"xyzzy\"\n"},
		{[]string{"validate", "--fromat", "sarif", "seeds"}, "vagut: unknown flag: --fromat (did you mean --format?)\n"},
		{[]string{"validate", "--formt=json", "seeds"}, "vagut: unknown flag: --formt (did you mean --format?)\n"},
		{[]string{"validate", "--strcit", "seeds"}, "vagut: unknown flag: --strcit (did you mean --strict?)\n"},
		{[]string{"fmt", "--chek", "seeds"}, "vagut: unknown flag: --chek (did you mean --check?)\n"},
		{[]string{"summarize", "--entty", "x"}, "vagut: unknown flag: --entty (did you mean --entity?)\n"},
		{[]string{"summarize", "--jb", "2"}, "vagut: unknown flag: --jb (did you mean --jobs or --jq?)\n"},
		{[]string{"summarize", "--confg", "x.yaml"}, "vagut: unknown flag: --confg (did you mean --config?)\n"}, // inherited
		{[]string{"summarize", "--zzzzzz"}, "vagut: unknown flag: --zzzzzz\n"},
		{[]string{"summarize", "-Z"}, "vagut: unknown shorthand flag: 'Z' in -Z\n"},
	}
	for _, c := range cases {
		r := run(t, "", c.args...)
		if r.code != 2 || r.stderr != c.stderr || r.stdout != "" {
			t.Errorf("%q: exit %d, stderr %q, stdout %q; want exit 2, stderr %q", c.args, r.code, r.stderr, r.stdout, c.stderr)
		}
	}
}

func TestLevenshtein(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"", "abc", 3}, {"fromat", "format", 2}, {"summarise", "summarize", 1}, {"kitten", "sitting", 3}, {"naïve", "naive", 1}} {
		if got := levenshtein(c.a, c.b); got != c.d {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}
