package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
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
	info, _ := debug.ReadBuildInfo()
	return resolveBuild(BuildInfo{Version: version, Commit: commit, Date: date}, info)
}

// resolveBuild fills what the release's ldflags left empty from the Go
// toolchain's build information (nil when the binary has none): a source
// build from a git checkout has its module version and the commit, its
// time and whether the tree had changes not committed. What neither says
// is "unknown".
func resolveBuild(b BuildInfo, info *debug.BuildInfo) BuildInfo {
	if info != nil {
		b = fromBuildInfo(b, info)
	}
	for _, v := range []*string{&b.Version, &b.Commit, &b.Date} {
		if *v == "" {
			*v = "unknown"
		}
	}
	return b
}

func fromBuildInfo(b BuildInfo, info *debug.BuildInfo) BuildInfo {
	if b.Version == "" {
		b.Version = info.Main.Version
	}
	if b.Commit != "" && b.Date != "" {
		return b
	}
	vcs := map[string]string{}
	for _, s := range info.Settings {
		vcs[s.Key] = s.Value
	}
	if b.Commit == "" && vcs["vcs.revision"] != "" {
		b.Commit = vcs["vcs.revision"]
		if vcs["vcs.modified"] == "true" {
			b.Commit += " (modified)"
		}
	}
	if b.Date == "" {
		b.Date = vcs["vcs.time"]
	}
	return b
}

// VersionOptions are the inputs of `careerpath version`.
type VersionOptions struct {
	IO      *iostreams.IOStreams
	Build   BuildInfo
	Catalog func() (*catalog.Loaded, error)
}

// NewCmdVersion builds `careerpath version`.
func NewCmdVersion(f *cmdutil.Factory, runF func(*VersionOptions) error) *cobra.Command {
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
