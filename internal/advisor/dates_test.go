package advisor

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// No date outside MinStartYear to MaxStartYear is ever written: a start
// from which a plan or an eligibility runs past them is refused, as an
// InputError on the start, and everything else keeps its dates in them.
func TestDatesStayInTheYearsWritten(t *testing.T) {
	a := newAdvisor(t)
	cat := a.Catalog()
	starts := []string{"1900-01-01", "2027-01-04", "2990-01-01", "2992-09-30", "2999-06-01", "2999-12-31"}
	refused := 0
	for _, s := range starts {
		day, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range cat.Roles {
			for _, acc := range cat.Accountability {
				for _, y := range []string{"0", "2.5", "6", "60"} {
					ans := Answers{Role: r.ID, Years: y, Accountability: acc.ID}
					rec, err := a.Advise(ans, day)
					if refusedLate(t, err) {
						refused++
					} else {
						checkDatesWritten(t, rec)
					}
					p, err := a.Path(ans, day)
					if refusedLate(t, err) {
						refused++
					} else {
						checkDatesWritten(t, p)
					}
				}
			}
		}
	}
	if refused == 0 {
		t.Fatal("no start was refused, so the test reached no date past the years written")
	}
}

// The refusals the issue found: a path that runs past 2999 from a start
// late in the century, and a plan that ends past it.
func TestLateStartIsRefused(t *testing.T) {
	a := newAdvisor(t)
	day := time.Date(2995, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err := a.Path(Answers{Role: "DevOps Engineer", Years: "0", Accountability: "individual"}, day)
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != FieldStart || ie.Value != "2995-01-01" {
		t.Fatalf("Path from 2995-01-01 with seven years to go: err = %v, want an InputError on the start", err)
	}
	if want := "start date 2995-01-01 gives dates up to 3002-04-14, past 2999-12-31"; !strings.HasPrefix(ie.Message, want) {
		t.Errorf("message %q, want it to start %q", ie.Message, want)
	}
	// The same answers from seven years earlier end within 2999.
	if _, err := a.Path(Answers{Role: "DevOps Engineer", Years: "0", Accountability: "individual"}, day.AddDate(-7, 0, 0)); err != nil {
		t.Errorf("from 2988: %v", err)
	}
	_, err = a.Advise(Answers{Role: "SRE", Years: "10", Accountability: "multi-team"}, time.Date(2999, 12, 1, 0, 0, 0, 0, time.UTC))
	if !errors.As(err, &ie) || !strings.Contains(ie.Message, "past 2999-12-31") {
		t.Fatalf("a plan ending in 3000: err = %v", err)
	}
	q, err := a.Resolve(Answers{Role: "SRE", Years: "6", Accountability: "team"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Recommend(q, time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)); !errors.As(err, &ie) || ie.Field != FieldStart {
		t.Fatalf("a start in 1899: err = %v", err)
	}
}

func refusedLate(t *testing.T, err error) bool {
	t.Helper()
	if err == nil {
		return false
	}
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != FieldStart || !strings.Contains(ie.Message, fmt.Sprintf("past %d-12-31", MaxStartYear)) {
		t.Fatalf("error %v is not a late start's", err)
	}
	return true
}

// checkDatesWritten finds every date field (a string field named Start,
// End or EligibleFrom) below v and checks it is a date in the years
// written.
func checkDatesWritten(t *testing.T, v any) {
	t.Helper()
	walkDates(reflect.ValueOf(v), func(s string) {
		d, err := time.Parse(DateLayout, s)
		if err != nil || d.Year() < MinStartYear || d.Year() > MaxStartYear {
			t.Fatalf("date %q is written", s)
		}
	})
}

func walkDates(v reflect.Value, check func(string)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkDates(v.Elem(), check)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkDates(v.Index(i), check)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			switch {
			case f.Type.Kind() == reflect.String && (f.Name == "Start" || f.Name == "End" || f.Name == "EligibleFrom"):
				check(v.Field(i).String())
			default:
				walkDates(v.Field(i), check)
			}
		}
	}
}
