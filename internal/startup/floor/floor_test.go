package main

import (
	"os/exec"
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

func goList(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list"}, args...)...).Output()
	if err != nil {
		t.Fatalf("go list %v: %v", args, err)
	}
	return strings.Fields(string(out))
}
