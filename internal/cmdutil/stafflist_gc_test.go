package cmdutil

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestStreamingGC: batch and report collect less often unless GOGC or
// GOMEMLIMIT is set, and put the settings back when they finish.
func TestStreamingGC(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }

	restore := streamingGC(env(nil))
	if got := debug.SetGCPercent(400); got != 400 {
		t.Errorf("GC percent during the run = %d, want 400", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 48<<20 {
		t.Errorf("memory limit during the run = %d, want 48 MiB", got)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after the run = %d, want 100 back", got)
	}
	for _, vars := range []map[string]string{{"GOGC": "50"}, {"GOMEMLIMIT": "1GiB"}} {
		restore := streamingGC(env(vars))
		if got := debug.SetGCPercent(100); got != 100 {
			t.Errorf("with %v: GC percent = %d, want it left alone", vars, got)
		}
		restore()
	}
}

// TestHeldGC: calibrate's collector keeps GOGC=50 and a memory limit
// that follows the live heap after each collection, puts both back when
// it finishes, and leaves an operator's GOGC alone.
func TestHeldGC(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	limit := debug.SetMemoryLimit(-1)
	restore := heldGC(func(string) string { return "" })
	kept := make([]byte, 64<<20) // pointer-free, as calibrate's tables
	for i := range kept {
		kept[i] = byte(i)
	}
	following := func() bool {
		// The limit is set by a finalizer after a collection, on its own
		// goroutine: give it a moment.
		for range 50 {
			runtime.GC()
			if got := debug.SetMemoryLimit(-1); got >= int64(len(kept)) && got <= int64(len(kept))+heldHeadroom(uint64(len(kept)))+16<<20 {
				return true
			}
			time.Sleep(10 * time.Millisecond)
		}
		return false
	}
	if !following() {
		t.Errorf("memory limit %d with %d bytes live; want it some %d above", debug.SetMemoryLimit(-1), len(kept), heldHeadroom(uint64(len(kept))))
	}
	if got := debug.SetGCPercent(50); got != 50 {
		t.Errorf("GC percent during the run = %d, want 50", got)
	}
	restore()
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	runtime.GC()
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("memory limit after the run = %d, want it back at %d", got, limit)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after the run = %d, want 100 back", got)
	}
	runtime.KeepAlive(kept)
	restore = heldGC(func(k string) string { return map[string]string{"GOGC": "300"}[k] })
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set: GC percent = %d, want it left alone", got)
	}
	restore()
}

// The headroom meets GOGC=50's at 128 MiB live and shrinks to 32 MiB.
func TestHeldHeadroom(t *testing.T) {
	for _, c := range []struct{ live, want uint64 }{
		{0, 96 << 20}, {128 << 20, 64 << 20}, {192 << 20, 48 << 20}, {256 << 20, 32 << 20}, {4 << 30, 32 << 20},
	} {
		if got := heldHeadroom(c.live); got != int64(c.want) {
			t.Errorf("heldHeadroom(%d MiB) = %d MiB, want %d", c.live>>20, got>>20, c.want>>20)
		}
	}
}
