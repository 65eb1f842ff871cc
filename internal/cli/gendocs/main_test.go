package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/cli"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
)

func TestWritesCompletionsAndAManPagePerCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "docs")
	flags := []string{"-version", "9.8.7", "-date", "2027-01-04T00:00:00Z"}
	if err := run(slices.Concat(flags, []string{dir})); err != nil {
		t.Fatal(err)
	}
	for shell, name := range completionFiles {
		script, err := os.ReadFile(filepath.Join(dir, "completions", name))
		if err != nil || !bytes.Contains(script, []byte("__complete")) {
			t.Errorf("%s completion %s: %v, %d bytes", shell, name, err, len(script))
		}
	}

	root := cli.NewCmdRoot(cmdutil.NewFactory(&iostreams.IOStreams{Getenv: os.Getenv}))
	pages := 0
	eachCommand(root, func(cmd *cobra.Command) error {
		base := strings.ReplaceAll(cmd.CommandPath(), " ", "-")
		page := gunzip(t, filepath.Join(dir, "man", base+".1.gz"))
		th := `.TH "` + strings.ToUpper(base) + `" "1" "Jan 2027" "careerpath 9.8.7"`
		if !strings.Contains(page, th) || !strings.Contains(page, cmd.Short) {
			t.Errorf("%s.1.gz lacks %q or its summary:\n%.300s", base, th, page)
		}
		pages++
		return nil
	})
	if entries, _ := os.ReadDir(filepath.Join(dir, "man")); pages < 10 || len(entries) != pages {
		t.Errorf("%d man pages for %d commands", len(entries), pages)
	}
	if advise := gunzip(t, filepath.Join(dir, "man", "careerpath-advise.1.gz")); !strings.Contains(advise, `\fB--format\fP`) {
		t.Error("careerpath-advise.1 does not document --format")
	}

	// The same sources and date give the same bytes.
	again := filepath.Join(t.TempDir(), "docs")
	if err := run(slices.Concat(flags, []string{again})); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "man", "careerpath.1.gz"))
	b, _ := os.ReadFile(filepath.Join(again, "man", "careerpath.1.gz"))
	if !bytes.Equal(a, b) {
		t.Error("two runs wrote different careerpath.1.gz")
	}
}

func gunzip(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	page, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return string(page)
}

// GoReleaser without git information passes the zero time; the pages then
// carry $SOURCE_DATE_EPOCH's date rather than year 1.
func TestZeroDateFallsBackToSourceDateEpoch(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1799971200") // 2027-01-15, January in every zone
	dir := t.TempDir()
	if err := run([]string{"-date", "0001-01-01T00:00:00Z", dir}); err != nil {
		t.Fatal(err)
	}
	if page := gunzip(t, filepath.Join(dir, "man", "careerpath.1.gz")); !strings.Contains(page, `"Jan 2027"`) {
		t.Errorf("page header is not dated Jan 2027:\n%.200s", page)
	}
}
