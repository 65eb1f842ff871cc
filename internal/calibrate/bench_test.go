package calibrate

import (
	"fmt"
	"testing"
)

// BenchmarkJoin keeps 100,000 rows a side, overlapping by 90%, then
// summarises and walks the records as the CSV output does; the end-to-end
// figures with the reader are in the README.
func BenchmarkJoin(b *testing.B) {
	const rows = 100_000
	_, adv := newJoin(b)
	answers := [][3]string{{"SRE", "6", "team"}, {"Engineering Manager", "10", "multi-team"}, {"devops engineer", "2", "ic"}, {"SRE", "8", "org"}}
	advised := make([]Row, len(answers)) // shared as the staff reader shares them
	for i, a := range answers {
		advised[i] = row(b, adv, 0, "", "", a[0], a[1], a[2])
	}
	var sides [2][]Row
	for s := range sides {
		for i := range rows {
			r := advised[(i+s)%len(answers)]
			r.Line, r.Key = i+2, fmt.Sprintf("E%07d", i+1+s*rows/10)
			sides[s] = append(sides[s], r)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		j := New(adv, Config{})
		for s, side := range []Side{Self, Manager} {
			for _, r := range sides[s] {
				if err := j.Add(side, r); err != nil {
					b.Fatal(err)
				}
			}
		}
		if _, err := j.Summarise(false); err != nil {
			b.Fatal(err)
		}
		if err := j.Records(false, func(*Record) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(2*rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
