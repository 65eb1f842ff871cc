//go:build !windows

package cmdutil

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func assertFile(t *testing.T, path, content string, mode fs.FileMode) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || string(got) != content {
		t.Errorf("%s holds %d bytes (%v), want %d", path, len(got), err, len(content))
	}
	if info, err := os.Lstat(path); err != nil || !info.Mode().IsRegular() || info.Mode().Perm() != mode {
		t.Errorf("%s: mode %v (%v), want a regular file with %v", path, info.Mode(), err, mode)
	}
}

// The temporary file is beside the target, even when TMPDIR is on the same
// filesystem, and no one else may read it before it is complete.
func TestOutputTemporaryFileIsPrivateAndBesideTheTarget(t *testing.T) {
	dir, tmp := t.TempDir(), t.TempDir()
	must(os.Chmod(dir, 0o755))
	t.Setenv("TMPDIR", tmp)
	for _, old := range []fs.FileMode{0, 0o644} {
		target := filepath.Join(dir, "plans.csv")
		os.Remove(target)
		want := newFileMode()
		if old != 0 {
			must(os.WriteFile(target, []byte("old\n"), old))
			want = old
		}
		err := WriteFileAtomically(context.Background(), io.Discard, target, func(w io.Writer) error {
			temps, _ := filepath.Glob(filepath.Join(dir, ".plans.csv*"))
			if len(temps) != 1 {
				t.Fatalf("temporary files beside the target: %q, want one", temps)
			}
			if info, err := os.Stat(temps[0]); err != nil || info.Mode().Perm() != 0o600 {
				t.Errorf("the temporary file's mode is %v (%v), want 0600 while it is written", info.Mode(), err)
			}
			if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
				t.Errorf("TMPDIR holds %d files, want none", len(entries))
			}
			_, err := io.WriteString(w, "new\n")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		assertFile(t, target, "new\n", want)
	}
}

// Ending the context (as a stop signal does) while the output is written
// removes the temporary file at once, leaves the target, and says so.
func TestOutputStoppedMidWayLeavesTheTarget(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "plans.csv")
	must(os.WriteFile(target, []byte("old\n"), 0o644))
	ctx, cancel := context.WithCancelCause(context.Background())
	err := WriteFileAtomically(ctx, io.Discard, target, func(w io.Writer) error {
		_, err := io.WriteString(w, "half of it")
		cancel(&SignalError{Signal: syscall.SIGTERM})
		// The removal runs on its own goroutine; give it a moment.
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			if entries, _ := os.ReadDir(dir); len(entries) == 1 {
				return err
			}
		}
		t.Error("the temporary file is still there while the writer runs")
		return err
	})
	var sig *SignalError
	if !errors.As(err, &sig) || ExitCode(err) != 143 ||
		!strings.Contains(err.Error(), "terminated (SIGTERM); "+target+" was left as it was and the unfinished temporary file was removed") {
		t.Errorf("err = %v (exit %d)", err, ExitCode(err))
	}
	assertFile(t, target, "old\n", 0o644)
}

func TestStopSignalsExitWith128PlusTheirNumber(t *testing.T) {
	for sig, want := range map[syscall.Signal]int{syscall.SIGINT: 130, syscall.SIGTERM: 143, syscall.SIGHUP: 129} {
		if got := ExitCode(&SignalError{Signal: sig}); got != want {
			t.Errorf("%v: exit %d, want %d", sig, got, want)
		}
	}
}
