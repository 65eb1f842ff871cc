//go:build unix

package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/cmdutil"
)

// runCalibrateWithStdin runs calibrate with stdin as a file, failing
// rather than hanging should it read a stream it was meant to refuse.
func runCalibrateWithStdin(t *testing.T, stdin *os.File, args ...string) result {
	t.Helper()
	f, out, errOut := batchFactory(t, "", false)
	if stdin != nil {
		f.IO.In = stdin
	}
	done := make(chan int, 1)
	go func() { done <- run(f, append([]string{"calibrate", "--start", "2027-01-04"}, args...)) }()
	select {
	case code := <-done:
		return result{stdout: out.String(), stderr: errOut.String(), code: code}
	case <-time.After(20 * time.Second):
		t.Fatalf("calibrate %q still running after 20 s: it read a stream it should refuse", args)
		return result{}
	}
}

// One pipe given as both SELF and MANAGER (- and /dev/stdin, which is
// /dev/fd/0, or a FIFO's path twice) would be split between the two
// readers: it is refused before anything is read. A regular file named
// twice is read twice.
func TestCalibrateRefusesOneStreamGivenTwice(t *testing.T) {
	manager, err := os.ReadFile(calibrationManager)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("stdin and its /dev/fd path", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		go func() { w.Write(manager); w.Close() }()
		devStdin := fmt.Sprintf("/dev/fd/%d", r.Fd()) // what /dev/stdin is when stdin is r
		for _, args := range [][]string{{"-", devStdin}, {devStdin, "-"}} {
			res := runCalibrateWithStdin(t, r, args...)
			want := "SELF and MANAGER are the same pipe"
			if res.code != cmdutil.ExitUsage || res.stdout != "" || !strings.Contains(res.stderr, want) || !strings.Contains(res.stderr, "- (stdin)") {
				t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2, nothing and %q", args, res.code, res.stdout, res.stderr, want)
			}
		}
	})
	t.Run("one FIFO twice", func(t *testing.T) {
		fifo := filepath.Join(t.TempDir(), "assessments")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		res := runCalibrateWithStdin(t, nil, fifo, fifo)
		if res.code != cmdutil.ExitUsage || !strings.Contains(res.stderr, "SELF and MANAGER are the same pipe (both \""+fifo+"\"), which can be read once; save one of them to a file") {
			t.Errorf("exit %d, stderr %q", res.code, res.stderr)
		}
	})
	t.Run("one device twice", func(t *testing.T) {
		dev := filepath.Join(t.TempDir(), "tty")
		// A character device node made in the test's own folder (that of
		// /dev/null); it is only looked at, never opened.
		if err := syscall.Mknod(dev, syscall.S_IFCHR|0o600, 1<<8|3); err != nil {
			t.Skipf("mknod: %v (needs root)", err)
		}
		res := runCalibrateWithStdin(t, nil, dev, dev)
		if res.code != cmdutil.ExitUsage || !strings.Contains(res.stderr, "SELF and MANAGER are the same terminal or device") {
			t.Errorf("exit %d, stderr %q", res.code, res.stderr)
		}
	})
	t.Run("a regular file twice", func(t *testing.T) {
		res := runCalibrateWithStdin(t, nil, calibrationManager, calibrationManager)
		if res.code != cmdutil.ExitRejected || !bytes.Contains([]byte(res.stderr), []byte(calibrationManager+": 13 rows read")) || strings.Count(res.stdout, "\n") < 13 {
			t.Errorf("exit %d, stderr %q: a regular file is read twice", res.code, res.stderr)
		}
	})
}
