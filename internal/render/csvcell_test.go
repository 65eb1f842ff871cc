package render

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/careerpath/careerpath/internal/batch"
)

func TestCellGuardAndQuoting(t *testing.T) {
	w := newCellWriter(',', false)
	for in, want := range map[string]string{
		"": "", "plain": "plain", "=1+2": "'=1+2", "+1": "'+1", "-1": "'-1", "@x": "'@x", "\tx": "'\tx",
		"\rx": "\"'\rx\"", "=a,b": `"'=a,b"`, `say "hi"`: `"say ""hi"""`, " lead": `" lead"`, `\.`: `"\."`,
		"a\nb": "\"a\nb\"", "x=1": "x=1",
	} {
		if got := string(w.cell(nil, []byte(in))); got != want {
			t.Errorf("cell(%q) = %q, want %q", in, got, want)
		}
	}
	if got := string(newCellWriter(';', true).cell(nil, []byte("=a;b"))); got != `"=a;b"` {
		t.Errorf("raw cell = %q", got)
	}
}

// FuzzRawCellIsEncodingCSV: without the guard, a cell is written exactly
// as encoding/csv writes it, whatever the delimiter.
func FuzzRawCellIsEncodingCSV(f *testing.F) {
	for _, s := range []string{"plain", "a,b", `say "hi"`, " lead", `\.`, "a\nb", "\rx", "=1"} {
		f.Add(s, byte(','))
	}
	f.Add("a;b", byte(';'))
	f.Fuzz(func(t *testing.T, s string, delim byte) {
		if s == "" || !batch.ValidDelimiter(delim) {
			return
		}
		var want bytes.Buffer
		cw := csv.NewWriter(&want)
		cw.Comma = rune(delim)
		_ = cw.Write([]string{s})
		cw.Flush()
		if got := newCellWriter(delim, true).cell(nil, []byte(s)); string(got)+"\n" != want.String() {
			t.Fatalf("cell(%q) = %q, encoding/csv writes %q", s, got, want.String())
		}
	})
}
