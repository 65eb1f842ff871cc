package plan

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
	_ "github.com/careerpath/careerpath/internal/golden"
)

// testStore is a store in a temporary folder whose clock moves a minute a
// call, writing plan files with a plain rename.
func testStore(t *testing.T) *Store {
	t.Helper()
	clock := time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)
	return &Store{
		Dir: t.TempDir(),
		WriteFile: func(path string, write func(io.Writer) error) error {
			tmp := path + ".tmp"
			f, err := os.Create(tmp)
			if err != nil {
				return err
			}
			if err := write(f); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			return os.Rename(tmp, path)
		},
		Warn: func(msg string) { t.Errorf("unexpected warning: %s", msg) },
		Now: func() time.Time {
			clock = clock.Add(time.Minute)
			return clock
		},
	}
}

func testPath(t *testing.T, role, years, accountability string) *advisor.Path {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	p, err := advisor.New(cat).Path(advisor.Answers{Role: role, Years: years, Accountability: accountability},
		time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Over random sequences of done, undo and replan: phases done never move,
// every phase keeps its length, none starts before its step's eligibility
// date or its saved start, the phases not done never overlap and keep
// their order, and the end is never earlier than the saved path's.
func TestRandomChangesKeepThePlansRules(t *testing.T) {
	paths := []*advisor.Path{
		testPath(t, "DevOps Engineer", "0", "individual"),
		testPath(t, "Cloud Engineer", "2.9", "team"),
		testPath(t, "SRE", "6", "team"),
		testPath(t, "Engineering Manager", "10", "multi-team"),
	}
	for seed := range uint64(60) {
		rng := rand.New(rand.NewPCG(seed, 22))
		p := paths[seed%uint64(len(paths))]
		s := testStore(t)
		saved, err := s.Start("p", p, false)
		if err != nil {
			t.Fatal(err)
		}
		_, log, err := s.Load("p")
		if err != nil {
			t.Fatal(err)
		}
		prev := Build(saved, log)
		day := parseDay(p.Start)
		var ops []string
		for range 25 {
			var change func(*Saved, []Change) (Change, error)
			switch n := rng.IntN(10); {
			case n < 5:
				ref := ""
				if n%2 == 1 {
					phases := phaseItems(p)
					ref = phases[rng.IntN(len(phases))].ID
				}
				change, ops = MarkDone(ref), append(ops, "done "+ref)
			case n < 7:
				change, ops = Undo, append(ops, "undo")
			default:
				day = day.AddDate(0, 0, rng.IntN(120)-20)
				change, ops = Replan(day), append(ops, "replan "+formatDay(day))
			}
			_, log, err = s.Change("p", change)
			var input *InputError
			if err != nil && !asInputError(err, &input) {
				t.Fatalf("seed %d, %v: %v", seed, ops, err)
			}
			if err != nil {
				ops[len(ops)-1] += " (refused)"
				continue
			}
			next := Build(saved, log)
			if problem := checkRules(p, prev, next); problem != "" {
				t.Fatalf("seed %d, after %s:\n%s", seed, strings.Join(ops, ", "), problem)
			}
			prev = next
		}
	}
}

func asInputError(err error, target **InputError) bool {
	e, ok := err.(*InputError)
	*target = e
	return ok
}

// checkRules says what in next breaks the rules, given the schedule
// before the change; empty when nothing.
func checkRules(p *advisor.Path, prev, next *Schedule) string {
	before := map[string]Item{}
	for _, it := range prev.Items {
		before[it.ID] = it
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	lastNotDone := ""
	for _, it := range next.Items {
		if it.Kind != KindPhase {
			continue
		}
		if b := before[it.ID]; b.Done && it.Done && (b.Start != it.Start || b.End != it.End) {
			bad("phase %s, done, moved from %s..%s to %s..%s", it.ID, b.Start, b.End, it.Start, it.End)
		}
		if n := daysBetween(parseDay(it.Start), parseDay(it.End)) + 1; n != it.Days {
			bad("phase %s runs %d days, %s..%s; its length is %d", it.ID, n, it.Start, it.End, it.Days)
		}
		if it.Start < p.Steps[it.Step-1].EligibleFrom {
			bad("phase %s starts %s, before its step opens on %s", it.ID, it.Start, p.Steps[it.Step-1].EligibleFrom)
		}
		if it.Start < it.PlannedStart {
			bad("phase %s starts %s, before its saved start %s", it.ID, it.Start, it.PlannedStart)
		}
		if !it.Done {
			if it.Start <= lastNotDone {
				bad("phase %s starts %s, not after the phase not done before it (ends %s)", it.ID, it.Start, lastNotDone)
			}
			lastNotDone = it.End
		}
	}
	if next.End < next.PlannedEnd {
		bad("the plan ends %s, before the saved path's end %s", next.End, next.PlannedEnd)
	}
	return strings.Join(problems, "\n")
}

// A replan after a slip moves only the phases not done, back to back from
// its day, and pushes the end when no wait absorbs the slip.
func TestReplanMovesWhatIsNotDone(t *testing.T) {
	p := testPath(t, "Engineering Manager", "10", "multi-team") // one step: no wait
	s := testStore(t)
	saved, err := s.Start("p", p, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []func(*Saved, []Change) (Change, error){MarkDone(""), Replan(parseDay("2027-03-01"))} {
		if _, _, err := s.Change("p", c); err != nil {
			t.Fatal(err)
		}
	}
	_, log, err := s.Load("p")
	if err != nil {
		t.Fatal(err)
	}
	sched := Build(saved, log)
	phases := phaseItems(p)
	if got := sched.Items[0]; got.Start != phases[0].Start || !got.Done {
		t.Errorf("phase 1.1, done, is %s..%s (done %v); want it where it was, %s", got.Start, got.End, got.Done, phases[0].Start)
	}
	if got := sched.Items[1]; got.Start != "2027-03-01" {
		t.Errorf("phase 1.2 starts %s; want the replan's day, 2027-03-01", got.Start)
	}
	if sched.End <= sched.PlannedEnd || sched.LastReplan != "2027-03-01" {
		t.Errorf("end %s, planned %s, last replan %q; a slip with no wait to absorb it must move the end", sched.End, sched.PlannedEnd, sched.LastReplan)
	}
	undo, _, err := s.Change("p", Undo)
	if err != nil {
		t.Fatal(err)
	}
	_, log, _ = s.Load("p")
	if got := Build(undo, log); got.End != got.PlannedEnd || got.Items[1].Start != phases[1].Start {
		t.Errorf("undoing the replan left the end at %s and 1.2 at %s", got.End, got.Items[1].Start)
	}
}

// A title two phases share is refused with both numbers; a number or a
// unique title finds its phase.
func TestFindPhase(t *testing.T) {
	p := testPath(t, "DevOps Engineer", "0", "individual")
	p.Steps[1].Plan.Phases[0].Title = p.Steps[0].Plan.Phases[0].Title
	sched := Build(&Saved{ID: "x", Path: p}, nil)
	if it, err := FindPhase(sched, "2.2"); err != nil || it.ID != "2.2" {
		t.Errorf("2.2: %v, %v", it, err)
	}
	if it, err := FindPhase(sched, strings.ToUpper(p.Steps[0].Plan.Phases[1].Title)); err != nil || it.ID != "1.2" {
		t.Errorf("a title in capitals: %v, %v", it, err)
	}
	if _, err := FindPhase(sched, p.Steps[0].Plan.Phases[0].Title); err == nil || !strings.Contains(err.Error(), "phases 1.1, 2.1") {
		t.Errorf("a shared title: %v", err)
	}
}

func TestParseRemind(t *testing.T) {
	for in, want := range map[string]time.Duration{"0": 0, "1d": 24 * time.Hour, "30m": 30 * time.Minute, "2h": 2 * time.Hour, "1w": 7 * 24 * time.Hour} {
		if got, err := ParseRemind(in); err != nil || got != want {
			t.Errorf("%q: %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "d", "1", "-1d", "+1d", "1.5d", "1y", "53w", "1 d"} {
		if _, err := ParseRemind(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

// Starting a plan again with --force appends: the old lines stay in the
// log, and none of them applies to the new plan.
func TestStartAgainKeepsTheOldLog(t *testing.T) {
	p := testPath(t, "DevOps Engineer", "0", "individual")
	s := testStore(t)
	if _, err := s.Start("p", p, false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Change("p", MarkDone("")); err != nil {
		t.Fatal(err)
	}
	old, err := os.ReadFile(filepath.Join(s.Dir, "p.log.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Start("p", p, false); err == nil {
		t.Fatal("an existing plan was started again without force")
	}
	saved, err := s.Start("p", p, true)
	if err != nil {
		t.Fatal(err)
	}
	now, _ := os.ReadFile(filepath.Join(s.Dir, "p.log.jsonl"))
	_, log, _ := s.Load("p")
	if !strings.HasPrefix(string(now), string(old)) || Build(saved, log).Items[0].Done {
		t.Errorf("start --force rewrote the log or kept its progress:\n%s", now)
	}
}

// A crash between writing a plan file and appending its start line leaves
// a plan with no start line: the earlier plan's changes do not apply to
// it, and its first change appends the start line before itself.
func TestCrashBeforeTheStartLine(t *testing.T) {
	p := testPath(t, "DevOps Engineer", "0", "individual")
	s := testStore(t)
	if _, err := s.Start("p", p, false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Change("p", MarkDone("")); err != nil {
		t.Fatal(err)
	}
	// As if start --force wrote the new plan file and then crashed.
	crashed := &Saved{SchemaVersion: SchemaVersion, ID: "new", Name: "p", Path: p}
	if err := s.WriteFile(s.planFile("p"), func(w io.Writer) error { return json.NewEncoder(w).Encode(crashed) }); err != nil {
		t.Fatal(err)
	}
	saved, log, err := s.Load("p")
	if err != nil {
		t.Fatal(err)
	}
	if Build(saved, log).Items[0].Done {
		t.Fatal("the earlier plan's done applies to the new plan")
	}
	if _, _, err := s.Change("p", Undo); err == nil {
		t.Fatal("undo took back a change of the earlier plan")
	}
	saved, log, err = s.Change("p", MarkDone("1.2"))
	if err != nil {
		t.Fatal(err)
	}
	n := len(log)
	if log[n-2].Kind != ChangeStart || log[n-2].Plan != "new" || log[n-1].Phase != "1.2" {
		t.Errorf("the log ends %+v, %+v; want the new plan's start line, then the change", log[n-2], log[n-1])
	}
	if sched := Build(saved, log); sched.Items[0].Done || !sched.Items[1].Done {
		t.Errorf("after the first change: 1.1 done %v, 1.2 done %v", sched.Items[0].Done, sched.Items[1].Done)
	}
}

// A plan file restored from a backup after plan start --force finds its
// own changes again, and none of the other plan's; its next change goes
// after a start line of its own.
func TestRestoredPlanFileFindsItsOwnChanges(t *testing.T) {
	p := testPath(t, "DevOps Engineer", "0", "individual")
	s := testStore(t)
	if _, err := s.Start("p", p, false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Change("p", MarkDone("1.1")); err != nil {
		t.Fatal(err)
	}
	backup, err := os.ReadFile(s.planFile("p"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Start("p", p, true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Change("p", MarkDone("1.2")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.planFile("p"), backup, 0o600); err != nil {
		t.Fatal(err)
	}
	done := func() []string {
		saved, log, err := s.Load("p")
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, it := range Build(saved, log).Items {
			if it.Done {
				ids = append(ids, it.ID)
			}
		}
		return ids
	}
	if got := strings.Join(done(), " "); got != "1.1" {
		t.Errorf("restored plan: done %q, want 1.1", got)
	}
	if _, _, err := s.Change("p", MarkDone("1.3")); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(done(), " "); got != "1.1 1.3" {
		t.Errorf("after a change: done %q, want 1.1 1.3", got)
	}
	for range 2 {
		if _, _, err := s.Change("p", Undo); err != nil {
			t.Fatal(err)
		}
	}
	if got := done(); len(got) != 0 {
		t.Errorf("two undos left %q done; each must take back the restored plan's own change", got)
	}
}

// A log line the schedule cannot trust, such as a replan from a day that
// is not a date, is a damaged line, not a crash.
func TestReplanFromANonDateIsADamagedLine(t *testing.T) {
	p := testPath(t, "DevOps Engineer", "0", "individual")
	s := testStore(t)
	if _, err := s.Start("p", p, false); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(s.Dir, "p.log.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(`{"seq":2,"time":"2027-01-04T09:00:00Z","change":"replan","from":"soon"}` + "\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, _, err := s.Load("p"); err == nil || !strings.Contains(err.Error(), `line 2, is not a change (a replan from "soon"`) {
		t.Errorf("got %v", err)
	}
}
