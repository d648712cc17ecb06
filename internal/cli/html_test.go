package cli

import (
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A summary is untrusted input: nothing in it may become markup, script or
// a request in the page.
func TestHTMLEscapesHostileSummaries(t *testing.T) {
	r := run(t, "", "summarize", "testdata/hostile", "-o", "html", "--sections", "tldr,findings,abstract")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	page := r.stdout
	// "onerror=" may stay as escaped text; as an attribute the DOM walk below catches it.
	for _, bad := range []string{"<script", "<img", " onerror=alert(1)>", `href="javascript`, `href="data:`, "<div", "<b>"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;alert(3)&lt;/script&gt;",                    // shown as text
		"&lt;img src=x onerror=alert(1)&gt;",                       // shown as text
		`<a href="https://example.org/paper">link</a>`,             // http(s) links kept
		`<a href="https://tracker.example/p.gif">image: pixel</a>`, // an image becomes a link: nothing loads
		`<a href="https://example.org/ok">https://example.org/ok</a>`,
		"&lt;div onmouseover=&#34;alert(5)&#34;&gt;",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Parse the page as a browser would and list what could run or load.
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "img", "iframe", "object", "embed", "link", "form", "input", "video", "audio", "source":
				t.Errorf("element <%s> in the page", n.Data)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("event handler %s on <%s>", a.Key, n.Data)
				}
				if (a.Key == "href" || a.Key == "src") && !regexp.MustCompile(`^https?://`).MatchString(a.Val) {
					t.Errorf("%s=%q on <%s>", a.Key, a.Val, n.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

func TestHTMLPage(t *testing.T) {
	r := run(t, "", "summarize", "-o", "html")
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	golden(t, "seed.html", r.stdout)
	for _, want := range []string{`<meta name="viewport"`, "Content-Security-Policy", "<style>", "<h2>Heart–gut interaction"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	g := run(t, "", "summarize", viewsDir, "-o", "html", "--group-by", "year")
	if g.code != 0 || !strings.Contains(g.stdout, "<h2>2021: 2 papers</h2>") {
		t.Errorf("grouped page: exit %d\n%.400s", g.code, g.stdout)
	}
}
