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
	Advised(rec *advisor.Recommendation) Encoded
	Rejected(problems []Problem) []byte
	// OutOfScope encodes a row whose title the title map marks as outside
	// the catalog's track; p says so, at the role column.
	OutOfScope(p Problem) []byte
	// AppendRow appends the row that starts on line: fields are its cells
	// as read (as many as the header's, unless e is a rejection of the
	// row's shape), e what its answers came to, and years its years answer
	// as JSON, nil for a rejected row.
	AppendRow(dst []byte, line int, fields [][]byte, e *Encoded, years []byte) []byte
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
}

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
