// Command embedgen writes the build-time form of the embedded catalog: the
// YAML catalog, loaded and validated as any catalog file is, then written
// as compact JSON, which starts careerpath several times faster than YAML.
// `go generate ./data` runs it; a test in internal/catalog fails when the
// JSON no longer matches the YAML.
//
//	go run ./internal/catalog/embedgen data/catalog.yaml data/catalog.gen.json
package main

import (
	"fmt"
	"os"

	"github.com/careerpath/careerpath/internal/catalog"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: embedgen CATALOG.yaml OUT.json")
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
	raw, err := catalog.EmbeddedForm(cat)
	if err != nil {
		return err
	}
	return os.WriteFile(out, raw, 0o644)
}
