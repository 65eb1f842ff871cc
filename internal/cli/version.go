package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/text"
)

// Set at release time with -ldflags "-X ...cli.version=..." (see
// .goreleaser.yaml); otherwise read from the module's build information.
var (
	version = ""
	commit  = ""
	date    = ""
)

// BuildInfo says which build this is.
type BuildInfo struct {
	Version, Commit, Date string
}

func currentBuild() BuildInfo {
	b := BuildInfo{Version: version, Commit: commit, Date: date}
	info, ok := debug.ReadBuildInfo()
	if ok && b.Version == "" && info.Main.Version != "" {
		b.Version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch {
		case s.Key == "vcs.revision" && b.Commit == "":
			b.Commit = s.Value
		case s.Key == "vcs.time" && b.Date == "":
			b.Date = s.Value
		}
	}
	for _, v := range []*string{&b.Version, &b.Commit, &b.Date} {
		if *v == "" {
			*v = "unknown"
		}
	}
	return b
}

// VersionOptions are the inputs of `careerpath version`.
type VersionOptions struct {
	IO      *IOStreams
	Build   BuildInfo
	Catalog func() (*catalog.Loaded, error)
}

// NewCmdVersion builds `careerpath version`.
func NewCmdVersion(f *Factory, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{IO: f.IO, Catalog: f.Catalog}
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit, build date and catalog",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			opts.Build = currentBuild()
			if runF != nil {
				return runF(opts)
			}
			return runVersion(opts)
		},
	}
}

func runVersion(opts *VersionOptions) error {
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	catalogLine := text.Wrap("catalog: ", fmt.Sprintf("%s %s (sha256 %s)",
		text.Sanitize(cat.Source.Name), text.Sanitize(cat.Source.Version), cat.Source.SHA256), opts.IO.TerminalWidth)
	_, err = fmt.Fprintf(opts.IO.Out, "careerpath %s\ncommit: %s\nbuilt: %s\n%s\n",
		opts.Build.Version, opts.Build.Commit, opts.Build.Date, catalogLine)
	return err
}
