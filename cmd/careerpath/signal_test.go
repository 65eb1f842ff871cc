//go:build !windows

package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/ptytest"
)

// A stop signal while batch -o waits for more input (a silent pipe) ends
// it at once with 128 plus the signal's number, removes the temporary
// file and says so; the old output file is left as it was.
func TestStopSignalDuringOutputRemovesTheTemporaryFile(t *testing.T) {
	for sig, want := range map[syscall.Signal]int{syscall.SIGINT: 130, syscall.SIGTERM: 143, syscall.SIGHUP: 129} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "plans.csv")
			if err := os.WriteFile(out, []byte("old\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := careerpath(t, nil, "batch", "-o", out)
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			defer stdin.Close()
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			if _, err := io.WriteString(stdin, "role,years,accountability\nSRE,6,team\n"); err != nil {
				t.Fatal(err)
			}
			waitFor(t, func() bool { temps, _ := filepath.Glob(filepath.Join(dir, ".plans.csv*")); return len(temps) == 1 })
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			if status := exitStatus(t, cmd); status != want {
				t.Errorf("exit %d, want %d; stderr %q", status, want, stderr.String())
			}
			if !strings.Contains(stderr.String(), out+" was left as it was and the unfinished temporary file was removed") {
				t.Errorf("stderr %q does not say the temporary file was removed", stderr.String())
			}
			if got, _ := os.ReadFile(out); string(got) != "old\n" {
				t.Errorf("plans.csv holds %q, want the old content", got)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("%d files in the folder, want only plans.csv", len(entries))
			}
		})
	}
}

// Ctrl-C on `sleep 100 | careerpath batch -` in a terminal stops sleep
// too, which closes the pipe as the signal comes: the run is interrupted
// (130), not refused for an empty input (2).
func TestStopSignalWithTheEndOfThePipeIsAnInterruption(t *testing.T) {
	dir := t.TempDir()
	cmd := careerpath(t, nil, "batch", "-o", filepath.Join(dir, "plans.csv"), "-")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The temporary output file means batch listens for signals and reads.
	waitFor(t, func() bool { temps, _ := filepath.Glob(filepath.Join(dir, ".plans.csv*")); return len(temps) == 1 })
	stdin.Close()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if status := exitStatus(t, cmd); status != 130 || !strings.Contains(stderr.String(), "interrupted (SIGINT)") {
		t.Errorf("exit %d, stderr %q; want 130, interrupted", status, stderr.String())
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(ptytest.Timeout); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatal("gave up waiting")
}

// On a terminal, batch without a FILE refuses to read keystrokes as CSV.
func TestBatchWithoutAFileOnATerminalExits2(t *testing.T) {
	term := ptytest.New(t)
	cmd := careerpath(t, nil, "batch")
	stdout := onTerminal(t, term, cmd)
	term.Expect("give a CSV FILE")
	var status int
	term.Wait(func() { status = exitStatus(t, cmd) })
	if status != 2 || stdout.Len() != 0 {
		t.Errorf("exit %d, stdout %q; want 2 and nothing", status, stdout.String())
	}
}
