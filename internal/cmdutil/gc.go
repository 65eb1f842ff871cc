package cmdutil

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// The garbage collector's settings for the staff-list commands. An
// operator's GOGC or GOMEMLIMIT always wins.

func collectorTarget(getenv func(string) string, percent int, limit int64) (restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	oldPercent, oldLimit := debug.SetGCPercent(percent), debug.SetMemoryLimit(-1)
	if limit > 0 {
		debug.SetMemoryLimit(limit)
	}
	return func() { debug.SetGCPercent(oldPercent); debug.SetMemoryLimit(oldLimit) }
}

// streamingGC lets the garbage collector wait until the heap is five times
// what it keeps alive rather than twice, up to a soft limit of 48 MiB:
// batch and report keep a few MB alive while they allocate their input's
// size in text, so by default they collect some twenty times over a
// 1,000,000-row file, a tenth of their CPU time; the limit keeps a file
// whose rows all differ, which keeps more alive, within its memory bound.
func streamingGC(getenv func(string) string) (restore func()) {
	return collectorTarget(getenv, 400, 48<<20)
}

// heldHeadroom is how far past a live heap of live bytes a command that
// holds what it reads lets the heap grow before collecting, when that is
// less than half the live heap (GOGC=50): 64 MiB at 128 MiB live, where
// the two meet, shrinking to 32 MiB at 256 MiB live and beyond. A join of
// the benchmark's pair (some 130 MB) collects as with GOGC=50; a pair whose
// every answer differs (some 250 MB) stays under 300 MiB.
func heldHeadroom(live uint64) int64 {
	return max(32<<20, 96<<20-int64(live/4))
}

// heldGC sets the collector for a command that keeps what it reads until
// its output is written (calibrate): the default target of twice the live
// heap would double that memory for nothing. The heap may grow by half
// the live heap (GOGC=50), and by at most heldHeadroom: a soft memory limit
// that follows the live heap, set again after every collection. What such
// a command keeps is pointer-free tables the collector does not scan, so
// collecting more often costs little, and a pair of files whose every
// answer differs peaks under 300 MiB instead of 450.
func heldGC(getenv func(string) string) (restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	oldPercent, oldLimit := debug.SetGCPercent(50), debug.SetMemoryLimit(-1)
	f := &liveHeapFollower{}
	f.start()
	return func() {
		f.stop()
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}

// liveHeapFollower sets the memory limit to the live heap and its
// headroom after each collection until stopped: a finalizer runs once its
// object is found unreachable, which a collection does, and setting it
// again makes it run after the next one. The lock keeps a finalizer
// running as the command finishes from setting a limit after stop.
type liveHeapFollower struct {
	mu      sync.Mutex
	stopped bool
}

func (f *liveHeapFollower) start() {
	type sentinel struct{ _ [16]byte } // larger than the tiny allocator's blocks
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var follow func(*sentinel)
	follow = func(s *sentinel) {
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.stopped {
			return
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			live := sample[0].Value.Uint64()
			debug.SetMemoryLimit(int64(live) + heldHeadroom(live))
		}
		runtime.SetFinalizer(s, follow)
	}
	runtime.SetFinalizer(&sentinel{}, follow)
}

func (f *liveHeapFollower) stop() {
	f.mu.Lock()
	f.stopped = true
	f.mu.Unlock()
}
