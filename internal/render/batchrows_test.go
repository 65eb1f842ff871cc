package render

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/catalog"
)

// batchStart is the plan start of the batch views' tests.
var batchStart = time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)

// batchTable writes a staff list as batch's table at a terminal width, 0
// for redirected output.
func batchTable(t *testing.T, staff string, width int) string {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rows := BatchRows(&out, Table, BatchOptions{Width: width})
	if _, err := batch.Run(context.Background(), cat, strings.NewReader(staff), rows, batch.Options{Start: batchStart}); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// A long word in a cell is never cut, at any width; redirected, the table
// is never wrapped: one line per row between its borders.
func TestBatchTableCutsNoWord(t *testing.T) {
	long := "LongRoleNameWithoutSpacesAtAll"
	staff := "id,role,years,accountability\nE1," + long + ",6,team\nE2,Site Reliability Engineer,6,team\nE3,SRE\u202e,6,team\n"
	redirected := batchTable(t, staff, 0)
	if lines := strings.Count(redirected, "\n"); lines != 3+3+1 {
		t.Errorf("redirected table has %d lines, want 7 (borders, header, 3 rows):\n%s", lines, redirected)
	}
	for _, width := range []int{0, 40, 60, 80, 100, 120, 160, 200, 240} {
		out := redirected
		if width > 0 {
			out = batchTable(t, staff, width)
		}
		for _, word := range []string{long, `SRE\u202e`, "2027-01-04", "Professional"} {
			if !strings.Contains(out, word) {
				t.Errorf("width %d: %q was cut:\n%s", width, word, out)
			}
		}
		for _, line := range strings.Split(out, "\n") {
			if n := runewidth.StringWidth(line); width > 0 && n > width {
				t.Errorf("width %d: line %q is %d wide", width, line, n)
			}
		}
	}
}
func TestParseBatchFormat(t *testing.T) {
	if f, err := ParseBatchFormat(" NDJSON "); err != nil || f != NDJSON {
		t.Errorf("ParseBatchFormat = %v, %v", f, err)
	}
	if _, err := ParseBatchFormat("xml"); err == nil || !strings.Contains(err.Error(), "csv, ndjson, json, table") {
		t.Errorf("err = %v", err)
	}
}
