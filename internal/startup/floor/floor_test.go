// The floor is measured on Linux, and these tests read Linux builds: the
// ELF binary, and the import set as it is there (another platform imports
// its own system packages).

//go:build linux

package main

import (
	"debug/elf"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFloorImportsWhatCareerpathImports keeps the floor fair: it must
// initialise exactly the packages careerpath's own packages import, no
// fewer (a cheaper floor) and no more.
func TestFloorImportsWhatCareerpathImports(t *testing.T) {
	const module = "github.com/careerpath/careerpath"
	own := goList(t, "-deps", "-f", "{{.ImportPath}}", module+"/cmd/careerpath")
	var ours []string
	for _, p := range own {
		if p == module || strings.HasPrefix(p, module+"/") {
			ours = append(ours, p)
		}
	}
	var want []string
	for _, p := range goList(t, append([]string{"-f", `{{join .Imports "\n"}}`}, ours...)...) {
		if p != module && !strings.HasPrefix(p, module+"/") {
			want = append(want, p)
		}
	}
	got := goList(t, "-f", `{{join .Imports "\n"}}`, ".")
	slices.Sort(want)
	want = slices.Compact(want)
	if !slices.Equal(got, want) {
		t.Errorf("the floor imports\n%s\nbut careerpath's packages import\n%s\n(edit internal/startup/floor/main.go)",
			strings.Join(got, " "), strings.Join(want, " "))
	}
}

// careerpath links no HTTP server: it serves nothing, and one came in
// with the progress bar's StartHTTPServer when a progressbar type was
// held in an interface (see progressReader in internal/cli), 2.5 MB of
// binary that slowed every run's start-up.
func TestCareerpathLinksNoHTTPServer(t *testing.T) {
	exe := filepath.Join(t.TempDir(), "careerpath")
	if out, err := exec.Command("go", "build", "-o", exe, "github.com/careerpath/careerpath/cmd/careerpath").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	f, err := elf.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range syms {
		if s.Name == "net/http.(*Server).Serve" {
			t.Fatalf("careerpath links %s", s.Name)
		}
	}
}

func goList(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list"}, args...)...).Output()
	if err != nil {
		t.Fatalf("go list %v: %v", args, err)
	}
	return strings.Fields(string(out))
}
