package catalog

import (
	"errors"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/data"
)

// FuzzParseText loads edits of the embedded catalog: whatever is accepted
// holds no control or bidirectional character, and its text expanded
// from aliases stays within MaxExpandedBytes; whatever is refused says
// why.
func FuzzParseText(f *testing.F) {
	f.Add(data.CatalogYAML, "Foundation", "Found\x1b]0;x\x07ation")
	f.Add(data.CatalogYAML, "Cotocus", "Coto\u202ecus")
	f.Add(data.CatalogYAML, "name: Certified DevOps Manager\n", "name: &n Certified DevOps Manager\n")
	f.Add(data.CatalogYAML, "order: 2", "order: two")
	f.Add(data.CatalogYAML, "min_years: 3", "min_year: 3")
	f.Add(textBomb(1<<16, 80), "x", "xx")
	f.Fuzz(func(t *testing.T, raw []byte, old, replacement string) {
		if old != "" {
			raw = []byte(strings.Replace(string(raw), old, replacement, 1))
		}
		cat, err := Parse("fuzz", raw)
		if err != nil {
			var invalid *Error
			if !errors.As(err, &invalid) || len(invalid.Problems) == 0 {
				t.Fatalf("Parse error %v is not an *Error with problems", err)
			}
			return
		}
		total := 0
		walkStrings(cat.Catalog, func(path, s string) {
			total += len(s)
			if strings.ContainsFunc(s, notPlain) {
				t.Fatalf("accepted %s = %q", path, s)
			}
		})
		if total > MaxExpandedBytes {
			t.Fatalf("accepted %d bytes of text", total)
		}
	})
}
