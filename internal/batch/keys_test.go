package batch

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
	_ "github.com/careerpath/careerpath/internal/golden"
)

// TestCachesKeepNoLongCells: rows whose role, accountability or start
// cells are long and all different leave the caches no bigger than
// short ones would. Kept whole, as keys or in the errors' values and
// messages, the 64 KiB cells below came to over 100 MB; the issue's
// 4,000 rows of 250 KB roles to 2 GB.
func TestCachesKeepNoLongCells(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	l, err := newLayout([][]byte{[]byte("role"), []byte("years"), []byte("accountability"), []byte("start")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	role, acc := cat.Roles[0].Name, cat.Accountability[0].ID
	const rows, cellBytes = 600, 64 << 10
	long := func(i int) []byte { return fmt.Appendf(nil, "%d %s", i, strings.Repeat("x", cellBytes)) }
	before := heapInUse()
	o := newOutcomes(advisor.New(cat), l, nil, time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC))
	for i := range rows {
		for _, fields := range [][][]byte{
			{long(i), []byte("5"), []byte(acc), nil},
			{[]byte(role), long(i), []byte(acc), nil},
			{[]byte(role), []byte("5"), long(i), nil},
			{[]byte(role), []byte("5"), []byte(acc), long(i)},
		} {
			if out, _ := o.of(fields); len(out.problems) == 0 {
				t.Fatalf("a row with a long cell was advised: %+v", out)
			}
		}
	}
	grown := heapInUse() - before
	runtime.KeepAlive(o)
	// 4 x 600 cells of 64 KiB is 150 MiB; their cuts, some 10 KB a row.
	if limit := uint64(16 << 20); grown > limit {
		t.Errorf("the caches hold %d MiB after %d rows of long cells; want under %d MiB", grown>>20, 4*rows, limit>>20)
	}
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
