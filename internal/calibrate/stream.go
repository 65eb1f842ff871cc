package calibrate

import (
	"io"
	"runtime"
)

// RecordEncoder appends records to a buffer in one format. Stream gives
// each block of records its own, so an encoder may keep caches unlocked.
type RecordEncoder interface {
	AppendRecord(dst []byte, r *Record) []byte
}

// Stream writes the records whose status is in keep, in Records' order,
// and returns the summary of every record, counted in the same pass. Blocks of records are encoded into
// buffers on every core at the same time and written out in order, a
// bounded number in flight.
func (j *Join) Stream(w io.Writer, byGroup bool, keep StatusSet, newEncoder func() RecordEncoder) (Summary, error) {
	// Before the blocks, so that numbering the pending keys has every core.
	if err := j.settle(); err != nil {
		return Summary{}, err
	}
	total := j.newTally(byGroup)
	inFlight := make(chan chan encodedBlock, 2*runtime.GOMAXPROCS(0))
	// Written blocks' buffers are reused, as many as can be in flight.
	free := make(chan []byte, cap(inFlight)+1)
	stop := make(chan struct{})
	go func() {
		defer close(inFlight)
		for from := 0; from < j.Positions(); from += blockPositions {
			done := make(chan encodedBlock, 1)
			select {
			case inFlight <- done:
			case <-stop:
				return
			}
			var buf []byte
			select {
			case buf = <-free:
			default:
				buf = make([]byte, 0, blockBytes)
			}
			to := min(from+blockPositions, j.Positions())
			go func() { done <- j.encodeBlock(from, to, byGroup, keep, newEncoder(), buf) }()
		}
	}()
	var err error
	for done := range inFlight {
		b := <-done
		if err == nil {
			if err = b.err; err == nil {
				_, err = w.Write(b.text)
				total.Merge(b.tally)
				free <- b.text[:0]
			}
			if err != nil {
				close(stop)
			}
		}
	}
	if err != nil {
		return Summary{}, err
	}
	return total.Summary(), nil
}

// blockPositions is how many join positions a block encodes: some 400 KB
// of CSV, 1 MB where every row is rejected with a long message, so that
// the blocks in flight and the buffers kept for reuse stay a few MB: with
// twice as many positions they were some 15 MB of a pair's peak memory
// whose every answer differs, and writing was no faster.
const blockPositions = 4 << 10

// blockBytes is a block buffer's first size: most CSV records' lines are
// under 128 bytes.
const blockBytes = 128 * blockPositions

// encodedBlock is a block of records encoded, and their counts.
type encodedBlock struct {
	text  []byte
	tally *tally
	err   error
}

// encodeBlock encodes the records kept at positions from up to to after
// buf, and counts them all.
func (j *Join) encodeBlock(from, to int, byGroup bool, keep StatusSet, enc RecordEncoder, buf []byte) encodedBlock {
	b := encodedBlock{tally: j.newTally(byGroup), text: buf}
	b.err = j.RecordsIn(from, to, false, func(r *Record) error {
		b.tally.Add(r)
		if keep.Has(r.Status) {
			b.text = enc.AppendRecord(b.text, r)
		}
		return nil
	})
	return b
}
