package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// stampedVersion is set at link time by release builds and the GitHub Action
// (-ldflags "-X github.com/vagut/vagut/internal/cli.stampedVersion=v1.2.3"),
// which build from a checkout or an archive where the build info may not
// know the tag.
var stampedVersion string

// version is the stamped version, else the module version from the build
// info (go install …@v1.2.3), else "devel".
func version() string {
	if stampedVersion != "" {
		return stampedVersion
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// versionLine says which vagut this is: module version, VCS revision and
// time when the build recorded them, and the Go that built it.
func versionLine() string {
	parts := []string{"vagut " + version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		var vcs []string
		settings := map[string]string{}
		for _, s := range bi.Settings {
			settings[s.Key] = s.Value
		}
		if rev := settings["vcs.revision"]; rev != "" {
			if len(rev) > 12 {
				rev = rev[:12]
			}
			vcs = append(vcs, "revision "+rev)
		}
		if t := settings["vcs.time"]; t != "" {
			vcs = append(vcs, t)
		}
		if settings["vcs.modified"] == "true" {
			vcs = append(vcs, "modified")
		}
		if len(vcs) > 0 {
			parts = append(parts, "("+strings.Join(vcs, ", ")+")")
		}
	}
	parts = append(parts, runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH)
	return strings.Join(parts, " ")
}

// NewCmdVersion prints versionLine.
func NewCmdVersion(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print vagut's version, revision and Go version",
		Long: `Print the module version of this vagut, the VCS revision and time it was
built from (when the build recorded them), and the Go version and platform.
vagut --version prints the same line.`,
		Example: `  vagut version
  vagut --version`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(f.IOStreams.Out, versionLine())
			return err
		},
	}
}
