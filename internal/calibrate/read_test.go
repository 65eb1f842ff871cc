package calibrate

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/catalog"
)

func readPair(t *testing.T, self, manager string, opts ReadOptions) (*Result, error) {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	opts.Batch = batch.Options{Delimiter: ',', Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)}
	open := func(context.Context) ([2]Input, error) {
		return [2]Input{{Name: "self.csv", Reader: strings.NewReader(self)}, {Name: "manager.csv", Reader: strings.NewReader(manager)}}, nil
	}
	return Read(context.Background(), cat, advisor.New(cat), open, opts)
}

func statuses(t *testing.T, res *Result) map[string]Status {
	t.Helper()
	got := map[string]Status{}
	err := res.Join.Records(false, func(r *Record) error { got[r.Key] = r.Status; return nil })
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// Without a key, the first default both headers have pairs the rows:
// employee_id is only in SELF, so id is the key.
func TestReadPairsByTheFirstDefaultKeyInBothHeaders(t *testing.T) {
	self := "employee_id,id,role,years,accountability\nX9,E1,SRE,6,team\nX8,E2,SRE,2,individual\n"
	manager := "id,role,years,accountability,team\nE1,SRE,12,multi-team,core\nE3,SRE,6,team,edge\n"
	res, err := readPair(t, self, manager, ReadOptions{By: "team"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != [2]string{"self.csv", "manager.csv"} || res.Reads[0].Read != 2 || res.Reads[1].Advised != 2 {
		t.Errorf("files %q, reads %+v; want both files' two rows", res.Files, res.Reads)
	}
	want := map[string]Status{"E1": ManagerHigher, "E2": OnlySelf, "E3": OnlyManager}
	if got := statuses(t, res); len(got) != len(want) || got["E1"] != want["E1"] || got["E2"] != want["E2"] || got["E3"] != want["E3"] {
		t.Errorf("statuses %v, want %v", got, want)
	}
}

func TestReadNamesTheColumnsBothFilesLack(t *testing.T) {
	self := "employee_id,role,years,accountability\nE1,SRE,6,team\n"
	manager := "email,role,years,accountability\nE1,SRE,6,team\n"
	for _, tc := range []struct {
		opts ReadOptions
		want string
	}{
		{ReadOptions{}, `no key column in both files: looked for employee_id, id, email, and self.csv has "employee_id"`},
		{ReadOptions{Key: "email"}, `no key column "email" in self.csv`},
		{ReadOptions{Key: "role", By: "team"}, `no --by column "team" in either file`},
	} {
		_, err := readPair(t, self, manager, tc.opts)
		var he *batch.HeaderError
		if !errors.As(err, &he) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want a header error with %q", tc.opts, err, tc.want)
		}
	}
}

// A file's own failure goes through its Failure, the pair's does not.
func TestReadHandsOnlyTheFilesOwnErrorsToFailure(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	broken := errors.New("disk on fire")
	var failed []string
	input := func(name string, r io.Reader) Input {
		return Input{Name: name, Reader: r, Failure: func(_ context.Context, err error) error {
			if err != nil {
				failed = append(failed, name)
			}
			return err
		}}
	}
	good := "id,role,years,accountability\nE1,SRE,6,team\n"
	open := func(context.Context) ([2]Input, error) {
		return [2]Input{input("self.csv", strings.NewReader(good)),
			input("manager.csv", io.MultiReader(strings.NewReader(good), errReader{broken}))}, nil
	}
	_, err = Read(context.Background(), cat, advisor.New(cat), open, ReadOptions{Batch: batch.Options{Delimiter: ','}})
	if !errors.Is(err, broken) || len(failed) != 1 || failed[0] != "manager.csv" {
		t.Errorf("error %v, failures of %q; want %v through manager.csv's Failure only", err, failed, broken)
	}
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }
