package render

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/golden"
)

// TestBatchBandsEqualFullAdvice is the differential test of batch's fast
// path: rows of one role match, accountability, start and years band
// share one encoded recommendation with each row's years written into it
// (see batch.RowEncoder.Advised). For random answers (years with up to
// four decimals, with "+" and units, on and around the thresholds; every
// spelling of every role, through the title map and title words too;
// every accountability; per-row starts, some so late that the next
// level's date is refused), every row of every format must be what the
// full advisor's own recommendation for that row encodes to.
func TestBatchBandsEqualFullAdvice(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	titles, err := catalog.ParseTitles("titles.csv", []byte(bandTitles(cat)), cat)
	if err != nil {
		t.Fatal(err)
	}
	adv := advisor.New(cat).WithTitles(titles)
	for seed := range uint64(3) {
		staff, rows := bandStaff(cat, seed, 1500)
		for _, f := range BatchFormats {
			t.Run(fmt.Sprintf("%s/seed%d", f, seed), func(t *testing.T) {
				var got bytes.Buffer
				opts := batch.Options{Start: batchStart, Titles: titles, Workers: 2}
				if _, err := batch.Run(context.Background(), cat, strings.NewReader(staff), BatchRows(&got, f, BatchOptions{}), opts); err != nil {
					t.Fatal(err)
				}
				want := fullAdvice(t, adv, f, rows)
				if !bytes.Equal(got.Bytes(), want) {
					t.Fatalf("the fast path's rows differ from the full advisor's; the first difference:\n%s", firstDifference(string(want), got.String()))
				}
			})
		}
	}
}

// bandHeader is the differential test's staff header.
var bandHeader = []string{"id", "role", "years", "accountability", "start"}

// bandStaff writes n random rows, and returns them split into cells.
func bandStaff(cat *catalog.Loaded, seed uint64, n int) (string, [][]string) {
	rng := rand.New(rand.NewPCG(seed, 21))
	var roles, accs []string
	for _, r := range cat.Roles {
		roles = append(roles, r.Name, r.ID, strings.ToUpper(r.Name), "Senior "+r.Name, "staff "+r.Name, "Lead "+r.ID, "Title "+r.ID, "TITLE "+strings.ToUpper(r.ID))
		roles = append(roles, r.Policy.Aliases...)
	}
	for _, a := range cat.Accountability {
		accs = append(accs, a.ID, a.Name, strings.ToUpper(a.ID))
		accs = append(accs, a.Policy.Aliases...)
	}
	var thresholds []float64
	for _, l := range cat.Levels {
		thresholds = append(thresholds, l.Policy.MinYears)
	}
	starts := []string{"", "2027-01-04", "2027-01-31", "2028-02-29", "2030-12-31", "2990-06-15", "2995-01-01"}
	var b strings.Builder
	b.WriteString(strings.Join(bandHeader, ",") + "\n")
	var rows [][]string
	for i := range n {
		row := []string{fmt.Sprintf("E%d", i+1), roles[rng.IntN(len(roles))], bandYears(rng, thresholds),
			accs[rng.IntN(len(accs))], starts[rng.IntN(len(starts))]}
		rows = append(rows, row)
		b.WriteString(strings.Join(row, ",") + "\n")
	}
	return b.String(), rows
}

// bandYears is a years answer: mostly a number of up to four decimals
// from 0 to 30, sometimes a threshold or just under or over one, and
// sometimes with "+" or a unit.
func bandYears(rng *rand.Rand, thresholds []float64) string {
	var y float64
	switch rng.IntN(4) {
	case 0:
		y = thresholds[rng.IntN(len(thresholds))] + float64(rng.IntN(3)-1)/10000
		y = max(y, 0)
	default:
		y = rng.Float64() * 30
	}
	s := strconv.FormatFloat(y, 'f', rng.IntN(5), 64)
	switch rng.IntN(6) {
	case 0:
		s += "+"
	case 1:
		s += " years"
	}
	return s
}

// bandTitles maps a title per role for the differential test.
func bandTitles(cat *catalog.Loaded) string {
	var b strings.Builder
	b.WriteString("title,role\n")
	for _, r := range cat.Roles {
		fmt.Fprintf(&b, "Title %s,%s\n", r.ID, r.ID)
	}
	return b.String()
}

// fullAdvice encodes each row as the full advisor's recommendation for it
// encodes, one row at a time, through format f's sink.
func fullAdvice(t *testing.T, adv *advisor.Advisor, f Format, rows [][]string) []byte {
	t.Helper()
	var out bytes.Buffer
	h := &batch.Header{Cells: bandHeader, Names: bandHeader, Added: batch.OutputColumns,
		Role: 1, Years: 2, Accountability: 3, Start: 4, Delimiter: ','}
	enc, sink := BatchRows(&out, f, BatchOptions{}).Open(h)
	if err := sink.Begin(); err != nil {
		t.Fatal(err)
	}
	var encoded []byte
	for i, row := range rows {
		start, column := batchStart, ""
		if row[4] != "" {
			day, err := time.Parse(advisor.DateLayout, row[4])
			if err != nil {
				t.Fatal(err)
			}
			start, column = day, "start"
		}
		fields := make([][]byte, len(row))
		for j, c := range row {
			fields[j] = []byte(c)
		}
		var e batch.Encoded
		var years *batch.RowYears
		rec, err := adv.Advise(advisor.Answers{Role: row[1], Years: row[2], Accountability: row[3]}, start)
		if err != nil {
			var ie *advisor.InputError
			if !errors.As(err, &ie) || ie.Field != advisor.FieldStart {
				t.Fatalf("row %d %q: %v", i+2, row, err)
			}
			e = batch.Encoded{Rejected: true, Head: enc.Rejected([]batch.Problem{{Column: column, Message: err.Error()}})}
		} else {
			e = enc.Advised(rec)
			for _, h := range e.Holes {
				if h.What != batch.HoleJSON { // current_years, the row's own
					t.Fatalf("a recommendation without marks was cut at %v", e.Holes)
				}
			}
			y, _ := json.Marshal(rec.Input.Years)
			years = &batch.RowYears{JSON: y}
		}
		encoded = enc.AppendRow(encoded, i+2, fields, &e, years)
	}
	if err := sink.Write(encoded); err != nil {
		t.Fatal(err)
	}
	if err := sink.End(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// firstDifference diffs the first line that differs, whose rows are long.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range min(len(w), len(g)) {
		if w[i] != g[i] {
			return golden.Diff("full advisor", w[i]+"\n", "batch", g[i]+"\n")
		}
	}
	return fmt.Sprintf("%d lines against %d", len(w), len(g))
}
