package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"reflect"
	"testing"

	"github.com/careerpath/careerpath/data"
)

// The build-time JSON form cannot drift from catalog.yaml: it is byte for
// byte what the generator makes of the YAML today, and Default decodes it
// to exactly what parsing the YAML gives.
func TestEmbeddedFormMatchesCatalogYAML(t *testing.T) {
	fromYAML, err := Parse(embeddedOrigin, data.CatalogYAML)
	if err != nil {
		t.Fatal(err)
	}
	want, err := EmbeddedForm(fromYAML)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data.CatalogGenJSON, want) {
		t.Fatal("data/catalog.gen.json is not the build-time form of data/catalog.yaml; run `go generate ./data`")
	}
	got, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, fromYAML) {
		t.Fatalf("Default() differs from parsing catalog.yaml:\n%+v\n%+v", got, fromYAML)
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

// What the build-time form saves on every run: Default against parsing
// the same catalog from YAML.
func BenchmarkEmbeddedCatalog(b *testing.B) {
	b.Run("Default (build-time JSON)", func(b *testing.B) {
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
