// Command embedgen writes the embedded catalog as Go source: the YAML
// catalog, loaded and validated as any catalog file is, then written as a
// composite literal of the catalog's types, so that careerpath neither
// parses YAML nor reflects over those types at start-up. `go generate
// ./internal/catalog` runs it; a test in internal/catalog fails when the
// literal no longer equals what loading the YAML gives.
//
//	go run -tags embedgen ./internal/catalog/embedgen data/catalog.yaml internal/catalog/embedded_gen.go
//
// It runs with the embedgen tag, which leaves the generated file out of
// package catalog, so that a change to the catalog's types that the old
// literal no longer compiles against does not stop its regeneration.
package main

import (
	"fmt"
	"os"

	"github.com/careerpath/careerpath/internal/catalog"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: embedgen CATALOG.yaml OUT.go")
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
	src, err := goSource(cat.Catalog)
	if err != nil {
		return err
	}
	return os.WriteFile(out, src, 0o644)
}
