package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/careerpath/careerpath/data"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
)

// fullWriter takes room bytes, then fails as a full disk does.
type fullWriter struct{ room int }

func (w *fullWriter) Write(p []byte) (int, error) {
	if len(p) <= w.room {
		w.room -= len(p)
		return len(p), nil
	}
	n := w.room
	w.room = 0
	return n, syscall.ENOSPC
}

// runWithStdout runs careerpath with stdin and the given stdout.
func runWithStdout(t *testing.T, out io.Writer, stdin string, args ...string) result {
	t.Helper()
	var errOut bytes.Buffer
	io := &iostreams.IOStreams{In: strings.NewReader(stdin), Out: out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
	f := cmdutil.NewFactory(io)
	f.Now = func() time.Time { return time.Date(2027, 1, 4, 9, 30, 0, 0, time.Local) }
	configDir := t.TempDir()
	f.UserConfigDir = func() (string, error) { return configDir, nil }
	code := run(f, args)
	return result{stderr: errOut.String(), code: code}
}

// Every command and format fails with exit 1 and says so when stdout
// cannot take its output, whether the first write fails or one half-way
// (tablewriter and the YAML encoder drop such errors themselves).
func TestEveryWriteErrorFailsTheRun(t *testing.T) {
	catalogFile := writeFile(t, "catalog.yaml", string(data.CatalogYAML))
	var cases [][]string
	for _, cmd := range []string{"roles", "levels", "specialisations", "config show", "catalog show"} {
		for _, format := range []string{"table", "markdown", "json", "yaml"} {
			cases = append(cases, append(strings.Fields(cmd), "--format", format))
		}
	}
	for _, format := range []string{"table", "markdown", "json", "yaml", "ics"} {
		cases = append(cases, append(append([]string{}, sreTeam...), "--format", format, "--explain"))
	}
	for _, format := range []string{"csv", "table", "ndjson", "json"} {
		cases = append(cases, []string{"batch", "--format", format})
	}
	for _, format := range []string{"table", "markdown", "json", "yaml", "ics"} {
		cases = append(cases, append([]string{"path", "--role", "SRE", "--years", "6", "--accountability", "team", "--start", "2027-01-04"}, "--format", format))
	}
	for _, format := range []string{"table", "markdown", "json", "yaml"} {
		cases = append(cases, []string{"levels", "show", "foundation", "--format", format}, []string{"levels", "compare", "foundation", "professional", "--format", format})
	}
	cases = append(cases,
		[]string{"titles", "suggest", "--column", "role=name"},
		[]string{"version"},
		[]string{"catalog", "validate", catalogFile},
		[]string{"catalog", "export"},
		[]string{"catalog", "export", "--format", "json"},
		[]string{"schema", "catalog"},
		[]string{"completion", "bash"},
		[]string{"--help"},
		[]string{"advise", "--help"},
	)
	for _, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var whole bytes.Buffer
			if r := runWithStdout(t, &whole, staffCSV, args...); r.code != cmdutil.ExitOK || whole.Len() == 0 {
				t.Fatalf("to a buffer: exit %d, %d bytes, stderr %q", r.code, whole.Len(), r.stderr)
			}
			for _, room := range []int{0, whole.Len() / 2, whole.Len() - 1} {
				r := runWithStdout(t, &fullWriter{room: room}, staffCSV, args...)
				if r.code != cmdutil.ExitError || !strings.Contains(r.stderr, "careerpath: cannot write stdout: no space left on device; the output is incomplete") {
					t.Errorf("room for %d of %d bytes: exit %d, stderr %q; want 1 and the write error", room, whole.Len(), r.code, r.stderr)
				}
				if strings.Contains(r.stderr, "advised") {
					t.Errorf("room for %d bytes: stderr %q reports rows as done", room, r.stderr)
				}
			}
		})
	}
}

// -o on a full filesystem fails and leaves the old file as it was, for
// every writer, on a real (tmpfs) filesystem.
func TestOutputFileOnAFullFilesystem(t *testing.T) {
	dir := mountSmallTmpfs(t, "size=8k")
	path := filepath.Join(dir, "out")
	var staff strings.Builder
	staff.WriteString("role,years,accountability\n")
	for range 300 {
		staff.WriteString("SRE,6,team\n")
	}
	for _, args := range [][]string{
		append(append([]string{}, sreTeam...), "--format", "json"),
		{"batch", "--format", "csv", "--start", "2027-01-04"},
		{"batch", "--format", "table", "--start", "2027-01-04"},
		{"batch", "--format", "ndjson", "--start", "2027-01-04"},
		{"batch", "--format", "json", "--start", "2027-01-04"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			var whole bytes.Buffer
			runWithStdout(t, &whole, staff.String(), args...)
			if free := freeBytes(t, dir); uint64(whole.Len()) <= free {
				t.Fatalf("the output (%d bytes) fits in the %d free bytes; the test needs more", whole.Len(), free)
			}
			r := runWithStdout(t, io.Discard, staff.String(), append(args, "-o", path)...)
			want := "cannot write " + path + ": no space left on device; " + path + " was left as it was"
			if r.code != cmdutil.ExitError || !strings.Contains(r.stderr, want) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", r.code, r.stderr, want)
			}
			if got, _ := os.ReadFile(path); string(got) != "old\n" {
				t.Errorf("the file holds %d bytes, want the old content", len(got))
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("%d files in the folder, want only the old one", len(entries))
			}
		})
	}
}

// A target on a read-only filesystem is refused (exit 2), named as given.
func TestOutputOnAReadOnlyFilesystemNamesTheTarget(t *testing.T) {
	dir := mountSmallTmpfs(t, "size=8k,ro")
	path := filepath.Join(dir, "plan.txt")
	r := runCLI(t, nil, append(append([]string{}, sreTeam...), "-o", path)...)
	if want := "cannot write " + path + ": read-only file system"; r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, want)
	}
}
