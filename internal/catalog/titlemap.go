package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/careerpath/careerpath/internal/sheet"
)

// MaxTitlesBytes is the largest title map LoadTitles reads: some ten
// thousand titles with room to spare.
const MaxTitlesBytes = 4 << 20

// TitlesSource identifies the title map a recommendation used.
type TitlesSource struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
}

// Titles is an organisation's map from its job titles to the catalog's
// roles, loaded against one catalog.
type Titles struct {
	Source TitlesSource
	// List holds the mapped titles in file order, with their roles.
	List  []MappedTitle
	roles map[string]*Role // by Key(title)
}

// MappedTitle is one line of a title map.
type MappedTitle struct {
	Title string
	Role  *Role
}

// Find returns the role a title maps to.
func (t *Titles) Find(title string) (*Role, bool) {
	r, ok := t.roles[Key(title)]
	return r, ok
}

// TitlesError reports every problem of a title map, each at its line.
type TitlesError struct {
	File     string
	Problems []Problem
}

func (e *TitlesError) Error() string {
	if len(e.Problems) == 1 {
		return fmt.Sprintf("title map %s: %s", e.File, e.Problems[0])
	}
	var b strings.Builder
	fmt.Fprintf(&b, "title map %s is invalid (%d problems):", e.File, len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.String())
	}
	return b.String()
}

// LoadTitles reads the title map at path against cat.
func LoadTitles(path string, cat *Loaded) (*Titles, error) {
	raw, err := readTitles(path)
	if err != nil {
		return nil, &TitlesError{File: path, Problems: []Problem{{Message: err.Error()}}}
	}
	if sheet.Sniff(raw) == sheet.Text {
		return ParseTitles(path, raw, cat)
	}
	// A workbook: its first sheet is read as CSV, each line its row.
	text, err := titlesFromWorkbook(raw)
	if err != nil {
		return nil, &TitlesError{File: path, Problems: []Problem{{Message: err.Error()}}}
	}
	t, err := ParseTitles(path, text, cat)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	t.Source.SHA256 = hex.EncodeToString(sum[:]) // the file's, as for CSV
	return t, nil
}

// titlesFromWorkbook is the first sheet of a workbook title map as CSV.
func titlesFromWorkbook(raw []byte) ([]byte, error) {
	if sheet.Sniff(raw) == sheet.OLE {
		return nil, sheet.ErrOLE
	}
	return sheet.ToCSV(raw, "")
}

func readTitles(path string) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("no such file; check the path, or start one with `careerpath titles suggest STAFF.csv > titles.csv`")
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && !info.Mode().IsRegular() {
		return nil, errors.New("is not a regular file; give the title map's CSV file")
	}
	raw, err := io.ReadAll(io.LimitReader(f, MaxTitlesBytes+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > MaxTitlesBytes {
		return nil, fmt.Errorf("is larger than %d MiB; a title map is a small CSV file, check that this is the right one", MaxTitlesBytes>>20)
	}
	return raw, nil
}

// ParseTitles reads a title map: CSV with a header naming a title and a
// role column (other columns are ignored), a role by id, name or alias of
// cat. A line with an empty role is not mapped yet and is skipped, so that
// the output of `titles suggest` can be used as it is reviewed. Every
// problem is reported at once, at its line.
func ParseTitles(origin string, raw []byte, cat *Loaded) (*Titles, error) {
	sum := sha256.Sum256(raw)
	t := &Titles{Source: TitlesSource{Name: filepath.Base(origin), SHA256: hex.EncodeToString(sum[:])}, roles: map[string]*Role{}}
	p := &titlesParser{cat: cat, titles: t, lineOf: map[string]int{}}
	p.parse(bytes.TrimPrefix(raw, []byte(utf8BOM)))
	if len(p.problems) > 0 {
		return nil, &TitlesError{File: origin, Problems: p.problems}
	}
	return t, nil
}

const utf8BOM = "\xef\xbb\xbf"

type titlesParser struct {
	cat      *Loaded
	titles   *Titles
	lineOf   map[string]int // the line each title key is mapped on
	problems []Problem
}

func (p *titlesParser) add(line int, format string, args ...any) {
	path := ""
	if line > 0 {
		path = fmt.Sprintf("line %d", line)
	}
	p.problems = append(p.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

func (p *titlesParser) parse(raw []byte) {
	r := csv.NewReader(bytes.NewReader(raw))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		p.add(0, "the file is empty; give a header row `title,role` and one line per title")
		return
	}
	if err != nil {
		p.add(csvLine(err), "%v; fix the quoting", csvCause(err))
		return
	}
	titleAt, roleAt := p.columns(header)
	if titleAt < 0 || roleAt < 0 {
		return
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			p.add(csvLine(err), "%v; fix the quoting", csvCause(err))
			continue
		}
		line, _ := r.FieldPos(0)
		if len(rec) <= max(titleAt, roleAt) {
			p.add(line, "has %d %s and the title and role are in columns %d and %d; add the missing cells", len(rec), plural(len(rec), "field"), titleAt+1, roleAt+1)
			continue
		}
		p.entry(line, rec[titleAt], rec[roleAt])
	}
}

// columns finds the title and role columns, or -1 after adding a problem.
func (p *titlesParser) columns(header []string) (titleAt, roleAt int) {
	titleAt, roleAt = -1, -1
	for i, h := range header {
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "title":
			if titleAt < 0 {
				titleAt = i
			}
		case "role":
			if roleAt < 0 {
				roleAt = i
			}
		}
	}
	for _, c := range []struct {
		name string
		at   int
	}{{"title", titleAt}, {"role", roleAt}} {
		if c.at < 0 {
			p.add(1, "no %s column: the header is %q; the first line must name the columns title and role, such as title,role", c.name, strings.Join(header, ","))
		}
	}
	return titleAt, roleAt
}

func (p *titlesParser) entry(line int, title, roleAnswer string) {
	key := Key(title)
	if key == "" {
		p.add(line, "the title is empty; give the title as the staff list spells it, or delete the line")
		return
	}
	if strings.TrimSpace(roleAnswer) == "" {
		return // not mapped yet
	}
	role, ok := p.cat.FindRole(roleAnswer)
	if !ok {
		p.add(line, "unknown role %q for title %q; use a role id, name or alias of the catalog: %s", roleAnswer, title, p.roleNames())
		return
	}
	if first, seen := p.lineOf[key]; seen {
		if prev := p.titles.roles[key]; prev != role {
			p.add(line, "title %q is mapped to %s here and to %s on line %d; keep one of the lines", title, role.Name, prev.Name, first)
		}
		return
	}
	p.lineOf[key] = line
	p.titles.roles[key] = role
	p.titles.List = append(p.titles.List, MappedTitle{Title: strings.TrimSpace(title), Role: role})
}

func (p *titlesParser) roleNames() string {
	names := make([]string, len(p.cat.Roles))
	for i, r := range p.cat.Roles {
		names[i] = r.Name
	}
	return strings.Join(names, ", ")
}

func csvLine(err error) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Line
	}
	return 0
}

func csvCause(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
