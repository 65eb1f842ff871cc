package report

import (
	"fmt"
	"hash/fnv"
	"runtime"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/catalog"
)

// rejectRow is a row rejected for its role, as batch hands it over.
func rejectRow(line int, fields []string) batch.AdvisedRow {
	return batch.AdvisedRow{Line: line, Fields: fields, Column: "role", Message: "unknown role",
		Problems: []batch.Problem{{Column: "role", Message: "unknown role"}}}
}

// TestCausesIgnoreCaseAndSpaces: one cause per value compared ignoring
// case and runs of spaces, with its number of spellings.
func TestCausesIgnoreCaseAndSpaces(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	b := New(cat, Options{})
	if err := b.Begin([]string{"role", "years", "accountability"}); err != nil {
		t.Fatal(err)
	}
	rows := 0
	// In this order: the cause is named by the first spelling met.
	for _, c := range []struct {
		spelling string
		n        int
	}{{"Airport Security Screener", 10}, {"AIRPORT SECURITY SCREENER", 5}, {" airport  security screener", 3}, {"Pilot", 2}} {
		spelling := c.spelling
		for range c.n {
			rows++
			if err := b.Add(rejectRow(rows+1, []string{spelling, "1", "team"})); err != nil {
				t.Fatal(err)
			}
		}
	}
	doc, err := b.Report(batch.Summary{Read: rows, Rejected: rows})
	if err != nil {
		t.Fatal(err)
	}
	got := doc.Rejected.Causes
	if len(got) != 2 || got[0].Rows != 18 || got[0].Spellings != 3 || got[0].Value != "Airport Security Screener" ||
		got[1].Rows != 2 || got[1].Spellings != 1 {
		t.Errorf("causes %+v", got)
	}
}

// TestMemoryDoesNotGrowWithCellLength: distinct long unknown roles and
// long --by values keep no more than a bounded prefix each. At this
// scale the whole cells are 48 MiB; the builder keeps under 8 MiB.
func TestMemoryDoesNotGrowWithCellLength(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	const rows, cell = 400, 64 << 10
	b := New(cat, Options{By: "team"})
	if err := b.Begin([]string{"team", "role", "years", "accountability"}); err != nil {
		t.Fatal(err)
	}
	before := liveHeap()
	for i := range rows {
		// Fresh strings per row, as batch's chunks are: what the builder
		// keeps of them is all that stays alive.
		long := fmt.Sprintf("%06d", i) + strings.Repeat("x", cell)
		if err := b.Add(rejectRow(i+2, []string{strings.Clone(long), strings.Clone(long), "1", "team"})); err != nil {
			t.Fatal(err)
		}
	}
	kept := liveHeap() - before
	doc, err := b.Report(batch.Summary{Read: rows, Rejected: rows})
	if err != nil {
		t.Fatal(err)
	}
	if kept > 8<<20 {
		t.Errorf("the builder keeps %d MiB of %d MiB of cells", kept>>20, rows*cell*2>>20)
	}
	if len(doc.Rejected.Causes) != min(rows, MaxCauses) || !doc.Rejected.Causes[0].Truncated || len(doc.Groups.Groups) != rows {
		t.Errorf("%d causes (first %+v), %d groups: long values must stay apart", len(doc.Rejected.Causes), doc.Rejected.Causes[0].Truncated, len(doc.Groups.Groups))
	}
	if name := doc.Groups.Groups[0].Name; len(name) > maxValueBytes+len("…") || !strings.HasSuffix(name, "…") {
		t.Errorf("group name of %d bytes: %.40q", len(name), name)
	}
	runtime.KeepAlive(b)
}

func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// The hash written out is hash/fnv's FNV-1a.
func TestKeyOfIsFNV1a(t *testing.T) {
	for _, cell := range []string{"", "platform", strings.Repeat("é", 300)} {
		h := fnv.New64a()
		h.Write([]byte(cell))
		if got := keyOf(cell).hash; got != h.Sum64() {
			t.Errorf("%.20q: %x, hash/fnv %x", cell, got, h.Sum64())
		}
	}
}
