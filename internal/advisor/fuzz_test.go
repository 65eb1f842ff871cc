package advisor

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/careerpath/careerpath/data"
	"github.com/careerpath/careerpath/internal/catalog"
)

// Seed corpora live in testdata/fuzz/<target>; `go test` runs them as
// regular tests, `go test -fuzz <target>` explores from them.

func FuzzResolveRole(f *testing.F) {
	a := newAdvisor(f)
	f.Fuzz(func(t *testing.T, answer string) {
		role, err := a.ResolveRole(answer)
		if err != nil {
			assertInputError(t, err, FieldRole)
			return
		}
		if again, err := a.ResolveRole(catalog.Key(answer)); err != nil || again.Role != role.Role {
			t.Fatalf("%q resolves to %s but its normal form %q gives %v, %v", answer, role.Role.ID, catalog.Key(answer), again, err)
		}
		for _, acc := range a.Catalog().Accountability {
			checkAdvice(t, a, Answers{Role: answer, Years: "5", Accountability: acc.ID}, start)
		}
	})
}

func FuzzResolveAccountability(f *testing.F) {
	a := newAdvisor(f)
	f.Fuzz(func(t *testing.T, answer string) {
		acc, err := a.ResolveAccountability(answer)
		if err != nil {
			assertInputError(t, err, FieldAccountability)
			return
		}
		if again, err := a.ResolveAccountability(catalog.Key(answer)); err != nil || again.ID != acc.ID {
			t.Fatalf("%q resolves to %s but its normal form %q gives %v, %v", answer, acc.ID, catalog.Key(answer), again, err)
		}
		for _, role := range a.Catalog().Roles {
			checkAdvice(t, a, Answers{Role: role.ID, Years: "5", Accountability: answer}, start)
		}
	})
}

func FuzzParseYears(f *testing.F) {
	a := newAdvisor(f)
	role, acc := a.Catalog().Roles[0].ID, a.Catalog().Accountability[0].ID
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ReadYears(s)
		if err != nil {
			assertInputError(t, err, FieldYears)
			return
		}
		y := got.Value
		if !(y >= 0 && y <= MaxYears) {
			t.Fatalf("ReadYears(%q) = %v, outside 0..%d", s, y, MaxYears)
		}
		if back, err := ReadYears(strconv.FormatFloat(y, 'f', -1, 64)); err != nil || back.Value != y {
			t.Fatalf("ReadYears(%q) = %v, which does not read back: %v, %v", s, y, back, err)
		}
		checkAdvice(t, a, Answers{Role: role, Years: s, Accountability: acc}, start)
	})
}

func FuzzParseDate(f *testing.F) {
	a := newAdvisor(f)
	role, acc := a.Catalog().Roles[0].ID, a.Catalog().Accountability[0].ID
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			assertInputError(t, err, FieldStart)
			return
		}
		if got := d.Format(DateLayout); got != strings.TrimSpace(s) {
			t.Fatalf("ParseDate(%q) = %s, which does not read back", s, got)
		}
		if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("ParseDate(%q) = %v, not a civil date", s, d)
		}
		checkAdvice(t, a, Answers{Role: role, Years: "5", Accountability: acc}, d)
	})
}

// FuzzCatalogParse loads arbitrary bytes as a catalog: a rejected catalog
// must say why, and an accepted one must advise every role and
// accountability answer at every threshold, on the first and last start
// dates allowed.
func FuzzCatalogParse(f *testing.F) {
	f.Add(data.CatalogYAML)
	// One long anchored string repeated by aliases: few values, much text.
	f.Add([]byte("name: &s " + strings.Repeat("x", 1<<16) + "\nlevels:\n  - capabilities: [" + strings.Repeat("*s, ", 80) + "*s]\n"))
	first := time.Date(MinStartYear, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(MaxStartYear, 12, 31, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, raw []byte) {
		cat, err := catalog.Parse("fuzz", raw)
		if err != nil {
			var invalid *catalog.Error
			if !errors.As(err, &invalid) || len(invalid.Problems) == 0 {
				t.Fatalf("Parse error %v is not a *catalog.Error with problems", err)
			}
			return
		}
		a := New(cat)
		years := []string{"0", strconv.Itoa(MaxYears)}
		for _, l := range cat.Levels {
			if !(l.Policy.MinYears >= 0) {
				t.Fatalf("accepted level %s with min_years %v", l.ID, l.Policy.MinYears)
			}
			if l.Policy.MinYears <= MaxYears {
				years = append(years, strconv.FormatFloat(l.Policy.MinYears, 'f', -1, 64))
			}
		}
		for _, r := range cat.Roles {
			for _, acc := range cat.Accountability {
				for _, y := range years {
					for _, day := range []time.Time{first, last} {
						checkAdvice(t, a, Answers{Role: r.ID, Years: y, Accountability: acc.ID}, day)
					}
				}
			}
		}
	})
}

func assertInputError(t *testing.T, err error, field string) {
	t.Helper()
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != field || ie.Message == "" {
		t.Fatalf("error %v is not an InputError for %s with a message", err, field)
	}
}

// checkAdvice advises on accepted answers and checks that the
// recommendation is whole: the rule's level, a plan whose dates read back
// and run day after day, ranked specialisations, and JSON that round-trips.
func checkAdvice(t *testing.T, a *Advisor, ans Answers, day time.Time) {
	t.Helper()
	rec, err := a.Advise(ans, day)
	var late *InputError
	if errors.As(err, &late) && late.Field == FieldStart && strings.Contains(late.Message, fmt.Sprintf("past %d-12-31", MaxStartYear)) {
		return // a plan or eligibility past the years written: TestDatesStayInTheYearsWritten
	}
	if err != nil {
		t.Fatalf("Advise(%+v): %v", ans, err)
	}
	checkDatesWritten(t, rec)
	cat := a.Catalog()
	pos := cat.LevelPos(rec.Level.ID)
	level := &cat.Levels[pos]
	if level.ID != rec.Level.ID || level.Order != rec.Level.Order {
		t.Fatalf("level %+v is not in the catalog", rec.Level)
	}
	if len(rec.Trace) == 0 || rec.Trace[len(rec.Trace)-1].Level != rec.Level.ID {
		t.Fatalf("trace %+v does not end at %s", rec.Trace, rec.Level.ID)
	}
	if (rec.NextLevel == nil) != (pos == len(cat.Levels)-1) {
		t.Fatalf("next level %+v at level %d of %d", rec.NextLevel, pos+1, len(cat.Levels))
	}
	if rec.NextLevel != nil && len(rec.NextLevel.Missing) == 0 {
		t.Fatalf("next level %s has nothing missing, so the rule should have placed the answers there", rec.NextLevel.ID)
	}
	checkPlan(t, rec.Plan, level, day)
	if len(rec.Specialisations) != len(cat.Directions) {
		t.Fatalf("%d specialisations for %d directions", len(rec.Specialisations), len(cat.Directions))
	}
	for i, s := range rec.Specialisations {
		if s.Rank != i+1 || s.Reason == "" {
			t.Fatalf("specialisation %d is %+v", i, s)
		}
	}
	raw, err := json.Marshal(rec)
	if err != nil {
		t.Fatalf("recommendation does not marshal: %v", err)
	}
	if !utf8.ValidString(ans.Role) || !utf8.ValidString(ans.Years) || !utf8.ValidString(ans.Accountability) {
		// JSON is text: a byte of an answer that is not UTF-8 is written
		// as U+FFFD (TestAdviceJSONWritesBytesThatAreNotUTF8AsReplacement),
		// so the answers echoed in the recommendation come back changed.
		if !json.Valid(raw) {
			t.Fatalf("recommendation marshals to invalid JSON: %s", raw)
		}
		return
	}
	var back Recommendation
	if err := json.Unmarshal(raw, &back); err != nil || !reflect.DeepEqual(&back, rec) {
		t.Fatalf("recommendation does not round-trip through JSON: %v", err)
	}
}

func checkPlan(t *testing.T, p Plan, level *catalog.Level, day time.Time) {
	t.Helper()
	if len(p.Phases) != len(level.PreparationPlan.Phases) {
		t.Fatalf("plan has %d phases, level %s has %d", len(p.Phases), level.ID, len(level.PreparationPlan.Phases))
	}
	next := civilDate(day)
	for i, ph := range p.Phases {
		s, e := readDate(t, ph.Start), readDate(t, ph.End)
		if !s.Equal(next) || ph.Days < 1 || !e.Equal(s.AddDate(0, 0, ph.Days-1)) {
			t.Fatalf("phase %d runs %s..%s for %d days; it should start %s", i, ph.Start, ph.End, ph.Days, next.Format(DateLayout))
		}
		next = e.AddDate(0, 0, 1)
	}
	if p.Start != p.Phases[0].Start || p.End != p.Phases[len(p.Phases)-1].End {
		t.Fatalf("plan runs %s..%s but its phases %s..%s", p.Start, p.End, p.Phases[0].Start, p.Phases[len(p.Phases)-1].End)
	}
}

// readDate parses a plan date and checks it is written the one way
// DateLayout writes it.
func readDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(DateLayout, s)
	if err != nil || d.Format(DateLayout) != s {
		t.Fatalf("plan date %q does not read back: %v", s, err)
	}
	return d
}

// An answer that is not UTF-8 (a Latin-1 cell, say) is still advised, and
// its JSON is valid: each such byte is written as U+FFFD, as encoding/json
// writes it, so the echoed answer is what JSON can carry.
func TestAdviceJSONWritesBytesThatAreNotUTF8AsReplacement(t *testing.T) {
	a := newAdvisor(t)
	rec, err := a.Advise(Answers{Role: "sre\n\n(\xa0", Years: "5", Accountability: a.Catalog().Accountability[0].ID}, start)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(rec)
	if err != nil || !json.Valid(raw) {
		t.Fatalf("marshal: %v, valid %v", err, json.Valid(raw))
	}
	var back Recommendation
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if want := "sre\n\n(\uFFFD"; back.Input.Role != want {
		t.Errorf("input.role came back %q, want %q", back.Input.Role, want)
	}
	back.Input.Role = rec.Input.Role
	if !reflect.DeepEqual(&back, rec) {
		t.Error("the rest of the recommendation does not round-trip through JSON")
	}
}
