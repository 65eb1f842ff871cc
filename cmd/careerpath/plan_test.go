//go:build !windows

package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// Fifty careerpath processes marking phases done and adding notes to one
// plan at once lose no change: the log ends with every one of them, each
// on a line of its own, numbered without a gap or a repeat.
func TestConcurrentPlanChangesLoseNothing(t *testing.T) {
	env := []string{"CAREERPATH_DATA_HOME=" + t.TempDir()}
	start := careerpath(t, env, "plan", "start", "--role", "DevOps Engineer", "--years", "0",
		"--accountability", "individual", "--start", "2027-01-04", "--format", "json")
	if out, err := start.CombinedOutput(); err != nil {
		t.Fatalf("plan start: %v\n%s", err, out)
	}
	phases := []string{"1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3"}
	const processes = 50
	var wg sync.WaitGroup
	outputs := make([][]byte, processes)
	errs := make([]error, processes)
	for i := range processes {
		args := []string{"plan", "note", fmt.Sprintf("note %d", i)}
		if i < len(phases) {
			args = []string{"plan", "done", phases[i]}
		}
		cmd := careerpath(t, env, args...)
		wg.Go(func() { outputs[i], errs[i] = cmd.CombinedOutput() })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("process %d: %v\n%s", i, err, outputs[i])
		}
	}

	f, err := os.Open(filepath.Join(env[0][len("CAREERPATH_DATA_HOME="):], "plans", "default.log.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var seqs []int
	var done, notes []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c struct {
			Seq    int
			Change string
			Phase  string
			Text   string
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("line %d: %v: %s", len(seqs)+1, err, sc.Text())
		}
		seqs = append(seqs, c.Seq)
		switch c.Change {
		case "done":
			done = append(done, c.Phase)
		case "note":
			notes = append(notes, c.Text)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for i, seq := range seqs {
		if seq != i+1 {
			t.Fatalf("line %d has seq %d; the log's numbers: %v", i+1, seq, seqs)
		}
	}
	slices.Sort(done)
	if len(seqs) != 1+processes || !slices.Equal(done, phases) || len(notes) != processes-len(phases) {
		t.Errorf("%d lines (want %d), done %v, %d notes (want %d)", len(seqs), 1+processes, done, len(notes), processes-len(phases))
	}
}
