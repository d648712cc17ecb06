// Command vagut-man writes vagut's man pages (section 1) into a folder:
// make man runs it. Pages are made from the commands' own help, so they
// never disagree with --help.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra/doc"

	"github.com/vagut/vagut/internal/cli"
	"github.com/vagut/vagut/internal/iostreams"
)

func main() {
	dir := "man"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "vagut-man:", err)
		os.Exit(2)
	}
	// A fixed date keeps the pages reproducible; SOURCE_DATE_EPOCH sets another.
	date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		var sec int64
		if _, err := fmt.Sscan(s, &sec); err == nil {
			date = time.Unix(sec, 0).UTC()
		}
	}
	root := cli.NewCmdRoot(iostreams.System())
	root.DisableAutoGenTag = true
	header := &doc.GenManHeader{Title: "VAGUT", Section: "1", Source: "vagut", Manual: "vagut manual", Date: &date}
	if err := doc.GenManTree(root, header, dir); err != nil {
		fmt.Fprintln(os.Stderr, "vagut-man:", err)
		os.Exit(2)
	}
}
