package calibrate

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/careerpath/careerpath/internal/advisor"
)

// BenchmarkJoin keeps 100,000 rows a side, overlapping by 90%, then
// summarises and walks the records as the CSV output does. The rows'
// answers mix spellings as a staff list does: some 18,000 distinct sets
// of a few dozen cells each (docs/performance.md's generated files have 28,000).
// "sorted" has both sides in key order, which the key index merges;
// "shuffled" has MANAGER's rows in random order, whose keys are joined
// in partitions after reading. The end-to-end figures with the reader are
// in docs/performance.md.
func BenchmarkJoin(b *testing.B) {
	const rows = 100_000
	_, adv := newJoin(b)
	roles := []string{"SRE", "sre", "Site Reliability Engineer", "site reliability engineer", "Sr. SRE", "Staff SRE",
		"DevOps Engineer", "devops engineer", "DEVOPS ENGINEER", "Senior DevOps Engineer", "Platform Engineer",
		"platform engineer", "Engineering Manager", "ENGINEERING MANAGER", "engineering manager", "EM",
		"Data Engineer", "data engineer", "Senior Data Engineer", "DATA ENGINEER"}
	accs := []string{"ic", "IC", "individual", "Individual", "individual contributor", "team", "Team", "TEAM",
		"single team", "team ownership", "multi-team", "Multi-Team", "multiple teams", "org", "organisation"}
	var years []string
	for y := range 61 {
		years = append(years, strconv.FormatFloat(float64(y)/2, 'f', -1, 64))
	}
	// advised are the rows of each set of answers, advised once: the
	// staff reader shares a recommendation between rows alike.
	advised := map[[3]int]Row{}
	rng := rand.New(rand.NewPCG(1, 2))
	var sides [2][]Row
	for s := range sides {
		for i := range rows {
			k := [3]int{rng.IntN(len(roles)), rng.IntN(len(years)), rng.IntN(len(accs))}
			r, ok := advised[k]
			if !ok {
				r = row(b, adv, 0, "", "", roles[k[0]], years[k[1]], accs[k[2]])
				advised[k] = r
			}
			r.Line, r.Key = i+2, fmt.Sprintf("E%07d", i+1+s*rows/10)
			sides[s] = append(sides[s], r)
		}
	}
	b.Run("sorted", func(b *testing.B) { benchmarkJoin(b, adv, sides) })
	rng.Shuffle(len(sides[1]), func(i, j int) { sides[1][i], sides[1][j] = sides[1][j], sides[1][i] })
	b.Run("shuffled", func(b *testing.B) { benchmarkJoin(b, adv, sides) })
}

func benchmarkJoin(b *testing.B, adv *advisor.Advisor, sides [2][]Row) {
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
	b.ReportMetric(float64((len(sides[0])+len(sides[1]))*b.N)/b.Elapsed().Seconds(), "rows/s")
}
