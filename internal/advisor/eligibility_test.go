package advisor

import (
	"testing"
	"time"
)

func TestMonthsUntil(t *testing.T) {
	cases := []struct {
		years, need float64
		want        int
	}{
		{6.9, 7, 2},   // 1.2 months, float gives 1.2000000000000028
		{2.75, 3, 3},  // exactly 3
		{6, 7, 12},    // a whole year
		{0, 3, 36},    //
		{2.9, 3, 2},   // 1.2 months
		{7, 7, 0},     // met
		{60, 7, 0},    // well past
		{6.5, 7, 6},   // exactly half a year
		{2.99, 3, 1},  // 0.12 months
		{0.1, 0.2, 2}, // 1.2 months, both inexact in binary
		{5.3, 7, 21},  // 20.4 months, float gives 20.400000000000006
	}
	for _, c := range cases {
		if got := MonthsUntil(c.years, c.need); got != c.want {
			t.Errorf("MonthsUntil(%v, %v) = %d, want %d", c.years, c.need, got, c.want)
		}
	}
}

func TestAddMonths(t *testing.T) {
	cases := []struct {
		start string
		n     int
		want  string
	}{
		{"2027-01-04", 12, "2028-01-04"},
		{"2027-01-31", 1, "2027-02-28"},
		{"2028-01-31", 1, "2028-02-29"},
		{"2028-02-29", 12, "2029-02-28"},
		{"2028-02-29", 48, "2032-02-29"},
		{"2027-03-31", 1, "2027-04-30"},
		{"2027-12-15", 1, "2028-01-15"},
		{"2027-01-04", 0, "2027-01-04"},
	}
	for _, c := range cases {
		start, _ := time.Parse(DateLayout, c.start)
		if got := AddMonths(start, c.n).Format(DateLayout); got != c.want {
			t.Errorf("AddMonths(%s, %d) = %s, want %s", c.start, c.n, got, c.want)
		}
	}
}

func TestEligibleFrom(t *testing.T) {
	start, _ := time.Parse(DateLayout, "2027-01-04")
	// The worked examples of the path: SRE at 6 years reaches Advanced's 7
	// in a year; a Cloud Engineer at 2.9 reaches 3 in 2 months.
	if got := EligibleFrom(start, 6, 7).Format(DateLayout); got != "2028-01-04" {
		t.Errorf("6 -> 7 years: %s, want 2028-01-04", got)
	}
	if got := EligibleFrom(start, 2.9, 3).Format(DateLayout); got != "2027-03-04" {
		t.Errorf("2.9 -> 3 years: %s, want 2027-03-04", got)
	}
}
