package render

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/calibrate"
	"github.com/careerpath/careerpath/internal/catalog"
)

// The CSV reads back to the same records whatever the delimiter, a digit
// included: row numbers and level orders are then quoted.
func TestCalibrationCSVReadsBackWithAnyDelimiter(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	adv := advisor.New(cat)
	j := calibrate.New(adv, calibrate.Config{Files: [2]string{"self.csv", "manager.csv"}, KeyColumns: [2]string{"id", "id"}})
	for _, r := range []struct {
		side              calibrate.Side
		line              int
		key, years, acc   string
		rejected, message string
	}{
		{side: calibrate.Self, line: 12, key: "E1", years: "6", acc: "team"},
		{side: calibrate.Self, line: 21, key: "E2", years: "2", acc: "individual"},
		{side: calibrate.Manager, line: 101, key: "E1", years: "8", acc: "multi-team"},
		{side: calibrate.Manager, line: 3, key: "E3", years: "10", acc: "team"},
	} {
		ans := advisor.Answers{Role: "SRE", Years: r.years, Accountability: r.acc}
		rec, err := adv.Advise(ans, time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		if err := j.Add(r.side, calibrate.Row{Line: r.line, Key: r.key, Answers: ans, Decided: calibrate.Derive(rec).(*calibrate.Decided)}); err != nil {
			t.Fatal(err)
		}
	}
	var want [][]string
	for _, delim := range []byte{',', '1', '2', ';'} {
		var out bytes.Buffer
		opt := CalibrationOptions{Delimiter: delim}
		w := NewCalibrationCSV(j, opt)
		out.Write(w.Header())
		if _, err := j.Stream(&out, false, calibrate.AllStatuses(), w.NewEncoder); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(&out)
		r.Comma = rune(delim)
		got, err := r.ReadAll()
		if err != nil {
			t.Fatalf("delimiter %q: %v\n%s", delim, err, out.String())
		}
		if want == nil {
			want = got
			if len(want) != 4 || want[1][2] != "12" || want[1][3] != "101" || want[3][3] != "3" {
				t.Fatalf("records %q, want E1 on rows 12 and 101, E2 and E3", want)
			}
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("delimiter %q: records\n%q\nwant\n%q", delim, got, want)
		}
	}
}

// The error cell is appended, not formatted; it says what fmt would.
func TestErrorsTextIsWhatFmtWrites(t *testing.T) {
	r := &calibrate.Record{Errors: []calibrate.Rejection{
		{Side: calibrate.Self, Row: 12, Message: `unknown role "Wizard"`},
		{Side: calibrate.Manager, Row: 7, Column: "rôle \"x\"\n", Message: "years \"-1\" is negative"},
		{Side: calibrate.Manager, Row: 1 << 30, Column: "years", Message: ""},
	}}
	var want []string
	for _, e := range r.Errors {
		if e.Column == "" {
			want = append(want, fmt.Sprintf("%s line %d: %s", e.Side, e.Row, e.Message))
		} else {
			want = append(want, fmt.Sprintf("%s line %d, column %q: %s", e.Side, e.Row, e.Column, e.Message))
		}
	}
	if got := errorsText(r); got != strings.Join(want, "; ") {
		t.Errorf("errorsText\n%q, want\n%q", got, strings.Join(want, "; "))
	}
	if got := errorsText(&calibrate.Record{}); got != "" {
		t.Errorf("errorsText of no errors %q, want none", got)
	}
}
