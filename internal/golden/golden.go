// Package golden compares test output with files in testdata/, in the
// manner of go/printer's tests: `go test ./PKG -update` rewrites the files,
// and a mismatch shows the lines that differ. Imported by tests only.
package golden

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update is registered in every test binary that imports this package.
var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// Assert compares got with testdata/NAME.golden, or rewrites the file
// under -update.
func Assert(tb testing.TB, name, got string) {
	tb.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test with -update to create it)", err)
	}
	if got != string(want) {
		tb.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", path, LineDiff(string(want), got))
	}
}

// LineDiff lists the lines that differ, with their numbers, quoted so that
// white space and control characters show.
func LineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  - %q\n  + %q\n", i+1, wl, gl)
		}
	}
	return b.String()
}
