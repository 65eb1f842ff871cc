package calibrate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
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

// The readers lend the join each row's cells (batch.VisitChunks), views
// of input buffers that are reused for later chunks: a cell the join kept
// without copying it would read as another row's text by the time the
// records are written. Every row here differs in every cell, the MANAGER
// file is in another order (so its keys are kept for resolve), and one
// row in 50 is rejected, so each way a cell is kept is checked against
// the input.
func TestReadKeepsCopiesOfTheLentCells(t *testing.T) {
	const rows = 40_000
	type person struct{ name, team, role, years, account string }
	people := map[string][2]person{}
	var self strings.Builder
	self.WriteString("id,name,team,role,years,accountability\n")
	roles := [...]string{"SRE", "sre ", "Platform Engineer", "Engineering Manager"}
	accounts := [...]string{"team", "individual", "multi-team", "Team"}
	for i := range rows {
		key := fmt.Sprintf("P%06d", (i*7919)%rows)
		var sides [2]person
		for s := range sides {
			role := roles[(i+s)%len(roles)]
			if i%50 == 0 {
				role = fmt.Sprintf("Wizard %d-%d", i, s)
			}
			sides[s] = person{name: fmt.Sprintf("Name %d of %d", i, s), team: fmt.Sprintf("team %d", i%997),
				role: role, years: fmt.Sprintf("%d.%04d", (i+s)%20, i%9973), account: accounts[(i+s)%len(accounts)]}
		}
		people[key] = sides
		p := sides[0]
		fmt.Fprintf(&self, "%s,%s,%s,%s,%s,%s\n", key, p.name, p.team, p.role, p.years, p.account)
	}
	// MANAGER's rows in descending key order.
	var manager strings.Builder
	manager.WriteString("id,name,team,role,years,accountability\n")
	keys := slices.Sorted(maps.Keys(people))
	slices.Reverse(keys)
	for _, key := range keys {
		p := people[key][1]
		fmt.Fprintf(&manager, "%s,%s,%s,%s,%s,%s\n", key, p.name, p.team, p.role, p.years, p.account)
	}
	res, err := readPair(t, self.String(), manager.String(), ReadOptions{By: "team", Labels: []string{"name"}})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	err = res.Join.Records(false, func(r *Record) error {
		seen++
		want, ok := people[r.Key]
		if !ok {
			return fmt.Errorf("a record of key %q, which neither file has", r.Key)
		}
		if r.Labels[0] != want[0].name || r.Group != want[1].team {
			return fmt.Errorf("key %s: name %q, group %q; want %q, %q", r.Key, r.Labels[0], r.Group, want[0].name, want[1].team)
		}
		for s, a := range [2]*Assessment{r.Self, r.Manager} {
			w := want[s]
			if a == nil {
				return fmt.Errorf("key %s: no row of side %d", r.Key, s)
			}
			if got := a.Answers; got != (advisor.Answers{Role: w.role, Years: w.years, Accountability: w.account}) {
				return fmt.Errorf("key %s side %d: answers %+v, want %+v", r.Key, s, got, w)
			}
		}
		for _, e := range r.Errors {
			if w := want[sideIndex(e.Side)]; !strings.Contains(e.Message, strconv.Quote(w.role)) {
				return fmt.Errorf("key %s: error %q does not quote the row's role %q", r.Key, e.Message, w.role)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen != rows {
		t.Errorf("%d records, want %d", seen, rows)
	}
}
