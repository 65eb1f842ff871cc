package archtest

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/careerpath/careerpath/"

// The layers, lowest first. A package may import only packages of a lower
// layer, never its own or a higher one, except within its own tree (the
// entry of layers it falls under): a command's packages are one unit. So the views and the plumbing,
// used from above, sit over the commands' own packages, and the text leaf
// and the data under everything.
const (
	leaf     = iota // text, data, jsonkeys: nothing of careerpath's
	catalogs        // catalog types, strict loading, validation
	rule            // advisor: answers to recommendation, no I/O
	results         // staff-list reading (batch), a report's document, test data
	commands        // each command's own work
	terminal        // the terminal: IO streams and prompts
	views           // render, and the plumbing (cmdutil), which holds the streams and the prompter
	cli             // the cobra commands
	programs        // main packages: the binary and the development tools
)

// layers gives each package tree its layer; a package takes the layer of
// the longest entry its path starts with, and one under no entry fails
// the test until it is given one.
var layers = map[string]int{
	"data":                      leaf,
	"internal/text":             leaf,
	"internal/jsonkeys":         leaf,
	"internal/sheet":            leaf,
	"internal/privacy":          leaf,
	"internal/golden":           leaf,
	"internal/ptytest":          leaf,
	"internal/schematest":       catalogs,
	"internal/catalog":          catalogs,
	"internal/advisor":          rule,
	"internal/batch":            results,
	"internal/batch/batchtest":  results,
	"internal/report/reportdoc": results,
	"internal/report":           commands,
	"internal/calibrate":        commands,
	"internal/titles":           commands,
	"internal/plan":             commands,
	"internal/render":           views,
	"internal/cmdutil":          views,
	"internal/iostreams":        terminal,
	"internal/prompt":           terminal,
	"internal/cli":              cli,
	"internal/cli/gendocs":      programs,
	"cmd":                       programs,
	"tools":                     programs,
	"internal/batch/gen":        programs,
	"internal/catalog/embedgen": programs,
	"internal/archtest":         programs,
}

// layerOf is the tree and the layer of a careerpath package, without the
// module prefix; found is false for a package under no entry.
func layerOf(pkg string) (tree string, layer int, found bool) {
	for t, l := range layers {
		if (pkg == t || strings.HasPrefix(pkg, t+"/")) && len(t) > len(tree) {
			tree, layer, found = t, l, true
		}
	}
	return tree, layer, found
}

// violations lists every import of careerpath's own packages that does not
// run down a layer, given each package's imports.
func violations(imports map[string][]string) []string {
	var bad []string
	for pkg, deps := range imports {
		fromTree, from, ok := layerOf(pkg)
		if !ok {
			bad = append(bad, fmt.Sprintf("%s has no layer: add it to layers in internal/archtest", pkg))
			continue
		}
		for _, dep := range deps {
			toTree, to, ok := layerOf(dep)
			if ok && (to < from || toTree == fromTree) {
				continue
			}
			bad = append(bad, fmt.Sprintf("%s (layer %d) imports %s (layer %d): imports must run down the layers", pkg, from, dep, to))
		}
	}
	slices.Sort(bad)
	return bad
}

// moduleImports runs go list over the module and returns each package's
// imports of the module's own packages, without the module prefix.
func moduleImports(t *testing.T) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, module+"...")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], module)
		imports[pkg] = []string{}
		for _, dep := range fields[1:] {
			if own, ok := strings.CutPrefix(dep, module); ok {
				imports[pkg] = append(imports[pkg], own)
			}
		}
	}
	return imports
}

// readSources reads every Go file of the module. go test caches a passing
// result until a file the test opened changes, and it cannot see the files
// go list reads: without this, adding a wrong import would go on passing
// from the cache.
func readSources(t *testing.T) {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	root := strings.TrimSpace(string(out))
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root:
			return filepath.SkipDir
		case !d.IsDir() && strings.HasSuffix(path, ".go"):
			_, err = os.ReadFile(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestImportsRunDownTheLayers(t *testing.T) {
	readSources(t)
	imports := moduleImports(t)
	for _, pkg := range []string{"internal/cli", "internal/render", "internal/batch", "internal/advisor", "internal/text"} {
		if _, ok := imports[pkg]; !ok {
			t.Fatalf("go list did not list %s: %v", pkg, imports)
		}
	}
	for _, v := range violations(imports) {
		t.Error(v)
	}
}

// The check refuses each kind of import the house forbids.
func TestViolationsAreFound(t *testing.T) {
	for _, c := range []struct {
		name     string
		pkg, dep string
	}{
		{"a command package imports render", "internal/batch", "internal/render"},
		{"prompt imports render", "internal/prompt", "internal/render"},
		{"render imports cli", "internal/render", "internal/cli"},
		{"the rule imports a command package", "internal/advisor", "internal/batch"},
		{"the catalog imports the plumbing", "internal/catalog", "internal/cmdutil"},
		{"the plumbing imports render", "internal/cmdutil", "internal/render"},
		{"a command package imports the terminal", "internal/report", "internal/iostreams"},
		{"the text leaf imports the catalog", "internal/text", "internal/catalog"},
		{"data imports the catalog", "data", "internal/catalog"},
		{"a package imports one of its own layer", "internal/report", "internal/calibrate"},
		{"a package without a layer", "internal/newthing", "internal/text"},
	} {
		if got := violations(map[string][]string{c.pkg: {c.dep}}); len(got) != 1 {
			t.Errorf("%s: %s importing %s gave %q, want one violation", c.name, c.pkg, c.dep, got)
		}
	}
	if got := violations(map[string][]string{"internal/cli": {"internal/render", "internal/batch", "internal/text"}, "internal/render": {"internal/batch"},
		"internal/cmdutil": {"internal/iostreams", "internal/prompt", "internal/batch"}, "internal/prompt": {"internal/text"},
		"internal/calibrate": {"internal/batch", "internal/advisor"}}); len(got) != 0 {
		t.Errorf("imports down the layers were refused: %q", got)
	}
}
