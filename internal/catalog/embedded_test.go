package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"reflect"
	"testing"

	"github.com/careerpath/careerpath/data"
)

// The generated literal cannot drift from catalog.yaml: Default gives
// exactly what loading and validating the YAML through Parse gives.
func TestEmbeddedCatalogIsCatalogYAML(t *testing.T) {
	fromYAML, err := Parse(embeddedOrigin, data.CatalogYAML)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, fromYAML) {
		g, w := fmt.Sprintf("%+v", got.Catalog), fmt.Sprintf("%+v", fromYAML.Catalog)
		i := 0
		for i < min(len(g), len(w)) && g[i] == w[i] {
			i++
		}
		t.Fatalf("Default() differs from parsing data/catalog.yaml at\n got …%s\nwant …%s\nrun `go generate ./internal/catalog`", g[i:min(len(g), i+80)], w[i:min(len(w), i+80)])
	}
}

// Each call gives a catalog of its own, so a caller that changes one
// changes no other's.
func TestDefaultIsFreshEachCall(t *testing.T) {
	a, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	a.Levels[0].Name = "changed"
	if b.Levels[0].Name == "changed" {
		t.Fatal("two calls of Default share their levels")
	}
}

// catalog.sha256 stays the sha256 of the shipped YAML file.
func TestEmbeddedSourceIsTheYAMLFile(t *testing.T) {
	raw, err := os.ReadFile("../../data/catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(raw)
	cat, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if cat.Source.SHA256 != hex.EncodeToString(sum[:]) {
		t.Fatalf("sha256 %s, the YAML file's is %x", cat.Source.SHA256, sum)
	}
}

// What the generated literal saves on every run: Default against parsing
// the same catalog from YAML.
func BenchmarkEmbeddedCatalog(b *testing.B) {
	b.Run("Default (generated)", func(b *testing.B) {
		for b.Loop() {
			if _, err := Default(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Parse (YAML)", func(b *testing.B) {
		for b.Loop() {
			if _, err := Parse(embeddedOrigin, data.CatalogYAML); err != nil {
				b.Fatal(err)
			}
		}
	})
}
