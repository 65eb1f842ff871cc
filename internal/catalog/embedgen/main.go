// Command embedgen writes the build-time form of the embedded catalog: the
// YAML catalog, loaded and validated as any catalog file is, then written
// in the compact binary form that careerpath reads at start-up without
// parsing YAML or reflecting over the catalog's types. `go generate ./data`
// runs it; a test in internal/catalog fails when the form no longer
// matches the YAML.
//
//	go run ./internal/catalog/embedgen data/catalog.yaml data/catalog.gen.bin
package main

import (
	"fmt"
	"os"

	"github.com/careerpath/careerpath/internal/catalog"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: embedgen CATALOG.yaml OUT.bin")
		os.Exit(2)
	}
	if err := generate(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "embedgen:", err)
		os.Exit(1)
	}
}

func generate(in, out string) error {
	cat, err := catalog.LoadFile(in)
	if err != nil {
		return err
	}
	return os.WriteFile(out, catalog.EmbeddedForm(cat), 0o644)
}
