package catalog

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/careerpath/careerpath/data"
)

// embeddedOrigin names the embedded catalog in errors.
const embeddedOrigin = "(embedded)"

// Default returns the embedded catalog. It is read from the binary form
// `go generate ./data` makes of data/catalog.yaml (EmbeddedForm, read by
// readForm without reflection): parsing and validating the YAML at every
// run cost most of a run's own start-up. It is not validated again here:
// a test checks that Default gives exactly what Parse gives for the YAML,
// validation included. The Source's sha256 is still that of the YAML
// file, which is what ships and what `catalog export` prints.
func Default() (*Loaded, error) {
	c, err := readForm(data.CatalogForm)
	if err != nil {
		return nil, &Error{Origin: embeddedOrigin, Problems: []Problem{{Message: err.Error()}}}
	}
	sum := sha256.Sum256(data.CatalogYAML)
	return &Loaded{
		Catalog: c,
		Source:  Source{Name: c.Name, Version: c.Version, SHA256: hex.EncodeToString(sum[:])},
		index:   buildIndex(c),
	}, nil
}

// EmbeddedForm is the build-time form of a loaded catalog, which Default
// reads back (see form.go for its layout).
func EmbeddedForm(cat *Loaded) []byte {
	return appendForm(nil, cat.Catalog)
}
