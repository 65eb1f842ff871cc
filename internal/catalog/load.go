package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"go.yaml.in/yaml/v3"

	"github.com/careerpath/careerpath/internal/jsonkeys"
)

// Limits that keep a hostile catalog file from costing more than a moment
// and a few megabytes. A real catalog is tens of kilobytes.
const (
	// MaxFileBytes is the largest catalog file LoadFile reads.
	MaxFileBytes = 1 << 20
	// maxNodes bounds the YAML nodes a catalog may hold once every alias is
	// expanded, so an alias bomb ("billion laughs") is refused before
	// decoding rather than after it has taken the memory.
	maxNodes = 1 << 20
	// MaxExpandedBytes bounds the scalar text a catalog holds once every
	// alias is expanded: one long anchored string repeated by aliases
	// passes the node count yet makes every output it reaches huge.
	MaxExpandedBytes = 4 * MaxFileBytes
)

// Source identifies the bytes a catalog was loaded from, so that every
// recommendation can be traced to the policy that made it.
type Source struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	SHA256  string `json:"sha256"`
	// Titles is the title map the recommendation used, if any.
	Titles *TitlesSource `json:"titles,omitempty"`
}

// Loaded is a decoded, validated catalog with the indexes the advisor uses.
type Loaded struct {
	*Catalog
	Source Source
	index
}

// LoadFile reads, decodes and validates the catalog file at path. Every
// failure is an *Error naming the file.
func LoadFile(path string) (*Loaded, error) {
	raw, err := readFile(path)
	if err != nil {
		return nil, &Error{Origin: path, Problems: []Problem{{Message: err.Error()}}}
	}
	return Parse(path, raw)
}

func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("no such file; check the path, or run `careerpath catalog export > catalog.yaml` to start one")
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, errors.New("is a directory; give the catalog file inside it")
	}
	// Read one byte past the limit to tell "at the limit" from "over it"
	// without trusting the size Stat reports (a pipe or /dev/zero has none).
	raw, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > MaxFileBytes {
		return nil, fmt.Errorf("is larger than %d MiB; a catalog is a small text file, check that this is the right one", MaxFileBytes>>20)
	}
	return raw, nil
}

// Parse decodes a YAML or JSON catalog strictly (unknown keys, duplicate
// keys and trailing documents are errors) and validates it. origin names
// the bytes in errors. A document whose first character is '{' is read as
// JSON, since YAML parsers do not accept all of JSON (surrogate-pair
// escapes, for one).
func Parse(origin string, raw []byte) (*Loaded, error) {
	var c Catalog
	decode := decodeYAML
	if isJSON(raw) {
		decode = decodeJSON
	}
	if problems := decode(raw, &c); len(problems) > 0 {
		return nil, &Error{Origin: origin, Problems: problems}
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

const emptyMessage = "the catalog is empty; start from the output of `careerpath catalog export`"

func isJSON(raw []byte) bool {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(trimmed) > 0 && trimmed[0] == '{'
}

// problem is a Problem without a path, for what concerns the whole file.
func problem(format string, args ...any) []Problem {
	return []Problem{{Message: fmt.Sprintf(format, args...)}}
}

// decodeYAML checks the document's shape as a node tree (one document, no
// alias bomb, no unknown key) before the strict decode into c.
func decodeYAML(raw []byte, c *Catalog) []Problem {
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return problem(emptyMessage)
		}
		return problem("not a YAML or JSON catalog: %s", syntaxMessage(raw, err))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return problem("the file holds more than one YAML document; keep one catalog per file")
	}
	if len(doc.Content) == 0 {
		return problem(emptyMessage)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return problem("line %d: not a catalog: expected keys such as name, version and levels; start from `careerpath catalog export`", root.Line)
	}
	if err := checkExpansion(&doc); err != nil {
		return problem("%s", err)
	}
	if problems := unknownKeys(root); len(problems) > 0 {
		return problems
	}
	strict := yaml.NewDecoder(bytes.NewReader(raw))
	strict.KnownFields(true)
	if err := strict.Decode(c); err != nil {
		return typeProblems(root, err)
	}
	return nil
}

// checkExpansion measures the document as it is once aliases are
// expanded, without expanding them: each node's values and scalar bytes
// are computed once.
func checkExpansion(doc *yaml.Node) error {
	type extent struct{ nodes, bytes int }
	inProgress := extent{-1, -1}
	sizes := map[*yaml.Node]extent{}
	var size func(n *yaml.Node) (extent, error)
	size = func(n *yaml.Node) (extent, error) {
		if s, ok := sizes[n]; ok {
			if s == inProgress {
				return extent{}, fmt.Errorf("line %d: an alias refers to the node that contains it; remove the alias", n.Line)
			}
			return s, nil
		}
		sizes[n] = inProgress
		total := extent{nodes: 1}
		children := n.Content
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			children = []*yaml.Node{n.Alias}
		} else if n.Kind == yaml.ScalarNode {
			total.bytes = len(n.Value)
		}
		for _, child := range children {
			s, err := size(child)
			if err != nil {
				return extent{}, err
			}
			total.nodes += s.nodes
			total.bytes += s.bytes
			if total.nodes > maxNodes {
				return extent{}, fmt.Errorf("line %d: YAML aliases expand to more than %d values; a catalog needs no more than a few thousand, so expand or remove the aliases", n.Line, maxNodes)
			}
			if total.bytes > MaxExpandedBytes {
				return extent{}, fmt.Errorf("line %d: YAML aliases expand to more than %d MiB of text; a catalog holds tens of kilobytes, so expand or remove the aliases", n.Line, MaxExpandedBytes>>20)
			}
		}
		sizes[n] = total
		return total, nil
	}
	_, err := size(doc)
	return err
}

// decodeJSON decodes a JSON catalog strictly; errors say on which line.
func decodeJSON(raw []byte, c *Catalog) []Problem {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	var problems []Problem
	for _, d := range jsonkeys.Duplicates(raw) {
		problems = append(problems, Problem{Path: joinPath(d.Path, d.Key), Message: d.String()})
	}
	// YAML reads most JSON with line numbers, which finds every unknown
	// key at once; the JSON decoder below reports only the first.
	var doc yaml.Node
	parsed := yaml.Unmarshal(raw, &doc) == nil && len(doc.Content) > 0
	if parsed {
		problems = append(problems, unknownKeys(doc.Content[0])...)
	}
	if len(problems) > 0 {
		return problems
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(c); err != nil {
		// Only syntax and type errors know where they are; an unknown
		// field's message names the field instead.
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntax):
			return problem("line %d: %s", lineAt(raw, syntax.Offset), err)
		case errors.As(err, &typ):
			line, path := lineAt(raw, typ.Offset), typ.Field // such as levels.order, without the index
			if parsed {
				path = pathsByLine(doc.Content[0])[line]
			}
			return []Problem{{Path: path, Message: fmt.Sprintf("line %d: a JSON %s is given where %s is needed", line, typ.Value, typeName(typ.Type))}}
		case errors.Is(err, io.ErrUnexpectedEOF):
			return problem("the JSON ends in the middle of a value")
		default:
			return problem("%s", err)
		}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return problem("line %d: unexpected text after the catalog object; keep one catalog per file", lineAt(raw, dec.InputOffset()))
	}
	return nil
}

func lineAt(raw []byte, offset int64) int {
	offset = min(max(offset, 0), int64(len(raw)))
	return bytes.Count(raw[:offset], []byte("\n")) + 1
}
