package batch

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"unsafe"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
)

// ChunkBytes is how much input a chunk holds at least, unless its Output
// says otherwise; a record longer than that makes its chunk grow to fit it.
const ChunkBytes = 64 << 10

const utf8BOM = "\xef\xbb\xbf"

// chunk is a run of whole records, numbered in input order.
type chunk struct {
	seq  int
	line int // the physical line number of data[0], from 1
	// rows, for a workbook, is each record's row number in its sheet; nil
	// for CSV, whose records' lines are counted from line.
	rows []int
	data []byte
	buf  *[]byte // data's backing buffer, for reuse

	// out holds the chunk's encoded rows, or visit its rows for Visit.
	out                           *[]byte
	visit                         *visitRows
	advised, rejected, outOfScope int
}

// Run advises every record of in and writes the rows as out in input
// order. It reads the header before opening out, so a *HeaderError means
// nothing was written. Cancelling ctx stops the run with ctx's error.
func Run(ctx context.Context, cat *catalog.Loaded, in io.Reader, out Output, opts Options) (Summary, error) {
	return run(ctx, cat, in, opts, out.ChunkBytes(), func(l *layout, opts Options) (RowEncoder, sink) {
		enc, snk := out.Open(l.public(opts.Delimiter))
		return enc, rowSink{snk}
	})
}

// run is the pipeline under every entry point: chunkBytes is the input a
// chunk holds at least, and open makes the encoder the workers use (nil
// for Visit, whose workers keep the rows) and the sink the in-order stage
// writes to, given the header's layout and the options with their defaults
// filled in.
func run(ctx context.Context, cat *catalog.Loaded, in io.Reader, opts Options, chunkBytes int, open func(*layout, Options) (RowEncoder, sink)) (Summary, error) {
	if opts.Delimiter == 0 {
		opts.Delimiter = ','
	}
	src, l, err := openStaffList(in, opts, chunkBytes)
	if err != nil {
		return Summary{}, err
	}
	defer src.close()
	enc, snk := open(l, opts)
	if err := snk.begin(); err != nil {
		return Summary{}, err
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// inFlight bounds the chunks between reader and writer, and so memory.
	inFlight := make(chan struct{}, 2*workers+2)
	todo := make(chan *chunk, workers)
	done := make(chan *chunk, 2*workers+2)
	chunkSize := min(chunkBytes, cmp.Or(opts.recordLimit, MaxRecordBytes))
	pools := &pools{outCap: 2 * chunkSize}

	go func() {
		defer close(todo)
		if err := sendChunks(ctx, src, chunkSize, inFlight, todo, pools); err != nil {
			cancel(err)
		}
	}()
	var wg sync.WaitGroup
	adv := advisor.New(cat).WithTitles(opts.Titles)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &worker{parser: recordParser{delim: opts.Delimiter}, layout: l, enc: enc,
				outcomes: newOutcomes(adv, l, enc, opts.Start), pools: pools, lendCells: opts.lendCells}
			switch {
			case enc == nil && opts.Derive != nil:
				w.outcomes.derive = opts.Derive
			case enc == nil:
				w.outcomes.maxDecided = visitMaxDecided
			}
			for c := range todo {
				w.process(c)
				select {
				case done <- c:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	sum, err := writeInOrder(ctx, done, inFlight, snk, pools)
	if err != nil {
		cancel(err)
		return sum, err
	}
	if err := context.Cause(ctx); err != nil {
		return sum, err
	}
	return sum, snk.end()
}

// source is where a staff list's records come from: CSV text (reader),
// or a workbook's sheet (workbookSource), which gives its rows as CSV
// records so that one parser cuts both.
type source interface {
	// header reads the first record, and its raw bytes for the hints of
	// an unreadable header (nil for a workbook, whose cells need none).
	header() (fields [][]byte, raw []byte, err error)
	// next returns the next run of whole records, empty at the end: data
	// is valid until the next call, line is the physical line of data[0],
	// and rows, for a workbook, each record's row number (nil for CSV).
	next() (data []byte, line int, rows []int, err error)
	close()
}

// openStaffList reads a staff list's header and finds its columns; opts'
// delimiter must be set. A workbook is told from CSV by its first bytes,
// whatever the file's name. The caller must close the source.
func openStaffList(in io.Reader, opts Options, chunkBytes int) (source, *layout, error) {
	limit := cmp.Or(opts.recordLimit, MaxRecordBytes)
	// A chunk no bigger than the limit keeps every record the reader
	// passes on within it.
	chunkSize := min(chunkBytes, limit)
	src, err := sniff(in, opts, chunkSize, limit)
	if err != nil {
		return nil, nil, err
	}
	header, raw, err := src.header()
	if err != nil {
		src.close()
		return nil, nil, err
	}
	l, err := newLayout(header, opts.Columns)
	if err != nil {
		if hint := inputHint(raw, opts.Delimiter, opts.Columns); hint != "" {
			err = &HeaderError{Message: fmt.Sprintf("cannot read the header %s: %s", quoteCut(bytes.TrimRight(raw, "\r\n")), hint)}
		}
		src.close()
		return nil, nil, err
	}
	return src, l, nil
}

// writeInOrder writes the chunks as their turn comes.
func writeInOrder(ctx context.Context, done <-chan *chunk, inFlight <-chan struct{}, snk sink, pools *pools) (Summary, error) {
	var sum Summary
	waiting := map[int]*chunk{}
	next := 0
	for {
		select {
		case <-ctx.Done():
			return sum, context.Cause(ctx)
		case c, ok := <-done:
			if !ok {
				return sum, nil
			}
			waiting[c.seq] = c
		}
		for c := waiting[next]; c != nil; c = waiting[next] {
			delete(waiting, next)
			if err := snk.write(c); err != nil {
				return sum, err
			}
			if c.visit != nil {
				pools.putVisit(c.visit)
			}
			sum.Advised += c.advised
			sum.Rejected += c.rejected
			sum.OutOfScope += c.outOfScope
			sum.Read += c.advised + c.rejected + c.outOfScope
			if c.out != nil {
				pools.putOut(c.out)
			}
			<-inFlight
			next++
		}
	}
}

// pools recycle chunk buffers; inFlight caps how many are in use.
type pools struct {
	in, out, visit sync.Pool
	outCap         int
}

func (p *pools) getIn(size int) *[]byte {
	if b, ok := p.in.Get().(*[]byte); ok && cap(*b) >= size {
		*b = (*b)[:0]
		return b
	}
	b := make([]byte, 0, size)
	return &b
}

func (p *pools) putIn(b *[]byte) { p.in.Put(b) }

func (p *pools) getOut() *[]byte {
	if b, ok := p.out.Get().(*[]byte); ok {
		*b = (*b)[:0]
		return b
	}
	b := make([]byte, 0, p.outCap)
	return &b
}

func (p *pools) putOut(b *[]byte) { p.out.Put(b) }

// reader cuts the input into chunks of whole records.
type reader struct {
	in        io.Reader
	parser    recordParser
	chunkSize int
	limit     int    // the longest record, without its final "\n"
	buf       []byte // read but not yet dropped
	sent      int    // how much of buf next returned last
	atEOF     bool
	line      int // the line number of buf[0]
}

// fill reads until buf holds at least n bytes or the input ends, and not
// much more, so that the buffer stays within the record limit.
func (r *reader) fill(n int) error {
	if cap(r.buf) < n {
		r.buf = append(make([]byte, 0, n), r.buf...)
	}
	for len(r.buf) < n && !r.atEOF {
		m, err := r.in.Read(r.buf[len(r.buf):n])
		r.buf = r.buf[:len(r.buf)+m]
		if errors.Is(err, io.EOF) {
			r.atEOF = true
		} else if err != nil {
			return err
		}
	}
	return nil
}

// grow is the next fill size while buf starts with an unfinished record:
// doubled, up to two bytes past the limit (one for a final "\n" that may
// end the input inside quotes, one to see that it does not).
func (r *reader) grow(size int) int { return min(2*max(size, len(r.buf)), r.limit+2) }

// header reads the first record, after a byte order mark if any, and
// returns its cells and its raw bytes.
func (r *reader) header() (fields [][]byte, raw []byte, err error) {
	r.line = 1
	size := r.chunkSize
	for first := true; ; first = false {
		if err := r.fill(size); err != nil {
			return nil, nil, err
		}
		if first {
			r.buf = bytes.TrimPrefix(r.buf, []byte(utf8BOM))
		}
		r.skipBlankLines()
		var rec record
		n, lines, status := r.parser.next(r.buf, r.atEOF, &rec)
		switch {
		case status == parsedEnd:
			return nil, nil, &HeaderError{Message: "the input is empty; a header row naming the columns must come first"}
		case status == needMore && recordLength(r.buf) <= r.limit:
			size = r.grow(size)
			continue
		case status == needMore || recordLength(r.buf[:n]) > r.limit:
			return nil, nil, tooLongHeader(r.buf[:min(len(r.buf), sampleSize)], r.parser.delim, r.limit)
		}
		raw = r.buf[:n]
		r.buf = r.buf[n:]
		r.line += lines
		return rec.fields, raw, nil
	}
}

// skipBlankLines drops the empty lines at the start of buf, which the
// parser skips too, so that they count towards no record's length.
func (r *reader) skipBlankLines() {
	if n := blankPrefix(r.buf); n > 0 {
		r.line += bytes.Count(r.buf[:n], []byte{'\n'})
		r.buf = r.buf[:copy(r.buf, r.buf[n:])]
	}
}

// blankPrefix is the length of the empty lines ("\n" or "\r\n") b starts
// with.
func blankPrefix(b []byte) int {
	i := 0
	for {
		switch {
		case i < len(b) && b[i] == '\n':
			i++
		case i+1 < len(b) && b[i] == '\r' && b[i+1] == '\n':
			i += 2
		default:
			return i
		}
	}
}

// recordLength is the length of a parsed record without its final line
// break.
func recordLength(rec []byte) int {
	if n := len(rec); n > 0 && rec[n-1] == '\n' {
		return n - 1
	}
	return len(rec)
}

// sendChunks sends the rest of the input as chunks, waiting for a free
// slot in inFlight before each one.
func sendChunks(ctx context.Context, src source, chunkSize int, inFlight chan<- struct{}, todo chan<- *chunk, pools *pools) error {
	for seq := 0; ; seq++ {
		data, line, rows, err := src.next()
		if err != nil || len(data) == 0 {
			return err
		}
		buf := pools.getIn(max(chunkSize, len(data)))
		*buf = append(*buf, data...)
		c := &chunk{seq: seq, line: line, rows: rows, data: *buf, buf: buf}
		select {
		case inFlight <- struct{}{}:
		case <-ctx.Done():
			return nil
		}
		select {
		case todo <- c:
		case <-ctx.Done():
			return nil
		}
	}
}

// next returns the whole records at the start of the input, after
// dropping those it returned last.
func (r *reader) next() ([]byte, int, []int, error) {
	if r.sent > 0 {
		r.line += bytes.Count(r.buf[:r.sent], []byte{'\n'})
		r.buf = append(r.buf[:0], r.buf[r.sent:]...)
		r.sent = 0
	}
	cut, err := r.nextCut()
	if err != nil || cut == 0 {
		return nil, 0, nil, err
	}
	r.sent = cut
	return r.buf[:cut], r.line, nil, nil
}

func (r *reader) close() {}

// nextCut reads until buf starts with whole records and returns their
// length, 0 at the end of the input; a record past the limit is an error.
func (r *reader) nextCut() (int, error) {
	size := r.chunkSize
	cut := 0
	for {
		if err := r.fill(size); err != nil {
			return 0, err
		}
		if cut = r.cut(); cut > 0 || r.atEOF {
			break
		}
		// buf holds the start of one record, which has not ended yet.
		r.skipBlankLines()
		if recordLength(r.buf) > r.limit {
			return 0, tooLongRecord(r.line, r.buf[:min(len(r.buf), sampleSize)], r.parser.delim, r.limit)
		}
		size = r.grow(size)
	}
	if cut == 0 {
		return 0, nil
	}
	return cut, r.checkFirstRecord()
}

// checkFirstRecord refuses a whole record past the limit at the start of
// buf. The buffer holds at most two bytes more than the limit, so only its
// first record can be that long, and only when the buffer grew for it.
func (r *reader) checkFirstRecord() error {
	if len(r.buf) <= r.limit {
		return nil
	}
	blank := blankPrefix(r.buf)
	var rec record
	n, _, _ := r.parser.next(r.buf[blank:], r.atEOF, &rec)
	if recordLength(r.buf[blank:blank+n]) > r.limit {
		line := r.line + bytes.Count(r.buf[:blank], []byte{'\n'})
		return tooLongRecord(line, r.buf[blank:blank+min(n, sampleSize)], r.parser.delim, r.limit)
	}
	return nil
}

// cut returns the end of the last whole record in buf: at the end of the
// input, all of it; without quotes, the last line break; otherwise where
// parsing stops.
func (r *reader) cut() int {
	if r.atEOF {
		return len(r.buf)
	}
	if bytes.IndexByte(r.buf, '"') < 0 {
		return bytes.LastIndexByte(r.buf, '\n') + 1
	}
	var rec record
	cut := 0
	for {
		n, _, status := r.parser.next(r.buf[cut:], false, &rec)
		if status != parsedRecord {
			return cut
		}
		cut += n
	}
}

// worker advises and encodes chunks.
type worker struct {
	parser   recordParser
	rec      record
	years    RowYears // the current row's, for AppendRow
	layout   *layout
	enc      RowEncoder // nil for Visit, whose sink reads chunk.visit
	outcomes *outcomes
	pools    *pools
	// lendCells makes the visited rows' cells views of the chunk's
	// buffer, which then goes back to the pool only once they are
	// visited (Options.lendCells).
	lendCells bool
}

func (w *worker) process(c *chunk) {
	data, line := c.data, c.line
	var out *[]byte
	var text string // the chunk's text, whose substrings are the visited rows' cells
	keepRows := w.enc == nil
	if keepRows {
		c.visit = w.pools.getVisit()
		text = w.cellText(c)
	} else {
		out = w.pools.getOut()
	}
	at := 0 // where data starts in the chunk
	for k := 0; ; k++ {
		n, lines, status := w.parser.next(data, true, &w.rec)
		if status != parsedRecord {
			break
		}
		recLine := line + w.rec.line
		if c.rows != nil {
			recLine = c.rows[k]
		}
		var o *outcome
		var years *yearsAnswer
		if len(w.rec.fields) == w.layout.width {
			o, years = w.outcomes.of(w.rec.fields)
		} else {
			o = w.outcomes.reject(Problem{Message: shapeMessage(len(w.rec.fields), w.layout.width)})
		}
		switch {
		case o.encoded.Rejected:
			c.rejected++
		case o.encoded.OutOfScope:
			c.outOfScope++
		default:
			c.advised++
		}
		if keepRows {
			c.visit.add(advisedRow(recLine, o), &w.rec, text, at, w.layout.width)
		} else {
			*out = w.enc.AppendRow(*out, recLine, w.rec.fields, &o.encoded, w.rowYears(o, years))
		}
		data, line, at = data[n:], line+lines, at+n
	}
	if c.visit == nil || c.visit.lent == nil {
		w.pools.putIn(c.buf)
	}
	c.data, c.buf, c.out = nil, nil, out
	if keepRows {
		c.visit.setFields(w.layout.width)
	}
}

// cellText is the text whose substrings are a visited chunk's cells: a
// copy of its data, which the rows may keep, or under lendCells the data
// itself, whose buffer the chunk's rows then hold until they are visited:
// calibrate copies the little it keeps of a row, and copying every chunk
// was some 4% of its CPU.
func (w *worker) cellText(c *chunk) string {
	if !w.lendCells {
		return string(c.data)
	}
	c.visit.lent = c.buf
	return unsafe.String(unsafe.SliceData(c.data), len(c.data))
}

// rowYears is an advised row's years for AppendRow, nil for a rejected
// row; its words are worked out only for an encoding that writes them.
func (w *worker) rowYears(o *outcome, years *yearsAnswer) *RowYears {
	if o.encoded.Rejected || years == nil {
		return nil
	}
	w.years.JSON, w.years.Eligible = years.json, o.eligible
	if o.encoded.writesWords() {
		w.years.Words = w.outcomes.adv.Words(o.band, years.years)
	}
	return &w.years
}
