package render

import "io"

// Listing is a catalog table: rows for the human formats, and Data, what
// JSON and YAML write (a list is a slice, never nil, so that it is [] when
// empty).
type Listing struct {
	Headers []string
	Rows    [][]string
	Data    any
}

// WriteListing writes a listing in the chosen format; width is as in
// Options.
func WriteListing(w io.Writer, f Format, l Listing, width int) error {
	switch f {
	case JSON:
		return WriteJSON(w, l.Data)
	case YAML:
		return WriteYAML(w, l.Data)
	default:
		return writeTable(w, f == Markdown, width, l.Headers, l.Rows)
	}
}
