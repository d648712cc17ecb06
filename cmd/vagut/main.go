// Command vagut turns a folder of paper summaries into typed records and digests.
package main

import (
	"os"

	"github.com/vagut/vagut/internal/cli"
)

func main() {
	os.Exit(cli.Main())
}
