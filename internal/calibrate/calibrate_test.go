package calibrate

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/golden"
)

var start = time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)

func newJoin(t testing.TB) (*Join, *advisor.Advisor) {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	adv := advisor.New(cat)
	return New(adv, Config{Files: [2]string{"self.csv", "manager.csv"}, KeyColumns: [2]string{"employee_id", "id"}}), adv
}

// row advises answers as a visitor of the staff reader hands them over:
// Decided set, or nil with the culprit column and message.
func row(t testing.TB, adv *advisor.Advisor, line int, key, group, role, years, acc string) Row {
	t.Helper()
	ans := advisor.Answers{Role: role, Years: years, Accountability: acc}
	r := Row{Line: line, Key: key, Group: group, Answers: ans}
	rec, err := adv.Advise(ans, start)
	var ie *advisor.InputError
	switch {
	case errors.As(err, &ie):
		r.Column, r.Message = ie.Field, ie.Message
	case err != nil:
		t.Fatal(err)
	default:
		r.Decided = Derive(rec).(*Decided)
	}
	return r
}

func add(t *testing.T, j *Join, side Side, r Row) {
	t.Helper()
	if err := j.Add(side, r); err != nil {
		t.Fatal(err)
	}
}

func records(t *testing.T, j *Join, recs bool) []Record {
	t.Helper()
	var out []Record
	err := j.Records(recs, func(r *Record) error {
		c := *r // the record is reused: copy what it points to
		c.Differences = slices.Clone(r.Differences)
		c.Errors = slices.Clone(r.Errors)
		for _, a := range []**Assessment{&c.Self, &c.Manager} {
			if *a != nil {
				own := **a
				*a = &own
			}
		}
		out = append(out, c)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// describe is a record in one line: key, status, rows, delta, differences
// and error columns.
func describe(r Record) string {
	rows := func(a *Assessment) string {
		if a == nil {
			return "-"
		}
		if a.Level == nil {
			return fmt.Sprintf("%d:rejected", a.Row)
		}
		return fmt.Sprintf("%d:%s", a.Row, a.Level.ID)
	}
	s := fmt.Sprintf("%s %s self=%s manager=%s group=%s", r.Key, r.Status, rows(r.Self), rows(r.Manager), r.Group)
	if r.Status.Complete() {
		s += fmt.Sprintf(" delta=%+d", r.Delta)
	}
	for _, d := range r.Differences {
		s += fmt.Sprintf(" %s:%q/%q", d.Answer, d.Self, d.Manager)
	}
	for _, e := range r.Errors {
		s += fmt.Sprintf(" error(%s line %d %s)", e.Side, e.Row, e.Column)
	}
	return s
}

func TestRecordsCoverEveryStatusInOrder(t *testing.T) {
	j, adv := newJoin(t)
	for _, r := range []Row{
		row(t, adv, 2, "E1", "", "SRE", "6", "team"),
		row(t, adv, 3, " E2 ", "", "SRE", "6", "team"),                      // manager says multi-team and 8 years
		row(t, adv, 4, "E3", "", "Engineering Manager", "10", "multi-team"), // manager says 5 years
		row(t, adv, 5, "E4", "", "SRE", "2", "individual"),                  // no manager row
		row(t, adv, 6, "E5", "", "Sorcerer", "6", "team"),                   // rejected on the self side
		row(t, adv, 7, "E6", "", "sre", "6.0", "TEAM"),                      // same answers, other spelling
	} {
		add(t, j, Self, r)
	}
	for _, r := range []Row{
		row(t, adv, 2, "E9", "", "SRE", "6", "team"), // only the manager has E9
		row(t, adv, 3, "E3", "", "Engineering Manager", "5", "multi-team"),
		row(t, adv, 4, "E2", "", "SRE", "8", "multi-team"),
		row(t, adv, 5, "E1", "", "SRE", "6", "team"),
		row(t, adv, 6, "E5", "", "SRE", "6", "team"),
		row(t, adv, 7, "E6", "", "Site Reliability Engineer", "6", "team"),
	} {
		add(t, j, Manager, r)
	}
	var got []string
	for _, r := range records(t, j, false) {
		got = append(got, describe(r))
	}
	want := []string{
		"E1 agree self=2:professional manager=5:professional group= delta=+0",
		`E2 manager-higher self=3:professional manager=4:advanced group= delta=+1 years:"6"/"8" accountability:"team"/"multi-team"`,
		`E3 self-higher self=4:advanced manager=3:professional group= delta=-1 years:"10"/"5"`,
		"E4 only-self self=5:foundation manager=- group=",
		"E5 rejected self=6:rejected manager=6:professional group= error(self line 6 role)",
		"E6 agree self=7:professional manager=7:professional group= delta=+0",
		"E9 only-manager self=- manager=2:professional group=",
	}
	if d := golden.Diff("want", "got", strings.Join(want, "\n"), strings.Join(got, "\n")); d != "" {
		t.Error(d)
	}
}

func TestRepeatedAndEmptyKeysRejectEveryRowWithThem(t *testing.T) {
	j, adv := newJoin(t)
	add(t, j, Self, row(t, adv, 2, "E1", "", "SRE", "6", "team"))
	add(t, j, Self, row(t, adv, 3, "E2", "", "SRE", "6", "team"))
	add(t, j, Self, row(t, adv, 4, "E1", "", "SRE", "6", "team"))
	add(t, j, Self, row(t, adv, 5, "  ", "", "SRE", "6", "team"))
	add(t, j, Manager, row(t, adv, 2, "E1", "", "SRE", "6", "team"))
	add(t, j, Manager, row(t, adv, 3, "E2", "", "SRE", "6", "team"))
	add(t, j, Manager, row(t, adv, 4, "E2", "", "SRE", "9", "team"))
	add(t, j, Manager, row(t, adv, 5, "", "", "SRE", "6", "team"))
	recs := records(t, j, false)
	var got []string
	for _, r := range recs {
		got = append(got, describe(r))
	}
	want := []string{
		"E1 rejected self=2:professional manager=- group= error(self line 2 employee_id)",
		"E2 rejected self=3:professional manager=- group= error(self line 3 employee_id)",
		"E1 rejected self=4:professional manager=- group= error(self line 4 employee_id)",
		" rejected self=5:professional manager=- group= error(self line 5 employee_id)",
		"E1 rejected self=- manager=2:professional group= error(manager line 2 id)",
		"E2 rejected self=- manager=3:professional group= error(manager line 3 id)",
		"E2 rejected self=- manager=4:professional group= error(manager line 4 id)",
		" rejected self=- manager=5:professional group= error(manager line 5 id)",
	}
	if d := golden.Diff("want", "got", strings.Join(want, "\n"), strings.Join(got, "\n")); d != "" {
		t.Error(d)
	}
	for _, c := range []struct {
		at   int
		want string
	}{
		{0, `key "E1" is on 2 rows of self.csv`},
		{1, `key "E2" is on 2 rows of manager.csv`},
		{3, "the key is empty, so this row matches nobody in manager.csv"},
		{4, `key "E1" is on 2 rows of self.csv`},
		{7, "the key is empty, so this row matches nobody in self.csv"},
	} {
		if msg := recs[c.at].Errors[0].Message; !strings.Contains(msg, c.want) {
			t.Errorf("record %d: message %q lacks %q", c.at, msg, c.want)
		}
	}
}

func TestGroupComesFromManagerElseSelf(t *testing.T) {
	j, adv := newJoin(t)
	add(t, j, Self, row(t, adv, 2, "E1", "self-team", "SRE", "6", "team"))
	add(t, j, Self, row(t, adv, 3, "E2", " only-self-team ", "SRE", "6", "team"))
	add(t, j, Manager, row(t, adv, 2, "E1", "mgr-team", "SRE", "6", "team"))
	recs := records(t, j, false)
	if recs[0].Group != "mgr-team" || recs[1].Group != "only-self-team" {
		t.Errorf("groups %q, %q; want mgr-team, only-self-team", recs[0].Group, recs[1].Group)
	}
}

func TestRecommendationsAreEachRowsOwn(t *testing.T) {
	j, adv := newJoin(t)
	add(t, j, Self, row(t, adv, 2, "E1", "", "sre", "6", "team"))
	shared := row(t, adv, 2, "E1", "", "Site Reliability Engineer", "6", "team")
	shared.Decided = row(t, adv, 9, "x", "", "SRE", "6", "team").Decided // a visitor shares one between spellings
	add(t, j, Manager, shared)
	r := records(t, j, true)[0]
	if r.Self.Rec == nil || r.Manager.Rec == nil {
		t.Fatal("recommendations missing")
	}
	if r.Self.Rec.Input.Role != "sre" || r.Manager.Rec.Input.Role != "Site Reliability Engineer" {
		t.Errorf("inputs %q and %q; want each row's spelling", r.Self.Rec.Input.Role, r.Manager.Rec.Input.Role)
	}
	if r.Self.Rec.Plan.Start != "2027-01-04" {
		t.Errorf("plan start %s, want the row's 2027-01-04", r.Self.Rec.Plan.Start)
	}
	if withoutRecs := records(t, j, false)[0]; withoutRecs.Self.Rec != nil {
		t.Error("Records(false) re-advised a row")
	}
}

func TestSummaryCountsStatusesDeltasAndGroups(t *testing.T) {
	j, adv := newJoin(t)
	for i, r := range []struct{ key, group, selfYears, mgrYears, selfAcc, mgrAcc string }{
		{"A1", "alpha", "6", "8", "team", "multi-team"},       // +1
		{"A2", "alpha", "2", "8", "individual", "multi-team"}, // +2
		{"B1", "beta", "8", "2", "multi-team", "individual"},  // -2
		{"B2", "beta", "6", "6", "team", "team"},              // 0
		{"C1", "gamma", "6", "", "team", "team"},              // manager rejected
	} {
		add(t, j, Self, row(t, adv, i+2, r.key, "", "SRE", r.selfYears, r.selfAcc))
		add(t, j, Manager, row(t, adv, i+2, r.key, r.group, "SRE", r.mgrYears, r.mgrAcc))
	}
	add(t, j, Self, row(t, adv, 9, "S1", "", "SRE", "6", "team"))
	sum, err := j.Summarise(true)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Records != 6 || sum.Compared != 4 || sum.Agreement != 0.25 {
		t.Errorf("records %d, compared %d, agreement %v; want 6, 4, 0.25", sum.Records, sum.Compared, sum.Agreement)
	}
	wantStatus := map[Status]int{Agree: 1, ManagerHigher: 2, SelfHigher: 1, OnlySelf: 1, OnlyManager: 0, Rejected: 1}
	for _, c := range sum.Statuses {
		if c.Count != wantStatus[c.Status] {
			t.Errorf("%s: %d, want %d", c.Status, c.Count, wantStatus[c.Status])
		}
	}
	if want := []DeltaCount{{-2, 1}, {-1, 0}, {0, 1}, {1, 1}, {2, 1}}; !slices.Equal(sum.Deltas, want) {
		t.Errorf("deltas %v, want %v", sum.Deltas, want)
	}
	want := []GroupSummary{
		{Group: "alpha", Records: 2, Compared: 2, MeanDelta: 1.5, ManagerHigher: 2},
		{Group: "beta", Records: 2, Compared: 2, MeanDelta: -1, Agree: 1, SelfHigher: 1},
		{Group: "", Records: 1},
		{Group: "gamma", Records: 1},
	}
	if !slices.Equal(sum.Groups, want) {
		t.Errorf("groups\n%+v\nwant\n%+v", sum.Groups, want)
	}
}

// Every row of both files is in exactly one record, whatever the keys.
func TestEveryRowIsInExactlyOneRecord(t *testing.T) {
	j, adv := newJoin(t)
	keys := []string{"A", "B", "A", "", "C", "D", "D", "E"}
	for i, k := range keys {
		add(t, j, Self, row(t, adv, i+2, k, "", "SRE", "6", "team"))
		add(t, j, Manager, row(t, adv, i+2, keys[(i*3+1)%len(keys)], "", "SRE", "6", "team"))
	}
	seen := map[string]int{}
	for _, r := range records(t, j, false) {
		for side, a := range map[Side]*Assessment{Self: r.Self, Manager: r.Manager} {
			if a != nil {
				seen[fmt.Sprintf("%s:%d", side, a.Row)]++
			}
		}
	}
	if len(seen) != 2*len(keys) {
		t.Errorf("%d rows in records, want %d: %v", len(seen), 2*len(keys), seen)
	}
	for k, n := range seen {
		if n != 1 {
			t.Errorf("row %s in %d records", k, n)
		}
	}
}

// The join reuses an outcome for rows with the same answers and start
// cell; a row rejected for its shape, or with another start, has its own.
func TestRowsWithTheSameAnswersKeepTheirOwnOutcome(t *testing.T) {
	j, adv := newJoin(t)
	advised := row(t, adv, 2, "E1", "", "SRE", "6", "team")
	shape := advised
	shape.Decided, shape.Message = nil, "the row has 4 cells, the header 6"
	later := advised
	later.Decided = Derive(advisedOn(t, adv, advised.Answers, "2030-01-07")).(*Decided)
	for i, r := range []Row{advised, shape, advised, later} {
		r.Line, r.Key = i+2, fmt.Sprint("E", i)
		add(t, j, Self, r)
		add(t, j, Manager, r)
	}
	got := records(t, j, true)
	if got[0].Status != Agree || got[2].Status != Agree || got[3].Status != Agree {
		t.Errorf("statuses %v, %v, %v, want agree", got[0].Status, got[2].Status, got[3].Status)
	}
	if got[1].Status != Rejected || len(got[1].Errors) != 2 || got[1].Errors[0].Message != shape.Message {
		t.Errorf("the row of the wrong shape: %+v", got[1])
	}
	if s := got[3].Self.Rec.Plan.Start; s != "2030-01-07" {
		t.Errorf("the row with its own start starts %s", s)
	}
}

func advisedOn(t *testing.T, adv *advisor.Advisor, a advisor.Answers, day string) *advisor.Recommendation {
	t.Helper()
	d, err := time.Parse(advisor.DateLayout, day)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := adv.Advise(a, d)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// Years cells that all differ are kept unnumbered past spillAfter, and
// still compared by value: "6.00000010" is "6.0000001", and a record's
// answers are its cells as given.
func TestJoinComparesUnnumberedYearsByValue(t *testing.T) {
	if testing.Short() {
		t.Skip("advises some 130,000 rows")
	}
	j, adv := newJoin(t)
	n := spillAfter + 20
	for i := range n {
		self := fmt.Sprintf("6.%07d", i)
		mgr := self + "0"
		if i >= n-10 {
			mgr = fmt.Sprintf("7.%07d", i)
		}
		key := fmt.Sprintf("E%07d", i)
		add(t, j, Self, row(t, adv, i+2, key, "", "SRE", self, "team"))
		add(t, j, Manager, row(t, adv, i+2, key, "", "SRE", mgr, "team"))
	}
	recs := records(t, j, false)
	if len(recs) != n {
		t.Fatalf("%d records, want %d", len(recs), n)
	}
	for i, r := range recs[n-20:] {
		i += n - 20
		if r.Self.Cells[1] >= 0 || r.Manager.Cells[1] >= 0 {
			t.Errorf("record %d: years cells numbered %d and %d, want both unnumbered", i, r.Self.Cells[1], r.Manager.Cells[1])
		}
		want := []Difference(nil)
		if i >= n-10 {
			want = []Difference{{advisor.FieldYears, fmt.Sprintf("6.%07d", i), fmt.Sprintf("7.%07d", i)}}
		}
		if !slices.Equal(r.Differences, want) {
			t.Errorf("record %d: differences %v, want %v", i, r.Differences, want)
		}
		if got, want := j.Cell(1, r.Manager.Cells[1]), r.Manager.Answers.Years; got != want {
			t.Errorf("record %d: Cell gives %q for the manager's years %q", i, got, want)
		}
	}
}

// A long answer cell is kept without the spaces around it, and one still
// too long is kept cut; either way the JSON formats' recommendation is
// the one the whole cell had, not an error for the cut text.
func TestJoinAdvisesLongCellsAsTheirWholeValue(t *testing.T) {
	j, adv := newJoin(t)
	padded := row(t, adv, 2, "E1", "", "SRE"+strings.Repeat(" ", 600), "6", "team")
	long := row(t, adv, 2, "E1", "", "SRE", "6", "team")
	// As a role cell of 600 bytes that the title map or the title words
	// found SRE in: the join has only the readers' word for it.
	long.Answers.Role = "SRE " + strings.Repeat("x", 600)
	add(t, j, Self, padded)
	add(t, j, Manager, long)
	recs := records(t, j, true)
	if len(recs) != 1 || recs[0].Status != Agree {
		t.Fatalf("records %v, want one agreeing", recs)
	}
	self, mgr := recs[0].Self, recs[0].Manager
	if self.Answers.Role != "SRE" {
		t.Errorf("padded role kept as %q, want %q", self.Answers.Role, "SRE")
	}
	if kept := mgr.Answers.Role; !strings.HasSuffix(kept, "…") || len(kept) > MaxCellBytes {
		t.Errorf("long role kept as %d bytes ending %q", len(kept), kept[len(kept)-4:])
	}
	for _, a := range []*Assessment{self, mgr} {
		if a.Rec == nil || a.Rec.Role.ID != "sre" || a.Rec.Level.ID != a.Level.ID {
			t.Errorf("row %d: recommendation %+v for level %v", a.Row, a.Rec, a.Level)
		}
	}
}
