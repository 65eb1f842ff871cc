package data

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func sources(files map[string]string) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		raw, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("unknown schema %q", name)
		}
		return []byte(raw), nil
	}
}

func TestBundleCopiesWhatAnotherFileDefines(t *testing.T) {
	read := sources(map[string]string{
		"a": `{"$id": "urn:a", "properties": {"x": {"$ref": "b.schema.json#/$defs/x"}, "y": {"$ref": "#/$defs/y"}}, "$defs": {"y": {"type": "string"}}}`,
		"b": `{"$defs": {"unused": {}, "x": {"items": {"$ref": "#/$defs/z"}}, "z": {"anyOf": [{"$ref": "a.schema.json#/$defs/y"}, {"$ref": "#/$defs/x"}]}}}`,
	})
	got, err := bundleFrom("a", read)
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "$id": "urn:a",
  "properties": {
    "x": {
      "$ref": "#/$defs/b.x"
    },
    "y": {
      "$ref": "#/$defs/y"
    }
  },
  "$defs": {
    "y": {
      "type": "string"
    },
    "b.x": {
      "items": {
        "$ref": "#/$defs/b.z"
      }
    },
    "b.z": {
      "anyOf": [
        {
          "$ref": "#/$defs/y"
        },
        {
          "$ref": "#/$defs/b.x"
        }
      ]
    }
  }
}
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestBundleRefusesWhatItCannotBundle(t *testing.T) {
	for ref, want := range map[string]string{
		"b.schema.json#/$defs/x/properties/p": "refer to a whole definition",
		"b.schema.json":                       "refer to a whole definition",
		"https://example.com/b.json#/$defs/x": "is not a schema file",
		"c.schema.json#/$defs/x":              `unknown schema "c"`,
		"b.schema.json#/$defs/missing":        "b.schema.json has no $defs/missing",
		"b.schema.json#/$defs/x":              "its own $defs/b.x has the name a bundled definition takes",
	} {
		read := sources(map[string]string{
			"a": fmt.Sprintf(`{"$ref": %q, "$defs": {"b.x": {}}}`, ref),
			"b": `{"$defs": {"x": {}}}`,
		})
		if _, err := bundleFrom("a", read); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("$ref %q: error %v, want one saying %q", ref, err, want)
		}
	}
}

// Every published schema stands alone: each $ref points into the document
// itself, at a definition it has.
func TestPublishedSchemasReferToNothingOutside(t *testing.T) {
	for _, name := range SchemaNames() {
		raw, err := Schema(name)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Defs map[string]json.RawMessage `json:"$defs"`
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var refs int
		for _, line := range strings.Split(string(raw), "\n") {
			_, ref, ok := strings.Cut(line, `"$ref": "`)
			if !ok {
				continue
			}
			refs++
			ref, _, _ = strings.Cut(ref, `"`)
			def, ok := strings.CutPrefix(ref, "#/$defs/")
			if _, defined := doc.Defs[def]; !ok || !defined {
				t.Errorf("%s: $ref %q is not one of its own definitions", name, ref)
			}
		}
		if refs == 0 {
			t.Errorf("%s: no $ref found; the check looked at nothing", name)
		}
	}
}

// A schema that takes nothing from another file is published as written.
func TestSelfContainedSourcesArePublishedAsWritten(t *testing.T) {
	for _, name := range []string{RecommendationSchema, CatalogSchema} {
		published, err := Schema(name)
		if err != nil {
			t.Fatal(err)
		}
		source, err := schemas.ReadFile("schema/" + SchemaFile(name))
		if err != nil {
			t.Fatal(err)
		}
		if string(published) != string(source) {
			t.Errorf("%s: the published schema differs from its source", name)
		}
	}
}
