package cli

import (
	"context"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/catalog"
)

// StaffListOptions are the inputs every command that reads a staff list
// shares (batch, report, calibrate, titles suggest); each embeds them and
// adds what it does with the advised rows.
type StaffListOptions struct {
	IO      *IOStreams
	Now     func() time.Time
	Catalog func() (*catalog.Loaded, error)
	// Titles is the title map, nil when none is set.
	Titles func() (*catalog.Titles, error)
	// Context ends the run early when cancelled; Ctrl-C cancels it too.
	Context context.Context

	Delimiter string
	Columns   []string // KEY=HEADER
	Start     string   // plan start for rows without their own; "" is today
}

func newStaffListOptions(f *Factory) StaffListOptions {
	return StaffListOptions{IO: f.IO, Now: f.Now, Catalog: f.Catalog, Titles: f.Titles}
}

// readOptions checks the shared flags and loads the title map: how batch
// reads and advises the staff list, whatever the command writes.
func (o *StaffListOptions) readOptions() (batch.Options, error) {
	delim, columns, err := staffListOptions(o.Delimiter, o.Columns)
	if err != nil {
		return batch.Options{}, err
	}
	start, err := planStart(o.Start, o.Now)
	if err != nil {
		return batch.Options{}, err
	}
	titles, err := loadTitles(o.Titles)
	if err != nil {
		return batch.Options{}, err
	}
	return batch.Options{Delimiter: delim, Columns: columns, Start: start, Titles: titles}, nil
}

// addStaffListFlags gives a command that reads a staff list batch's
// --delimiter and --column flags, so every such command reads a file
// alike; what the delimiter also applies to is the command's to say.
func addStaffListFlags(cmd *cobra.Command, delimiter *string, columns *[]string, delimiterUsage string) {
	fl := cmd.Flags()
	fl.StringVar(delimiter, "delimiter", ",", delimiterUsage+`: one character, or \t for tab`)
	fl.StringArrayVar(columns, "column", nil, "find a column under another header name, as `KEY=HEADER` (keys: "+strings.Join(batch.ColumnKeys, ", ")+"); repeatable")
	must(cmd.RegisterFlagCompletionFunc("delimiter", cobra.FixedCompletions([]string{",", ";", `\t`, "|"}, cobra.ShellCompDirectiveNoFileComp)))
	must(cmd.RegisterFlagCompletionFunc("column", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		keys := make([]string, len(batch.ColumnKeys))
		for i, k := range batch.ColumnKeys {
			keys[i] = k + "="
		}
		return keys, cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
	}))
}

// addRowStartFlag gives a command that advises staff-list rows --start,
// the plan start of rows without their own start column.
func addRowStartFlag(cmd *cobra.Command, start *string) {
	cmd.Flags().StringVar(start, KeyStart, "", withEnv("plan start for rows without their own, YYYY-MM-DD (default today)", KeyStart))
}

// staffListOptions checks --delimiter and --column.
func staffListOptions(delimiter string, columnFlags []string) (byte, map[string]string, error) {
	delim, err := parseDelimiter(delimiter)
	if err != nil {
		return 0, nil, err
	}
	columns := map[string]string{}
	for _, c := range columnFlags {
		key, header, ok := strings.Cut(c, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		if !ok || strings.TrimSpace(header) == "" || !isColumnKey(key) {
			return 0, nil, usageErrorf("invalid --column %q: use KEY=HEADER with KEY one of %s, such as role=\"Job Title\"",
				c, strings.Join(batch.ColumnKeys, ", "))
		}
		columns[key] = header
	}
	return delim, columns, nil
}

func isColumnKey(key string) bool {
	for _, k := range batch.ColumnKeys {
		if k == key {
			return true
		}
	}
	return false
}

// loadTitles loads the title map through its option, which tests may
// leave nil (no map).
func loadTitles(titles func() (*catalog.Titles, error)) (*catalog.Titles, error) {
	if titles == nil {
		return nil, nil
	}
	return titles()
}

func parseDelimiter(s string) (byte, error) {
	switch {
	case s == `\t` || strings.EqualFold(s, "tab"):
		return '\t', nil
	case len(s) == 1 && batch.ValidDelimiter(s[0]):
		return s[0], nil
	}
	return 0, usageErrorf(`invalid --delimiter %q: use one ASCII character other than a quote or line break, such as ';', or \t for tab`, s)
}

// collectorTarget sets the garbage collector's target to percent of the
// live heap, and a soft memory limit when limit is above 0, unless GOGC or
// GOMEMLIMIT is set: an operator's tuning wins. It returns what puts the
// settings back.
func collectorTarget(getenv func(string) string, percent int, limit int64) (restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	oldPercent, oldLimit := debug.SetGCPercent(percent), debug.SetMemoryLimit(-1)
	if limit > 0 {
		debug.SetMemoryLimit(limit)
	}
	return func() { debug.SetGCPercent(oldPercent); debug.SetMemoryLimit(oldLimit) }
}

// streamingGC lets the garbage collector wait until the heap is five times
// what it keeps alive rather than twice, up to a soft limit of 48 MiB:
// batch and report keep a few MB alive while they allocate their input's
// size in text, so by default they collect some twenty times over a
// 1,000,000-row file, a tenth of their CPU time; the limit keeps a file
// whose rows all differ, which keeps more alive, within its memory bound.
func streamingGC(getenv func(string) string) (restore func()) {
	return collectorTarget(getenv, 400, 48<<20)
}
