package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestResolveBuild(t *testing.T) {
	source := &debug.BuildInfo{
		Main: debug.Module{Path: "github.com/careerpath/careerpath", Version: "v0.0.0-20261203093824-ed249d7b9bd3+dirty"},
		Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "ed249d7b9bd311a0c5227caa04e55a40a375e880"},
			{Key: "vcs.time", Value: "2026-12-03T09:38:24Z"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	clean := &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.time", Value: "2026-11-30T12:00:00Z"}, {Key: "vcs.modified", Value: "false"}}}
	release := BuildInfo{Version: "1.5.0", Commit: "fedcba9876543210", Date: "2026-12-01T08:00:00Z"}
	tests := []struct {
		name    string
		ldflags BuildInfo
		info    *debug.BuildInfo
		want    BuildInfo
	}{
		{"source build with changes", BuildInfo{}, source, BuildInfo{
			Version: "v0.0.0-20261203093824-ed249d7b9bd3+dirty",
			Commit:  "ed249d7b9bd311a0c5227caa04e55a40a375e880 (modified)",
			Date:    "2026-12-03T09:38:24Z"}},
		{"source build, clean tree", BuildInfo{}, clean, BuildInfo{Version: "v1.4.0", Commit: "0123456789abcdef", Date: "2026-11-30T12:00:00Z"}},
		{"release: ldflags win", release, source, release},
		{"ldflags set only the version", BuildInfo{Version: "1.5.0"}, clean, BuildInfo{Version: "1.5.0", Commit: "0123456789abcdef", Date: "2026-11-30T12:00:00Z"}},
		{"no version control", BuildInfo{}, &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, BuildInfo{Version: "(devel)", Commit: "unknown", Date: "unknown"}},
		{"no build information", BuildInfo{}, nil, BuildInfo{Version: "unknown", Commit: "unknown", Date: "unknown"}},
	}
	for _, tt := range tests {
		if got := resolveBuild(tt.ldflags, tt.info); got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// A binary built from a git checkout names its commit without any
// ldflags. Go stamps version control information only where .git is a
// directory (not in a worktree), so the test builds from a clone.
func TestSourceBuildNamesItsCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds careerpath")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	head, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	clone := filepath.Join(t.TempDir(), "src")
	mustRun(t, "", "git", "clone", "-q", "--no-hardlinks", root, clone)
	mustRun(t, clone, "git", "checkout", "-q", strings.TrimSpace(string(head)))
	exe := filepath.Join(t.TempDir(), "careerpath")
	build := exec.Command("go", "build", "-buildvcs=true", "-trimpath", "-o", exe, "./cmd/careerpath")
	build.Dir = clone
	build.Env = append(os.Environ(), "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out := mustRun(t, "", exe, "version")
	if want := "commit: " + strings.TrimSpace(string(head)) + "\n"; !strings.Contains(out, want) {
		t.Fatalf("version of a source build says\n%s\nwant the line %q", out, want)
	}
}

func mustRun(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}
