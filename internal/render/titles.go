package render

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/careerpath/careerpath/internal/advisor"
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
// and role and ignores the rest.
var titleSuggestionHeader = []string{"title", "role", "count", "match"}

// TitleSuggestions writes a title map to start from. CSV cells are written
// as they are, without a spreadsheet formula guard, since the file is
// meant to be read back by --titles, which must see each title as the
// staff list spells it.
func TitleSuggestions(w io.Writer, f Format, rows []advisor.TitleSuggestion, width int) error {
	switch f {
	case JSON:
		return WriteJSON(w, rows)
	case XLSX:
		cells := make([][]string, len(rows))
		for i, r := range rows {
			cells[i] = titleSuggestionCells(r)
		}
		return writeWorkbook(w, titleSuggestionHeader, cells)
	case CSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(titleSuggestionHeader); err != nil {
			return err
		}
		for _, r := range rows {
			if err := cw.Write(titleSuggestionCells(r)); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	default:
		cells := make([][]string, len(rows))
		for i, r := range rows {
			cells[i] = titleSuggestionCells(r)
		}
		return writeTable(w, false, width, titleSuggestionHeader, cells)
	}
}

func titleSuggestionCells(r advisor.TitleSuggestion) []string {
	return []string{r.Title, r.Role, strconv.Itoa(r.Count), r.Match}
}
