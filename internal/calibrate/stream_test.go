package calibrate

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"testing"
)

// keyStatus encodes a record as its key and status, one line.
type keyStatus struct{}

func (keyStatus) AppendRecord(dst []byte, r *Record) []byte {
	return fmt.Appendf(dst, "%s %s %d\n", r.Key, r.Status, r.Delta)
}

// Stream writes what Records walks, in its order, over several blocks,
// and counts what Summarise counts.
func TestStreamWritesTheRecordsInOrderAndCountsThem(t *testing.T) {
	j, adv := newJoin(t)
	years := []string{"1", "4", "6", "12", "x"}
	groups := []string{"core", "edge", ""}
	n := 2*blockPositions + 100
	for i := range n {
		add(t, j, Self, row(t, adv, i+2, fmt.Sprintf("E%d", i), groups[i%3], "SRE", years[i%5], "team"))
		if i%7 != 0 {
			add(t, j, Manager, row(t, adv, i+2, fmt.Sprintf("E%d", i+n/2), groups[i%2], "SRE", years[(i+1)%5], "team"))
		}
	}
	var want bytes.Buffer
	if err := j.Records(false, func(r *Record) error { want.Write(keyStatus{}.AppendRecord(nil, r)); return nil }); err != nil {
		t.Fatal(err)
	}
	wantSum, err := j.Summarise(true)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	sum, err := j.Stream(&got, true, AllStatuses(), func() RecordEncoder { return keyStatus{} })
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("streamed %d bytes unlike the %d of Records", got.Len(), want.Len())
	}
	if !reflect.DeepEqual(sum, wantSum) || sum.Records <= blockPositions {
		t.Errorf("summary %+v\nwant %+v over more than one block", sum, wantSum)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

func TestStreamStopsAtTheWritersError(t *testing.T) {
	j, adv := newJoin(t)
	for i := range 3 * blockPositions {
		add(t, j, Self, row(t, adv, i+2, fmt.Sprintf("E%d", i), "", "SRE", "6", "team"))
	}
	full := errors.New("no space left")
	if _, err := j.Stream(failingWriter{full}, false, AllStatuses(), func() RecordEncoder { return keyStatus{} }); !errors.Is(err, full) {
		t.Errorf("error %v, want %v", err, full)
	}
}
