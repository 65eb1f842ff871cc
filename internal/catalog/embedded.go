package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/careerpath/careerpath/data"
)

// embeddedOrigin names the embedded catalog in errors.
const embeddedOrigin = "(embedded)"

// Default returns the embedded catalog. It is decoded from the JSON form
// `go generate ./data` makes of data/catalog.yaml (EmbeddedForm): parsing
// and validating the YAML cost most of a run's start-up. It is not
// validated again here: a test checks that Default gives exactly what
// Parse gives for the YAML, validation included. The Source's sha256 is
// still that of the YAML file, which is what ships and what `catalog
// export` prints.
func Default() (*Loaded, error) {
	var c Catalog
	if err := json.Unmarshal(data.CatalogGenJSON, &c); err != nil {
		return nil, &Error{Origin: embeddedOrigin, Problems: []Problem{{Message: err.Error()}}}
	}
	sum := sha256.Sum256(data.CatalogYAML)
	return &Loaded{
		Catalog: &c,
		Source:  Source{Name: c.Name, Version: c.Version, SHA256: hex.EncodeToString(sum[:])},
		index:   buildIndex(&c),
	}, nil
}

// EmbeddedForm is the build-time form of a loaded catalog: compact JSON of
// its decoded fields, which Default decodes strictly.
func EmbeddedForm(cat *Loaded) ([]byte, error) {
	raw, err := json.Marshal(cat.Catalog)
	if err != nil {
		return nil, err
	}
	return append(raw, '\n'), nil
}
