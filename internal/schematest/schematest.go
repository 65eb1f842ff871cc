// Package schematest checks JSON output against careerpath's published
// JSON Schemas in tests, as `careerpath schema NAME` prints them, with two
// independent validators and no loader: each schema must stand alone, so
// that an integrator's validator, offline and with nothing preloaded, can
// use it. Only tests import it.
package schematest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	googleschema "github.com/google/jsonschema-go/jsonschema"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/careerpath/careerpath/data"
)

// Schema locations: a published schema's name, and a fragment for one of
// its definitions.
const (
	// Recommendation is one `advise --json` object.
	Recommendation = data.RecommendationSchema
	// BatchRecord is one `batch --format ndjson` line (or one element of
	// `batch --format json`): an advised row or a rejected one.
	BatchRecord = Recommendation + "#/$defs/batch_record"
	// Path is one `path --json` object.
	Path = data.PathSchema
	// Catalog is a whole catalog file.
	Catalog = data.CatalogSchema
	// Report is a `report --format json` document.
	Report = data.ReportSchema
	// Calibration is one `calibrate --format ndjson` line.
	Calibration = data.CalibrationSchema
	// PlanStatus is one `plan status --json` document.
	PlanStatus = data.PlanStatusSchema
	// PlanExport is one `plan export --format json` document.
	PlanExport = PlanStatus + "#/$defs/export"
)

// CatalogEntry is the location of one catalog entry type: level, role,
// direction, accountability, provider or career_growth.
func CatalogEntry(name string) string {
	return Catalog + "#/$defs/" + name
}

// The validators, by the names their errors carry.
const (
	santhosh = "santhosh-tekuri/jsonschema"
	google   = "google/jsonschema-go"
)

// Schema is one location compiled by both validators.
type Schema struct {
	santhosh *jsonschema.Schema
	google   *googleschema.Resolved
}

// Compile compiles the schema at location (one of the locations above)
// from the published document alone, with formats such as "date" asserted
// where the validator can.
func Compile(tb testing.TB, location string) *Schema {
	tb.Helper()
	name, fragment, _ := strings.Cut(location, "#")
	raw, err := data.Schema(name)
	if err != nil {
		tb.Fatal(err)
	}
	s := &Schema{}
	if s.santhosh, err = compileSanthosh(raw, fragment); err != nil {
		tb.Fatalf(santhosh+": compile %s: %v", location, err)
	}
	if s.google, err = compileGoogle(raw, fragment); err != nil {
		tb.Fatalf(google+": compile %s: %v", location, err)
	}
	return s
}

// noLoader refuses every URL: the document must hold all it refers to.
type noLoader struct{}

func (noLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("refusing to load %s: a published schema must not refer to another document", url)
}

func compileSanthosh(raw []byte, fragment string) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	id, _ := doc.(map[string]any)["$id"].(string)
	if id == "" {
		return nil, errors.New("no $id")
	}
	c := jsonschema.NewCompiler()
	c.UseLoader(noLoader{})
	c.AssertFormat()
	if err := c.AddResource(id, doc); err != nil {
		return nil, err
	}
	return c.Compile(id + "#" + fragment)
}

// compileGoogle validates against a definition by a document that refers
// to it, as the library validates only a document's root.
func compileGoogle(raw []byte, fragment string) (*googleschema.Resolved, error) {
	if fragment != "" {
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(raw, &doc); err != nil {
			return nil, err
		}
		ref, _ := json.Marshal("#" + fragment)
		var err error
		raw, err = json.Marshal(map[string]json.RawMessage{"$schema": doc["$schema"], "$id": doc["$id"], "$defs": doc["$defs"], "$ref": ref})
		if err != nil {
			return nil, err
		}
	}
	var s googleschema.Schema
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, err
	}
	// No Loader: the library then refuses any remote reference.
	return s.Resolve(&googleschema.ResolveOptions{})
}

// Check returns why doc (JSON) does not match the schema by either
// validator, or nil.
func Check(s *Schema, doc []byte) error {
	verdicts := CheckEach(s, doc)
	var errs []error
	for _, validator := range []string{santhosh, google} {
		if err := verdicts[validator]; err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", validator, err))
		}
	}
	return errors.Join(errs...)
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

// CheckEach returns each validator's verdict on doc by the validator's
// name, so that a test can tell that both enforce the schema.
func CheckEach(s *Schema, doc []byte) map[string]error {
	var tree, plain any
	var err error
	if tree, err = jsonschema.UnmarshalJSON(bytes.NewReader(doc)); err == nil {
		err = json.Unmarshal(doc, &plain)
	}
	if err != nil {
		err = fmt.Errorf("not JSON: %w", err)
		return map[string]error{santhosh: err, google: err}
	}
	return map[string]error{santhosh: s.santhosh.Validate(tree), google: s.google.Validate(plain)}
}
