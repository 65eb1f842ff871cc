//go:build !windows

package cli

import "github.com/google/renameio/v2"

// newPendingFile creates the file as os.Create would (0666 less the umask),
// or with the permissions of the file it replaces.
func newPendingFile(path string) (pendingFile, error) {
	return renameio.NewPendingFile(path, renameio.WithPermissions(0o666), renameio.WithExistingPermissions())
}
