package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"math/rand"
	"os"
	"reflect"
	"testing"
	"testing/quick"

	"github.com/careerpath/careerpath/data"
)

// The build-time form cannot drift from catalog.yaml: it is byte for byte
// what the generator makes of the YAML today, and Default reads it back
// to exactly what parsing and validating the YAML gives.
func TestEmbeddedFormMatchesCatalogYAML(t *testing.T) {
	fromYAML, err := Parse(embeddedOrigin, data.CatalogYAML)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal([]byte(data.CatalogForm), EmbeddedForm(fromYAML)) {
		t.Fatal("data/catalog.gen.bin is not the build-time form of data/catalog.yaml; run `go generate ./data`")
	}
	got, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, fromYAML) {
		t.Fatalf("Default() differs from parsing catalog.yaml:\n%+v\n%+v", got, fromYAML)
	}
}

// Every field of every catalog type survives the form, so a field added
// to a type but not to form.go fails here even while catalog.yaml leaves
// it empty; so do nil and empty lists, which parsing tells apart.
func TestFormKeepsEveryField(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	catalogs := []*Catalog{{}, {Levels: []Level{{Capabilities: []string{}}}, Roles: []Role{}, Policy: CatalogPolicy{TitleWords: []string{}}}}
	for range 20 {
		v, ok := quick.Value(reflect.TypeFor[Catalog](), rnd)
		if !ok {
			t.Fatal("quick.Value cannot make a Catalog")
		}
		c := v.Interface().(Catalog)
		catalogs = append(catalogs, &c)
	}
	for i, c := range catalogs {
		got, err := readForm(string(appendForm(nil, c)))
		if err != nil {
			t.Fatalf("catalog %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, c) {
			t.Fatalf("catalog %d changed through the form:\n%+v\n%+v", i, got, c)
		}
	}
}

// A garbled form is an error, never a panic or a huge allocation; what is
// accepted is exactly the form of what was read (one encoding per value).
// The seeds are small: with the whole embedded form as a seed the fuzzer
// ran a few inputs a second.
func FuzzReadForm(f *testing.F) {
	cat, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	// One of everything from the embedded catalog.
	small := Catalog{Name: cat.Name, Version: cat.Version, Programme: cat.Programme,
		Levels: cat.Levels[:1], Accountability: cat.Accountability[:1], Roles: cat.Roles[:1],
		Directions: cat.Directions[:1], CareerGrowth: cat.CareerGrowth[:1], Providers: cat.Providers[:1],
		Policy: cat.Policy}
	f.Add(appendForm(nil, &small))
	f.Add([]byte(formMagic + "\x80\x00"))
	f.Add([]byte(formMagic + "\x01a\x00\x00\x00\x00\x00\xff\xff\xff\xff\x0f"))
	f.Add(appendForm(nil, &Catalog{Levels: []Level{{Order: -3, Policy: LevelPolicy{MinYears: 2.5}}}}))
	f.Fuzz(func(t *testing.T, raw []byte) {
		c, err := readForm(string(raw))
		if err != nil {
			if err != errForm {
				t.Fatalf("error %v", err)
			}
			return
		}
		if again := appendForm(nil, c); !bytes.Equal(again, raw) {
			t.Fatalf("read %q, which writes as %q", raw, again)
		}
	})
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
	b.Run("Default (build-time form)", func(b *testing.B) {
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
