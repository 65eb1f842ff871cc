package report

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/batch/batchtest"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
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
			if err := b.Add(batch.AdvisedRow{Line: rows + 1, Fields: []string{team, "x", "1", "ic"}, Column: "role", Message: "unknown",
				Problems: []batch.Problem{{Column: "role", Message: "unknown"}}}); err != nil {
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

// TestDeriveMakesTheSameReport: a staff list of many repeated answers
// gives the same document whether the workers derive (batch.Options.Derive,
// derivations shared by many rows) or the builder does, row by row. The
// rows' own start dates make more distinct recommendations than
// maxPending, so derivations are flushed and come back during the run.
// With years of four decimals, every row's different, the workers derive
// once per years band (see batch.Options.Derive) and the builder once
// per recommendation of the full advisor.
func TestDeriveMakesTheSameReport(t *testing.T) {
	for _, decimals := range []int{0, 4} {
		t.Run(fmt.Sprintf("decimals=%d", decimals), func(t *testing.T) { testDeriveMakesTheSameReport(t, decimals) })
	}
}

func testDeriveMakesTheSameReport(t *testing.T, decimals int) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	var staff bytes.Buffer
	if err := batchtest.WriteStaffYears(&staff, cat, 1, 60_000, 3, decimals); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(staff.String(), "\n")
	staff.Reset()
	day := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, line := range lines {
		switch {
		case i == 0:
			staff.WriteString(strings.TrimSuffix(line, "\n") + ",start\n")
		case line != "":
			staff.WriteString(strings.TrimSuffix(line, "\n") + "," + day.AddDate(0, 0, i%400).Format(time.DateOnly) + "\n")
		}
	}
	build := func(derive bool) *reportdoc.Document {
		b := New(cat, Options{By: "role", Top: 7})
		opts := batch.Options{Start: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), Workers: 2}
		if derive {
			opts.Derive = b.Derive
		}
		sum, err := batch.Visit(context.Background(), cat, bytes.NewReader(staff.Bytes()), opts, b.Begin, b.Add)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := b.Report(sum)
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	if got, want := build(true), build(false); !reflect.DeepEqual(got, want) {
		t.Errorf("with Derive:\n%+v\nwithout:\n%+v", got, want)
	}
}
