//go:build !windows

package cli

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/careerpath/careerpath/internal/cmdutil"
)

// Cancelling batch (as Ctrl-C does) while stdin gives nothing ends it at
// once, before the header and after it.
func TestBatchStopsWhileStdinIsSilent(t *testing.T) {
	for _, sent := range []string{"", "role,years,accountability\nSRE,6,team\n"} {
		f, _, _ := batchFactory(t, "", false)
		stdin, feed := io.Pipe()
		defer feed.Close()
		f.IO.In = stdin
		wrote := make(chan struct{})
		go func() { io.WriteString(feed, sent); close(wrote) }()
		ctx, cancel := context.WithCancelCause(context.Background())
		done := make(chan error, 1)
		go func() {
			done <- runBatch(&BatchOptions{StaffList: cmdutil.StaffList{IO: f.IO, Now: f.Now, Catalog: f.Catalog, Context: ctx, Delimiter: ","}, Format: "csv"})
		}()
		<-wrote // batch has read it, and waits for more
		cancel(errors.New("test"))
		select {
		case err := <-done:
			if cmdutil.ExitCode(err) != cmdutil.ExitInterrupted {
				t.Errorf("after %q: err %v, exit %d; want 130", sent, err, cmdutil.ExitCode(err))
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("after %q: batch still waits for stdin", sent)
		}
	}
}

func TestBatchWithoutAFileOnATerminalIsAUsageError(t *testing.T) {
	f, out, _ := batchFactory(t, "", false)
	f.IO.InTTY = true
	err := runBatch(&BatchOptions{StaffList: cmdutil.StaffList{IO: f.IO, Now: f.Now, Catalog: f.Catalog, Delimiter: ","}, Format: "csv"})
	if cmdutil.ExitCode(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "give a CSV FILE") || out.Len() != 0 {
		t.Errorf("err %v (exit %d), stdout %q", err, cmdutil.ExitCode(err), out)
	}
	// - reads the terminal on purpose.
	f.IO.In = strings.NewReader(staffCSV)
	if err := runBatch(&BatchOptions{StaffList: cmdutil.StaffList{IO: f.IO, Now: f.Now, Catalog: f.Catalog, Delimiter: ",", Inputs: []string{"-"}}, Format: "csv"}); err != nil {
		t.Errorf("batch -: %v", err)
	}
}

// A FIFO, socket or device as the config file, catalog or title map is
// refused (exit 2, named) rather than waited on.
func TestSpecialFilesAreRefusedAsConfigOrCatalog(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	must(unix.Mkfifo(fifo, 0o600))
	sock := filepath.Join(dir, "sock.yaml")
	l, err := net.Listen("unix", sock)
	must(err)
	defer l.Close()
	for _, c := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"roles", "--config", fifo}, nil, "config file " + fifo + ": is a named pipe (FIFO), not a regular file"},
		{[]string{"roles"}, map[string]string{"CAREERPATH_CONFIG": fifo}, "config file " + fifo + ": is a named pipe (FIFO)"},
		{[]string{"roles", "--catalog", fifo}, nil, "catalog " + fifo + " is a named pipe (FIFO), not a regular file"},
		{[]string{"roles"}, map[string]string{"CAREERPATH_CATALOG": fifo}, "(the catalog was set by env CAREERPATH_CATALOG)"},
		{[]string{"catalog", "validate", fifo}, nil, "catalog " + fifo + " is a named pipe (FIFO)"},
		{[]string{"catalog", "validate", sock}, nil, "catalog " + sock + " is a socket"},
		{[]string{"advise", "--role", "SRE", "--years", "5", "--accountability", "team", "--titles", fifo}, nil, "title map " + fifo + " is a named pipe (FIFO), not a regular file"},
		{[]string{"advise", "--role", "SRE", "--years", "5", "--accountability", "team"}, map[string]string{"CAREERPATH_TITLES": fifo}, "(the title map was set by env CAREERPATH_TITLES)"},
	} {
		done := make(chan result, 1)
		go func() { done <- runCLI(t, c.env, c.args...) }()
		select {
		case r := <-done:
			if r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, c.want) {
				t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, r.code, r.stderr, c.want)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("%v: still waiting on the special file", c.args)
		}
	}
}

// Ctrl-C on `sleep 100 | careerpath batch -` in a terminal stops sleep
// too, and its end closes the pipe, often before careerpath sees the
// signal: a signal that comes with the end of an empty pipe is an
// interruption (130), not an empty input (2).
func TestBatchSignalWithTheEndOfAPipeIsAnInterruption(t *testing.T) {
	for _, c := range []struct {
		name   string
		signal bool
		want   int
	}{{"signal after the end", true, cmdutil.ExitInterrupted}, {"no signal", false, cmdutil.ExitUsage}} {
		t.Run(c.name, func(t *testing.T) {
			f, out, _ := batchFactory(t, "", false)
			stdin, feed, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer stdin.Close()
			feed.Close()
			f.IO.In = stdin
			ctx, cancel := context.WithCancelCause(context.Background())
			defer cancel(nil)
			if c.signal {
				time.AfterFunc(50*time.Millisecond, func() { cancel(&cmdutil.SignalError{Signal: syscall.SIGINT}) })
			}
			err = runBatch(&BatchOptions{StaffList: cmdutil.StaffList{IO: f.IO, Now: f.Now, Catalog: f.Catalog, Context: ctx, Delimiter: ",", Inputs: []string{"-"}}, Format: "csv"})
			if got := cmdutil.ExitCode(err); got != c.want || out.Len() != 0 {
				t.Errorf("err %v, exit %d, stdout %q; want exit %d", err, got, out, c.want)
			}
		})
	}
}
