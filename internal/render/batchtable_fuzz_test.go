package render

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/text"
)

// FuzzTableView writes arbitrary CSV as the table view, piped and on a
// 40- and an 80-column terminal: no control or bidirectional character
// from the input reaches the output raw.
func FuzzTableView(f *testing.F) {
	f.Add([]byte("id\x1b[31m,role,years,accountability\nE1\u009b2J,SRE\u202e,6,team\nE2,SRE,6,team\n"))
	f.Add([]byte("role,years,accountability\n\"a\rb\",\x7f,\u2066team\u2069\n"))
	f.Add([]byte("id\x9b,role,years,accountability\nE\xff\x9b2J,SRE,6,team\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cat, err := catalog.Default()
		if err != nil {
			t.Fatal(err)
		}
		for _, width := range []int{0, 40, 80} {
			var out bytes.Buffer
			rows := BatchRows(&out, Table, BatchOptions{Width: width})
			_, err := batch.Run(context.Background(), cat, bytes.NewReader(data), rows, batch.Options{Delimiter: ',', Start: batchStart, Workers: 1})
			if err != nil {
				return // refused input says why elsewhere
			}
			if !utf8.Valid(out.Bytes()) {
				t.Fatalf("width %d: output is not UTF-8:\n%q", width, out.String())
			}
			if i := strings.IndexFunc(out.String(), text.Unsafe); i >= 0 {
				t.Fatalf("width %d: raw control character at %d:\n%q", width, i, out.String())
			}
		}
	})
}
