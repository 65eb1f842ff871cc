package cmdutil

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/careerpath/careerpath/internal/iostreams"
)

// pendingFile is a temporary file that replaces its destination only when
// CloseAtomicallyReplace succeeds; Cleanup removes it otherwise.
type pendingFile interface {
	io.Writer
	Chmod(os.FileMode) error
	CloseAtomicallyReplace() error
	Cleanup() error
}

// maxLinks bounds a chain of symbolic links, as the kernel does (ELOOP).
const maxLinks = 40

// WriteOutput writes a command's output to stdout, checked, or with -o to
// path, atomically (see WriteFileAtomically); -o - is stdout. write gets
// the terminal's width for stdout and 0 for a file, whose lines the width
// of the terminal that ran the command must not wrap.
func WriteOutput(ctx context.Context, streams *iostreams.IOStreams, path string, write func(w io.Writer, width int) error) error {
	if IsStdout(path) {
		return writeChecked(streams.Out, "stdout", func(w io.Writer) error { return write(w, streams.TerminalWidth) })
	}
	return WriteFileAtomically(ctx, streams.ErrOut, path, func(w io.Writer) error { return write(w, 0) })
}

// IsStdout reports whether an -o value means stdout: none, or "-" as
// elsewhere on the command line.
func IsStdout(path string) bool { return path == "" || path == "-" }

// WriteFileAtomically streams write's output into path, the way every
// command's -o FILE writes:
//
//   - a symbolic link is followed, and its final target is written;
//   - a target that exists and is not a regular file (a device, a FIFO) is
//     written straight through, as a shell's > would, never renamed over;
//   - a regular file, new or not, is written to a temporary file beside it,
//     readable only by its owner, and renamed over the target only when
//     every write succeeded. Readers see the old file or the complete new
//     one, and a failure, Ctrl-C, SIGTERM or SIGHUP (which cancel ctx)
//     leaves the target as it was and removes the temporary file. The new
//     file gets the old one's permissions, or those of a file a shell
//     would create (0666 less the umask). A file with other hard links is
//     replaced too, which detaches it from them; notes says so.
func WriteFileAtomically(ctx context.Context, notes io.Writer, path string, write func(io.Writer) error) error {
	target, err := followLinks(path)
	if err != nil {
		return cannotWrite(path, path, err)
	}
	info, err := os.Stat(target)
	switch {
	case err == nil && info.IsDir():
		return UsageErrorf("cannot write %s: it is a folder; give a file name", describeTarget(path, target))
	case err == nil && !info.Mode().IsRegular():
		return writeThrough(path, target, write)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return cannotWrite(path, target, err)
	case err != nil:
		info = nil // a new file
	}
	if info != nil && hardLinks(info) > 1 {
		fmt.Fprintf(notes, "careerpath: note: %s has %d hard links; it is replaced as a new file, so its other names keep the old content\n",
			describeTarget(path, target), hardLinks(info))
	}
	return replaceFile(ctx, path, target, info, write)
}

// followLinks returns the file a chain of symbolic links ends at, which
// need not exist yet (a shell's > creates it too).
func followLinks(path string) (string, error) {
	for range maxLinks {
		info, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			// Not filepath.Join: cleaning "dir/../x" lexically would be wrong
			// when dir is itself a link.
			dest = filepath.Dir(path) + string(filepath.Separator) + dest
		}
		path = dest
	}
	return "", errors.New("too many levels of symbolic links")
}

// writeThrough writes into an existing file that is not a regular one.
func writeThrough(path, target string, write func(io.Writer) error) error {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return cannotWrite(path, target, err)
	}
	err = writeChecked(f, describeTarget(path, target), write)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = NewOutputError(describeTarget(path, target), cerr)
	}
	return err
}

// replaceFile writes a regular file through a temporary file beside it.
func replaceFile(ctx context.Context, path, target string, old os.FileInfo, write func(io.Writer) error) error {
	f, err := newPendingFile(target)
	if err != nil {
		return cannotWrite(path, target, err)
	}
	// A signal removes the temporary file at once, even while write is
	// still busy; mu keeps that from racing the rename.
	var mu sync.Mutex
	discard := func() {
		mu.Lock()
		defer mu.Unlock()
		f.Cleanup() // a no-op once the file is in place
	}
	stop := context.AfterFunc(ctx, discard)
	defer stop()
	defer discard()

	err = writeChecked(f, describeTarget(path, target), write)
	mu.Lock()
	defer mu.Unlock()
	unchanged := fmt.Sprintf("%s was left as it was", path)
	if old == nil {
		unchanged = fmt.Sprintf("%s was not created", path)
	}
	switch {
	case ctx.Err() != nil:
		f.Cleanup()
		return fmt.Errorf("%w; %s and the unfinished temporary file was removed", StopCause(ctx), unchanged)
	case err != nil:
		var out *OutputError
		if errors.As(err, &out) {
			out.Note = unchanged
			return err
		}
		return fmt.Errorf("writing %s: %w", path, err)
	}
	mode := newFileMode()
	if old != nil {
		mode = old.Mode().Perm()
	}
	if err := f.Chmod(mode); err != nil {
		return noted(NewOutputError(describeTarget(path, target), err), unchanged)
	}
	if err := f.CloseAtomicallyReplace(); err != nil {
		return noted(NewOutputError(describeTarget(path, target), err), unchanged)
	}
	return nil
}

func noted(err *OutputError, note string) error {
	err.Note = note
	return err
}

// cannotWrite is a target that cannot be opened or created: exit 2, naming
// the target rather than the temporary file.
func cannotWrite(path, target string, err error) error {
	err = withoutPath(err)
	name := describeTarget(path, target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return UsageErrorf("cannot write %s: %v; check that the folder %s exists", name, err, filepath.Dir(target))
	case errors.Is(err, fs.ErrPermission):
		return UsageErrorf("cannot write %s: %v; careerpath needs to write the file and, to replace it safely, to create a file in %s",
			name, err, filepath.Dir(target))
	default:
		return UsageErrorf("cannot write %s: %v", name, err)
	}
}

// describeTarget names the output as the user gave it, and the file it
// leads to when that differs.
func describeTarget(path, target string) string {
	if path == target {
		return path
	}
	return fmt.Sprintf("%s (a link to %s)", path, target)
}
