package batch

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/advisor"
)

func TestReadRowsReadsAsRunDoes(t *testing.T) {
	in := "\xef\xbb\xbfid;Job Title;yoe;scope\r\n1;Staff SRE;5;team\r\n\r\n2;\"Lead\nCloud Engineer\";3;ic\n3;oops\n4;SRE;6;org"
	var got []Row
	err := ReadRows(context.Background(), strings.NewReader(in), Options{Delimiter: ';', Columns: map[string]string{ColumnRole: "Job Title"}}, func(r Row) error {
		got = append(got, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{Line: 2, Answers: advisor.Answers{Role: "Staff SRE", Years: "5", Accountability: "team"}},
		{Line: 4, Answers: advisor.Answers{Role: "Lead\nCloud Engineer", Years: "3", Accountability: "ic"}},
		{Line: 6, Shape: shapeMessage(2, 4)},
		{Line: 7, Answers: advisor.Answers{Role: "SRE", Years: "6", Accountability: "org"}},
	}
	if len(got) != len(want) {
		t.Fatalf("rows %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestReadRowsRefusesWhatRunRefuses(t *testing.T) {
	each := func(Row) error { return nil }
	var header *HeaderError
	if err := ReadRows(context.Background(), strings.NewReader("name,years\nA,3\n"), Options{}, each); !errors.As(err, &header) {
		t.Errorf("no role column: %v", err)
	}
	long := "role,years,accountability\n" + strings.Repeat("x", 200) + ",3,team\n"
	if err := ReadRows(context.Background(), strings.NewReader(long), Options{recordLimit: 100}, each); err == nil {
		t.Error("a record past the limit is read")
	}
	stop := errors.New("stop")
	if err := ReadRows(context.Background(), strings.NewReader("role,years,accountability\nSRE,3,team\nSRE,4,team\n"), Options{}, func(Row) error { return stop }); err != stop {
		t.Errorf("each's error is not returned: %v", err)
	}
}
