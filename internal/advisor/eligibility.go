package advisor

import (
	"math"
	"time"
)

// MonthsUntil is how many whole calendar months pass before years of
// experience reach need: ceil((need - years) * 12), and 0 when already met.
// The product is snapped to the nearest whole number when it is within
// float error of it, so 3 - 2.75 gives exactly 3 months, while 7 - 6.9
// (1.2 months) gives 2.
func MonthsUntil(years, need float64) int {
	if years >= need {
		return 0
	}
	m := (need - years) * 12
	if r := math.Round(m); math.Abs(m-r) < 1e-9 {
		return int(r)
	}
	return int(math.Ceil(m))
}

// AddMonths adds n calendar months to a civil date, clamping the day to
// the last day of the month it lands in: 2027-01-31 plus one month is
// 2027-02-28, and 2028-02-29 plus twelve is 2029-02-28.
func AddMonths(day time.Time, n int) time.Time {
	d := civilDate(day)
	first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d.Day(), last)-1)
}

// EligibleFrom is the first day on which years, counted on from start,
// reach need: the path's and the report's one eligibility rule.
func EligibleFrom(start time.Time, years, need float64) time.Time {
	return AddMonths(start, MonthsUntil(years, need))
}
