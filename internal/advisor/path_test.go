package advisor

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func path(t *testing.T, a *Advisor, role, years, acc string, day time.Time) *Path {
	t.Helper()
	p, err := a.Path(Answers{Role: role, Years: years, Accountability: acc}, day)
	if err != nil {
		t.Fatalf("Path(%q, %q, %q): %v", role, years, acc, err)
	}
	return p
}

// wantStep is what the worked examples say of one step.
type wantStep struct {
	level, eligible, planStart, planEnd string
	requires                            []string // kinds, in order
	neededAccountability                string
}

// The worked examples, start 2027-01-04, dates inclusive.
func TestPathWorkedExamples(t *testing.T) {
	a := newAdvisor(t)
	for _, c := range []struct {
		role, years, acc string
		steps            []wantStep
	}{
		{"SRE", "6", "team", []wantStep{
			{"Professional", "2027-01-04", "2027-01-04", "2027-04-17", nil, ""},
			{"Advanced", "2028-01-04", "2028-01-04", "2028-04-16", []string{NeedAccountability, NeedYears}, "multi-team"},
		}},
		{"DevOps Engineer", "0", "individual", []wantStep{
			{"Foundation", "2027-01-04", "2027-01-04", "2027-04-17", nil, ""},
			{"Professional", "2030-01-04", "2030-01-04", "2030-04-17", []string{NeedAccountability, NeedYears}, "team"},
			{"Advanced", "2034-01-04", "2034-01-04", "2034-04-17", []string{NeedAccountability, NeedYears}, "multi-team"},
		}},
		{"Cloud Engineer", "2.9", "team", []wantStep{
			{"Foundation", "2027-01-04", "2027-01-04", "2027-04-17", nil, ""},
			{"Professional", "2027-03-04", "2027-04-18", "2027-07-30", []string{NeedYears}, ""},
			{"Advanced", "2031-03-04", "2031-03-04", "2031-06-15", []string{NeedAccountability, NeedYears}, "multi-team"},
		}},
		{"Engineering Manager", "10", "multi-team", []wantStep{
			{"Advanced", "2027-01-04", "2027-01-04", "2027-04-17", nil, ""},
		}},
	} {
		t.Run(c.role+"/"+c.years, func(t *testing.T) {
			p := path(t, a, c.role, c.years, c.acc, start)
			if len(p.Steps) != len(c.steps) {
				t.Fatalf("%d steps, want %d: %+v", len(p.Steps), len(c.steps), p.Steps)
			}
			for i, w := range c.steps {
				s := p.Steps[i]
				kinds := []string(nil)
				acc := ""
				for _, r := range s.Requires {
					kinds = append(kinds, r.Kind)
					if r.Kind == NeedAccountability {
						acc = r.Needed
					}
				}
				got := wantStep{s.Level.Name, s.EligibleFrom, s.Plan.Start, s.Plan.End, kinds, acc}
				if !reflect.DeepEqual(got, w) {
					t.Errorf("step %d: %+v, want %+v", i+1, got, w)
				}
				if (acc == "") != (s.Assumes == "") {
					t.Errorf("step %d assumes %q; requires accountability %q", i+1, s.Assumes, acc)
				}
			}
			last := p.Steps[len(p.Steps)-1]
			if len(last.CareerGrowth) != 3 || len(last.PursueNext) == 0 {
				t.Errorf("last step carries %d career growth entries and %d pursue next", len(last.CareerGrowth), len(last.PursueNext))
			}
			if p.End != last.Plan.End {
				t.Errorf("end %s, last plan ends %s", p.End, last.Plan.End)
			}
		})
	}
}

// The years requirement carries numbers, so no one has to parse strings.
func TestPathYearsRequirementIsNumeric(t *testing.T) {
	p := path(t, newAdvisor(t), "Cloud Engineer", "2.9", "team", start)
	r := p.Steps[1].Requires[0]
	if r.NeededYears == nil || *r.NeededYears != 3 || r.CurrentYears == nil || *r.CurrentYears != 2.9 {
		t.Fatalf("years requirement %+v", r)
	}
}

// Over every role, answer and year value, on the embedded catalog and on a
// 4-level and a 10-level one, and from start dates on a month's last day
// and a leap day: levels strictly rise, dates never go back, step 1 is
// advise's answer, the last step is the top level, and each step is
// eligible exactly when the one eligibility rule says.
func TestPathProperties(t *testing.T) {
	catalogs := map[string]*Advisor{"embedded": newAdvisor(t), "4 levels": New(ladder(t, 4)), "10 levels": New(ladder(t, 10))}
	starts := []time.Time{start, time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC)}
	for name, a := range catalogs {
		cat := a.Catalog()
		for _, role := range cat.Roles {
			for _, acc := range cat.Accountability {
				for _, years := range []string{"0", "2.9", "3", "6.5", "7", "60"} {
					for _, day := range starts {
						ans := Answers{Role: role.ID, Years: years, Accountability: acc.ID}
						where := fmt.Sprintf("%s: %s, %s years, %s, from %s", name, role.ID, years, acc.ID, day.Format(DateLayout))
						checkPath(t, a, ans, day, where)
					}
				}
			}
		}
	}
}

func checkPath(t *testing.T, a *Advisor, ans Answers, day time.Time, where string) {
	t.Helper()
	rec, err := a.Advise(ans, day)
	if err != nil {
		t.Fatal(err)
	}
	p, err := a.Path(ans, day)
	if err != nil {
		t.Fatal(err)
	}
	levels := a.Catalog().Levels
	first := p.Steps[0]
	if first.Level != rec.Level || !reflect.DeepEqual(first.Plan, rec.Plan) || first.EligibleFrom != rec.Plan.Start || len(first.Requires) != 0 {
		t.Fatalf("%s: step 1 %+v is not advise's %+v %+v", where, first, rec.Level, rec.Plan)
	}
	if len(p.Steps) > 1 {
		second := p.Steps[1]
		if second.EligibleFrom != rec.NextLevel.EligibleFrom || !reflect.DeepEqual(second.Requires, rec.NextLevel.Missing) {
			t.Fatalf("%s: step 2 (%s, %+v) disagrees with advise's next level %+v", where, second.EligibleFrom, second.Requires, rec.NextLevel)
		}
	}
	if last := p.Steps[len(p.Steps)-1]; last.Level.Order != len(levels) || len(last.CareerGrowth) != len(a.Catalog().CareerGrowth) {
		t.Fatalf("%s: last step is level %d, want the top (%d)", where, last.Level.Order, len(levels))
	}
	prevEnd := ""
	for i, s := range p.Steps {
		if i > 0 && s.Level.Order != p.Steps[i-1].Level.Order+1 {
			t.Fatalf("%s: step %d is level %d after %d", where, i+1, s.Level.Order, p.Steps[i-1].Level.Order)
		}
		level := &levels[s.Level.Order-1]
		wantEligible := EligibleFrom(day, rec.Input.Years, level.Policy.MinYears).Format(DateLayout)
		if i > 0 && s.EligibleFrom != wantEligible {
			t.Fatalf("%s: step %d eligible %s, want %s", where, i+1, s.EligibleFrom, wantEligible)
		}
		if i > 0 && day.Day() == 31 && s.EligibleFrom[8:] != "31" {
			if d := readDate(t, s.EligibleFrom); d.AddDate(0, 0, 1).Day() != 1 {
				t.Fatalf("%s: step %d eligible %s is neither the 31st nor a month's last day", where, i+1, s.EligibleFrom)
			}
		}
		if s.Plan.Start < s.EligibleFrom || s.Plan.Start <= prevEnd || (prevEnd != "" && s.Plan.Start != s.EligibleFrom && s.Plan.Start != readDate(t, prevEnd).AddDate(0, 0, 1).Format(DateLayout)) {
			t.Fatalf("%s: step %d plan starts %s (eligible %s, previous plan ends %s)", where, i+1, s.Plan.Start, s.EligibleFrom, prevEnd)
		}
		checkPlan(t, s.Plan, level, readDate(t, s.Plan.Start))
		if s.Level.Order < len(levels) && (len(s.CareerGrowth) != 0 || len(s.PursueNext) != 0) {
			t.Fatalf("%s: step %d carries the top level's texts", where, i+1)
		}
		checkWait(t, a, p, i, where)
		prevEnd = s.Plan.End
	}
}

// checkWait checks step i's wait: there exactly when the next plan starts
// more than a calendar month after this one ends, filling the gap, with
// the finished level's texts and the person's top direction.
func checkWait(t *testing.T, a *Advisor, p *Path, i int, where string) {
	t.Helper()
	s := p.Steps[i]
	if i == len(p.Steps)-1 {
		if s.Wait != nil {
			t.Fatalf("%s: the last step has a wait %+v", where, s.Wait)
		}
		return
	}
	end, next := readDate(t, s.Plan.End), p.Steps[i+1]
	nextStart := readDate(t, next.Plan.Start)
	if want := nextStart.After(AddMonths(end, 1)); want != (s.Wait != nil) {
		t.Fatalf("%s: step %d ends %s, next plan starts %s: wait %+v", where, i+1, s.Plan.End, next.Plan.Start, s.Wait)
	}
	if s.Wait == nil {
		return
	}
	w, level := s.Wait, &a.Catalog().Levels[s.Level.Order-1]
	role, _ := a.ResolveRole(p.Input.Role)
	from, until := end.AddDate(0, 0, 1), nextStart.AddDate(0, 0, -1)
	switch {
	case w.From != from.Format(DateLayout) || w.Until != until.Format(DateLayout) || readDate(t, w.From).AddDate(0, 0, w.Days-1) != until:
		t.Fatalf("%s: step %d wait %s to %s (%d days), want %s to %s", where, i+1, w.From, w.Until, w.Days, from.Format(DateLayout), until.Format(DateLayout))
	case w.Until != readDate(t, next.EligibleFrom).AddDate(0, 0, -1).Format(DateLayout):
		t.Fatalf("%s: step %d wait ends %s, not the day before step %d's eligibility %s", where, i+1, w.Until, i+2, next.EligibleFrom)
	case w.Next != next.Level:
		t.Fatalf("%s: step %d wait leads to %+v, want %+v", where, i+1, w.Next, next.Level)
	case !reflect.DeepEqual(w.PursueNext, nonNil(level.PursueNext)):
		t.Fatalf("%s: step %d wait pursues %q, want the level's %q", where, i+1, w.PursueNext, level.PursueNext)
	case !reflect.DeepEqual(w.Direction, a.Specialisations(role.Role, level)[0]):
		t.Fatalf("%s: step %d wait direction %+v is not the top-ranked one", where, i+1, w.Direction)
	}
}

// A wait starts only when the next plan starts more than a calendar month
// after a plan ends: a month to the day is no wait, a day more is; a
// month from the 30th of January is the 28th of February.
func TestWaitNeedsMoreThanAMonth(t *testing.T) {
	a := newAdvisor(t)
	cat := a.Catalog()
	role, finished, next := &cat.Roles[0], &cat.Levels[0], &cat.Levels[1]
	day := func(s string) time.Time { return readDate(t, s) }
	for _, c := range []struct {
		free, nextStart string
		want            *Wait // dates and days only
	}{
		{"2027-01-16", "2027-02-15", nil},
		{"2027-01-16", "2027-02-16", &Wait{From: "2027-01-16", Until: "2027-02-15", Days: 31}},
		{"2027-01-31", "2027-02-28", nil},
		{"2027-01-31", "2027-03-01", &Wait{From: "2027-01-31", Until: "2027-02-28", Days: 29}},
	} {
		got := a.wait(role, finished, next, day(c.free), day(c.nextStart))
		if (got == nil) != (c.want == nil) || got != nil && (got.From != c.want.From || got.Until != c.want.Until || got.Days != c.want.Days) {
			t.Errorf("plan ends the day before %s, next starts %s: wait %+v, want %+v", c.free, c.nextStart, got, c.want)
		}
	}
}

// A leap day start: a whole number of years later lands on 28 February.
func TestPathFromLeapDay(t *testing.T) {
	p := path(t, newAdvisor(t), "DevOps Engineer", "0", "individual", time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC))
	if got := p.Steps[1].EligibleFrom; got != "2031-02-28" {
		t.Fatalf("3 years after 2028-02-29: %s, want 2031-02-28", got)
	}
	p = path(t, newAdvisor(t), "Cloud Engineer", "2.9", "team", time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC))
	if got := p.Steps[1].EligibleFrom; got != "2027-03-31" {
		t.Fatalf("2 months after 2027-01-31: %s, want 2027-03-31", got)
	}
	p = path(t, newAdvisor(t), "Cloud Engineer", "2.95", "team", time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC))
	if got := p.Steps[1].EligibleFrom; got != "2027-02-28" {
		t.Fatalf("1 month after 2027-01-31: %s, want 2027-02-28", got)
	}
}

func TestCompareLevels(t *testing.T) {
	a := newAdvisor(t)
	same, err := a.ResolveLevel("professional")
	if err != nil {
		t.Fatal(err)
	}
	c := CompareLevels(same, same)
	if len(c.Capabilities.Both) != len(same.Capabilities) || len(c.Capabilities.OnlyA)+len(c.Capabilities.OnlyB) != 0 {
		t.Errorf("a level against itself: %+v", c.Capabilities)
	}
	got := compareLists([]string{"x", "y", "z"}, []string{"z", "w", "x"})
	want := ListCompared{OnlyA: []string{"y"}, OnlyB: []string{"w"}, Both: []string{"x", "z"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("compareLists: %+v, want %+v", got, want)
	}
	if _, err := a.ResolveLevel(" ADVANCED "); err != nil {
		t.Errorf("level names match ignoring case and spaces: %v", err)
	}
	for answer, want := range map[string]string{"1": "foundation", " 2 ": "professional", "3": "advanced"} {
		if l, err := a.ResolveLevel(answer); err != nil || l.ID != want {
			t.Errorf("level %q: %v, %v; want %s", answer, l, err, want)
		}
	}
	var inputErr *InputError
	if _, err := a.ResolveLevel("4"); !errors.As(err, &inputErr) || !strings.Contains(err.Error(), "there is no level 4") {
		t.Errorf("level 4 of 3: %v", err)
	}
	c = CompareLevels(&a.cat.Levels[0], &a.cat.Levels[2])
	if c.Track.A != c.Track.B || c.Track.A == "" || c.PlanDays.A != a.cat.Levels[0].PreparationPlan.Days() || c.PlanDays.B != a.cat.Levels[2].PreparationPlan.Days() {
		t.Errorf("track %+v, plan days %+v", c.Track, c.PlanDays)
	}
}
