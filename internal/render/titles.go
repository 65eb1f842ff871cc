package render

import (
	"io"
	"strconv"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
)

// TitleSuggestionFormats lists the formats of `titles suggest`, the
// default first.
var TitleSuggestionFormats = []Format{CSV, JSON, Table, XLSX}

// TitleSuggestionFormatNames returns the format names, for help and
// completion.
func TitleSuggestionFormatNames() []string { return formatNames(TitleSuggestionFormats) }

// ParseTitleSuggestionFormat checks a `titles suggest` --format value.
func ParseTitleSuggestionFormat(s string) (Format, error) {
	return parseFormat(s, TitleSuggestionFormats)
}

// titleSuggestionHeader is the title map's header; the loader reads title
// and role and ignores the rest. answerSuggestionHeader is the general
// form's, which also holds accountability answers.
var (
	titleSuggestionHeader  = []string{"title", "role", "suggestion", "count", "match"}
	answerSuggestionHeader = []string{"column", "value", "answer", "suggestion", "count", "match"}
)

// AnswerSuggestions are `titles suggest`'s rows: the role answers, and
// the accountability answers when they were asked for, which makes the
// output the answer map's general form.
type AnswerSuggestions struct {
	Roles          []advisor.TitleSuggestion
	Accountability []advisor.TitleSuggestion
	General        bool
}

// answerSuggestion is a row of the general form, as JSON writes it.
type answerSuggestion struct {
	Column     string `json:"column"`
	Value      string `json:"value"`
	Answer     string `json:"answer"`
	Suggestion string `json:"suggestion"`
	Count      int    `json:"count"`
	Match      string `json:"match"`
}

func (a AnswerSuggestions) general() []answerSuggestion {
	rows := make([]answerSuggestion, 0, len(a.Roles)+len(a.Accountability))
	rows = appendAnswers(rows, catalog.MapColumnRole, a.Roles)
	return appendAnswers(rows, catalog.MapColumnAccountability, a.Accountability)
}

func appendAnswers(rows []answerSuggestion, column string, list []advisor.TitleSuggestion) []answerSuggestion {
	for _, r := range list {
		rows = append(rows, answerSuggestion{Column: column, Value: r.Title, Answer: r.Role, Suggestion: r.Suggestion, Count: r.Count, Match: r.Match})
	}
	return rows
}

// header and cells are the rows as a table or CSV writes them.
func (a AnswerSuggestions) header() []string {
	if a.General {
		return answerSuggestionHeader
	}
	return titleSuggestionHeader
}

func (a AnswerSuggestions) cells() [][]string {
	var cells [][]string
	if !a.General {
		for _, r := range a.Roles {
			cells = append(cells, []string{r.Title, r.Role, r.Suggestion, strconv.Itoa(r.Count), r.Match})
		}
		return cells
	}
	for _, r := range a.general() {
		cells = append(cells, []string{r.Column, r.Value, r.Answer, r.Suggestion, strconv.Itoa(r.Count), r.Match})
	}
	return cells
}

// TitleSuggestions writes an answer map to start from. CSV cells get the
// spreadsheet formula guard unless raw, as batch's do, since the file is
// meant to be reviewed in a spreadsheet; the map's loader reads a guarded
// cell back as it was before the guard.
func TitleSuggestions(w io.Writer, f Format, rows AnswerSuggestions, width int, raw bool) error {
	switch f {
	case JSON:
		if rows.General {
			return WriteJSON(w, rows.general())
		}
		return WriteJSON(w, rows.Roles)
	case XLSX:
		return writeWorkbook(w, rows.header(), rows.cells())
	case CSV:
		cells := newCellWriter(',', raw)
		b := appendCSVRecord(nil, cells, rows.header())
		for _, r := range rows.cells() {
			b = appendCSVRecord(b, cells, r)
		}
		_, err := w.Write(b)
		return err
	default:
		return writeTable(w, false, width, rows.header(), rows.cells())
	}
}

// appendCSVRecord appends one CSV line of cells.
func appendCSVRecord(dst []byte, w *cellWriter, cells []string) []byte {
	for i, c := range cells {
		if i > 0 {
			dst = append(dst, w.delim)
		}
		dst = w.appendCell(dst, c)
	}
	return append(dst, '\n')
}
