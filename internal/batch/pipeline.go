package batch

import (
	"bytes"
	"context"
	"errors"
	"io"
	"runtime"
	"sync"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
)

// chunkSize is how much input a chunk holds at least; a record longer
// than that makes its chunk grow to fit it. A JSON row is some fifty times
// its CSV row, so JSON chunks are smaller to keep the output buffers in
// flight as small as CSV's.
func chunkSize(f Format) int {
	if f == NDJSON || f == JSON {
		return 8 << 10
	}
	return 64 << 10
}

const utf8BOM = "\xef\xbb\xbf"

// chunk is a run of whole records, numbered in input order.
type chunk struct {
	seq  int
	line int // the physical line number of data[0], from 1
	data []byte
	buf  *[]byte // data's backing buffer, for reuse

	out               *[]byte
	advised, rejected int
}

// Run advises every record of in and writes the rows to out in input
// order. It reads the header before writing anything, so a *HeaderError
// means out is untouched. Cancelling ctx stops the run with ctx's error.
func Run(ctx context.Context, cat *catalog.Loaded, in io.Reader, out io.Writer, opts Options) (Summary, error) {
	if opts.Delimiter == 0 {
		opts.Delimiter = ','
	}
	r := &reader{in: in, parser: recordParser{delim: opts.Delimiter}, chunkSize: chunkSize(opts.Format)}
	header, err := r.header()
	if err != nil {
		return Summary{}, err
	}
	l, err := newLayout(header, opts.Columns)
	if err != nil {
		return Summary{}, err
	}
	enc, snk := newFormat(opts.Format, l, opts, out)
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
	pools := &pools{outCap: 2 * r.chunkSize}

	go func() {
		defer close(todo)
		if err := r.chunks(ctx, inFlight, todo, pools); err != nil {
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
				outcomes: newOutcomes(adv, l, enc, opts.Start), pools: pools}
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
			if err := snk.write(*c.out); err != nil {
				return sum, err
			}
			sum.Advised += c.advised
			sum.Rejected += c.rejected
			sum.Read += c.advised + c.rejected
			pools.putOut(c.out)
			<-inFlight
			next++
		}
	}
}

// pools recycle chunk buffers; inFlight caps how many are in use.
type pools struct {
	in, out sync.Pool
	outCap  int
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
	buf       []byte // read but not yet sent
	atEOF     bool
	line      int // the line number of buf[0]
}

// fill reads until buf holds at least n bytes or the input ends.
func (r *reader) fill(n int) error {
	if cap(r.buf) < n {
		r.buf = append(make([]byte, 0, n), r.buf...)
	}
	for len(r.buf) < n && !r.atEOF {
		m, err := r.in.Read(r.buf[len(r.buf):cap(r.buf)])
		r.buf = r.buf[:len(r.buf)+m]
		if errors.Is(err, io.EOF) {
			r.atEOF = true
		} else if err != nil {
			return err
		}
	}
	return nil
}

// header reads the first record, after a byte order mark if any.
func (r *reader) header() ([][]byte, error) {
	r.line = 1
	size := r.chunkSize
	for {
		if err := r.fill(size); err != nil {
			return nil, err
		}
		data := bytes.TrimPrefix(r.buf, []byte(utf8BOM))
		var rec record
		n, lines, status := r.parser.next(data, r.atEOF, &rec)
		switch status {
		case parsedEnd:
			return nil, &HeaderError{Message: "the input is empty; a header row naming the columns must come first"}
		case parsedRecord:
			r.buf = data[n:]
			r.line += lines
			return rec.fields, nil
		}
		size = 2 * cap(r.buf)
	}
}

// chunks sends the rest of the input as chunks, waiting for a free slot in
// inFlight before each one.
func (r *reader) chunks(ctx context.Context, inFlight chan<- struct{}, todo chan<- *chunk, pools *pools) error {
	for seq := 0; ; seq++ {
		size := r.chunkSize
		cut := 0
		for {
			if err := r.fill(size); err != nil {
				return err
			}
			if cut = r.cut(); cut > 0 || r.atEOF {
				break
			}
			size = 2 * cap(r.buf)
		}
		if cut == 0 {
			return nil
		}
		buf := pools.getIn(max(r.chunkSize, cut))
		*buf = append(*buf, r.buf[:cut]...)
		c := &chunk{seq: seq, line: r.line, data: *buf, buf: buf}
		r.line += bytes.Count(c.data, []byte{'\n'})
		r.buf = append(r.buf[:0], r.buf[cut:]...)
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
	layout   *layout
	enc      encoder
	outcomes *outcomes
	pools    *pools
}

func (w *worker) process(c *chunk) {
	out := w.pools.getOut()
	data, line := c.data, c.line
	for {
		n, lines, status := w.parser.next(data, true, &w.rec)
		if status != parsedRecord {
			break
		}
		var o *outcome
		var years []byte
		if len(w.rec.fields) == w.layout.width {
			o, years = w.outcomes.of(w.rec.fields)
		} else {
			o = shapeOutcome(w.enc, len(w.rec.fields), w.layout.width)
		}
		if o.rejected {
			c.rejected++
		} else {
			c.advised++
		}
		*out = w.enc.row(*out, line+w.rec.line, w.rec.fields, o, years)
		data, line = data[n:], line+lines
	}
	w.pools.putIn(c.buf)
	c.data, c.buf, c.out = nil, nil, out
}
