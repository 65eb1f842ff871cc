//go:build !linux

package cli

import "testing"

func mountSmallTmpfs(t *testing.T, _ string) string {
	t.Skip("mounting a tmpfs needs Linux")
	return ""
}

func freeBytes(t *testing.T, _ string) uint64 {
	t.Skip("needs Linux")
	return 0
}
