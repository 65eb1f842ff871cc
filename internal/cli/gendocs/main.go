// Command gendocs writes careerpath's shell completions and man pages for a
// release; GoReleaser's before hook runs it:
//
//	go run ./internal/cli/gendocs -version 1.2.3 -date 2027-01-04T00:00:00Z build/docs
//
// It is a separate program rather than a hidden command so that cobra/doc
// and its Markdown-to-roff dependencies stay out of the shipped binary. Both
// outputs come from the binary's own code: the completions from running its
// `completion` command, the man pages from the same command tree.
package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/careerpath/careerpath/internal/cli"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
)

// completionFiles names each shell's script the way its package path wants
// it (the .deb renames them into place).
var completionFiles = map[string]string{
	"bash":       "careerpath.bash",
	"zsh":        "_careerpath",
	"fish":       "careerpath.fish",
	"powershell": "careerpath.ps1",
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("gendocs", flag.ContinueOnError)
	version := fs.String("version", "dev", "version named in the man pages")
	date := fs.String("date", "", "date of the man pages, RFC 3339 (default: $SOURCE_DATE_EPOCH or now)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: gendocs [-version V] [-date RFC3339] DIR")
	}
	dir := fs.Arg(0)
	header := &doc.GenManHeader{Source: "careerpath " + *version, Manual: "careerpath manual"}
	if *date != "" {
		d, err := time.Parse(time.RFC3339, *date)
		if err != nil {
			return fmt.Errorf("-date: %w", err)
		}
		// GoReleaser passes the zero time when it has no git information.
		if !d.IsZero() {
			header.Date = &d
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := writeCompletions(filepath.Join(dir, "completions")); err != nil {
		return err
	}
	return writeManPages(filepath.Join(dir, "man"), header)
}

// writeCompletions runs `careerpath completion SHELL` for each shell.
func writeCompletions(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for shell, name := range completionFiles {
		var out, errOut bytes.Buffer
		streams := &iostreams.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: os.Getenv}
		if code := cli.Main([]string{"completion", shell}, streams); code != 0 {
			return fmt.Errorf("careerpath completion %s: exit %d: %s", shell, code, errOut.String())
		}
		if err := os.WriteFile(filepath.Join(dir, name), out.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeManPages writes one gzipped page per command, named as man(1)
// expects: careerpath.1.gz, careerpath-advise.1.gz, ...
func writeManPages(dir string, header *doc.GenManHeader) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root := cli.NewCmdRoot(cmdutil.NewFactory(&iostreams.IOStreams{Getenv: os.Getenv}))
	root.DisableAutoGenTag = true
	return eachCommand(root, func(cmd *cobra.Command) error {
		page := *header // GenMan fills in the title of the page it writes
		var roff bytes.Buffer
		if err := doc.GenMan(cmd, &page, &roff); err != nil {
			return err
		}
		name := strings.ReplaceAll(cmd.CommandPath(), " ", "-") + ".1.gz"
		return writeGzip(filepath.Join(dir, name), roff.Bytes())
	})
}

func eachCommand(cmd *cobra.Command, do func(*cobra.Command) error) error {
	if err := do(cmd); err != nil {
		return err
	}
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() && !c.IsAdditionalHelpTopicCommand() {
			if err := eachCommand(c, do); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeGzip compresses at the best level with no name or time in the gzip
// header, as Debian wants man pages, so the same input gives the same bytes.
func writeGzip(path string, data []byte) error {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(data); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
