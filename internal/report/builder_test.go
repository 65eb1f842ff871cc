package report

import (
	"strconv"
	"testing"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/catalog"
)

// TestGroupsFoldPastTheLimits: more distinct --by values than are tracked
// keep the largest MaxGroups, fold the rest into other, and lose no row.
func TestGroupsFoldPastTheLimits(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, distinct := range []int{MaxGroups + 5, maxTracked + 5000} {
		b := New(cat, Options{By: "team"})
		if err := b.Begin([]string{"team", "role", "years", "accountability"}); err != nil {
			t.Fatal(err)
		}
		rows := 0
		add := func(team string) {
			rows++
			if err := b.Add(batch.AdvisedRow{Line: rows + 1, Fields: []string{team, "x", "1", "ic"}, Column: "role", Message: "unknown"}); err != nil {
				t.Fatal(err)
			}
		}
		for i := range 50 { // a heavy group that must survive every fold
			_ = i
			add("big")
		}
		for i := range distinct {
			add("t" + strconv.Itoa(i))
		}
		doc, err := b.Report(batch.Summary{Read: rows, Rejected: rows})
		if err != nil {
			t.Fatal(err)
		}
		g := doc.Groups
		sum := g.Other.Rows
		for _, grp := range g.Groups {
			sum += grp.Rows
		}
		if len(g.Groups) != MaxGroups || sum != rows || g.Groups[0].Name != "big" || g.Groups[0].Rows != 50 {
			t.Errorf("%d distinct: %d groups, first %q with %d, rows %d of %d", distinct, len(g.Groups), g.Groups[0].Name, g.Groups[0].Rows, sum, rows)
		}
		if wantExact := distinct+1 <= maxTracked; g.Exact != wantExact {
			t.Errorf("%d distinct: exact %v, want %v", distinct, g.Exact, wantExact)
		}
	}
}
