package render

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/calibrate"
	"github.com/careerpath/careerpath/internal/catalog"
)

// BenchmarkCalibrationCSV writes the CSV of 100,000 rows a side,
// overlapping by 90%, whose answers mix a few spellings.
func BenchmarkCalibrationCSV(b *testing.B) {
	const rows = 100_000
	cat, err := catalog.Default()
	if err != nil {
		b.Fatal(err)
	}
	adv := advisor.New(cat)
	j := calibrate.New(adv, calibrate.Config{Files: [2]string{"self.csv", "manager.csv"}, KeyColumns: [2]string{"id", "id"}})
	roles, years, accs := []string{"SRE", "sre", "DevOps Engineer", "Engineering Manager"}, []string{"2", "6", "8.5", "12"},
		[]string{"ic", "team", "Team", "multi-team", "org"}
	recs := map[advisor.Answers]*advisor.Recommendation{}
	for s, side := range []calibrate.Side{calibrate.Self, calibrate.Manager} {
		for i := range rows {
			ans := advisor.Answers{Role: roles[(i+s)%len(roles)], Years: years[i/7%len(years)], Accountability: accs[(i+2*s)%len(accs)]}
			rec, ok := recs[ans]
			if !ok {
				if rec, err = adv.Advise(ans, time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)); err != nil {
					b.Fatal(err)
				}
				recs[ans] = rec
			}
			r := calibrate.Row{Line: i + 2, Key: fmt.Sprintf("E%07d", i+1+s*rows/10), Answers: ans, Decided: calibrate.Derive(rec).(*calibrate.Decided)}
			if err := j.Add(side, r); err != nil {
				b.Fatal(err)
			}
		}
	}
	opt := CalibrationOptions{Delimiter: ','}
	for b.Loop() {
		csv := NewCalibrationCSV(j, opt)
		if _, err := j.Stream(io.Discard, false, calibrate.AllStatuses(), csv.NewEncoder); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(j.Positions()*b.N)/b.Elapsed().Seconds(), "positions/s")
}
