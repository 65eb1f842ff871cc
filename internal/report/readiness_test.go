package report

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
)

// buildReport runs a staff list through batch and the builder.
func buildReport(t *testing.T, cat *catalog.Loaded, csv string, opts Options) *reportdoc.Document {
	t.Helper()
	b := New(cat, opts)
	bopts := batch.Options{Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC), Workers: 2, Derive: b.Derive}
	sum, err := batch.Visit(context.Background(), cat, strings.NewReader(csv), bopts, b.Begin, b.Add)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := b.Report(sum)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestReadinessKindsFollowTheRule: for every role, accountability and
// years in {0, 2.9, 3, 6.5, 7, 20}, the person's kind is what the rule
// itself says when asked again with other answers: scope-bound when the
// years already meet the next level's minimum; else time-bound when the
// same answers with those years reach the next level; else both. Every
// time-bound person is on next_by_time and every scope-bound one on
// scope_bound (--top covers them all), and nobody else.
func TestReadinessKindsFollowTheRule(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	adv := advisor.New(cat)
	var csv strings.Builder
	csv.WriteString("id,role,years,accountability\n")
	want := map[int]string{} // row line to kind, "" at the top
	counts := map[string]int{}
	line := 1
	for _, role := range cat.Roles {
		for _, acc := range cat.Accountability {
			for _, years := range []float64{0, 2.9, 3, 6.5, 7, 20} {
				line++
				y := strconv.FormatFloat(years, 'f', -1, 64)
				fmt.Fprintf(&csv, "p%d,%s,%s,%s\n", line, role.ID, y, acc.ID)
				q, err := adv.Resolve(advisor.Answers{Role: role.ID, Years: y, Accountability: acc.ID})
				if err != nil {
					t.Fatal(err)
				}
				d := adv.Decide(q)
				if d.Next == nil {
					want[line] = ""
					continue
				}
				nextMin := cat.Levels[d.Level+1].Policy.MinYears
				withYears := q
				withYears.Input.Years = max(years, nextMin)
				var kind string
				switch {
				case years >= nextMin:
					kind = reportdoc.KindScope
				case adv.Decide(withYears).Level > d.Level:
					kind = reportdoc.KindTime
				default:
					kind = reportdoc.KindTimeAndScope
				}
				want[line] = kind
				counts[kind]++
			}
		}
	}
	doc := buildReport(t, cat, csv.String(), Options{Top: line})
	for _, k := range doc.Readiness.Kinds {
		if k.People != counts[k.Kind] {
			t.Errorf("kind %s: %d people, the rule says %d", k.Kind, k.People, counts[k.Kind])
		}
		inBuckets := 0
		for _, b := range k.Buckets {
			inBuckets += b.People
		}
		if len(k.Buckets) > 0 && inBuckets != k.People {
			t.Errorf("kind %s: buckets hold %d of %d", k.Kind, inBuckets, k.People)
		}
	}
	if len(counts) != 3 {
		t.Errorf("the grid should reach every kind: %v", counts)
	}
	onTime, onScope := map[int]bool{}, map[int]bool{}
	for _, p := range doc.NextByTime {
		onTime[p.Row] = true
	}
	for _, p := range doc.ScopeBound {
		onScope[p.Row] = true
	}
	for row, kind := range want {
		if onTime[row] != (kind == reportdoc.KindTime) || onScope[row] != (kind == reportdoc.KindScope) {
			t.Errorf("row %d (kind %q): on next_by_time %v, on scope_bound %v", row, kind, onTime[row], onScope[row])
		}
	}
}

// TestNextListsOrder: next_by_time is fewest months first, then the
// earliest eligibility, then input order; scope_bound most years past
// the minimum first, then input order; --top cuts each to the best.
func TestNextListsOrder(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	// Engineering Manager with multi-team reaches the top level by role and
	// accountability, so below it only years are missing; DevOps Engineer
	// with individual accountability at ample years is scope-bound.
	top := cat.Levels[len(cat.Levels)-1].Policy.MinYears
	low := cat.Levels[1].Policy.MinYears
	var csv strings.Builder
	csv.WriteString("id,role,years,accountability,start\n")
	timeRows := []struct {
		years float64
		start string
	}{{top - 0.5, "2027-03-01"}, {top - 0.25, ""}, {top - 0.5, "2027-02-01"}, {top - 0.25, ""}, {top - 2, ""}}
	for i, r := range timeRows {
		fmt.Fprintf(&csv, "t%d,Engineering Manager,%v,multi-team,%s\n", i, r.years, r.start)
	}
	for i, years := range []float64{low + 1, low + 20, low + 1.5, low + 20} {
		fmt.Fprintf(&csv, "s%d,DevOps Engineer,%v,individual,\n", i, years)
	}
	label := func(labels []string) string { return labels[0] }
	doc := buildReport(t, cat, csv.String(), Options{Top: 4, Labels: []string{"id"}})
	var gotTime, gotScope []string
	for _, p := range doc.NextByTime {
		gotTime = append(gotTime, label(p.Labels))
	}
	for _, p := range doc.ScopeBound {
		gotScope = append(gotScope, label(p.Labels))
	}
	// t1 and t3: 3 months from 2027-01-04; t2 (6 months from 2027-02-01)
	// before t0 (from 2027-03-01); t4 (24 months) cut by --top.
	if want := []string{"t1", "t3", "t2", "t0"}; !slices.Equal(gotTime, want) {
		t.Errorf("next_by_time %v, want %v", gotTime, want)
	}
	if want := []string{"s1", "s3", "s2", "s0"}; !slices.Equal(gotScope, want) {
		t.Errorf("scope_bound %v, want %v", gotScope, want)
	}
	if doc.ScopeBound[0].YearsBeyond != 20 || doc.ScopeBound[0].Years != low+20 {
		t.Errorf("scope_bound[0] = %+v", doc.ScopeBound[0])
	}
}

// Each number of months falls in the bucket whose range holds it, in both
// schemas' buckets.
func TestBucketOfFindsTheRangeOfMonths(t *testing.T) {
	buckets, kinds := newBuckets(), monthBuckets()
	for months := range 40 {
		i := bucketOf(months)
		b := buckets[i]
		if months < b.MinMonths || b.MaxMonths != nil && months > *b.MaxMonths {
			t.Errorf("%d months in bucket %q", months, b.Name)
		}
		if months > 0 && kinds[i-1].Name != b.Name+" months" {
			t.Errorf("%d months: schema 1.1's bucket %q, schema 1.0's %q", months, kinds[i-1].Name, b.Name)
		}
	}
}
