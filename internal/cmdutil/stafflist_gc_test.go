package cmdutil

import (
	"runtime/debug"
	"testing"
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

// TestCalibrateCollectorTarget: calibrate's tighter target leaves the
// memory limit alone, and GOGC overrides it as it does batch's.
func TestCalibrateCollectorTarget(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	limit := debug.SetMemoryLimit(-1)
	restore := collectorTarget(func(string) string { return "" }, 50, 0)
	if got := debug.SetGCPercent(50); got != 50 {
		t.Errorf("GC percent during the run = %d, want 50", got)
	}
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("memory limit during the run = %d, want it left at %d", got, limit)
	}
	restore()
	restore = collectorTarget(func(k string) string { return map[string]string{"GOGC": "300"}[k] }, 50, 0)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set: GC percent = %d, want it left alone", got)
	}
	restore()
}
