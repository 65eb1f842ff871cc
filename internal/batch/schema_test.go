package batch

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/schematest"
)

// Every NDJSON line and JSON element the batch fixtures produce must follow
// the published batch_record schema that HR integrations code against.
func TestGoldenRecordsMatchPublishedSchema(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*json*.golden"))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, path := range paths {
		doc, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(filepath.Base(path), "ndjson") {
			checked += schematest.ValidateNDJSON(t, schematest.BatchRecord, doc)
			continue
		}
		var items []json.RawMessage
		if err := json.Unmarshal(doc, &items); err != nil {
			t.Fatalf("%s is not a JSON array: %v", path, err)
		}
		sch := schematest.Compile(t, schematest.BatchRecord)
		for i, it := range items {
			if err := schematest.Check(sch, it); err != nil {
				t.Errorf("%s element %d: %v", path, i, err)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatalf("no records checked in %d files", len(paths))
	}
}
