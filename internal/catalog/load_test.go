package catalog

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/data"
)

func writeFile(t *testing.T, name string, raw []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadFileYAMLAndJSON(t *testing.T) {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	fromYAML, err := LoadFile(writeFile(t, "catalog.yaml", data.CatalogYAML))
	if err != nil {
		t.Fatal(err)
	}
	if fromYAML.Source != def.Source {
		t.Errorf("source %+v, want %+v", fromYAML.Source, def.Source)
	}
	// Tab-indented JSON with a surrogate-pair escape, which YAML parsers reject.
	c := *def.Catalog
	c.Name = "Ladder \U0001F680"
	raw, err := json.MarshalIndent(c, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	raw = []byte(strings.Replace(string(raw), "Ladder \U0001F680", `Ladder \ud83d\ude80`, 1))
	fromJSON, err := LoadFile(writeFile(t, "catalog.json", raw))
	if err != nil {
		t.Fatal(err)
	}
	if fromJSON.Name != c.Name || len(fromJSON.Roles) != len(def.Roles) {
		t.Errorf("JSON catalog: name %q, %d roles", fromJSON.Name, len(fromJSON.Roles))
	}
}

func TestJSONCatalogIsStrict(t *testing.T) {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.MarshalIndent(def.Catalog, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		raw  string
		want []string
	}{
		"unknown key": {strings.Replace(string(raw), `"version"`, `"versoin": "x", "version"`, 1), []string{"versoin: line 3: unknown key"}},
		"two unknown keys": {strings.Replace(strings.Replace(string(raw), `"version"`, `"versoin": "x", "version"`, 1), `"min_years"`, `"min_year": 1, "min_years"`, 1),
			[]string{"versoin: line 3: unknown key", "levels[0].policy.min_year: line "}},
		"duplicate key":    {strings.Replace(string(raw), `"version"`, `"name": "x", "version"`, 1), []string{`name: line 3: key "name" is given twice (first on line 2); keep one`}},
		"nested duplicate": {strings.Replace(string(raw), `"min_years"`, `"min_years": 1, "min_years"`, 1), []string{`levels[0].policy.min_years: line `, `is given twice in levels[0].policy`}},
		"wrong type":       {strings.Replace(string(raw), `"order": 2`, `"order": "two"`, 1), []string{"levels[1].order: line ", "a JSON string is given where a whole number is needed"}},
		"truncated":        {string(raw[:len(raw)/2]), []string{"ends in the middle"}},
		"trailing":         {string(raw) + "{}", []string{"unexpected text after the catalog"}},
		"syntax error":     {strings.Replace(string(raw), `"name": "Certified DevOps Manager",`, `"name": "Certified DevOps Manager"`, 1), []string{"line 3", "invalid character"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("x.json", []byte(c.raw))
			for _, w := range c.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("err = %v, want it to contain %q", err, w)
				}
			}
		})
	}
}

// Hostile files fail fast with a clear *Error, never a crash or a large
// allocation.
func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()

	for name, c := range map[string]struct {
		path string
		want string
	}{
		"alias bomb":          {writeFile(t, "bomb.yaml", aliasBomb("a: &a [x, x, x, x, x, x, x, x, x, x]\n", "")), "aliases expand to more than"},
		"alias bomb in field": {writeFile(t, "bomb2.yaml", aliasBomb("", "levels:\n  - capabilities: *i\n")), "aliases expand to more than"},
		"text amplified":      {writeFile(t, "amplified.yaml", textBomb(100_000, 50)), "more than 4 MiB of text"},
		"self alias":          {writeFile(t, "self.yaml", []byte("name: &a [1, *a]\n")), "refers to the node that contains it"},
		"50 MB":               {huge, "larger than 1 MiB"},
		"not YAML":            {writeFile(t, "png.yaml", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")), "not a YAML or JSON catalog"},
		"plain text":          {writeFile(t, "notes.yaml", []byte("just some notes\n")), "not a catalog"},
		"a directory":         {dir, "is a directory"},
		"missing":             {filepath.Join(dir, "nope.yaml"), "no such file"},
		"empty":               {writeFile(t, "empty.yaml", []byte("# nothing\n")), "the catalog is empty"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := LoadFile(c.path)
			var cerr *Error
			if !errors.As(err, &cerr) {
				t.Fatalf("err = %v, want a *catalog.Error", err)
			}
			if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.path) {
				t.Errorf("err = %v, want it to name the file and say %q", err, c.want)
			}
		})
	}
}

// aliasBomb builds nine levels of ten aliases each (10^9 values once
// expanded) in a few hundred bytes, then appends use.
func aliasBomb(first, use string) []byte {
	var b strings.Builder
	b.WriteString("bomb:\n")
	prev := "a"
	if first == "" {
		b.WriteString("  - &a [x, x, x, x, x, x, x, x, x, x]\n")
	} else {
		b.WriteString("  - " + strings.TrimPrefix(first, "a: "))
	}
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString("  - &" + name + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n")
		prev = name
	}
	b.WriteString(use)
	return []byte(b.String())
}

// textBomb anchors one string of size bytes and repeats it uses times by
// alias: few values, but size*uses bytes of text once expanded.
func textBomb(size, uses int) []byte {
	var b strings.Builder
	b.WriteString("name: &s " + strings.Repeat("x", size) + "\nlevels:\n  - capabilities: [")
	b.WriteString(strings.TrimSuffix(strings.Repeat("*s, ", uses), ", "))
	b.WriteString("]\n")
	return []byte(b.String())
}
