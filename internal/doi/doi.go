// Package doi normalises DOIs as people write them: with or without a
// resolver URL or a "doi:" prefix.
package doi

import "strings"

var prefixes = []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"}

// Bare removes a resolver or "doi:" prefix and surrounding space; case is kept.
func Bare(d string) string {
	d = strings.TrimSpace(d)
	low := strings.ToLower(d)
	for _, p := range prefixes {
		if strings.HasPrefix(low, p) {
			return strings.TrimSpace(d[len(p):])
		}
	}
	return d
}

// Key is the form for comparing DOIs: bare and lower case (DOIs are
// case-insensitive).
func Key(d string) string { return strings.ToLower(Bare(d)) }

// URL is the DOI's resolver link.
func URL(d string) string { return "https://doi.org/" + Bare(d) }
