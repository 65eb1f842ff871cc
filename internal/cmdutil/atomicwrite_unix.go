//go:build !windows

package cmdutil

import (
	"os"
	"path/filepath"
	"syscall"

	"github.com/google/renameio/v2"
	"golang.org/x/sys/unix"
)

// newPendingFile creates the temporary file in the target's folder (left to
// itself, renameio would use /tmp when it can), readable only by its owner
// until it is complete.
func newPendingFile(target string) (pendingFile, error) {
	return renameio.NewPendingFile(target, renameio.WithTempDir(filepath.Dir(target)), renameio.WithStaticPermissions(0o600))
}

// newFileMode is the mode a shell's > gives a new file: 0666 less the
// umask. Reading the umask means setting it; careerpath does so before its
// output is complete and creates no other file meanwhile.
func newFileMode() os.FileMode {
	mask := unix.Umask(0)
	unix.Umask(mask)
	return 0o666 &^ os.FileMode(mask)
}

func hardLinks(info os.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}
