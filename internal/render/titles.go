package render

import (
	"io"
	"strconv"

	"github.com/careerpath/careerpath/internal/advisor"
)

// TitleSuggestionFormats lists the formats of `titles suggest`, the
// default first.
var TitleSuggestionFormats = []Format{CSV, JSON, Table}

// TitleSuggestionFormatNames returns the format names, for help and
// completion.
func TitleSuggestionFormatNames() []string { return formatNames(TitleSuggestionFormats) }

// ParseTitleSuggestionFormat checks a `titles suggest` --format value.
func ParseTitleSuggestionFormat(s string) (Format, error) {
	return parseFormat(s, TitleSuggestionFormats)
}

// titleSuggestionHeader is the title map's header; the loader reads title
// and role and ignores the rest.
var titleSuggestionHeader = []string{"title", "role", "suggestion", "count", "match"}

// TitleSuggestions writes a title map to start from. CSV cells get the
// spreadsheet formula guard unless raw, as batch's do, since the file is
// meant to be reviewed in a spreadsheet; the map's loader reads a guarded
// cell back as it was before the guard.
func TitleSuggestions(w io.Writer, f Format, rows []advisor.TitleSuggestion, width int, raw bool) error {
	switch f {
	case JSON:
		return WriteJSON(w, rows)
	case CSV:
		cells := newCellWriter(',', raw)
		b := appendCSVRecord(nil, cells, titleSuggestionHeader)
		for _, r := range rows {
			b = appendCSVRecord(b, cells, titleSuggestionCells(r))
			if len(b) >= 64<<10 {
				if _, err := w.Write(b); err != nil {
					return err
				}
				b = b[:0]
			}
		}
		_, err := w.Write(b)
		return err
	default:
		cells := make([][]string, len(rows))
		for i, r := range rows {
			cells[i] = titleSuggestionCells(r)
		}
		return writeTable(w, false, width, titleSuggestionHeader, cells)
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

func titleSuggestionCells(r advisor.TitleSuggestion) []string {
	return []string{r.Title, r.Role, r.Suggestion, strconv.Itoa(r.Count), r.Match}
}
