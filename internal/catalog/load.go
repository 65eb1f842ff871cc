package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"

	"go.yaml.in/yaml/v3"
)

// Source identifies the bytes a catalog was loaded from, so that every
// recommendation can be traced to the policy that made it.
type Source struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	SHA256  string `json:"sha256"`
}

// Loaded is a decoded, validated catalog with the indexes the advisor uses.
type Loaded struct {
	*Catalog
	Source Source
	index
}

// Parse decodes a YAML or JSON catalog strictly (unknown keys and trailing
// documents are errors) and validates it. origin names the bytes in errors.
func Parse(origin string, raw []byte) (*Loaded, error) {
	var c Catalog
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Error{Origin: origin, Problems: []Problem{{Message: "the catalog is empty; start from the output of `careerpath catalog export`"}}}
		}
		return nil, &Error{Origin: origin, Problems: []Problem{{Message: yamlMessage(err)}}}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, &Error{Origin: origin, Problems: []Problem{{Message: "the file holds more than one YAML document; keep one catalog per file"}}}
	}
	if problems := Validate(&c); len(problems) > 0 {
		return nil, &Error{Origin: origin, Problems: problems}
	}
	sum := sha256.Sum256(raw)
	return &Loaded{
		Catalog: &c,
		Source:  Source{Name: c.Name, Version: c.Version, SHA256: hex.EncodeToString(sum[:])},
		index:   buildIndex(&c),
	}, nil
}

func yamlMessage(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return joinLines(te.Errors)
	}
	return err.Error()
}

func joinLines(lines []string) string {
	var b bytes.Buffer
	for i, l := range lines {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(l)
	}
	return b.String()
}
