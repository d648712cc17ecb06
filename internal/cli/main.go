// Package cli holds vagut's commands: one file per verb, all I/O through
// iostreams, all exit codes decided in exitCode.
package cli

import (
	"errors"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/vagut/vagut/internal/config"
	"github.com/vagut/vagut/internal/iostreams"
)

// Factory gives commands what they share: the streams and the settings,
// read only when a command runs.
type Factory struct {
	IOStreams *iostreams.IOStreams
	Config    func() (*config.Config, error)
	Run       *runFlags
}

// Main runs vagut with the process's arguments and streams.
func Main() int {
	// A reader that went away (vagut summarize | head) is not a failure: with
	// SIGPIPE ignored a write returns EPIPE, which ends the run quietly with
	// exit 0, where the default signal killed vagut (exit 141 under pipefail).
	signal.Ignore(syscall.SIGPIPE)
	return Run(iostreams.System(), nil)
}

// Run executes vagut with args (nil: the process's) and returns the exit code.
func Run(ios *iostreams.IOStreams, args []string) int {
	// Nothing from a summary may act on the terminal: on a TTY, stdout is
	// sanitised (the caller's streams are left as they were).
	guarded := *ios
	ios = &guarded
	defer ios.GuardTerminal()()
	named := args
	if named == nil {
		named = os.Args[1:]
	}
	only := ""
	if len(named) > 0 {
		only = named[0]
	}
	root := newRoot(ios, only)
	if args != nil {
		root.SetArgs(args)
	}
	err := root.Execute()
	if err != nil {
		err = unknownCommand(root, err)
	}
	var ee *exitError
	if err != nil && !errors.As(err, &ee) {
		printMessage(ios.ErrOut, oneLine(err.Error()))
	}
	return exitCode(err)
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(ios *iostreams.IOStreams) *cobra.Command { return newRoot(ios, "") }

// newRoot builds the command tree; when only names one of the commands, the
// tree holds that command alone. A run whose first argument is a command (as
// in vagut validate FILE, what a pre-commit hook calls) then builds the flags
// of the command it runs and not those of the eight others, which was a
// tenth of vagut's start-up. Everything else (vagut, vagut help, flags
// before the command, completion, a misspelt command) gets the whole tree.
func newRoot(ios *iostreams.IOStreams, only string) *cobra.Command {
	root := &cobra.Command{
		Use:   "vagut <command> [flags]",
		Short: "Turn folders of paper summaries into typed records and digests",
		Long: `vagut reads paper summaries (one Markdown file per paper: title, authors,
metadata, TL;DR, key findings, abstract, entities with database ids) and answers
questions about them: filtered digests in Markdown for reading, JSON and JSONL
for jq and scripts; validate and fmt keep a folder of summaries correct in CI.

Settings come from .vagut.yaml in the working folder or a parent up to the
repository root (see vagut help config), or --config FILE: default paths,
files to exclude, required sections, rule severities, allowed id prefixes.

Exit codes: 0 ok (an empty digest too); 1 some inputs failed or have
problems, the rest came out; 2 usage error or no input.`,
		Example: `  vagut summarize                       # digest of ./seeds
  vagut summarize notes/ --entity I-FABP --since 2020
  vagut summarize -o json | jq '.papers[].title'
  vagut validate notes/ && vagut fmt --check notes/`,
		SilenceErrors: true,
		SilenceUsage:  true,
		// unknownCommand suggests, within bounds; cobra's own suggestions
		// are computed whatever the length of the word.
		DisableSuggestions: true,
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetFlagErrorFunc(unknownFlag)
	var configFile string
	root.PersistentFlags().StringVar(&configFile, "config", "", "read settings from `FILE` instead of the nearest .vagut.yaml")
	// The settings are read once a run, however many parts of it ask.
	var cfg *config.Config
	var cfgErr error
	var cfgRead bool
	f := &Factory{IOStreams: ios, Config: func() (*config.Config, error) {
		if !cfgRead {
			cfg, cfgErr = loadConfig(configFile)
			cfgRead = true
		}
		return cfg, cfgErr
	}, Run: &runFlags{}}
	f.Run.register(root.PersistentFlags())
	commands := []struct {
		name  string
		build func() *cobra.Command
	}{
		{"summarize", func() *cobra.Command { return NewCmdSummarize(f, nil) }},
		{"entities", func() *cobra.Command { return NewCmdEntities(f, nil) }},
		{"cite", func() *cobra.Command { return NewCmdCite(f, nil) }},
		{"validate", func() *cobra.Command { return NewCmdValidate(f, nil) }},
		{"fmt", func() *cobra.Command { return NewCmdFmt(f, nil) }},
		{"new", func() *cobra.Command { return NewCmdNew(f, nil) }},
		{"rules", func() *cobra.Command { return NewCmdRules(f) }},
		{"schema", func() *cobra.Command { return NewCmdSchema(f) }},
		{"version", func() *cobra.Command { return NewCmdVersion(f) }},
	}
	all := true
	for _, c := range commands {
		if c.name == only {
			all = false
			root.AddCommand(c.build())
		}
	}
	if !all {
		// vagut completion SHELL is a command of the whole tree; cobra
		// would build its four scripts' help at every run.
		root.CompletionOptions.DisableDefaultCmd = true
	}
	if all {
		for _, c := range commands {
			root.AddCommand(c.build())
		}
		root.AddCommand(helpTopics()...)
		unknownHelpTopic(root)
		// vagut --version; the commands have no --version of their own.
		root.Version = versionLine()
		root.SetVersionTemplate("{{.Version}}\n")
	}
	return root
}
