package report

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/catalog"
)

// FuzzReport feeds any CSV through batch.Visit into the builder: it never
// panics, every row counts once: in the totals, the levels, the groups
// and the rejection causes, and the workers' derivations (Derive) make
// the same document as the builder's own.
func FuzzReport(f *testing.F) {
	for _, seed := range []string{
		"employee_id,team,role,years,accountability\nE1,a,SRE,6,team\nE2,b,Sorcerer,6,team\nE3,a,SRE\n",
		"role;years;accountability;start;team\nSRE;1;ic;2027-02-30;x\n\"Data\nEngineer\";4;multi-team;;y\n",
		"\xef\xbb\xbfRole,YEARS,scope,team\r\nsre,0.5,Team,\"q\"\"\"\r\n,,,\r\n",
	} {
		f.Add([]byte(seed), byte(','), uint8(3))
	}
	cat, err := catalog.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, delim byte, top uint8) {
		if !batch.ValidDelimiter(delim) {
			delim = ','
		}
		opts := batch.Options{Delimiter: delim, Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)}
		b := New(cat, Options{By: "team", Top: int(top)})
		sum, err := batch.Visit(context.Background(), cat, bytes.NewReader(data), opts, b.Begin, b.Add)
		var he *batch.HeaderError
		var ce *ColumnError
		if errors.As(err, &he) || errors.As(err, &ce) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		doc, err := b.Report(sum)
		if err != nil {
			t.Fatal(err)
		}
		derived := New(cat, Options{By: "team", Top: int(top)})
		opts.Derive = derived.Derive
		if _, err := batch.Visit(context.Background(), cat, bytes.NewReader(data), opts, derived.Begin, derived.Add); err != nil {
			t.Fatal(err)
		}
		if docDerived, err := derived.Report(sum); err != nil || !reflect.DeepEqual(docDerived, doc) {
			t.Fatalf("with Derive: %v\n%+v\nwithout:\n%+v", err, docDerived, doc)
		}
		if doc.Rows.Read != doc.Rows.Advised+doc.Rows.Rejected {
			t.Fatalf("rows %+v do not add up", doc.Rows)
		}
		levels := 0
		for _, l := range doc.Levels {
			levels += l.People
		}
		groups := 0
		for _, g := range doc.Groups.Groups {
			groups += g.Rows
		}
		if doc.Groups.Other != nil {
			groups += doc.Groups.Other.Rows
		}
		causes := 0
		for _, c := range doc.Rejected.Causes {
			causes += c.Rows
		}
		ready := doc.Readiness.AtTop
		for _, bk := range doc.Readiness.Buckets {
			ready += bk.People
		}
		if levels != doc.Rows.Advised || ready != doc.Rows.Advised || groups != doc.Rows.Read || causes != doc.Rows.Rejected {
			t.Fatalf("rows %+v; levels %d, readiness %d, groups %d, causes %d", doc.Rows, levels, ready, groups, causes)
		}
		if len(doc.Closest) > int(top) {
			t.Fatalf("%d closest, top %d", len(doc.Closest), top)
		}
	})
}
