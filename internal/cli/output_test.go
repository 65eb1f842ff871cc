package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/catalog"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/golden"
	"github.com/careerpath/careerpath/internal/iostreams"
)

var sreTeam = []string{"advise", "--role", "SRE", "--years", "6", "--accountability", "team", "--start", "2027-01-04"}

func TestAdviseICSGolden(t *testing.T) {
	r := runCLI(t, nil, append(sreTeam, "--format", "ics")...)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	// runCLI's clock reads 09:30 local time, so its UTC form (the DTSTAMP)
	// depends on the machine's zone; the golden file names it instead.
	stamp := time.Date(2027, 1, 4, 9, 30, 0, 0, time.Local).UTC().Format("20060102T150405Z")
	if n := strings.Count(r.stdout, "DTSTAMP:"+stamp+"\r\n"); n != 3 {
		t.Errorf("%d events are stamped with the clock's time %s, want 3", n, stamp)
	}
	golden.Assert(t, "advise_ics", strings.ReplaceAll(r.stdout, stamp, "CLOCK"))
}

func TestListingsHaveNoCalendar(t *testing.T) {
	r := runCLI(t, nil, "roles", "--format", "ics")
	if r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, `unknown format "ics"; use one of: table, json, yaml, markdown`) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// -o writes what stdout would have shown, for every format, and nothing
// else: no output on stdout, no temporary files left beside it.
func TestOutputFileHoldsWhatStdoutWouldShow(t *testing.T) {
	dir := t.TempDir()
	for _, format := range []string{"table", "json", "yaml", "markdown", "ics"} {
		args := append(sreTeam, "--format", format)
		want := runCLI(t, nil, args...).stdout
		path := filepath.Join(dir, "plan."+format)
		r := runCLI(t, nil, append(args, "-o", path)...)
		if r.code != 0 || r.stdout != "" || r.stderr != "" {
			t.Fatalf("%s: exit %d, stdout %q, stderr %q", format, r.code, r.stdout, r.stderr)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != want || want == "" {
			t.Errorf("%s: file differs from stdout (%v):\n%s", format, err, golden.Diff("stdout", path, want, string(got)))
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 {
		t.Errorf("the directory holds %d entries, want the 5 plans", len(entries))
	}
}

func TestOutputFileIsReplacedOnlyOnSuccess(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.ics")
	if err := os.WriteFile(path, []byte("old plan\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := runCLI(t, nil, "advise", "--role", "Sorcerer", "--years", "6", "--accountability", "team", "-o", path)
	if got, _ := os.ReadFile(path); bad.code != cmdutil.ExitUsage || string(got) != "old plan\n" {
		t.Errorf("a rejected answer: exit %d and the file holds %q; want 2 and the old plan", bad.code, got)
	}

	ok := runCLI(t, nil, append(sreTeam, "--format", "ics", "-o", path)...)
	got, _ := os.ReadFile(path)
	if ok.code != 0 || !strings.HasPrefix(string(got), "BEGIN:VCALENDAR\r\n") {
		t.Errorf("exit %d and the file holds %q", ok.code, got)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the replaced file's mode is %v (%v), want the old file's 0600", info.Mode(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the directory holds %d entries, want only plan.ics", len(entries))
	}
}

// A folder that is not there is a bad argument (exit 2), named as the user
// gave it, not by the temporary file's name.
func TestOutputIntoAMissingDirectoryFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no-such-dir", "plan.ics")
	r := runCLI(t, nil, append(sreTeam, "-o", path)...)
	want := "cannot write " + path + ": no such file or directory; check that the folder " + filepath.Dir(path) + " exists"
	if r.code != cmdutil.ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, want) || strings.Contains(r.stderr, ".plan.ics") {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestFlagValuesCompleteFromTheCatalog(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	complete := func(args ...string) []string {
		r := runCLI(t, nil, append([]string{"__complete"}, args...)...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
		var values []string
		for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
			if !strings.HasPrefix(l, ":") { // the last line is cobra's directive
				values = append(values, strings.SplitN(l, "\t", 2)[0])
			}
		}
		return values
	}
	var roles, answers []string
	for _, r := range cat.Roles {
		roles = append(roles, r.Name)
	}
	for _, a := range cat.Accountability {
		answers = append(answers, a.ID)
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"advise", "--role", ""}, roles},
		{[]string{"advise", "--accountability", ""}, answers},
		{[]string{"advise", "--format", ""}, []string{"table", "json", "yaml", "markdown", "ics"}},
		{[]string{"levels", "--format", ""}, []string{"table", "json", "yaml", "markdown"}},
		{[]string{"completion", ""}, []string{"bash", "fish", "powershell", "zsh"}},
	} {
		if got := complete(c.args...); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%v completes %q, want %q", c.args, got, c.want)
		}
	}
}

func TestCompletionScripts(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		r := runCLI(t, nil, "completion", shell)
		if r.code != 0 || !strings.Contains(r.stdout, "careerpath") || !strings.Contains(r.stdout, "__complete") {
			t.Errorf("%s: exit %d, %d bytes of script, stderr %q", shell, r.code, len(r.stdout), r.stderr)
		}
	}
}

// A file written with -o is never wrapped at the width of the terminal
// that ran the command; stdout on that terminal is.
func TestWriteOutputGivesTheTerminalWidthToStdoutOnly(t *testing.T) {
	var stdout strings.Builder
	streams := &iostreams.IOStreams{Out: &stdout, ErrOut: &strings.Builder{}, TerminalWidth: 60}
	for _, c := range []struct {
		path string
		want int
	}{{"", 60}, {filepath.Join(t.TempDir(), "out.txt"), 0}} {
		got := -1
		err := cmdutil.WriteOutput(t.Context(), streams, c.path, func(w io.Writer, width int) error {
			got = width
			_, err := io.WriteString(w, "x\n")
			return err
		})
		if err != nil || got != c.want {
			t.Errorf("path %q: width %d, err %v; want %d", c.path, got, err, c.want)
		}
	}
}

// -o - is stdout, as - is stdin elsewhere, for every command that has -o:
// the same output, status and messages as without -o, and no file named -.
func TestDashOutputIsStdout(t *testing.T) {
	abs := func(path string) string {
		p, err := filepath.Abs(path)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	staff := writeFile(t, "staff.csv", staffCSV)
	start := []string{"--start", "2027-01-04"}
	for name, args := range map[string][]string{
		"advise":         sreTeam,
		"path":           {"path", "--role", "SRE", "--years", "6", "--accountability", "team", "--start", "2027-01-04"},
		"batch":          append([]string{"batch", staff}, start...),
		"report":         append([]string{"report", "--format", "json", abs(reportFixture)}, start...),
		"calibrate":      append([]string{"calibrate", abs(calibrationSelf), abs(calibrationManager)}, start...),
		"titles suggest": {"titles", "suggest", abs(titlesStaff)},
	} {
		t.Run(name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			want := runCLI(t, nil, args...)
			got := runCLI(t, nil, append(append([]string{}, args...), "-o", "-")...)
			if got != want || got.stdout == "" {
				t.Errorf("with -o -: exit %d, stderr %q, %d bytes of stdout; want exit %d, stderr %q, %d bytes",
					got.code, got.stderr, len(got.stdout), want.code, want.stderr, len(want.stdout))
			}
			if _, err := os.Lstat("-"); err == nil {
				t.Error("-o - wrote a file named -")
			}
		})
	}
}
