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
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/careerpath/careerpath/internal/sheet"
	"github.com/careerpath/careerpath/internal/text"
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
	byKey map[string]int // List's index by Key(title)
	// words are each List entry's title split by TitleWords, for matching
	// with title words added; byFirstWord indexes them by their first
	// word, which an answer must hold, so that a lookup compares the few
	// lines that can fit rather than the whole map.
	words       [][]string
	byFirstWord map[string][]int
	// accs are the accountability lines of the general form, by
	// Key(value); an empty value maps empty cells.
	accs map[string]*Accountability
	cat  *Loaded
}

// FindAccountability returns the accountability the map gives an answer
// as spelt (compared as Key compares), empty answers included.
func (t *Titles) FindAccountability(answer string) (*Accountability, bool) {
	a, ok := t.accs[Key(answer)]
	return a, ok
}

// The answer map's columns: the general form, and the title form, which
// means column=role.
const (
	MapColumnRole           = "role"
	MapColumnAccountability = "accountability"
)

// OutOfScope is the role answer of a map line that marks its title as
// outside the catalog's track.
const OutOfScope = "-"

// MappedTitle is one line of a title map.
type MappedTitle struct {
	Title string
	// Role is the title's role, nil when OutOfScope.
	Role *Role
	// OutOfScope says the title is outside the catalog's track: its rows
	// are neither advised nor rejected.
	OutOfScope bool
}

// Find returns the line whose title is the answer, compared as role
// answers are (see Key).
func (t *Titles) Find(title string) (MappedTitle, bool) {
	i, ok := t.byKey[Key(title)]
	if !ok {
		return MappedTitle{}, false
	}
	return t.List[i], true
}

// FindByTitleWords returns the line whose title the answer is with the
// catalog's title words added, wherever they stand, and any part in
// brackets of title words alone: the rule of MatchTitleWords, so that a
// line "Build Engineer" covers "Sr. Build Engineer", "Build Engineer II"
// and "Build Engineer (Contract)". The line leaving out fewest words wins; a tie between
// lines that say different things matches none. ignored are the words
// left out, as MatchTitleWords gives them.
func (t *Titles) FindByTitleWords(answer string) (m MappedTitle, ignored []string, ok bool) {
	if !strings.ContainsRune(answer, '(') && !t.cat.hasTitleWord(answer) {
		return MappedTitle{}, nil, false
	}
	words, dropped := t.cat.AnswerWords(answer)
	if len(words) == 0 {
		return MappedTitle{}, nil, false
	}
	best, tie := -1, false
	for i := range t.candidates(words) {
		left, fits := t.cat.ignoredWords(words, t.words[i])
		if !fits || (len(left) == 0 && dropped == "") {
			continue
		}
		switch {
		case best < 0 || len(left) < len(ignored):
			best, ignored, tie = i, left, false
		case len(left) == len(ignored) && !t.List[i].same(t.List[best]):
			tie = true
		}
	}
	if best < 0 || tie {
		return MappedTitle{}, nil, false
	}
	if dropped != "" {
		ignored = append(ignored, dropped)
	}
	return t.List[best], ignored, true
}

// candidates yields the lines whose first word is one of the answer's, each
// once.
func (t *Titles) candidates(words []string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for k, w := range words {
			if slices.Contains(words[:k], w) {
				continue // its lines were yielded already
			}
			for _, i := range t.byFirstWord[w] {
				if !yield(i) {
					return
				}
			}
		}
	}
}

// same reports whether two lines map to the same thing.
func (m MappedTitle) same(o MappedTitle) bool {
	return m.Role == o.Role && m.OutOfScope == o.OutOfScope
}

// answer is what a line maps to, as a message names it.
func (m MappedTitle) answer() string {
	if m.OutOfScope {
		return "out of scope (-)"
	}
	return m.Role.Name
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
	t := &Titles{Source: TitlesSource{Name: filepath.Base(origin), SHA256: hex.EncodeToString(sum[:])}, byKey: map[string]int{}, byFirstWord: map[string][]int{}, accs: map[string]*Accountability{}, cat: cat}
	p := &titlesParser{cat: cat, titles: t, lineOf: map[string]int{}, accLine: map[string]int{}}
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
	accLine  map[string]int // the line each accountability value is mapped on
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
		p.add(0, "the file is empty; give a header row `title,role` (or `column,value,answer`) and one line per answer")
		return
	}
	if err != nil {
		p.add(csvLine(err), "%v; fix the quoting%s", csvCause(err), hintSuffix(raw))
		return
	}
	cols, ok := p.columns(header, raw)
	if !ok {
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
		if last := slices.Max(cols.at[:]); len(rec) <= last {
			p.add(line, "has %d %s and the map's columns go to column %d; add the missing cells", len(rec), plural(len(rec), "field"), last+1)
			continue
		}
		column := MapColumnRole
		if cols.general {
			column = strings.ToLower(strings.TrimSpace(unguarded(rec[cols.at[0]])))
		}
		value, answer := unguarded(rec[cols.at[1]]), unguarded(rec[cols.at[2]])
		switch column {
		case MapColumnRole:
			p.entry(line, value, answer)
		case MapColumnAccountability:
			p.accountability(line, value, answer)
		default:
			p.add(line, "unknown column %q; the column is role or accountability", rec[cols.at[0]])
		}
	}
}

// mapColumns is where a map's header has its columns: column (general
// form only), then the value (title) and the answer (role).
type mapColumns struct {
	general bool
	at      [3]int // column, value, answer; column is -1 in the title form
}

// columns finds the map's form and columns in its header: column, value
// and answer (the general form), else title and role. A column named twice
// is refused, as batch refuses an ambiguous header; a header with neither
// form gets batch's hints on encodings and delimiters.
func (p *titlesParser) columns(header []string, raw []byte) (mapColumns, bool) {
	at := map[string][]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(unguarded(h)))
		at[name] = append(at[name], i+1)
	}
	form := []string{"column", "value", "answer"}
	cols := mapColumns{general: true}
	if len(at["column"])+len(at["value"])+len(at["answer"]) == 0 {
		form, cols = []string{"title", "role"}, mapColumns{at: [3]int{-1}}
	}
	ok := true
	for _, name := range form {
		if found := at[name]; len(found) > 1 {
			p.add(1, "the header names the %s column %d times (columns %s); keep one", name, len(found), joinInts(found))
			ok = false
		}
	}
	for k, name := range form {
		found := at[name]
		if len(found) == 0 {
			p.add(1, "no %s column: the header is %q; the first line must name the columns title,role, or column,value,answer for the general form%s", name, strings.Join(header, ","), hintSuffix(raw))
			return cols, false
		}
		cols.at[k+3-len(form)] = found[0] - 1
	}
	return cols, ok
}

// hintSuffix is batch's hint about a file that does not read as CSV
// text or is separated by another delimiter, as "; hint", or "".
func hintSuffix(raw []byte) string {
	sample := raw[:min(len(raw), 4096)]
	if hint := text.EncodingHint(sample, "the answer map"); hint != "" {
		return "; " + hint
	}
	for _, d := range []rune{';', '\t', '|'} {
		r := csv.NewReader(bytes.NewReader(sample))
		r.Comma, r.FieldsPerRecord, r.LazyQuotes = d, -1, true
		header, err := r.Read()
		if err != nil || len(header) < 2 {
			continue
		}
		names := map[string]bool{}
		for _, h := range header {
			names[strings.ToLower(strings.TrimSpace(h))] = true
		}
		if (names["title"] && names["role"]) || (names["column"] && names["value"] && names["answer"]) {
			name := fmt.Sprintf("%q", d)
			if d == '\t' {
				name = "tabs"
			}
			return fmt.Sprintf("; the file looks separated by %s, not ','; save it with commas", name)
		}
	}
	return ""
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// accountability reads an accountability line of the general form. An
// empty value maps empty cells: an organisation's explicit choice, since
// careerpath invents no default.
func (p *titlesParser) accountability(line int, value, answer string) {
	if strings.TrimSpace(answer) == "" {
		return // not mapped yet
	}
	if strings.TrimSpace(answer) == OutOfScope {
		p.add(line, "accountability %q is mapped to -; only a role can be out of scope, give an accountability id, name or alias", value)
		return
	}
	acc, ok := p.cat.FindAccountability(answer)
	if !ok {
		p.add(line, "unknown accountability %q for value %q; use an accountability id, name or alias of the catalog: %s", answer, value, p.accountabilityNames())
		return
	}
	key := Key(value)
	if first, seen := p.accLine[key]; seen {
		if prev := p.titles.accs[key]; prev != acc {
			p.add(line, "accountability %q is mapped to %s here and to %s on line %d; keep one of the lines", value, acc.Name, prev.Name, first)
		}
		return
	}
	p.accLine[key] = line
	p.titles.accs[key] = acc
}

func (p *titlesParser) accountabilityNames() string {
	names := make([]string, len(p.cat.Accountability))
	for i, a := range p.cat.Accountability {
		names[i] = a.ID
	}
	return strings.Join(names, ", ")
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
	m := MappedTitle{Title: strings.TrimSpace(title), OutOfScope: strings.TrimSpace(roleAnswer) == OutOfScope}
	if !m.OutOfScope {
		role, ok := p.cat.FindRole(roleAnswer)
		if !ok {
			p.add(line, "unknown role %q for title %q; use a role id, name or alias of the catalog (%s), or - for a title outside the track", roleAnswer, title, p.roleNames())
			return
		}
		m.Role = role
	}
	if first, seen := p.lineOf[key]; seen {
		if prev := p.titles.List[p.titles.byKey[key]]; !prev.same(m) {
			p.add(line, "title %q is mapped to %s here and to %s on line %d; keep one of the lines", title, m.answer(), prev.answer(), first)
		}
		return
	}
	p.lineOf[key] = line
	p.titles.byKey[key] = len(p.titles.List)
	p.titles.List = append(p.titles.List, m)
	words, _ := TitleWords(title)
	if len(words) > 0 {
		p.titles.byFirstWord[words[0]] = append(p.titles.byFirstWord[words[0]], len(p.titles.words))
	}
	p.titles.words = append(p.titles.words, words)
}

func (p *titlesParser) roleNames() string {
	names := make([]string, len(p.cat.Roles))
	for i, r := range p.cat.Roles {
		names[i] = r.Name
	}
	return strings.Join(names, ", ")
}

// unguarded takes off the spreadsheet formula guard that careerpath's CSV
// writers put before a cell starting with =, +, -, @, tab or carriage
// return, so that a map written by `titles suggest` reads back each title
// as the staff list spells it.
func unguarded(cell string) string {
	if len(cell) >= 2 && cell[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(cell[1])) {
		return cell[1:]
	}
	return cell
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
