// Package schematest checks JSON output against careerpath's published
// JSON Schemas (data/schema) in tests, with a maintained validator, so the
// contract integrators code against cannot drift from what the binary
// writes. Only tests import it.
package schematest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/careerpath/careerpath/data"
)

// Base is the URL every published schema's $id starts with.
const Base = "https://github.com/careerpath/careerpath/data/schema/"

// Schema locations, relative to Base (TestSchemasAreWellFormed keeps them
// equal to data.SchemaFile of each schema).
const (
	// Recommendation is one `advise --json` object.
	Recommendation = "recommendation.schema.json"
	// BatchRecord is one `batch --format ndjson` line (or one element of
	// `batch --format json`): an advised row or a rejected one.
	BatchRecord = Recommendation + "#/$defs/batch_record"
	// Path is one `path --json` object.
	Path = "path.schema.json"
	// Catalog is a whole catalog file.
	Catalog = "catalog.schema.json"
	// Report is a `report --format json` document.
	Report = "report.schema.json"
	// Calibration is one `calibrate --format ndjson` line.
	Calibration = "calibration.schema.json"
)

// CatalogEntry is the location of one catalog entry type: level, role,
// direction, accountability, provider or career_growth.
func CatalogEntry(name string) string {
	return Catalog + "#/$defs/" + name
}

// Compile compiles the published schema at location (one of the locations
// above), with formats such as "date" asserted.
func Compile(tb testing.TB, location string) *jsonschema.Schema {
	tb.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for _, name := range data.SchemaNames() {
		raw, err := data.Schema(name)
		if err != nil {
			tb.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			tb.Fatalf("schema %s is not JSON: %v", name, err)
		}
		if err := c.AddResource(Base+data.SchemaFile(name), doc); err != nil {
			tb.Fatalf("schema %s: %v", name, err)
		}
	}
	sch, err := c.Compile(Base + location)
	if err != nil {
		tb.Fatalf("compile %s: %v", location, err)
	}
	return sch
}

// Check returns why doc (JSON) does not match the schema, or nil.
func Check(sch *jsonschema.Schema, doc []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return sch.Validate(v)
}

// ValidateJSON fails the test unless doc matches the schema at location.
func ValidateJSON(tb testing.TB, location string, doc []byte) {
	tb.Helper()
	if err := Check(Compile(tb, location), doc); err != nil {
		tb.Errorf("does not match %s:\n%v", location, err)
	}
}

// ValidateNDJSON fails the test unless every non-empty line of stream
// matches the schema at location; it returns the number of lines checked.
func ValidateNDJSON(tb testing.TB, location string, stream []byte) int {
	tb.Helper()
	sch := Compile(tb, location)
	n := 0
	for i, line := range bytes.Split(stream, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		n++
		if err := Check(sch, line); err != nil {
			tb.Errorf("line %d does not match %s:\n%v", i+1, location, err)
		}
	}
	return n
}

// YAMLToJSON turns a YAML document (a catalog file) into JSON for checking.
func YAMLToJSON(tb testing.TB, raw []byte) []byte {
	tb.Helper()
	var v any
	if err := yaml.Unmarshal(raw, &v); err != nil {
		tb.Fatal(err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}
