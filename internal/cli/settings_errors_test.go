package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/cmdutil"
)

// A bad format or start from a variable or the config file names where it
// came from, for every command, config show included.
func TestBadSettingNamesItsOrigin(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name    string
		env     map[string]string
		config  string
		args    []string
		want    []string
		notWant string
	}{
		{"start from env, config show", map[string]string{"CAREERPATH_START": "2027-13-01"}, "", []string{"config", "show"},
			[]string{`CAREERPATH_START: start date "2027-13-01" is not a date`}, ""},
		{"start from env, advise", map[string]string{"CAREERPATH_START": "tomorrow"}, "", sreTeam[:7],
			[]string{`CAREERPATH_START: start date "tomorrow"`}, ""},
		{"start from env, batch", map[string]string{"CAREERPATH_START": "1899-12-31"}, "", []string{"batch"},
			[]string{`CAREERPATH_START: start date "1899-12-31" is out of range`}, ""},
		{"start from file", nil, "start: 2027-02-30\n", []string{"config", "show"},
			[]string{"config file ", `start: start date "2027-02-30" is not a date`}, ""},
		{"format from env", map[string]string{"CAREERPATH_FORMAT": "xml"}, "", []string{"roles"},
			[]string{`unknown format "xml"`, "(the format was set by env CAREERPATH_FORMAT)"}, ""},
		{"format from file", nil, "format: xml\n", []string{"config", "show"},
			[]string{`unknown format "xml"`, "(the format was set by file ", "config.yaml)"}, ""},
		{"calendar format from env for levels show", map[string]string{"CAREERPATH_FORMAT": "ics"}, "", []string{"levels", "show", "1"},
			[]string{`unknown format "ics"`, "(the format was set by env CAREERPATH_FORMAT)"}, ""},
		{"calendar format from env for levels compare", map[string]string{"CAREERPATH_FORMAT": "ics"}, "", []string{"levels", "compare", "1", "2"},
			[]string{`unknown format "ics"`, "(the format was set by env CAREERPATH_FORMAT)"}, ""},
		{"calendar format from env for a listing", map[string]string{"CAREERPATH_FORMAT": "ics"}, "", []string{"levels"},
			[]string{`unknown format "ics"; use one of: table, json, yaml, markdown (the format was set by env CAREERPATH_FORMAT)`}, ""},
		{"calendar format from file for catalog show", nil, "format: ics\n", []string{"catalog", "show"},
			[]string{`(the format was set by file `}, ""},
		{"calendar format from a flag", nil, "", []string{"roles", "--format", "ics"},
			[]string{`unknown format "ics"; use one of`}, "set by"},
	} {
		t.Run(c.name, func(t *testing.T) {
			env := map[string]string{"XDG_CONFIG_HOME": filepath.Join(dir, c.name)}
			for k, v := range c.env {
				env[k] = v
			}
			if c.config != "" {
				writeConfig(t, env["XDG_CONFIG_HOME"], c.config)
			}
			r := runCLI(t, env, c.args...)
			if r.code != cmdutil.ExitUsage || r.stdout != "" {
				t.Errorf("exit %d, stdout %q; want 2 and nothing", r.code, r.stdout)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q lacks %q", r.stderr, w)
				}
			}
			if c.notWant != "" && strings.Contains(r.stderr, c.notWant) {
				t.Errorf("stderr %q has %q", r.stderr, c.notWant)
			}
		})
	}
}

// The format setting is advise's and the listings': a command with its own
// formats (calibrate) or none (version) does not fail over a value only
// they would refuse.
func TestFormatSettingDoesNotStopCommandsThatDoNotReadIt(t *testing.T) {
	env := map[string]string{"CAREERPATH_FORMAT": "csv"}
	for _, args := range [][]string{{"version"}, {"schema", "calibration"}} {
		if r := runCLI(t, env, args...); r.code != 0 || r.stdout == "" {
			t.Errorf("%v with CAREERPATH_FORMAT=csv: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

// Input that exists but cannot be read is bad input (2), not a failure
// of careerpath (1).
func TestUnreadableBatchInputExits2(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("uses /proc")
	}
	folder, err := os.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer folder.Close()
	f, out, errOut := batchFactory(t, "", false)
	f.IO.In = folder
	if code := run(f, []string{"batch", "-"}); code != cmdutil.ExitUsage || out.Len() != 0 ||
		!strings.Contains(errOut.String(), "cannot read stdin: is a directory") {
		t.Errorf("a folder on stdin: exit %d, stderr %q", code, errOut)
	}
	r := runBatchCLI(t, "", "/proc/self/mem")
	if r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, "cannot read /proc/self/mem: input/output error") {
		t.Errorf("/proc/self/mem: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestMisspeltCompletionShellIsAUsageError(t *testing.T) {
	r := runCLI(t, nil, "completion", "bahs")
	if r.code != cmdutil.ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, `unknown command "bahs"`) {
		t.Errorf("exit %d, stdout %d bytes, stderr %q", r.code, len(r.stdout), r.stderr)
	}
}

func TestExportFormatAndColorComplete(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"catalog", "export", "--format", ""}, "yaml\njson\n"},
		{[]string{"--color", ""}, "auto\nalways\nnever\n"},
		{[]string{"roles", "--color", ""}, "auto\nalways\nnever\n"},
	} {
		r := runCLI(t, nil, append([]string{"__complete"}, c.args...)...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, c.want+":4\n") {
			t.Errorf("%v: exit %d, completes %q; want %q", c.args, r.code, r.stdout, c.want)
		}
	}
}
