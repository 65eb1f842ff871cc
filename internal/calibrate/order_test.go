package calibrate

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Ordered lists the records furthest apart first, then by status, then in
// input order, and keeps only the statuses asked for.
func TestOrderedPutsTheFurthestApartFirst(t *testing.T) {
	j, adv := newJoin(t)
	self := []Row{
		row(t, adv, 2, "A", "", "SRE", "6", "team"),        // agree
		row(t, adv, 3, "B", "", "SRE", "2", "individual"),  // manager two levels higher
		row(t, adv, 4, "C", "", "SRE", "6", "team"),        // self higher by one
		row(t, adv, 5, "D", "", "SRE", "6", "team"),        // only self
		row(t, adv, 6, "E", "", "SRE", "6", "team"),        // manager higher by one
		row(t, adv, 7, "F", "", "Sorcerer", "6", "team"),   // rejected
		row(t, adv, 8, "G", "", "SRE", "12", "multi-team"), // self two levels higher
	}
	mgr := []Row{
		row(t, adv, 2, "A", "", "SRE", "6", "team"),
		row(t, adv, 3, "B", "", "SRE", "12", "multi-team"),
		row(t, adv, 4, "C", "", "SRE", "2", "individual"),
		row(t, adv, 5, "E", "", "SRE", "12", "multi-team"),
		row(t, adv, 6, "F", "", "SRE", "6", "team"),
		row(t, adv, 7, "G", "", "SRE", "2", "individual"),
	}
	for _, r := range self {
		add(t, j, Self, r)
	}
	for _, r := range mgr {
		add(t, j, Manager, r)
	}
	walk := func(keep StatusSet) (got []string) {
		err := j.Ordered(keep, func(r *Record) error {
			got = append(got, r.Key+" "+string(r.Status))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	// C and E are one level apart in the catalog, B and G two.
	all := walk(AllStatuses())
	want := []string{"B manager-higher", "G self-higher", "E manager-higher", "C self-higher", "A agree", "D only-self", "F rejected"}
	if !slices.Equal(all, want) {
		t.Errorf("ordered %q\nwant %q", all, want)
	}
	some, err := ParseStatusSet([]string{"self-higher", " Rejected "})
	if err != nil {
		t.Fatal(err)
	}
	if got := walk(some); !slices.Equal(got, []string{"G self-higher", "C self-higher", "F rejected"}) {
		t.Errorf("self-higher and rejected only: %q", got)
	}
}

func TestParseStatusSet(t *testing.T) {
	if set, err := ParseStatusSet(nil); err != nil || set != AllStatuses() {
		t.Errorf("no --status: %v, %v; want every status", set.List(), err)
	}
	set, err := ParseStatusSet([]string{"agree,only-self", "agree"})
	if err != nil || !slices.Equal(set.List(), []Status{Agree, OnlySelf}) {
		t.Errorf("got %v, %v", set.List(), err)
	}
	if _, err := ParseStatusSet([]string{"agree,disagree"}); err == nil || !strings.Contains(err.Error(), `"disagree"`) {
		t.Errorf("an unknown status: %v", err)
	}
}

// Labels come from SELF's row, else MANAGER's, and a long cell is cut at a
// character boundary, so a record's memory does not grow with it.
func TestLabelsComeFromSelfElseManagerAndAreBounded(t *testing.T) {
	_, adv := newJoin(t)
	j := New(adv, Config{Labels: []string{"name", "team"}})
	long := strings.Repeat("é", MaxLabelBytes)
	s := row(t, adv, 2, "A", "", "SRE", "6", "team")
	s.Labels = []string{"Ada", ""}
	m := row(t, adv, 2, "A", "", "SRE", "6", "team")
	m.Labels = []string{"Ada Lovelace", long}
	only := row(t, adv, 3, "B", "", "SRE", "6", "team")
	add(t, j, Self, s)
	add(t, j, Manager, m)
	add(t, j, Manager, only)
	var got [][]string
	if err := j.Records(false, func(r *Record) error { got = append(got, slices.Clone(r.Labels)); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0][0] != "Ada" || got[1][0] != "" || got[1][1] != "" {
		t.Fatalf("labels %q", got)
	}
	team := got[0][1]
	if len(team) > MaxLabelBytes || !utf8.ValidString(team) || !strings.HasSuffix(team, "é…") {
		t.Errorf("a long label kept as %d bytes (valid UTF-8 %v), ending %q", len(team), utf8.ValidString(team), team[len(team)-8:])
	}
}
