package cmdutil

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/careerpath/careerpath/internal/iostreams"
	"github.com/careerpath/careerpath/internal/text"
)

// signalGrace is how long a run that failed after its pipe or terminal
// input ended waits for a stop signal before blaming the input.
const signalGrace = 200 * time.Millisecond

// Input is one open input of a staff-list command.
type Input struct {
	// Reader reads the input.
	Reader io.Reader
	// Name is the file as given, or "stdin".
	Name   string
	source *checkedReader // read errors, told from other failures
	// waits is true for a pipe or terminal, whose end may come with a stop
	// signal rather than before it (see Failure).
	waits bool
	close func()
}

// Failure is what reading the input came to: interrupted, unreadable
// input (exit 2), another error naming the input, or nil.
//
// Ctrl-C in a shell pipeline (sleep 100 | careerpath batch -) stops the
// command before careerpath too, which closes the pipe: the input can end,
// and the run fail on it ("the input is empty"), before the signal is
// seen. So a run that failed after such an input ended waits a moment for
// a signal first; a run that succeeded is not delayed.
func (in *Input) Failure(ctx context.Context, err error) error {
	if err != nil && in.waits && in.source.Ended() && ctx.Err() == nil {
		select {
		case <-ctx.Done():
		case <-time.After(signalGrace):
		}
	}
	switch {
	case ctx.Err() != nil:
		return StopCause(ctx)
	case in.source.Err() != nil:
		return UsageErrorf("cannot read %s: %v; pass a readable CSV file, or pipe CSV in", in.Name, withoutPath(in.source.Err()))
	case err != nil:
		return fmt.Errorf("%s: %w", in.Name, err)
	}
	return nil
}

// openInput opens an input, with a progress bar on stderr when it is a
// regular file and stderr is a terminal. A pipe or terminal is read in the
// background, so that ending ctx (Ctrl-C) ends the run at once even while
// no input comes.
func openInput(ctx context.Context, streams *iostreams.IOStreams, input string) (*Input, error) {
	if input == "" || input == "-" {
		if input == "" && streams.InTTY {
			return nil, UsageErrorf("no input: give a CSV FILE (careerpath batch staff.csv) or pipe CSV in (... | careerpath batch); pass - to type rows on the terminal")
		}
		src := &checkedReader{r: streams.In}
		return &Input{Reader: unblocked(ctx, src, streams.In), Name: "stdin", source: src, waits: !isRegular(streams.In), close: func() {}}, nil
	}
	f, err := os.Open(input)
	if err != nil {
		return nil, UsageErrorf("cannot read %q: %v; check the path, or pass - to read stdin", input, errors.Unwrap(err))
	}
	info, err := f.Stat()
	if err == nil && info.IsDir() {
		err = errors.New("it is a directory")
	}
	if err != nil {
		f.Close()
		return nil, UsageErrorf("cannot read %q: %v; pass a CSV file", input, err)
	}
	src := &checkedReader{r: f}
	in := &Input{Reader: unblocked(ctx, src, f), Name: input, source: src, waits: !info.Mode().IsRegular(), close: func() { f.Close() }}
	if !info.Mode().IsRegular() || !streams.ErrTTY {
		return in, nil
	}
	bar := progressbar.NewOptions64(info.Size(),
		progressbar.OptionSetWriter(streams.ErrOut),
		progressbar.OptionSetDescription(text.Sanitize(input)),
		progressbar.OptionShowBytes(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionClearOnFinish(),
	)
	in.Reader = &progressReader{r: src, add: func(n int) { _ = bar.Add(n) }}
	in.close = func() { _ = bar.Finish(); f.Close() }
	return in, nil
}

// isRegular reports whether r is a regular file, whose reads never wait;
// a reader that is no file at all (a test's) does not wait either.
func isRegular(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return true
	}
	info, err := f.Stat()
	return err == nil && info.Mode().IsRegular()
}

// progressReader moves the progress bar by what it reads. It is used
// instead of progressbar.Reader, and holds the bar only in closures, so
// that no progressbar type is ever held in an interface: the binary uses
// reflection's method lookup (through text/template, which survey and
// html/template use), so every exported method of a type held in an
// interface is linked, and the bar's StartHTTPServer brought in an HTTP
// server and TLS: 2.5 MB more binary, whose larger tables and extra page
// faults every run paid for at start-up.
type progressReader struct {
	r   io.Reader
	add func(n int)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.add(n)
	return n, err
}

// unblocked returns r as is when file is a regular file, whose reads never
// wait. Otherwise r is copied through a pipe by a goroutine, and the pipe
// closes when ctx ends, so a read waiting on a silent pipe or terminal
// gives way at once. The goroutine stays blocked in that read; the process
// is about to end.
func unblocked(ctx context.Context, r io.Reader, file any) io.Reader {
	if f, ok := file.(*os.File); ok && isRegular(f) {
		return r
	}
	pr, pw := io.Pipe()
	go func() {
		_, err := io.Copy(pw, r)
		pw.CloseWithError(err)
	}()
	context.AfterFunc(ctx, func() { pr.CloseWithError(StopCause(ctx)) })
	return pr
}
