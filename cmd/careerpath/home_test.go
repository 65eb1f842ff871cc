//go:build !windows

package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A HOME the user may not enter holds no config file of theirs, so the
// default file is absent, not an error; a config file that is there but
// unreadable still is one. Run as the nobody user, since root reads all.
func TestUnreadableHomeIsNoConfigFile(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to run careerpath as another user")
	}
	base := t.TempDir()
	for _, dir := range []string{filepath.Dir(base), base} {
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	exe := copyExecutable(t, filepath.Join(base, "careerpath.test"))
	closedHome := filepath.Join(base, "closed")
	openHome := filepath.Join(base, "open")
	config := filepath.Join(openHome, ".config", "careerpath", "config.yaml")
	if err := os.Mkdir(closedHome, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(config), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(config, []byte("format: json\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		home, want string
		code       int
	}{
		{closedHome, "", 0},
		{openHome, "config file " + config + ": open " + config + ": permission denied", 2},
	} {
		cmd := exec.Command(exe, "roles", "--format", "json")
		cmd.Env = []string{runMainEnv + "=1", "HOME=" + c.home}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		code := 0
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("HOME=%s: exit %d, stderr %q; want %d and %q", c.home, code, stderr.String(), c.code, c.want)
		}
	}
}

func copyExecutable(t *testing.T, to string) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(self)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return to
}
