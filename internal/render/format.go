// Package render writes recommendations, catalog listings and the results
// of the staff-list commands as tables, JSON, YAML, Markdown, CSV, ICS or
// HTML. It knows formats, never policy; it is used from above (the
// commands), so it may read the command packages' results, and nothing
// below the commands imports it.
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"go.yaml.in/yaml/v3"

	"github.com/careerpath/careerpath/internal/text"
)

// Format is an output format. It is the one type of every command's
// --format, batch's included: the formats are views, so they live with the
// views, and batch, which cannot import render, takes its rows' view as a
// batch.Output instead of knowing formats (see BatchRows).
type Format string

// The formats every command offers; the calendar only a recommendation
// has, its plan as iCalendar events; CSV and NDJSON for the staff-list
// commands (CSV also being the title map format, what --titles reads back);
// HTML, one self-contained page, for a report or a calibration; and XLSX,
// a workbook of the rows a staff-list command writes as CSV (see
// Workbook).
const (
	Table    Format = "table"
	JSON     Format = "json"
	YAML     Format = "yaml"
	Markdown Format = "markdown"
	ICS      Format = "ics"
	CSV      Format = "csv"
	NDJSON   Format = "ndjson"
	HTML     Format = "html"
	XLSX     Format = "xlsx"
)

// Formats lists the formats of every command in the order help text shows
// them.
var Formats = []Format{Table, JSON, YAML, Markdown}

// RecommendationFormats lists the formats of a recommendation.
var RecommendationFormats = []Format{Table, JSON, YAML, Markdown, ICS}

// FormatNames returns the format names, for help and completion.
func FormatNames() []string { return formatNames(Formats) }

// RecommendationFormatNames returns the recommendation format names.
func RecommendationFormatNames() []string { return formatNames(RecommendationFormats) }

// ParseFormat checks a --format value.
func ParseFormat(s string) (Format, error) { return parseFormat(s, Formats) }

// ParseFormatOf checks the --format value of a command that writes the
// offered formats.
func ParseFormatOf(s string, offered []Format) (Format, error) { return parseFormat(s, offered) }

// ParseRecommendationFormat checks a recommendation's --format value.
func ParseRecommendationFormat(s string) (Format, error) {
	return parseFormat(s, RecommendationFormats)
}

// FormatOfFile is the format a file name's extension names, ignoring case:
// .json, .yaml or .yml, .md, .ics, .csv, .ndjson, .html and .xlsx; false for any
// other extension or none.
func FormatOfFile(name string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return JSON, true
	case ".yaml", ".yml":
		return YAML, true
	case ".md":
		return Markdown, true
	case ".ics":
		return ICS, true
	case ".csv":
		return CSV, true
	case ".ndjson":
		return NDJSON, true
	case ".html":
		return HTML, true
	case ".xlsx":
		return XLSX, true
	}
	return "", false
}

// FileFormat is the format an output file's extension asks of a command
// that writes the offered formats: ok is false when the extension names
// none (or the output is stdout, "" or "-"), and an extension that names a
// format the command does not write is an error rather than a file whose
// content its name belies.
func FileFormat(output string, offered []Format) (f Format, ok bool, err error) {
	if output == "" || output == "-" {
		return "", false, nil
	}
	f, ok = FormatOfFile(output)
	if ok && !slices.Contains(offered, f) {
		return "", false, fmt.Errorf("-o %s: its extension %s names %s, which this command does not write (it writes %s); give --format, or another file name",
			output, filepath.Ext(output), f, strings.Join(formatNames(offered), ", "))
	}
	return f, ok, nil
}

// FormatDisagreement is the warning for writing format f to output when
// the output's extension names another format; "" when it does not.
func FormatDisagreement(output string, f Format) string {
	if output == "" || output == "-" {
		return ""
	}
	if named, ok := FormatOfFile(output); ok && named != f {
		return fmt.Sprintf("-o %s: its extension %s names %s, but --format %s was given; writing %s", output, filepath.Ext(output), named, f, f)
	}
	return ""
}

func formatNames(formats []Format) []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = string(f)
	}
	return names
}

func parseFormat(s string, formats []Format) (Format, error) {
	for _, f := range formats {
		if string(f) == strings.ToLower(strings.TrimSpace(s)) {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown format %q; use one of: %s", s, strings.Join(formatNames(formats), ", "))
}

// Options tune the human formats and the calendar.
type Options struct {
	Explain bool // add the decision trace to table and Markdown output
	Color   bool // ANSI styling; only when writing to a terminal
	// Width is the terminal's width in columns, which tables wrap to fit;
	// 0 when the output is not a terminal.
	Width int
	// Stamp is when a calendar is made: every event's DTSTAMP.
	Stamp time.Time
	// LevelNames names the catalog's levels by id, for a recommendation's
	// one-line why; without a name, the id shows.
	LevelNames map[string]string
}

// WriteJSON writes v as indented JSON without HTML escaping.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteYAML writes v as YAML with the same field names and order as its
// JSON, so the two formats can never drift apart.
func WriteYAML(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(buf.Bytes(), &doc); err != nil {
		return err
	}
	blockStyle(&doc)
	ye := yaml.NewEncoder(w)
	ye.SetIndent(2)
	if err := ye.Encode(&doc); err != nil {
		return err
	}
	return ye.Close()
}

// blockStyle drops the flow style and quoting a node keeps from its JSON
// source, so the encoder picks the plainest correct YAML.
func blockStyle(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		blockStyle(c)
	}
}

// newTable returns a table for a terminal or, with markdown, a pipe table.
// widths, when not nil, are the column widths that make a terminal table
// fit (see fitColumns); cells then wrap at word boundaries.
func newTable(w io.Writer, markdown bool, widths tw.Mapper[int, int]) *tablewriter.Table {
	opts := []tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
	}
	switch {
	case markdown:
		opts = append(opts, tablewriter.WithRenderer(renderer.NewMarkdown()), tablewriter.WithRowAutoWrap(tw.WrapNone))
	case widths != nil:
		opts = append(opts, tablewriter.WithColumnWidths(widths),
			tablewriter.WithRowAutoWrap(tw.WrapNormal), tablewriter.WithHeaderAutoWrap(tw.WrapNormal))
	default:
		opts = append(opts, tablewriter.WithRowAutoWrap(tw.WrapNone))
	}
	return tablewriter.NewTable(w, opts...)
}

func escapeAll(cells []string, escape func(string) string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = escape(c)
	}
	return out
}

// writeTable renders headers and rows, as a pipe table for Markdown.
// A terminal table with width > 0 is fitted to that many columns; 0 (a pipe
// or a file) never wraps, so scripts and golden files see a row per line.
func writeTable(w io.Writer, markdown bool, width int, headers []string, rows [][]string) error {
	escape := text.Sanitize
	if markdown {
		escape = MarkdownText
	}
	headers = escapeAll(headers, escape)
	escaped := make([][]string, len(rows))
	for i, r := range rows {
		escaped[i] = escapeAll(r, escape)
	}
	var widths tw.Mapper[int, int]
	if width > 0 && !markdown {
		var fits bool
		if widths, fits = fitColumns(width, headers, escaped); !fits {
			return text.WriteRecords(w, width, headers, escaped)
		}
	}
	t := newTable(w, markdown, widths)
	t.Header(headers)
	for _, r := range escaped {
		if err := t.Append(r); err != nil {
			return err
		}
	}
	return t.Render()
}
