package cli

import (
	"fmt"
	"github.com/vagut/vagut/internal/config"
	"github.com/vagut/vagut/internal/sanitize"
)

// loadConfig reads --config FILE, or the nearest .vagut.yaml from the
// working folder up; without either, the defaults. Errors are usage errors.
func loadConfig(flag string) (*config.Config, error) {
	path, display := flag, flag
	if path == "" {
		found, ignored, err := config.Find(".")
		if err != nil {
			return nil, usagef("%s: %v", config.FileName, err)
		}
		if found == "" {
			c := config.Default()
			c.Ignored = ignored
			return c, nil
		}
		path, display = found, relDisplay(found)
	}
	load := config.Load
	if flag == "" {
		load = config.LoadFound
	}
	c, err := load(path, display)
	if err != nil {
		return nil, &usageError{err.Error()}
	}
	return c, nil
}

// inputs reads the settings and says which PATHs a command reads: its
// arguments, else the paths of .vagut.yaml, else ./seeds.
func (f *Factory) inputs(args []string) (*config.Config, []string, error) {
	if err := f.Run.check(); err != nil {
		return nil, nil, err
	}
	cfg, err := f.Config()
	if err != nil {
		return nil, nil, err
	}
	if _, err := excludeRules(f.Run.exclude); err != nil {
		return nil, nil, err
	}
	if cfg.Ignored != "" && !f.Run.quiet {
		fmt.Fprintf(f.IOStreams.ErrOut, "vagut: warning: %s not read: anyone may write to its folder (give it with --config to use it)\n", sanitize.Line(relDisplay(cfg.Ignored)))
	}
	if f.Run.verbose {
		if cfg.File != "" {
			fmt.Fprintf(f.IOStreams.ErrOut, "vagut: settings from %s\n", sanitize.Line(cfg.File))
		} else {
			fmt.Fprintf(f.IOStreams.ErrOut, "vagut: no %s in the working folder or a parent up to the repository root (or the home folder); default settings\n", config.FileName)
		}
	}
	return cfg, defaultPaths(args, cfg), nil
}

// defaultPaths are the PATHs used when none is given.
func defaultPaths(args []string, c *config.Config) []string {
	switch {
	case len(args) > 0:
		return args
	case len(c.Paths) > 0:
		return c.Paths
	}
	return []string{DefaultPath}
}
