package cmdutil

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
)

// checkConfigShape refuses what viper reads without a word but would not
// be the file's meaning: a list or a map where a setting takes one value
// (viper reads catalog: [a.json] as no catalog at all), one key written
// twice in different case (viper keeps the last), and a second YAML
// document (viper reads the first only). raw has been read by viper, so
// it parses.
func checkConfigShape(raw []byte, kind string) error {
	decoder, err := viper.NewCodecRegistry().Decoder(kind)
	if err != nil {
		return err
	}
	values := map[string]any{}
	if err := decoder.Decode(raw, values); err != nil {
		return err
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	seen := map[string]string{}
	for _, k := range keys {
		if first, ok := seen[strings.ToLower(k)]; ok {
			return fmt.Errorf("keys %q and %q are one key (keys ignore case), given twice; keep one", first, k)
		}
		seen[strings.ToLower(k)] = k
		switch values[k].(type) {
		case []any:
			return fmt.Errorf("key %q holds a list, but takes one value; give it one", k)
		case map[string]any:
			return fmt.Errorf("key %q holds a map, but takes one value; give it one", k)
		}
	}
	if kind == "yaml" {
		return oneYAMLDocument(raw)
	}
	return nil
}

// oneYAMLDocument refuses a YAML file with a second document that holds
// anything, naming its keys, which would be ignored; a lone trailing ---
// is harmless.
func oneYAMLDocument(raw []byte) error {
	d := yaml.NewDecoder(bytes.NewReader(raw))
	var first, second yaml.Node
	if err := d.Decode(&first); err != nil {
		return nil // an empty file; viper has read it
	}
	err := d.Decode(&second)
	if errors.Is(err, io.EOF) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("a second YAML document: %v", err)
	}
	if len(second.Content) == 0 || second.Content[0].Tag == "!!null" {
		return nil
	}
	what := "a value"
	if m := second.Content[0]; m.Kind == yaml.MappingNode {
		var keys []string
		for i := 0; i+1 < len(m.Content); i += 2 {
			keys = append(keys, fmt.Sprintf("%q", m.Content[i].Value))
		}
		what = "the key " + strings.Join(keys, ", ")
		if len(keys) > 1 {
			what = "the keys " + strings.Join(keys, ", ")
		}
	}
	return fmt.Errorf("a second YAML document (after ---) sets %s on line %d; careerpath reads one document, so move what it sets into the first and delete the ---",
		what, second.Content[0].Line)
}
