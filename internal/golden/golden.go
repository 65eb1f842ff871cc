// Package golden compares test output with files in testdata/, in the
// manner of go/printer's tests: `go test ./... -update` rewrites the files,
// and a mismatch shows a unified diff. Imported by tests only.
//
// The -update flag is registered here, so a test binary knows it only if
// its package imports golden; `go test ./... -update` passes the flag to
// every test binary, and one that does not define it fails. So every
// package with tests imports golden, a blank import where it compares no
// golden file, and TestEveryTestPackageTakesUpdate names any that does not.
package golden

import (
	"flag"
	"os"
	"path/filepath"
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
	if d := Diff(path, "got", string(want), got); d != "" {
		tb.Errorf("%s differs from the output (go test -update rewrites it):\n%s", path, d)
	}
}
