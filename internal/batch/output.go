package batch

import "github.com/careerpath/careerpath/internal/advisor"

// Output is what Run writes its rows as: an output format, which the
// caller picks (render's views are the formats), so that batch knows the
// rows' reading and advising and nothing of how they look.
type Output interface {
	// ChunkBytes is how much input a chunk of rows holds at least. A
	// format whose rows are many times their input (JSON) takes smaller
	// chunks, so that the encoded chunks in flight stay as small as CSV's.
	ChunkBytes() int
	// Open returns the encoder the workers share and the sink the
	// in-order stage writes to, for a staff list with this header.
	Open(h *Header) (RowEncoder, RowSink)
}

// Header is a staff list's header as an Output sees it.
type Header struct {
	// Cells are the header's cells as read; Names the input columns'
	// names in the output, each unique (a repeated name becomes name_N).
	Cells, Names []string
	// Added are the names of the columns CSV output adds after the
	// input's: OutputColumns, each prefixed with "careerpath_" while an
	// input column has that name.
	Added []string
	// Role, Years and Accountability are where a row's answers are;
	// Start is where its plan start is, -1 without a start column.
	Role, Years, Accountability, Start int
	// Delimiter separates the input's fields, and CSV output's.
	Delimiter byte
}

// RowEncoder encodes rows on every worker at once, so it must not change
// once opened. Advised and Rejected encode the part of a row that depends
// only on its answers, once for each distinct answers; AppendRow writes
// each row around that part, and is the hot path.
type RowEncoder interface {
	// Advised encodes the part of every row whose answers share a role
	// match, an accountability, a plan start and a years advisor.Band but
	// for its Months: their recommendations differ only in the years
	// they write and the next level's eligible_from. So rec writes its
	// years in the trace's and requirements' words as the marks GivenMark
	// and ShortMark, its eligible_from as EligibleMark, and its numbers
	// (input.years, current_years) are the first such row's; an encoder
	// that writes them cuts its part there (Encoded.Holes) for AppendRow
	// to fill.
	Advised(rec *advisor.Recommendation) Encoded
	Rejected(problems []Problem) []byte
	// OutOfScope encodes a row whose title the title map marks as outside
	// the catalog's track; p says so, at the role column.
	OutOfScope(p Problem) []byte
	// AppendRow appends the row that starts on line: fields are its cells
	// as read (as many as the header's, unless e is a rejection of the
	// row's shape), e what its answers came to, and years its years
	// answer, nil for a rejected row.
	AppendRow(dst []byte, line int, fields [][]byte, e *Encoded, years *RowYears) []byte
}

// The marks an Advised recommendation writes its years' words in (see
// advisor.YearsWords). Catalog text holds no control character, and a
// role answer in the trace is quoted, so neither can be anything else.
const (
	GivenMark = "\x00given\x00"
	ShortMark = "\x00short\x00"
	// EligibleMark is the next level's eligible_from, which each band of
	// months to it has its own of (RowYears.Eligible).
	EligibleMark = "\x00eligible\x00"
)

// RowYears is a row's years answer, as AppendRow writes it.
type RowYears struct {
	// JSON is the value as encoding/json writes it.
	JSON []byte
	// Words are the value in the recommendation's words; set only when
	// the row's Encoded has Holes.
	Words advisor.YearsWords
	// Eligible is the row's next level's eligible_from.
	Eligible []byte
}

// Encoded is a RowEncoder's part of every row whose answers come to the
// same outcome.
type Encoded struct {
	// Rejected and OutOfScope say what the row came to, if not advised.
	Rejected, OutOfScope bool
	// Head is the encoded part, from Advised, Rejected or OutOfScope. Tail, when an
	// encoder splits an advised row's part, is what follows the row's own
	// answers: JSON's "input" echoes each row's spelling.
	Head, Tail []byte
	// Holes are where in Tail, in order, each row writes its own years.
	Holes []Hole
}

// writesWords reports whether e has a hole for the years' words.
func (e *Encoded) writesWords() bool {
	for _, h := range e.Holes {
		if h.What == HoleGiven || h.What == HoleShort {
			return true
		}
	}
	return false
}

// Hole is a place in Encoded.Tail where a row's years go.
type Hole struct {
	At   int // the offset in Tail
	What HoleKind
}

// HoleKind says what of RowYears goes in a Hole.
type HoleKind uint8

const (
	HoleGiven    HoleKind = iota // Words.Given
	HoleShort                    // Words.Short
	HoleJSON                     // JSON
	HoleEligible                 // Eligible
)

// RowSink writes the encoded rows in input order, from one goroutine.
type RowSink interface {
	Begin() error
	// Write writes a chunk's rows as the encoder appended them; the slice
	// is reused once Write returns.
	Write(rows []byte) error
	End() error
}

// sink is the in-order stage's end: an Output's RowSink, or Visit's.
type sink interface {
	begin() error
	write(c *chunk) error
	end() error
}

// rowSink hands an Output's sink the encoded chunks.
type rowSink struct{ RowSink }

func (s rowSink) begin() error         { return s.Begin() }
func (s rowSink) write(c *chunk) error { return s.Write(*c.out) }
func (s rowSink) end() error           { return s.End() }

// public is the layout as an Output sees it.
func (l *layout) public(delim byte) *Header {
	h := &Header{Names: l.names, Added: l.addedNames(), Delimiter: delim,
		Role: l.index[roleAt], Years: l.index[yearsAt], Accountability: l.index[accountabilityAt], Start: l.index[startAt]}
	for _, c := range l.header {
		h.Cells = append(h.Cells, string(c))
	}
	return h
}
