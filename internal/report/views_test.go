package report

import (
	"reflect"
	"testing"

	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
)

// Every part of the document past what the builder itself sets (schema
// version, catalog, inputs, rows) is one view's, and each view fills a
// part of its own: two views writing one field, or a field no view
// writes, would fail here.
func TestEachViewFillsItsOwnPartOfTheDocument(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	b := New(cat, Options{By: "team", Top: 3})
	if err := b.Begin([]string{"team", "role", "years", "accountability"}); err != nil {
		t.Fatal(err)
	}
	builderOwn := map[string]bool{"SchemaVersion": true, "Catalog": true, "Inputs": true, "Rows": true}
	owner := map[string]string{}
	docType := reflect.TypeFor[reportdoc.Document]()
	for _, v := range b.views {
		var doc reportdoc.Document
		v.fill(&doc)
		name := reflect.TypeOf(v).String()
		filled := 0
		for i := range docType.NumField() {
			field := docType.Field(i).Name
			if reflect.ValueOf(doc).Field(i).IsZero() {
				continue
			}
			filled++
			if builderOwn[field] {
				t.Errorf("%s fills %s, which the builder sets", name, field)
			}
			if other, ok := owner[field]; ok {
				t.Errorf("%s and %s both fill %s", other, name, field)
			}
			owner[field] = name
		}
		if filled == 0 {
			t.Errorf("%s fills no part of the document", name)
		}
	}
	for i := range docType.NumField() {
		if field := docType.Field(i).Name; !builderOwn[field] && owner[field] == "" {
			t.Errorf("no view fills %s", field)
		}
	}
}
