package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// The schema files under schema/ are the sources: one may refer to
// another's definitions by file name ("recommendation.schema.json#/$defs/
// plan"), so that each definition is written once. What `careerpath schema`
// publishes is one standalone document per name: bundle copies every
// definition a schema reaches in another file into its own $defs, under
// "FILE.NAME" ("recommendation.plan"), and points the references there, so
// that any 2020-12 validator can use it offline with nothing preloaded.
//
// Bundling happens when a schema is asked for, not at build time, so that
// the repository holds one copy of each definition and nothing generated
// can fall out of step with the sources; it takes microseconds and only
// `careerpath schema` and the tests ask.

// bundle returns the named schema with the definitions it takes from other
// schema files copied into its $defs.
func bundle(name string) ([]byte, error) {
	return bundleFrom(name, func(name string) ([]byte, error) {
		if !isSchemaName(name) {
			return nil, fmt.Errorf("unknown schema %q; use one of: %s", name, strings.Join(SchemaNames(), ", "))
		}
		return schemas.ReadFile("schema/" + SchemaFile(name))
	})
}

// bundleFrom bundles the schema name, reading sources with read.
func bundleFrom(name string, read func(name string) ([]byte, error)) ([]byte, error) {
	root, err := decodeSource(name, read)
	if err != nil {
		return nil, err
	}
	b := bundler{root: name, read: read, sources: map[string]object{name: root}, copied: map[string]bool{}}
	if err := b.rewrite(root, name); err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	if len(b.defs) > 0 {
		defs, _ := root.get("$defs").(object)
		for _, d := range b.defs {
			if defs.get(d.key) != nil {
				return nil, fmt.Errorf("schema %s: its own $defs/%s has the name a bundled definition takes; rename it", name, d.key)
			}
		}
		root = root.set("$defs", append(defs, b.defs...))
	}
	var out bytes.Buffer
	if err := writeJSON(&out, root, ""); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// bundler collects, for one published schema (root), the definitions it
// copies from other sources.
type bundler struct {
	root    string
	read    func(name string) ([]byte, error)
	sources map[string]object
	// copied holds the bundled names ("recommendation.plan") already in defs.
	copied map[string]bool
	defs   object
}

// rewrite points every $ref in node, which comes from the source named
// from, at a definition of the bundled document, copying the definitions
// it needs.
func (b *bundler) rewrite(node any, from string) error {
	switch n := node.(type) {
	case object:
		for i, m := range n {
			ref, isRef := m.value.(string)
			if m.key != "$ref" || !isRef {
				if err := b.rewrite(m.value, from); err != nil {
					return err
				}
				continue
			}
			local, err := b.reference(ref, from)
			if err != nil {
				return err
			}
			n[i].value = local
		}
	case []any:
		for _, v := range n {
			if err := b.rewrite(v, from); err != nil {
				return err
			}
		}
	}
	return nil
}

// reference turns ref, written in the source named from, into a reference
// within the bundled document. Only whole definitions may be referred to
// ("#/$defs/NAME" or "FILE#/$defs/NAME"), which keeps the bundled names flat.
func (b *bundler) reference(ref, from string) (string, error) {
	file, pointer, _ := strings.Cut(ref, "#")
	def, ok := strings.CutPrefix(pointer, "/$defs/")
	if !ok || def == "" || strings.Contains(def, "/") {
		return "", fmt.Errorf("$ref %q: refer to a whole definition, as \"#/$defs/NAME\" or \"FILE#/$defs/NAME\"", ref)
	}
	source := from
	if file != "" {
		name, ok := strings.CutSuffix(file, ".schema.json")
		if !ok || name == "" {
			return "", fmt.Errorf("$ref %q: %q is not a schema file; name one as NAME.schema.json", ref, file)
		}
		source = name
	}
	if source == b.root {
		return "#/$defs/" + def, nil
	}
	bundled := source + "." + def
	if err := b.copyDef(source, def, bundled); err != nil {
		return "", fmt.Errorf("$ref %q: %w", ref, err)
	}
	return "#/$defs/" + bundled, nil
}

// copyDef copies definition def of source into the bundle as bundled,
// with the definitions it refers to in turn.
func (b *bundler) copyDef(source, def, bundled string) error {
	if b.copied[bundled] {
		return nil
	}
	doc, ok := b.sources[source]
	if !ok {
		var err error
		if doc, err = decodeSource(source, b.read); err != nil {
			return err
		}
		b.sources[source] = doc
	}
	defs, _ := doc.get("$defs").(object)
	schema := defs.get(def)
	if schema == nil {
		return fmt.Errorf("%s.schema.json has no $defs/%s", source, def)
	}
	b.copied[bundled] = true
	copied := deepCopy(schema)
	b.defs = append(b.defs, member{key: bundled, value: copied})
	return b.rewrite(copied, source)
}

func isSchemaName(name string) bool { return slices.Contains(SchemaNames(), name) }

// decodeSource reads and decodes one source, keeping the order of its
// keys, so that the published document reads like its source.
func decodeSource(name string, read func(name string) ([]byte, error)) (object, error) {
	raw, err := read(name)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	v, err := readJSON(dec)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", SchemaFile(name), err)
	}
	doc, ok := v.(object)
	if !ok {
		return nil, fmt.Errorf("%s is not a JSON object", SchemaFile(name))
	}
	return doc, nil
}

// object is a JSON object with its keys in their written order.
type object []member

type member struct {
	key   string
	value any
}

func (o object) get(key string) any {
	for _, m := range o {
		if m.key == key {
			return m.value
		}
	}
	return nil
}

// set replaces key's value, or appends the key.
func (o object) set(key string, value any) object {
	for i, m := range o {
		if m.key == key {
			o[i].value = value
			return o
		}
	}
	return append(o, member{key, value})
}

func deepCopy(v any) any {
	switch n := v.(type) {
	case object:
		out := make(object, len(n))
		for i, m := range n {
			out[i] = member{m.key, deepCopy(m.value)}
		}
		return out
	case []any:
		out := make([]any, len(n))
		for i, e := range n {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}

// readJSON reads one value: object, []any, string, json.Number, bool or nil.
func readJSON(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		obj := object{}
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := readJSON(dec)
			if err != nil {
				return nil, err
			}
			obj = append(obj, member{key.(string), v})
		}
		_, err := dec.Token()
		return obj, err
	case json.Delim('['):
		arr := []any{}
		for dec.More() {
			v, err := readJSON(dec)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		_, err := dec.Token()
		return arr, err
	}
	return tok, nil
}

// writeJSON writes v indented by two spaces a level, as json.MarshalIndent
// would, but with <, > and & as they are.
func writeJSON(w *bytes.Buffer, v any, indent string) error {
	inner := indent + "  "
	switch n := v.(type) {
	case object:
		if len(n) == 0 {
			w.WriteString("{}")
			return nil
		}
		w.WriteString("{\n")
		for i, m := range n {
			w.WriteString(inner)
			if err := writeScalar(w, m.key); err != nil {
				return err
			}
			w.WriteString(": ")
			if err := writeJSON(w, m.value, inner); err != nil {
				return err
			}
			if i < len(n)-1 {
				w.WriteByte(',')
			}
			w.WriteByte('\n')
		}
		w.WriteString(indent + "}")
		return nil
	case []any:
		if len(n) == 0 {
			w.WriteString("[]")
			return nil
		}
		w.WriteString("[\n")
		for i, e := range n {
			w.WriteString(inner)
			if err := writeJSON(w, e, inner); err != nil {
				return err
			}
			if i < len(n)-1 {
				w.WriteByte(',')
			}
			w.WriteByte('\n')
		}
		w.WriteString(indent + "]")
		return nil
	}
	return writeScalar(w, v)
}

func writeScalar(w *bytes.Buffer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	w.Truncate(w.Len() - 1) // Encode's newline
	return nil
}
