// Package cmdutil is the plumbing every command shares: the factory, the
// configuration and where each setting came from, writing -o files
// atomically, checked output, stop signals, the staff-list command
// skeleton, and the typed errors with the one place that maps them to exit
// codes.
package cmdutil

import (
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/iostreams"
	"github.com/careerpath/careerpath/internal/prompt"
)

// Factory carries what every command needs; tests build their own.
type Factory struct {
	IO  *iostreams.IOStreams
	Now func() time.Time
	// Catalog loads the active catalog once, on first use.
	Catalog func() (*catalog.Loaded, error)
	// Titles loads the title map the configuration names (nil for none)
	// against the active catalog, once, on first use.
	Titles func() (*catalog.Titles, error)
	// Config is the effective configuration, resolved by the root command
	// before any command runs; commands read their settings from it.
	Config *Config
	// UserConfigDir is where the default config file lives (under
	// careerpath/); tests point it at a folder of their own.
	UserConfigDir func() (string, error)
	// Prompter asks for missing answers when IO.CanPrompt().
	Prompter prompt.Prompter
}

// NewFactory returns a factory over the given streams; its catalog is the
// one the configuration names, else the embedded one.
func NewFactory(io *iostreams.IOStreams) *Factory {
	f := &Factory{IO: io, Now: time.Now, UserConfigDir: os.UserConfigDir}
	f.Catalog = sync.OnceValues(f.loadCatalog)
	f.Titles = sync.OnceValues(f.loadTitles)
	f.Prompter = prompt.NewSurvey(io.In, io.ErrOut, io.ErrColorEnabled)
	return f
}

// LoadConfig resolves the configuration for a command's parsed flags and
// applies it; the root command calls it before any command runs, and code
// that runs without that hook (shell completion) can call it itself.
func (f *Factory) LoadConfig(flags *pflag.FlagSet) error {
	cfg, err := resolveConfig(flags, f.IO.Getenv, f.UserConfigDir)
	if err != nil {
		return err
	}
	f.Config = cfg
	f.IO.Color = cfg.Get(KeyColor)
	f.IO.NeverPrompt = cfg.NoInput()
	f.IO.NeverPromptBy = cfg.Setting(KeyNoInput).Describe()
	return nil
}

// loadCatalog loads the configured catalog file or the embedded catalog.
func (f *Factory) loadCatalog() (*catalog.Loaded, error) {
	s := f.Config.Setting(KeyCatalog)
	if s.Value == "" {
		return catalog.Default()
	}
	cat, err := LoadCatalogFile(s.Value)
	if err != nil && s.Source != SourceFlag {
		return nil, fmt.Errorf("%w\n(the catalog was set by %s)", err, s.Describe())
	}
	return cat, err
}

// LoadCatalogFile loads a catalog file, refusing one that is not a regular
// file before it can hang on it.
func LoadCatalogFile(path string) (*catalog.Loaded, error) {
	if err := notRegular(path); err != nil {
		return nil, UsageErrorf("catalog %s %v", path, err)
	}
	return catalog.LoadFile(path)
}

// loadTitles loads the configured title map, or none.
func (f *Factory) loadTitles() (*catalog.Titles, error) {
	s := f.Config.Setting(KeyTitles)
	if s.Value == "" {
		return nil, nil
	}
	cat, err := f.Catalog()
	if err != nil {
		return nil, err
	}
	var t *catalog.Titles
	if err = notRegular(s.Value); err != nil {
		err = UsageErrorf("title map %s %v", s.Value, err)
	} else {
		t, err = catalog.LoadTitles(s.Value, cat)
	}
	if err != nil && s.Source != SourceFlag {
		return nil, fmt.Errorf("%w\n(the title map was set by %s)", err, s.Describe())
	}
	return t, err
}
