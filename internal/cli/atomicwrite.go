package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
)

// pendingFile is a temporary file that replaces its destination only when
// CloseAtomicallyReplace succeeds; Cleanup removes it otherwise.
type pendingFile interface {
	io.Writer
	CloseAtomicallyReplace() error
	Cleanup() error
}

// writeFileAtomically streams write's output into path. Readers see the old
// file or the complete new one, never a part, and a failed command leaves
// no partial file behind. Every command with -o FILE writes through it.
func writeFileAtomically(path string, write func(io.Writer) error) error {
	f, err := newPendingFile(path)
	if err != nil {
		// The temporary file's name means nothing to the user; the folder does.
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			err = pathErr.Err
		}
		return usageErrorf("cannot write %s: %v; check that the folder %s exists and is writable", path, err, filepath.Dir(path))
	}
	defer f.Cleanup() // a no-op once the file is in place
	if err := write(f); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.CloseAtomicallyReplace(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
