package cli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// The page of the hostile summaries, loaded by a real browser (headless
// Chromium), runs no script and holds no link that one paper's definitions
// sent to another's text. Skipped when Chromium is not installed.
func TestChromiumHostilePage(t *testing.T) {
	var browser string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("no Chromium installed (apt-get install chromium)")
	}
	r := run(t, "", "summarize", "testdata/hostile", "-o", "html", "--sections", "tldr,findings,abstract,entities")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "page.html")
	if err := os.WriteFile(page, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--virtual-time-budget=3000", "--dump-dom", "file://"+page)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	dom := string(out)
	if !strings.Contains(dom, "vagut digest") || !strings.Contains(dom, "the honest trial") {
		t.Fatalf("chromium did not load the page:\n%.2000s", dom)
	}
	doc, err := html.Parse(strings.NewReader(dom))
	if err != nil {
		t.Fatal(err)
	}
	links := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "data-pwned" {
					t.Errorf("a script ran: data-pwned=%q on <%s>", a.Val, n.Data)
				}
				if n.Data == "a" && a.Key == "href" {
					links++
					if strings.Contains(a.Val, "evil.example") {
						t.Errorf("a link goes to another paper's definition: %s", a.Val)
					}
					if !strings.HasPrefix(a.Val, "https://") && !strings.HasPrefix(a.Val, "http://") {
						t.Errorf("a link that is not http(s): %s", a.Val)
					}
				}
			}
			switch n.Data {
			case "script", "iframe", "img", "svg", "object", "embed":
				t.Errorf("<%s> in the page as the browser built it", n.Data)
			case "title":
				if n.FirstChild != nil && strings.Contains(n.FirstChild.Data, "pwned") && !strings.Contains(n.FirstChild.Data, "vagut") {
					t.Errorf("a script set the title: %q", n.FirstChild.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if links == 0 {
		t.Errorf("no link at all in the page: the check saw nothing")
	}
}
