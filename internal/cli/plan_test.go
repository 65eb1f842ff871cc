package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/mattn/go-runewidth"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/golden"
	"github.com/careerpath/careerpath/internal/iostreams"
	"github.com/careerpath/careerpath/internal/schematest"
)

// planEnv is the environment of a test's own plans folder.
func planEnv(t *testing.T) map[string]string {
	return map[string]string{"CAREERPATH_DATA_HOME": t.TempDir()}
}

// mustRunPlan runs careerpath and fails the test unless it exits 0.
func mustRunPlan(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	r := runCLI(t, env, args...)
	if r.code != 0 {
		t.Fatalf("careerpath %s: exit %d, stderr %q", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

var devopsPlan = []string{"plan", "start", "--role", "DevOps Engineer", "--years", "0", "--accountability", "individual", "--start", "2027-01-04"}

// planID is the saved plan's random id, which goldens show as PLANID.
func planID(t *testing.T, env map[string]string, name string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(env["CAREERPATH_DATA_HOME"], "plans", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var saved struct{ ID string }
	if err := json.Unmarshal(raw, &saved); err != nil || saved.ID == "" {
		t.Fatalf("no id in the plan file (%v)", err)
	}
	return saved.ID
}

// A plan with a phase done, a note, a slip replanned and the current
// phase done, on a fixed day, in every status and export format.
func TestPlanGoldenStatusAndExport(t *testing.T) {
	env := planEnv(t)
	mustRunPlan(t, env, devopsPlan...)
	mustRunPlan(t, env, "plan", "done", "1.1")
	mustRunPlan(t, env, "plan", "note", "read the fundamentals twice")
	mustRunPlan(t, env, "plan", "replan", "--from", "2027-03-01")
	id := planID(t, env, "default")
	stamp := time.Date(2027, 1, 4, 9, 30, 0, 0, time.Local).UTC().Format("20060102T150405Z")
	for _, c := range []struct {
		name string
		args []string
	}{
		{"plan_status_table", []string{"plan", "status", "--today", "2027-03-10"}},
		{"plan_status_json", []string{"plan", "status", "--today", "2027-03-10", "--json"}},
		{"plan_status_markdown", []string{"plan", "status", "--today", "2027-03-10", "-f", "markdown"}},
		{"plan_export_ics", []string{"plan", "export"}},
		{"plan_export_json", []string{"plan", "export", "default", "--format", "json"}},
		{"plan_export_markdown", []string{"plan", "export", "--format", "markdown"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := mustRunPlan(t, env, c.args...)
			if r.stderr != "" {
				t.Errorf("stderr %q", r.stderr)
			}
			out := strings.ReplaceAll(strings.ReplaceAll(r.stdout, id, "PLANID"), stamp, "CLOCK")
			golden.Assert(t, c.name, out)
		})
	}
	schematest.ValidateJSON(t, schematest.PlanStatus, []byte(mustRunPlan(t, env, "plan", "status", "--json").stdout))
	schematest.ValidateJSON(t, schematest.PlanExport, []byte(mustRunPlan(t, env, "plan", "export", "-f", "json").stdout))
}

// The calendar reads in a second, independent iCalendar library: one event
// per phase and wait and per later step's eligibility, a reminder before
// each phase not done, and, across a replan, the same UIDs with a higher
// SEQUENCE and the moved dates.
func TestPlanExportICSReadsInAnotherLibrary(t *testing.T) {
	env := planEnv(t)
	mustRunPlan(t, env, devopsPlan...)
	mustRunPlan(t, env, "plan", "done", "1.1")
	before := decodeICS(t, mustRunPlan(t, env, "plan", "export").stdout)
	mustRunPlan(t, env, "plan", "replan", "--from", "2027-05-03")
	after := decodeICS(t, mustRunPlan(t, env, "plan", "export").stdout)

	if len(before) != 9+2+2 || len(after) != len(before) {
		t.Fatalf("%d events before the replan and %d after; want 9 phases, 2 waits and 2 eligibility days", len(before), len(after))
	}
	for uid, ev := range before {
		moved, ok := after[uid]
		if !ok {
			t.Errorf("event %s is gone after the replan", uid)
			continue
		}
		if moved.seq <= ev.seq {
			t.Errorf("event %s: SEQUENCE %d after the replan, %d before; it must rise", uid, moved.seq, ev.seq)
		}
	}
	first := func(events map[string]icsEvent, suffix string) icsEvent {
		for uid, ev := range events {
			if strings.HasSuffix(uid, suffix) {
				return ev
			}
		}
		t.Fatalf("no event %s", suffix)
		return icsEvent{}
	}
	if got := first(after, "-1.2@careerpath"); got.start != "20270503" || got.alarms != 1 {
		t.Errorf("phase 1.2 after the replan starts %s with %d alarms; want 20270503 and 1", got.start, got.alarms)
	}
	if got := first(after, "-1.1@careerpath"); got.start != "20270104" || got.alarms != 0 {
		t.Errorf("phase 1.1, done, starts %s with %d alarms; want 20270104 (never moved) and none", got.start, got.alarms)
	}
	none := decodeICS(t, mustRunPlan(t, env, "plan", "export", "--remind", "0").stdout)
	for uid, ev := range none {
		if ev.alarms != 0 {
			t.Errorf("--remind 0: event %s has %d alarms", uid, ev.alarms)
		}
	}
}

type icsEvent struct {
	seq    int
	start  string
	alarms int
}

func decodeICS(t *testing.T, s string) map[string]icsEvent {
	t.Helper()
	cal, err := goical.NewDecoder(strings.NewReader(s)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read the calendar: %v", err)
	}
	events := map[string]icsEvent{}
	for _, ev := range cal.Events() {
		uid, err := ev.Props.Text(goical.PropUID)
		if err != nil {
			t.Fatal(err)
		}
		seq, err := strconv.Atoi(ev.Props.Get(goical.PropSequence).Value)
		if err != nil {
			t.Fatalf("event %s: SEQUENCE: %v", uid, err)
		}
		alarms := 0
		for _, c := range ev.Children {
			if c.Name == goical.CompAlarm {
				alarms++
				if trigger := c.Props.Get(goical.PropTrigger); trigger == nil || trigger.Value != "-P1D" {
					t.Errorf("event %s: alarm trigger %v, want -P1D", uid, trigger)
				}
			}
		}
		if _, dup := events[uid]; dup {
			t.Errorf("UID %s twice", uid)
		}
		events[uid] = icsEvent{seq: seq, start: ev.Props.Get(goical.PropDateTimeStart).Value, alarms: alarms}
	}
	return events
}

// What a person can get wrong is exit 2, says what and how to fix it, and
// changes nothing.
func TestPlanRefusals(t *testing.T) {
	env := planEnv(t)
	mustRunPlan(t, env, devopsPlan...)
	mustRunPlan(t, env, "plan", "done", "Review DevOps fundamentals")
	logFile := filepath.Join(env["CAREERPATH_DATA_HOME"], "plans", "default.log.jsonl")
	before, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{devopsPlan, `a plan called "default" exists`},
		{[]string{"plan", "done", "1.1"}, "phase 1.1 (Review DevOps fundamentals) is already done"},
		{[]string{"plan", "done", "9.9"}, `no phase "9.9" in the plan`},
		{[]string{"plan", "done", "wait-2"}, "wait-2 is a wait, not a phase"},
		{[]string{"plan", "note", " "}, "the note is empty"},
		{[]string{"plan", "status", "other"}, `no plan called "other"`},
		{[]string{"plan", "status", "../x"}, `plan name "../x" is not usable`},
		{[]string{"plan", "status", "--today", "2027-02-30"}, `--today "2027-02-30" is not a date`},
		{[]string{"plan", "replan", "--from", "soon"}, `--from "soon" is not a date`},
		{[]string{"plan", "export", "--remind", "1y"}, `--remind "1y" is not a time`},
		{[]string{"plan", "export", "--format", "yaml"}, `unknown format "yaml"`},
		{[]string{"plan", "rm"}, "missing NAME"},
	} {
		r := runCLI(t, env, c.args...)
		if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2 saying %q", strings.Join(c.args, " "), r.code, r.stdout, r.stderr, c.want)
		}
	}
	after, err := os.ReadFile(logFile)
	if err != nil || string(after) != string(before) {
		t.Errorf("a refused command changed the log (%v)", err)
	}
	mustRunPlan(t, env, "plan", "undo")
	if r := runCLI(t, env, "plan", "undo"); r.code != 2 || !strings.Contains(r.stderr, "no change to undo") {
		t.Errorf("undo with nothing left: exit %d, stderr %q", r.code, r.stderr)
	}
	mustRunPlan(t, env, append(devopsPlan, "--force")...)
	if st := mustRunPlan(t, env, "plan", "status", "--json").stdout; !strings.Contains(st, `"done": 0`) {
		t.Errorf("a plan started again with --force keeps the old progress:\n%s", st)
	}
}

// A crash that cut off the log's last line is reported and skipped, and
// the next change neither rewrites it nor loses the lines before it; a
// damaged line in the middle is exit 2 naming the file and the line, and
// nothing changes.
func TestPlanLogTornAndCorruptLines(t *testing.T) {
	env := planEnv(t)
	mustRunPlan(t, env, devopsPlan...)
	mustRunPlan(t, env, "plan", "done")
	logFile := filepath.Join(env["CAREERPATH_DATA_HOME"], "plans", "default.log.jsonl")
	appendTo(t, logFile, `{"seq":3,"time":"2027-01-04T08:30:00Z","change":"do`)
	torn, _ := os.ReadFile(logFile)

	r := mustRunPlan(t, env, "plan", "status", "--json")
	if !strings.Contains(r.stderr, "line 3, is incomplete") || !strings.Contains(r.stdout, `"done": 1,`) {
		t.Errorf("torn last line: stderr %q; status:\n%s", r.stderr, r.stdout)
	}
	r = mustRunPlan(t, env, "plan", "done")
	if n := strings.Count(r.stderr, "warning:"); n != 1 {
		t.Errorf("plan done after a torn line gave %d warnings, want 1:\n%s", n, r.stderr)
	}
	now, _ := os.ReadFile(logFile)
	if !strings.HasPrefix(string(now), string(torn)) {
		t.Fatalf("the change after a torn line rewrote the log:\n%s", now)
	}
	r = mustRunPlan(t, env, "plan", "status", "--json")
	if !strings.Contains(r.stderr, "line 3, was cut off by a crash") || !strings.Contains(r.stdout, `"done": 2,`) {
		t.Errorf("after a change past the torn line: stderr %q; status:\n%s", r.stderr, r.stdout)
	}

	lines := strings.SplitAfter(string(now), "\n")
	lines[1] = "{not json\n"
	corrupt := strings.Join(lines, "")
	if err := os.WriteFile(logFile, []byte(corrupt), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"plan", "status"}, {"plan", "done"}, {"plan", "note", "x"}, {"plan", "export"}} {
		r := runCLI(t, env, args...)
		if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, logFile+", line 2, is not a change") {
			t.Errorf("%s with a corrupt line 2: exit %d, stderr %q", strings.Join(args, " "), r.code, r.stderr)
		}
	}
	if after, _ := os.ReadFile(logFile); string(after) != corrupt {
		t.Errorf("a command changed a log with a corrupt line")
	}
}

// A crash between a change and its newline leaves a whole change: it
// counts, and the next change starts on a line of its own.
func TestPlanLogLastLineWithoutNewline(t *testing.T) {
	env := planEnv(t)
	mustRunPlan(t, env, devopsPlan...)
	logFile := filepath.Join(env["CAREERPATH_DATA_HOME"], "plans", "default.log.jsonl")
	appendTo(t, logFile, `{"seq":2,"time":"2027-01-04T08:30:00Z","change":"done","phase":"1.1"}`)
	r := mustRunPlan(t, env, "plan", "done")
	if r.stderr != "Plan \"default\": marked 1.2 (Observe real workflows) done; 2 of 9 phases done (22%)\n" {
		t.Errorf("stderr %q", r.stderr)
	}
	if r := mustRunPlan(t, env, "plan", "status", "--json"); r.stderr != "" || !strings.Contains(r.stdout, `"done": 2,`) {
		t.Errorf("stderr %q; status:\n%s", r.stderr, r.stdout)
	}
}

func appendTo(t *testing.T, file, s string) {
	t.Helper()
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
}

// A plan keeps its catalog; status says when the active one differs.
func TestPlanStatusSaysTheCatalogChanged(t *testing.T) {
	env := planEnv(t)
	mustRunPlan(t, env, devopsPlan...)
	if r := mustRunPlan(t, env, "plan", "status"); strings.Contains(r.stdout, "differs") {
		t.Errorf("same catalog, yet status says it differs:\n%s", r.stdout)
	}
	r := mustRunPlan(t, env, "--catalog", orgCatalog, "plan", "status", "--today", "2027-01-04")
	if !strings.Contains(r.stdout, "which differs from the active catalog") || !strings.Contains(r.stdout, "Review DevOps fundamentals") {
		t.Errorf("status under another catalog:\n%s", r.stdout)
	}
	doc := mustRunPlan(t, env, "--catalog", orgCatalog, "plan", "status", "--json").stdout
	if !strings.Contains(doc, `"active_catalog": {`) {
		t.Errorf("status --json under another catalog lacks active_catalog:\n%s", doc)
	}
	schematest.ValidateJSON(t, schematest.PlanStatus, []byte(doc))
}

func TestPlanListLogAndRm(t *testing.T) {
	env := planEnv(t)
	if r := mustRunPlan(t, env, "plan", "list"); r.stdout != "" || !strings.Contains(r.stderr, "No plans in") {
		t.Errorf("no plans: stdout %q, stderr %q", r.stdout, r.stderr)
	}
	mustRunPlan(t, env, devopsPlan...)
	mustRunPlan(t, env, append(devopsPlan, "--name", "second", "--years", "6")...)
	mustRunPlan(t, env, "plan", "done", "--name", "second")
	mustRunPlan(t, env, "plan", "undo", "--name", "second")
	if r := mustRunPlan(t, env, "plan", "list"); !strings.Contains(r.stdout, "│ default │") || !strings.Contains(r.stdout, "│ second  │") {
		t.Errorf("list:\n%s", r.stdout)
	}
	log := mustRunPlan(t, env, "plan", "log", "second").stdout
	for _, want := range []string{"plan started", "done 1.1", "undone", "undid change 2", "2027-01-04T"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	mustRunPlan(t, env, "plan", "rm", "second")
	if r := runCLI(t, env, "plan", "status", "second"); r.code != 2 {
		t.Errorf("status of a removed plan: exit %d", r.code)
	}
}

// plan start asks for the missing answers as advise does, and saves the
// plan with them; where it cannot ask, it saves nothing.
func TestPlanStartAsksAsAdviseDoes(t *testing.T) {
	env := planEnv(t)
	p := &fakePrompter{replies: []string{"SRE", "6"}}
	r := runPrompted(t, terminal{inTTY: true, errTTY: true, env: env}, p, "plan", "start", "--accountability", "team", "--start", "2027-01-04", "--json")
	if r.code != 0 || strings.Join(p.asked, "|") != askedRole+"|"+askedYears {
		t.Fatalf("exit %d, asked %q, stderr %q", r.code, p.asked, r.stderr)
	}
	st := mustRunPlan(t, env, "plan", "status", "--json").stdout
	if !strings.Contains(st, `"role": "SRE"`) || !strings.Contains(st, `"years": 6`) {
		t.Errorf("the saved plan lacks the answers given at the prompts:\n%s", st)
	}
	again := &fakePrompter{}
	if r := runPrompted(t, terminal{inTTY: true, errTTY: true, env: env}, again, "plan", "start"); r.code != 2 || len(again.asked) != 0 {
		t.Errorf("a name taken: exit %d, asked %q before refusing", r.code, again.asked)
	}
	other := planEnv(t)
	if r := runCLI(t, other, "plan", "start", "--role", "SRE"); r.code != 2 || !strings.Contains(r.stderr, "missing answers: pass --years, --accountability") {
		t.Errorf("no terminal: exit %d, stderr %q", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(filepath.Join(other["CAREERPATH_DATA_HOME"], "plans")); len(entries) != 0 {
		t.Errorf("a refused start left %d files", len(entries))
	}
}

// On an 80-column terminal the plan's views fit, as the other views do.
func TestPlanViewsFitTheTerminal(t *testing.T) {
	env := planEnv(t)
	mustRunPlan(t, env, devopsPlan...)
	mustRunPlan(t, env, "plan", "done")
	mustRunPlan(t, env, "plan", "note", strings.Repeat("a long note that has to wrap ", 6))
	env["NO_COLOR"] = "1"
	for _, args := range [][]string{
		{"plan", "status", "--today", "2027-03-10"}, {"plan", "log"}, {"plan", "list"},
	} {
		var out, errOut bytes.Buffer
		io := &iostreams.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, OutTTY: true, TerminalWidth: 80,
			Getenv: func(k string) string { return env[k] }}
		f := cmdutil.NewFactory(io)
		dir := t.TempDir()
		f.UserConfigDir = func() (string, error) { return dir, nil }
		if code := run(f, args); code != 0 {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errOut.String())
		}
		for i, line := range strings.Split(out.String(), "\n") {
			if n := runewidth.StringWidth(line); n > 80 {
				t.Errorf("%v line %d is %d columns wide:\n%s", args, i+1, n, line)
			}
		}
	}
}
