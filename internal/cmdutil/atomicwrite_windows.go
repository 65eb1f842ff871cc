//go:build windows

package cmdutil

import (
	"os"
	"path/filepath"
)

// renameio does not build on Windows, which has no atomic replace it
// trusts. The nearest thing is what it does elsewhere: a temporary file in
// the same directory, synced, then renamed over the destination
// (MoveFileEx with MOVEFILE_REPLACE_EXISTING).
type windowsPendingFile struct {
	*os.File
	path string
	done bool
}

func newPendingFile(path string) (pendingFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &windowsPendingFile{File: f, path: path}, nil
}

func (p *windowsPendingFile) CloseAtomicallyReplace() error {
	if err := p.Sync(); err != nil {
		return err
	}
	if err := p.Close(); err != nil {
		return err
	}
	if err := os.Rename(p.Name(), p.path); err != nil {
		return err
	}
	p.done = true
	return nil
}

func (p *windowsPendingFile) Cleanup() error {
	if p.done {
		return nil
	}
	p.Close() // the file is being thrown away; its close error does not matter
	return os.Remove(p.Name())
}

// newFileMode is the mode of a new file; Windows has no umask.
func newFileMode() os.FileMode { return 0o666 }

// hardLinks is not known on Windows, where links are rare.
func hardLinks(os.FileInfo) uint64 { return 1 }
