// Package batch advises every row of a CSV staff list, or of a workbook's
// sheet, which it reads as CSV records (see workbookSource). It streams: a
// reader cuts the input into chunks of whole records, workers on every core
// advise and encode them, and a writer puts the chunks back in input order,
// so memory stays flat however long the file is. It knows no flags and no
// terminal; the caller opens the files, and picks the Output its rows are
// written as.
package batch

import (
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
)

// Column keys: the answers a row must give, and its optional plan start.
const (
	ColumnRole           = advisor.FieldRole
	ColumnYears          = advisor.FieldYears
	ColumnAccountability = advisor.FieldAccountability
	ColumnStart          = "start"
)

// ColumnKeys lists the column keys, required ones first.
var ColumnKeys = []string{ColumnRole, ColumnYears, ColumnAccountability, ColumnStart}

// defaultHeaders are the header names a column key is found under,
// compared in lower case after trimming, in tiers: a later tier is looked
// at only when no name of the earlier ones is in the header, so that a
// staff list with both role and title columns keeps reading role, while
// an HR export that has only job_title is read without --column.
func defaultHeaders(key string) [][]string {
	switch key {
	case ColumnRole:
		return [][]string{{"role"}, {"job_title", "job title", "title", "position"}}
	case ColumnYears:
		return [][]string{{"years", "experience", "years_experience", "yoe"}, {"tenure", "years_of_experience"}}
	case ColumnAccountability:
		return [][]string{{"accountability", "scope"}}
	default:
		return [][]string{{key}}
	}
}

// Options tune a batch run.
type Options struct {
	// Delimiter separates fields in the input and the CSV output.
	Delimiter byte
	// Columns maps a column key to the header name it is found under,
	// replacing the default names for that key.
	Columns map[string]string
	// Start is the plan start for rows without their own.
	Start time.Time
	// Sheet names the sheet read from a workbook input; "" reads the
	// first. A CSV input has none, and ignores it.
	Sheet string
	// Workers is the number of advising goroutines; 0 means one per core.
	Workers int
	// Titles is the organisation's title map, consulted before the
	// catalog's roles; nil for none.
	Titles *catalog.Titles
	// Derive, under Visit, is what the visitor makes of a recommendation:
	// Visit calls it on its workers, once for each recommendation they
	// cache (so once per distinct answers, give or take), and hands the
	// result on as AdvisedRow.Derived in place of the recommendation,
	// which it then drops: the visitor's single goroutine need not work it
	// out row after row, and the workers' caches hold small derivations
	// instead of recommendations, so they can hold many more. It must be
	// safe for concurrent use and must not change the recommendation, and
	// its results must be comparable (a pointer, say): rows whose results
	// are equal share one outcome, so returning the same pointer for equal
	// derivations keeps the workers' working set small.
	//
	// Rows share a derivation when their role match, accountability,
	// start and years advisor.Band are the same (so a list whose years
	// all differ costs a few derivations per role and accountability):
	// Derive sees the first such row's recommendation, and must use its
	// years only through the Band (the level, next level, eligible_from
	// and the kinds of requirements); each row's own are in its cells.
	Derive func(*advisor.Recommendation) any
	// recordLimit replaces MaxRecordBytes, so that tests can reach it.
	recordLimit int
	// lendCells, set by VisitChunks, makes the visited rows' cells views
	// of the input's chunk, valid until the visit returns (see VisitChunks).
	lendCells bool
}

// Summary counts the rows of a finished run: Read is Advised + Rejected
// + OutOfScope, the rows whose title the title map marks as outside the
// catalog's track (role "-"), which are neither advised nor rejected.
type Summary struct {
	Read, Advised, Rejected, OutOfScope int
}

// HeaderError is input the batch cannot start on: an empty file, a header
// past MaxRecordBytes or in another encoding, or a required column that is
// absent. Nothing has been written.
type HeaderError struct{ Message string }

func (e *HeaderError) Error() string { return e.Message }

// ValidDelimiter reports whether d can separate CSV fields.
func ValidDelimiter(d byte) bool {
	return d != 0 && d != '"' && d != '\r' && d != '\n' && d < 0x80
}
