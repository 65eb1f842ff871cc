package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/render"
	"github.com/careerpath/careerpath/internal/schematest"

	"github.com/careerpath/careerpath/internal/golden"
)

const staffCSV = "employee_id,name,role,years,accountability\nE1,Ada,SRE,6,team\nE2,Grace,Engineering Manager,10,multi-team\n"

const staffWithRejects = "employee_id,name,role,years,accountability\nE1,Ada,SRE,6,team\nE2,=cmd|' /C calc'!A0,Sorcerer,6,team\nE3,Linus,SRE,6\n"

// batchFactory builds the factory as NewFactory does, so that --catalog and
// the settings reach batch as they do in use, with no config file.
func batchFactory(t *testing.T, stdin string, errTTY bool) (*Factory, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	io := &IOStreams{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut, ErrTTY: errTTY, Getenv: func(string) string { return "" }}
	f := NewFactory(io)
	f.Now = func() time.Time { return time.Date(2027, 1, 4, 9, 30, 0, 0, time.Local) }
	configDir := t.TempDir()
	f.UserConfigDir = func() (string, error) { return configDir, nil }
	return f, &out, &errOut
}

func runBatchCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	f, out, errOut := batchFactory(t, stdin, false)
	code := run(f, append([]string{"batch"}, args...))
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBatchAllAdvisedExitsZero(t *testing.T) {
	path := writeFile(t, "staff.csv", staffCSV)
	r := runBatchCLI(t, "", path, "--start", "2027-01-04")
	if r.code != ExitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	golden.Assert(t, "batch_csv", r.stdout)
	if want := path + ": 2 rows read, 2 advised, 0 rejected\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
}

func TestBatchRejectedRowsExitThree(t *testing.T) {
	for _, c := range []struct{ name, format string }{{"batch_rejected_csv", "csv"}, {"batch_rejected_ndjson", "ndjson"}, {"batch_rejected_table", "table"}} {
		t.Run(c.name, func(t *testing.T) {
			r := runBatchCLI(t, staffWithRejects, "-", "--format", c.format, "--start", "2027-01-04")
			if r.code != ExitRejected {
				t.Fatalf("exit %d, want 3; stderr %q", r.code, r.stderr)
			}
			golden.Assert(t, c.name, r.stdout)
			for _, w := range []string{"stdin: 3 rows read, 1 advised, 2 rejected", "2 of 3 rows rejected"} {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q lacks %q", r.stderr, w)
				}
			}
		})
	}
}

func TestBatchUsageErrorsExitTwoWithNoOutput(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, "staff.csv", staffCSV)
	for _, c := range []struct {
		name, stdin string
		args        []string
		want        []string
	}{
		{"missing file", "", []string{filepath.Join(dir, "nope.csv")}, []string{"cannot read", "nope.csv", "no such file"}},
		{"directory", "", []string{dir}, []string{"is a directory"}},
		{"empty stdin", "", nil, []string{"stdin: the input is empty", "header row"}},
		{"no header column", "name,years,accountability\nAda,6,team\n", nil,
			[]string{"no role column", `"name", "years", "accountability"`, "--column role=NAME"}},
		{"bad format", "", []string{good, "--format", "xml"}, []string{`unknown format "xml"`, "csv, ndjson, json, table"}},
		{"bad delimiter", "", []string{good, "--delimiter", "::"}, []string{`invalid --delimiter "::"`}},
		{"bad column key", "", []string{good, "--column", "salary=Pay"}, []string{`invalid --column "salary=Pay"`, "role, years, accountability, start"}},
		{"bad start", "", []string{good, "--start", "tomorrow"}, []string{`start date "tomorrow" is not a date`}},
		{"two files", "", []string{good, good}, []string{"accepts at most 1 arg"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runBatchCLI(t, c.stdin, c.args...)
			if r.code != ExitUsage || r.stdout != "" {
				t.Fatalf("exit %d, stdout %q; want 2 and nothing", r.code, r.stdout)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q lacks %q", r.stderr, w)
				}
			}
		})
	}
}

func TestBatchOptionsFromFlags(t *testing.T) {
	f, _, _ := batchFactory(t, "", false)
	var got *BatchOptions
	cmd := NewCmdBatch(f, func(o *BatchOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"staff.csv", "-o", "plans.csv", "-f", "ndjson", "--delimiter", `\t`, "--column", "role=Job Title", "--column", "years=YoE", "--raw"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Input != "staff.csv" || got.Output != "plans.csv" || got.Format != "ndjson" || got.Delimiter != `\t` || !got.Raw ||
		strings.Join(got.Columns, "|") != "role=Job Title|years=YoE" {
		t.Errorf("options %+v", got)
	}
	format, bopts, err := batchOptions(got)
	if err != nil || format != render.NDJSON || bopts.Delimiter != '\t' || bopts.Columns["role"] != "Job Title" || bopts.Columns["years"] != "YoE" {
		t.Errorf("batch options %s %+v, %v", format, bopts, err)
	}
}

func TestBatchOutputFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "plans.csv")
	if err := os.WriteFile(out, []byte("old plans\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	assertOld := func(t *testing.T) {
		t.Helper()
		if b, _ := os.ReadFile(out); string(b) != "old plans\n" {
			t.Errorf("plans.csv is %q, want the old file intact", b)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("%d files in the folder, want only plans.csv (no temporary left)", len(entries))
		}
	}

	t.Run("header error", func(t *testing.T) {
		r := runBatchCLI(t, "name\nAda\n", "-o", out)
		if r.code != ExitUsage {
			t.Fatalf("exit %d", r.code)
		}
		assertOld(t)
	})
	t.Run("interrupted", func(t *testing.T) {
		f, _, _ := batchFactory(t, strings.Repeat("role,years,accountability\n", 1)+strings.Repeat("SRE,6,team\n", 200_000), false)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := runBatch(&BatchOptions{StaffListOptions: StaffListOptions{IO: f.IO, Now: f.Now, Catalog: f.Catalog, Context: ctx, Delimiter: ","}, Output: out, Format: "csv"})
		if !errors.Is(err, ErrInterrupted) || exitCode(err) != ExitInterrupted {
			t.Fatalf("err = %v (exit %d), want interrupted (130)", err, exitCode(err))
		}
		assertOld(t)
	})
	t.Run("success replaces", func(t *testing.T) {
		r := runBatchCLI(t, staffCSV, "-o", out, "--start", "2027-01-04")
		if r.code != ExitOK || r.stdout != "" {
			t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
		}
		b, _ := os.ReadFile(out)
		golden.Assert(t, "batch_csv", string(b))
	})
}

func TestBatchProgressOnlyOnATerminalForAFile(t *testing.T) {
	path := writeFile(t, "staff.csv", staffCSV)
	for _, c := range []struct {
		tty   bool
		args  []string
		stdin string
		bar   bool
	}{
		{true, []string{path}, "", true},
		{false, []string{path}, "", false},
		{true, nil, staffCSV, false}, // stdin is not a regular file
	} {
		f, _, errOut := batchFactory(t, c.stdin, c.tty)
		if code := run(f, append([]string{"batch"}, c.args...)); code != ExitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if got := strings.Contains(errOut.String(), "\r"); got != c.bar {
			t.Errorf("tty=%v args=%v: progress drawn %v, want %v; stderr %q", c.tty, c.args, got, c.bar, errOut)
		}
	}
}

func TestBatchFlagCompletion(t *testing.T) {
	for flag, want := range map[string][]string{
		"--format":    {"csv", "ndjson", "json", "table"},
		"--column":    {"role=", "years=", "accountability=", "start="},
		"--delimiter": {",", ";", `\t`},
	} {
		f, out, _ := batchFactory(t, "", false)
		if code := run(f, []string{"__complete", "batch", flag, ""}); code != ExitOK {
			t.Fatalf("%s: exit %d", flag, code)
		}
		for _, w := range want {
			if !strings.Contains(out.String(), w+"\n") {
				t.Errorf("%s completion %q lacks %q", flag, out, w)
			}
		}
	}
}

// A four-level catalog whose roles the seed never names works end to end in
// batch, through the same --catalog flag as every other command.
func TestBatchWithAnOrganisationCatalog(t *testing.T) {
	staff := "id,role,years,accountability\nN1,Database Reliability Engineer,6,several squads\nN2,Head of Platform,12,company\nN3,SRE,6,team\n"
	f, out, errOut := batchFactory(t, staff, false)
	code := run(f, []string{"--catalog", orgCatalog, "batch", "--start", "2027-01-04", "--format", "ndjson"})
	if code != ExitRejected {
		t.Fatalf("exit %d, want 3 (the seed's SRE is not in this catalog); stderr %q", code, errOut)
	}
	schematest.ValidateNDJSON(t, schematest.BatchRecord, out.Bytes())
	type record struct {
		Catalog struct{ Name string }
		Level   struct{ ID string }
		Error   *struct{ Message string }
	}
	var rows []record
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var row record
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row)
	}
	if len(rows) != 3 || rows[0].Catalog.Name != "Northwind Platform Ladder" || rows[1].Level.ID != "principal" ||
		rows[2].Error == nil || !strings.Contains(rows[2].Error.Message, "Valid roles: Release Manager") {
		t.Errorf("rows %+v", rows)
	}
}
