package main

import (
	"debug/elf"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{[]time.Duration{5}, 5},
		{[]time.Duration{9, 1, 5}, 5},
		{[]time.Duration{8, 2, 4, 6}, 5},
	}
	for _, tt := range tests {
		in := slices.Clone(tt.in)
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", in, got, tt.want)
		}
		if !slices.Equal(tt.in, in) {
			t.Errorf("median reordered its input to %v", tt.in)
		}
	}
}

// Each command runs once a round, and a different one runs first in each.
func TestRunRoundsRotates(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("runs true")
	}
	truth, err := exec.LookPath("true")
	if err != nil {
		t.Skip("no true")
	}
	cmds := []command{{"a", []string{truth}}, {"b", []string{truth}}, {"c", []string{truth}}}
	times, err := runRounds(cmds, nil, 4, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range times {
		if len(s) != 4 {
			t.Errorf("%s ran %d times in 4 rounds", cmds[i].name, len(s))
		}
	}
}

// The floor is a program importing exactly the given packages.
func TestFloorSource(t *testing.T) {
	want := []string{"fmt", "github.com/spf13/cobra", "os/signal"}
	f, err := parser.ParseFile(token.NewFileSet(), "floor.go", floorSource(want), parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		got = append(got, p)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("the floor imports %v, want %v", got, want)
	}
}

// careerpath links no HTTP server: it serves nothing, and one came in
// with the progress bar's StartHTTPServer when a progressbar type was
// held in an interface (see progressReader in internal/cli), 2.5 MB of
// binary that slowed every run's start-up.
func TestCareerpathLinksNoHTTPServer(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads an ELF binary")
	}
	exe := filepath.Join(t.TempDir(), "careerpath")
	if out, err := exec.Command("go", "build", "-o", exe, module+"/cmd/careerpath").CombinedOutput(); err != nil {
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
