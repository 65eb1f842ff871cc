package cmdutil

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/iostreams"
)

// bindStaffList builds a command on the skeleton and runs it with args.
func bindStaffList(t *testing.T, use string, shape StaffListShape, env map[string]string, args ...string) (*StaffList, bool, error) {
	t.Helper()
	io := &iostreams.IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}, Getenv: func(k string) string { return env[k] }}
	f := NewFactory(io)
	f.UserConfigDir = func() (string, error) { return t.TempDir(), nil }
	cmd := &cobra.Command{Use: use, SilenceErrors: true, SilenceUsage: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error { return f.LoadConfig(cmd.Flags()) }}
	var list StaffList
	ran := false
	list.Bind(f, cmd, shape, func() error { ran = true; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(io.Out)
	cmd.SetErr(io.ErrOut)
	return &list, ran, cmd.Execute()
}

func TestStaffListBindsArgumentsFlagsAndSettings(t *testing.T) {
	shape := StaffListShape{DelimiterUsage: "field delimiter", Plans: true}
	env := map[string]string{EnvName(KeyStart): "2030-01-02"}
	list, ran, err := bindStaffList(t, "plan [FILE|-]", shape, env, "staff.csv", "-o", "-", "--delimiter", ";", "--column", "role=Job")
	if err != nil || !ran {
		t.Fatalf("ran %v, err %v", ran, err)
	}
	if strings.Join(list.Inputs, "|") != "staff.csv" || list.Output != "-" || list.Delimiter != ";" ||
		strings.Join(list.Columns, "|") != "role=Job" || list.Start != "2030-01-02" || list.Context == nil {
		t.Errorf("bound %+v", list)
	}
	if _, _, err := bindStaffList(t, "plan [FILE|-]", shape, nil, "a.csv", "b.csv"); ExitCode(err) == ExitOK {
		t.Error("two inputs accepted by a command of one")
	}
	// A command that makes no plans has no --start and ignores the setting.
	list, _, err = bindStaffList(t, "suggest [FILE|-]", StaffListShape{}, env)
	if err != nil || list.Start != "" {
		t.Errorf("start %q, err %v; want none", list.Start, err)
	}
	if _, _, err := bindStaffList(t, "suggest [FILE|-]", StaffListShape{}, nil, "--start", "2030-01-02"); err == nil {
		t.Error("--start accepted by a command that makes no plans")
	}
}

func TestStaffListNamesItsInputs(t *testing.T) {
	shape := StaffListShape{Inputs: []string{"SELF", "MANAGER"}, DelimiterUsage: "field delimiter"}
	_, ran, err := bindStaffList(t, "calibrate SELF.csv MANAGER.csv", shape, nil, "self.csv")
	if ran || ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), "calibrate takes two files, SELF.csv and MANAGER.csv, 1 given") {
		t.Errorf("ran %v, err %v", ran, err)
	}
	list, _, err := bindStaffList(t, "calibrate SELF.csv MANAGER.csv", shape, nil, "-", "-")
	if err != nil {
		t.Fatal(err)
	}
	list.Catalog = func() (*catalog.Loaded, error) {
		t.Fatal("the catalog is loaded before the inputs are checked")
		return nil, nil
	}
	list.Now = time.Now
	if _, err := list.Begin(); ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), "SELF and MANAGER are both stdin") {
		t.Errorf("both stdin: %v", err)
	}
}

func TestStaffListBeginChecksTheSharedFlags(t *testing.T) {
	for _, c := range []struct {
		list StaffList
		want string
	}{
		{StaffList{Delimiter: "ab"}, `invalid --delimiter "ab"`},
		{StaffList{Delimiter: ",", Columns: []string{"salary=Pay"}}, `invalid --column "salary=Pay"`},
		{StaffList{Delimiter: ",", Start: "2030-13-01"}, "2030-13-01"},
	} {
		c.list.Now = time.Now
		c.list.Catalog = catalog.Default
		run, err := c.list.Begin()
		if err == nil {
			run.Close()
		}
		if ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: err %v (exit %d), want exit 2 with %q", c.list, err, ExitCode(err), c.want)
		}
	}
}
