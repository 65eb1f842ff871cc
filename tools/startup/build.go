package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/careerpath/careerpath/internal/catalog"
)

const module = "github.com/careerpath/careerpath"

// measuredAnswers are the flags of every measured advise and path: the
// embedded catalog's first role and accountability (the catalog is the
// policy, not this tool), six years and a fixed start.
func measuredAnswers() ([]string, error) {
	cat, err := catalog.Default()
	if err != nil {
		return nil, err
	}
	return []string{"--role", cat.Roles[0].ID, "--years", "6", "--accountability", cat.Accountability[0].ID, "--start", "2027-01-04"}, nil
}

// command is one measured program and its arguments.
type command struct {
	name string
	argv []string
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return "", fmt.Errorf("go list -m: %v; run from inside the careerpath module", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// buildAll builds every measured binary into out, as a release builds
// careerpath, and returns the commands to measure.
func buildAll(root, out, before string) ([]command, error) {
	floor, err := floorOverlay(root, out)
	if err != nil {
		return nil, err
	}
	builds := []struct{ name, pkg, overlay string }{
		{"hello", "./tools/startup/hello", ""},
		{"floor", "./tools/startup/floor", floor},
		{"idle", "./tools/startup/idle", ""},
		{"careerpath", "./cmd/careerpath", ""},
	}
	for _, b := range builds {
		if err := build(root, filepath.Join(out, b.name), b.pkg, b.overlay); err != nil {
			return nil, err
		}
	}
	answers, err := measuredAnswers()
	if err != nil {
		return nil, err
	}
	bin := func(name string) string { return filepath.Join(out, name) }
	cmds := []command{
		{"hello-world", []string{bin("hello")}},
		{"library floor", []string{bin("floor")}},
		{"careerpath idle", []string{bin("idle")}},
		{"careerpath --help", []string{bin("careerpath"), "--help"}},
		{"careerpath advise --json", append([]string{bin("careerpath"), "advise", "--json"}, answers...)},
		{"careerpath path --json", append([]string{bin("careerpath"), "path", "--json"}, answers...)},
	}
	if before == "" {
		return cmds, nil
	}
	old, err := buildBefore(root, out, before)
	if err != nil {
		return nil, err
	}
	return append(cmds,
		command{"careerpath advise --json (" + before + ")", append([]string{old, "advise", "--json"}, answers...)},
		command{"careerpath path --json (" + before + ")", append([]string{old, "path", "--json"}, answers...)}), nil
}

func build(dir, exe, pkg, overlay string) error {
	args := []string{"build", "-trimpath", "-ldflags", "-s -w", "-o", exe}
	if overlay != "" {
		args = append(args, "-overlay", overlay)
	}
	cmd := exec.Command("go", append(args, pkg)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
	}
	return nil
}

// buildBefore builds careerpath from the commit rev of the repository at
// root, extracted with git archive.
func buildBefore(root, out, rev string) (string, error) {
	src := filepath.Join(out, "before-src")
	if err := os.Mkdir(src, 0o755); err != nil {
		return "", err
	}
	archive := exec.Command("git", "-C", root, "archive", rev)
	extract := exec.Command("tar", "-x", "-C", src)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return "", err
	}
	extract.Stdin = pipe
	if err := archive.Start(); err != nil {
		return "", err
	}
	if out, err := extract.CombinedOutput(); err != nil {
		return "", fmt.Errorf("extracting %s: %v\n%s", rev, err, out)
	}
	if err := archive.Wait(); err != nil {
		return "", fmt.Errorf("git archive %s: %v", rev, err)
	}
	exe := filepath.Join(out, "careerpath-before")
	return exe, build(src, exe, "./cmd/careerpath", "")
}

// floorOverlay writes the library floor's source, and the overlay that
// makes go build see it as tools/startup/floor/main.go.
func floorOverlay(root, out string) (string, error) {
	imports, err := libraryImports()
	if err != nil {
		return "", err
	}
	src := filepath.Join(out, "floor.go")
	if err := os.WriteFile(src, floorSource(imports), 0o644); err != nil {
		return "", err
	}
	overlay, err := json.Marshal(map[string]map[string]string{
		"Replace": {filepath.Join(root, "tools/startup/floor/main.go"): src},
	})
	if err != nil {
		return "", err
	}
	path := filepath.Join(out, "overlay.json")
	return path, os.WriteFile(path, overlay, 0o644)
}

// libraryImports lists the packages outside the module that careerpath's
// own packages import, sorted.
func libraryImports() ([]string, error) {
	deps, err := goList("-deps", "-f", "{{.ImportPath}}", module+"/cmd/careerpath")
	if err != nil {
		return nil, err
	}
	var ours []string
	for _, p := range deps {
		if isOurs(p) {
			ours = append(ours, p)
		}
	}
	if len(ours) == 0 {
		return nil, fmt.Errorf("go list finds no package of %s", module)
	}
	all, err := goList(append([]string{"-f", `{{join .Imports "\n"}}`}, ours...)...)
	if err != nil {
		return nil, err
	}
	var imports []string
	for _, p := range all {
		if !isOurs(p) {
			imports = append(imports, p)
		}
	}
	slices.Sort(imports)
	return slices.Compact(imports), nil
}

func isOurs(pkg string) bool { return pkg == module || strings.HasPrefix(pkg, module+"/") }

func goList(args ...string) ([]string, error) {
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v\n%s", err, stderr.Bytes())
	}
	return strings.Fields(string(out)), nil
}

// floorSource is a program that imports every one of imports and does
// nothing else.
func floorSource(imports []string) []byte {
	var b bytes.Buffer
	b.WriteString("// Code generated by tools/startup; DO NOT EDIT.\n\npackage main\n\nimport (\n")
	for _, p := range imports {
		fmt.Fprintf(&b, "\t_ %q\n", p)
	}
	b.WriteString(")\n\nfunc main() {}\n")
	return b.Bytes()
}
