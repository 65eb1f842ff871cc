// Package jsonkeys finds keys that occur twice in one JSON object, which
// encoding/json accepts silently (the last one wins), so that JSON files
// are refused alike YAML ones, whose parser rejects them.
package jsonkeys

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Duplicate is a key given twice in one object.
type Duplicate struct {
	// Path is where the object is, such as levels[2].policy; empty for the
	// top-level object.
	Path      string
	Key       string
	Line      int // where the second one is
	FirstLine int
}

func (d Duplicate) String() string {
	where := ""
	if d.Path != "" {
		where = " in " + d.Path
	}
	return fmt.Sprintf("line %d: key %q is given twice%s (first on line %d); keep one", d.Line, d.Key, where, d.FirstLine)
}

// Duplicates lists every duplicate key in raw, in file order. Malformed
// JSON yields what was found before the error: the decoder that reads the
// file reports the syntax error itself.
func Duplicates(raw []byte) []Duplicate {
	s := &scan{raw: raw, dec: json.NewDecoder(bytes.NewReader(raw))}
	s.dec.UseNumber()
	_ = s.value("")
	return s.found
}

type scan struct {
	raw   []byte
	dec   *json.Decoder
	found []Duplicate
}

func (s *scan) line() int {
	return bytes.Count(s.raw[:min(s.dec.InputOffset(), int64(len(s.raw)))], []byte("\n")) + 1
}

func (s *scan) value(path string) error {
	tok, err := s.dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		return s.object(path)
	case json.Delim('['):
		for i := 0; s.dec.More(); i++ {
			if err := s.value(path + "[" + strconv.Itoa(i) + "]"); err != nil {
				return err
			}
		}
		_, err = s.dec.Token()
		return err
	}
	return nil
}

func (s *scan) object(path string) error {
	seen := map[string]int{}
	for s.dec.More() {
		tok, err := s.dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		line := s.line()
		if first, dup := seen[key]; dup {
			s.found = append(s.found, Duplicate{Path: path, Key: key, Line: line, FirstLine: first})
		} else {
			seen[key] = line
		}
		child := key
		if path != "" {
			child = path + "." + key
		}
		if err := s.value(child); err != nil {
			return err
		}
	}
	_, err := s.dec.Token()
	return err
}
