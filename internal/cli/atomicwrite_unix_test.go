//go:build !windows

package cli

import (
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/careerpath/careerpath/internal/cmdutil"
)

// mknod makes a character device in the test's own folder (never a real
// /dev node): 1,3 is a null device, 1,7 a full one.
func mknod(t *testing.T, path string, major, minor uint32) {
	t.Helper()
	if err := unix.Mknod(path, unix.S_IFCHR|0o666, int(unix.Mkdev(major, minor))); err != nil {
		t.Skipf("cannot make a device node (%v); this test needs root", err)
	}
}

func isCharDevice(t *testing.T, path string) bool {
	t.Helper()
	info, err := os.Lstat(path)
	return err == nil && info.Mode()&fs.ModeCharDevice != 0
}

// -o follows links, writes through what is not a regular file and names
// the target it cannot write.
func TestOutputThroughLinksAndDevices(t *testing.T) {
	plan := runCLI(t, nil, sreTeam...).stdout
	for _, c := range []struct {
		name  string
		setup func(t *testing.T, dir string) (output string)
		code  int
		check func(t *testing.T, dir string, r result)
	}{
		{"symlink to a file", func(t *testing.T, dir string) string {
			must(os.WriteFile(filepath.Join(dir, "target.txt"), []byte("old\n"), 0o640))
			must(os.Symlink("target.txt", filepath.Join(dir, "link.txt")))
			return filepath.Join(dir, "link.txt")
		}, cmdutil.ExitOK, func(t *testing.T, dir string, _ result) {
			if dest, err := os.Readlink(filepath.Join(dir, "link.txt")); err != nil || dest != "target.txt" {
				t.Errorf("the link now reads %q (%v), want it kept", dest, err)
			}
			assertFile(t, filepath.Join(dir, "target.txt"), plan, 0o640)
		}},
		{"chain of links into another folder", func(t *testing.T, dir string) string {
			must(os.Mkdir(filepath.Join(dir, "sub"), 0o755))
			must(os.WriteFile(filepath.Join(dir, "sub", "target.txt"), []byte("old\n"), 0o600))
			must(os.Symlink("sub/target.txt", filepath.Join(dir, "b")))
			must(os.Symlink(filepath.Join(dir, "b"), filepath.Join(dir, "a")))
			return filepath.Join(dir, "a")
		}, cmdutil.ExitOK, func(t *testing.T, dir string, _ result) {
			assertFile(t, filepath.Join(dir, "sub", "target.txt"), plan, 0o600)
			if entries, _ := os.ReadDir(filepath.Join(dir, "sub")); len(entries) != 1 {
				t.Errorf("%d files beside the target, want no temporary left", len(entries))
			}
		}},
		{"dangling symlink", func(t *testing.T, dir string) string {
			must(os.Symlink("new.txt", filepath.Join(dir, "link.txt")))
			return filepath.Join(dir, "link.txt")
		}, cmdutil.ExitOK, func(t *testing.T, dir string, _ result) {
			assertFile(t, filepath.Join(dir, "new.txt"), plan, shellFileMode())
		}},
		{"null device", func(t *testing.T, dir string) string {
			mknod(t, filepath.Join(dir, "null"), 1, 3)
			return filepath.Join(dir, "null")
		}, cmdutil.ExitOK, func(t *testing.T, dir string, _ result) {
			if !isCharDevice(t, filepath.Join(dir, "null")) {
				t.Error("the device node was replaced")
			}
		}},
		{"full device", func(t *testing.T, dir string) string {
			mknod(t, filepath.Join(dir, "full"), 1, 7)
			return filepath.Join(dir, "full")
		}, cmdutil.ExitError, func(t *testing.T, dir string, r result) {
			if !isCharDevice(t, filepath.Join(dir, "full")) {
				t.Error("the device node was replaced")
			}
			if want := "cannot write " + filepath.Join(dir, "full") + ": no space left on device"; !strings.Contains(r.stderr, want) {
				t.Errorf("stderr %q lacks %q", r.stderr, want)
			}
		}},
		{"symlink to a full device", func(t *testing.T, dir string) string {
			mknod(t, filepath.Join(dir, "full"), 1, 7)
			must(os.Symlink("full", filepath.Join(dir, "link")))
			return filepath.Join(dir, "link")
		}, cmdutil.ExitError, func(t *testing.T, dir string, r result) {
			if !isCharDevice(t, filepath.Join(dir, "full")) {
				t.Error("the device node was replaced")
			}
			if !strings.Contains(r.stderr, "link (a link to "+filepath.Join(dir, "full")+"): no space left on device") {
				t.Errorf("stderr %q does not name the link and its target", r.stderr)
			}
		}},
		{"fifo", func(t *testing.T, dir string) string {
			fifo := filepath.Join(dir, "fifo")
			must(unix.Mkfifo(fifo, 0o600))
			got := make(chan string, 1)
			go func() {
				f, err := os.Open(fifo)
				if err != nil {
					got <- err.Error()
					return
				}
				defer f.Close()
				b, _ := io.ReadAll(f)
				got <- string(b)
			}()
			t.Cleanup(func() {
				if s := <-got; s != plan {
					t.Errorf("the reader of the FIFO got %q", s)
				}
			})
			return fifo
		}, cmdutil.ExitOK, func(t *testing.T, dir string, _ result) {
			if info, err := os.Lstat(filepath.Join(dir, "fifo")); err != nil || info.Mode()&fs.ModeNamedPipe == 0 {
				t.Errorf("the FIFO was replaced: %v %v", info.Mode(), err)
			}
		}},
		{"socket", func(t *testing.T, dir string) string {
			l, err := net.Listen("unix", filepath.Join(dir, "sock"))
			must(err)
			t.Cleanup(func() { l.Close() })
			return filepath.Join(dir, "sock")
		}, cmdutil.ExitUsage, func(t *testing.T, dir string, r result) {
			if want := "cannot write " + filepath.Join(dir, "sock") + ": no such device or address"; !strings.Contains(r.stderr, want) {
				t.Errorf("stderr %q lacks %q", r.stderr, want)
			}
		}},
		{"folder", func(t *testing.T, dir string) string { return dir }, cmdutil.ExitUsage, func(t *testing.T, dir string, r result) {
			if want := "cannot write " + dir + ": it is a folder"; !strings.Contains(r.stderr, want) {
				t.Errorf("stderr %q lacks %q", r.stderr, want)
			}
		}},
		{"hard link", func(t *testing.T, dir string) string {
			must(os.WriteFile(filepath.Join(dir, "a.txt"), []byte("old\n"), 0o644))
			must(os.Link(filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")))
			return filepath.Join(dir, "a.txt")
		}, cmdutil.ExitOK, func(t *testing.T, dir string, r result) {
			assertFile(t, filepath.Join(dir, "a.txt"), plan, 0o644)
			assertFile(t, filepath.Join(dir, "b.txt"), "old\n", 0o644)
			if want := "a.txt has 2 hard links; it is replaced as a new file, so its other names keep the old content"; !strings.Contains(r.stderr, want) {
				t.Errorf("stderr %q lacks %q", r.stderr, want)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			out := c.setup(t, dir)
			r := runCLI(t, nil, append(append([]string{}, sreTeam...), "-o", out)...)
			if r.code != c.code || r.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d", r.code, r.stdout, r.stderr, c.code)
			}
			c.check(t, dir, r)
		})
	}
}

func assertFile(t *testing.T, path, content string, mode fs.FileMode) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || string(got) != content {
		t.Errorf("%s holds %d bytes (%v), want %d", path, len(got), err, len(content))
	}
	if info, err := os.Lstat(path); err != nil || !info.Mode().IsRegular() || info.Mode().Perm() != mode {
		t.Errorf("%s: mode %v (%v), want a regular file with %v", path, info.Mode(), err, mode)
	}
}

// shellFileMode is the mode a shell's > gives a new file: 0666 less the
// umask.
func shellFileMode() fs.FileMode {
	mask := unix.Umask(0)
	unix.Umask(mask)
	return 0o666 &^ fs.FileMode(mask)
}
