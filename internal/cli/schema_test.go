package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/data"
	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/schematest"
)

// goldenSchemas says which published schema each JSON golden file follows,
// by file-name prefix. A JSON golden that matches none fails the test, so a
// new JSON output cannot skip the contract check.
var goldenSchemas = []struct {
	prefix string
	check  func(t *testing.T, doc []byte)
}{
	{"advise_", func(t *testing.T, doc []byte) { schematest.ValidateJSON(t, schematest.Recommendation, doc) }},
	{"plan_status_", func(t *testing.T, doc []byte) { schematest.ValidateJSON(t, schematest.PlanStatus, doc) }},
	{"plan_export_", func(t *testing.T, doc []byte) { schematest.ValidateJSON(t, schematest.PlanExport, doc) }},
	{"path_", func(t *testing.T, doc []byte) { schematest.ValidateJSON(t, schematest.Path, doc) }},
	{"roles_", eachElement(schematest.CatalogEntry("role"))},
	{"levels_compare_", func(t *testing.T, doc []byte) { decodeStrict(t, string(doc), &advisor.LevelComparison{}) }},
	{"levels_show_", func(t *testing.T, doc []byte) { schematest.ValidateJSON(t, schematest.CatalogEntry("level"), doc) }},
	{"levels_", eachElement(schematest.CatalogEntry("level"))},
	{"specialisations_", eachElement(schematest.CatalogEntry("direction"))},
	{"catalog_show_", checkCatalogView},
	{"batch_", func(t *testing.T, doc []byte) { schematest.ValidateNDJSON(t, schematest.BatchRecord, doc) }},
	{"report_", func(t *testing.T, doc []byte) { schematest.ValidateJSON(t, schematest.Report, doc) }},
	{"calibrate_ndjson", func(t *testing.T, doc []byte) { schematest.ValidateNDJSON(t, schematest.Calibration, doc) }},
	{"calibrate_json", eachElement(schematest.Calibration)},
}

// eachElement checks every element of a JSON array against one schema.
func eachElement(location string) func(t *testing.T, doc []byte) {
	return func(t *testing.T, doc []byte) {
		var items []json.RawMessage
		if err := json.Unmarshal(doc, &items); err != nil {
			t.Fatalf("not a JSON array: %v", err)
		}
		if len(items) == 0 {
			t.Fatal("empty listing checks nothing")
		}
		sch := schematest.Compile(t, location)
		for i, it := range items {
			if err := schematest.Check(sch, it); err != nil {
				t.Errorf("element %d does not match %s:\n%v", i, location, err)
			}
		}
	}
}

func checkCatalogView(t *testing.T, doc []byte) {
	var view map[string]json.RawMessage
	if err := json.Unmarshal(doc, &view); err != nil {
		t.Fatal(err)
	}
	schematest.ValidateJSON(t, schematest.Recommendation+"#/$defs/catalog_source", view["catalog"])
	for key, def := range map[string]string{"levels": "level", "accountability": "accountability", "roles": "role", "directions": "direction"} {
		eachElement(schematest.CatalogEntry(def))(t, view[key])
	}
}

func TestGoldenJSONMatchesPublishedSchemas(t *testing.T) {
	files, err := filepath.Glob("testdata/*json*.golden")
	if err != nil || len(files) == 0 {
		t.Fatalf("no JSON goldens found (%v)", err)
	}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			doc, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range goldenSchemas {
				if strings.HasPrefix(name, g.prefix) {
					g.check(t, doc)
					return
				}
			}
			t.Fatalf("no schema is known for %s; add it to goldenSchemas", name)
		})
	}
}

func TestCatalogsMatchPublishedSchema(t *testing.T) {
	org, err := os.ReadFile(orgCatalog)
	if err != nil {
		t.Fatal(err)
	}
	exported := runCLI(t, nil, "catalog", "export", "--format", "json")
	for name, doc := range map[string][]byte{
		"embedded":    schematest.YAMLToJSON(t, data.CatalogYAML),
		"org example": schematest.YAMLToJSON(t, org),
		"JSON export": []byte(exported.stdout),
	} {
		t.Run(name, func(t *testing.T) { schematest.ValidateJSON(t, schematest.Catalog, doc) })
	}
}

// The schemas are strict enough to catch drift: a renamed, missing or
// extra field, or a wrong type, fails.
func TestSchemasRejectDrift(t *testing.T) {
	good, err := os.ReadFile("testdata/advise_json.golden")
	if err != nil {
		t.Fatal(err)
	}
	sch := schematest.Compile(t, schematest.Recommendation)
	if err := schematest.Check(sch, good); err != nil {
		t.Fatalf("the golden itself fails: %v", err)
	}
	for name, bad := range map[string]string{
		"renamed field":             strings.Replace(string(good), `"next_level"`, `"nextLevel"`, 1),
		"extra field":               strings.Replace(string(good), `"schema_version": "1.1",`, `"schema_version": "1.1", "debug": true,`, 1),
		"nested extra":              strings.Replace(string(good), `"label": "Professional"`, `"label": "Professional", "rank": 1`, 1),
		"wrong type":                strings.Replace(string(good), `"years": 6,`, `"years": "6",`, 1),
		"bad date":                  strings.Replace(string(good), `"start": "2027-01-04",`, `"start": "04/01/2027",`, 1),
		"years without numbers":     strings.Replace(string(good), `"needed_years": 7,`, ``, 1),
		"numbers on accountability": strings.Replace(string(good), `"needed": "multi-team",`, `"needed": "multi-team", "needed_years": 7,`, 1),
		"no eligible_from": strings.Replace(string(good), `,
    "eligible_from": "2028-01-04"`, ``, 1),
		"major bump": strings.Replace(string(good), `"schema_version": "1.1"`, `"schema_version": "2.0"`, 1),
	} {
		if bad == string(good) {
			t.Fatalf("%s: fixture did not change the document", name)
		}
		if schematest.Check(sch, []byte(bad)) == nil {
			t.Errorf("%s: the schema accepted it", name)
		}
	}
}

// Batch lines are a recommendation plus row and record, or a rejected row;
// the schema for them is published for the batch command to be checked by.
func TestBatchRecordSchema(t *testing.T) {
	rec := runCLI(t, nil, "advise", "--role", "SRE", "--years", "6", "--accountability", "team", "--json").stdout
	advised := strings.TrimSuffix(strings.TrimSpace(rec), "}") + `, "row": 2, "record": {"employee_id": "E1"}}`
	compact := func(s string) string {
		var v any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Fatal(err)
		}
		out, _ := json.Marshal(v)
		return string(out)
	}
	stream := compact(advised) + "\n" + `{"row": 3, "record": {"employee_id": "E2"}, "error": {"column": "years", "message": "years \"x\" is not a number"}}` + "\n"
	if n := schematest.ValidateNDJSON(t, schematest.BatchRecord, []byte(stream)); n != 2 {
		t.Errorf("checked %d lines, want 2", n)
	}
	sch := schematest.Compile(t, schematest.BatchRecord)
	for name, bad := range map[string]string{
		"recommendation without row": compact(rec),
		"rejected with extra field":  `{"row": 3, "record": {}, "error": {"message": "m"}, "level": {}}`,
		"record with a number":       `{"row": 3, "record": {"id": 1}, "error": {"message": "m"}}`,
	} {
		if schematest.Check(sch, []byte(bad)) == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// Each published schema is a 2020-12 document named by a URN, never by a
// host: "urn:careerpath:schema:NAME:VERSION", VERSION being the
// schema_version the output carries (a catalog file carries none).
func TestSchemasAreWellFormed(t *testing.T) {
	versions := map[string]string{data.CatalogSchema: ""}
	for name, golden := range map[string]string{
		data.RecommendationSchema: "advise_json", data.PathSchema: "path_json",
		data.ReportSchema: "report_json", data.CalibrationSchema: "calibrate_ndjson",
		data.PlanStatusSchema: "plan_status_json",
	} {
		raw, err := os.ReadFile(filepath.Join("testdata", golden+".golden"))
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(string(raw), "\n{") // one object of an NDJSON stream
		var out struct {
			SchemaVersion string `json:"schema_version"`
		}
		if err := json.Unmarshal([]byte(first), &out); err != nil || out.SchemaVersion == "" {
			t.Fatalf("%s: no schema_version (%v)", golden, err)
		}
		versions[name] = ":" + out.SchemaVersion
	}
	for _, name := range data.SchemaNames() {
		printed := runCLI(t, nil, "schema", name)
		raw, err := data.Schema(name)
		if err != nil || printed.code != 0 || printed.stdout != string(raw) {
			t.Fatalf("schema %s: exit %d, %v; stdout is not the published document", name, printed.code, err)
		}
		var head struct {
			Schema string `json:"$schema"`
			ID     string `json:"$id"`
		}
		if err := json.Unmarshal(raw, &head); err != nil {
			t.Fatal(err)
		}
		version, ok := versions[name]
		if !ok {
			t.Fatalf("%s: which output carries its version? add it above", name)
		}
		if want := "urn:careerpath:schema:" + name + version; head.Schema != "https://json-schema.org/draft/2020-12/schema" || head.ID != want {
			t.Errorf("%s: $schema %q, $id %q; want the 2020-12 meta-schema and %q", name, head.Schema, head.ID, want)
		}
		schematest.Compile(t, name)
	}
}

// Both validators enforce the schema: each one alone rejects a drifted
// document of each kind.
func TestEachValidatorRejectsDrift(t *testing.T) {
	for location, golden := range map[string]string{
		schematest.Recommendation: "advise_json", schematest.Path: "path_json", schematest.Report: "report_json",
		schematest.PlanStatus: "plan_status_json",
	} {
		good, err := os.ReadFile(filepath.Join("testdata", golden+".golden"))
		if err != nil {
			t.Fatal(err)
		}
		sch := schematest.Compile(t, location)
		for drift, bad := range map[string]string{
			"a number for schema_version": strings.Replace(string(good), `"schema_version": "1.`, `"schema_version": 1.`, 1),
			"a field it does not define":  strings.Replace(string(good), `"schema_version": "`, `"debug": true, "schema_version": "`, 1),
		} {
			if bad == string(good) {
				t.Fatalf("%s: fixture for %s did not change the document", golden, drift)
			}
			for validator, err := range schematest.CheckEach(sch, []byte(bad)) {
				if err == nil {
					t.Errorf("%s: %s accepted a document with %s", location, validator, drift)
				}
			}
		}
	}
}
