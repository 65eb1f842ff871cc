package render

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
)

var stamp = time.Date(2027, 1, 4, 9, 30, 0, 0, time.UTC)

func recommend(t testing.TB, role, years, acc, start string) *advisor.Recommendation {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	day, err := advisor.ParseDate(start)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := advisor.New(cat).Advise(advisor.Answers{Role: role, Years: years, Accountability: acc}, day)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func writeICS(t testing.TB, rec *advisor.Recommendation) string {
	t.Helper()
	var b bytes.Buffer
	if err := Recommendation(&b, ICS, rec, Options{Stamp: stamp}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func parseICS(t *testing.T, s string) *ics.Calendar {
	t.Helper()
	cal, err := ics.ParseCalendar(strings.NewReader(s))
	if err != nil {
		t.Fatalf("the library cannot parse the calendar back: %v\n%s", err, s)
	}
	return cal
}

func prop(t *testing.T, ev *ics.VEvent, p ics.ComponentProperty) *ics.IANAProperty {
	t.Helper()
	got := ev.GetProperty(p)
	if got == nil {
		t.Fatalf("event %s has no %s", ev.Id(), p)
	}
	return got
}

func TestICSHasOneAllDayEventPerPhase(t *testing.T) {
	rec := recommend(t, "SRE", "6", "team", "2027-01-04")
	cal := parseICS(t, writeICS(t, rec))

	var prodID string
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == string(ics.PropertyProductId) {
			prodID = p.Value
		}
	}
	if !strings.Contains(prodID, "careerpath") {
		t.Errorf("PRODID %q does not name careerpath", prodID)
	}

	// SRE, 6 years, team is Professional: 14, 30 and 60 days from 2027-01-04.
	// DTEND is the day after each phase's last day (RFC 5545 3.6.1).
	want := [][2]string{{"20270104", "20270118"}, {"20270118", "20270217"}, {"20270217", "20270418"}}
	events := cal.Events()
	if len(events) != len(want) || len(rec.Plan.Phases) != len(want) {
		t.Fatalf("%d events for %d phases, want %d", len(events), len(rec.Plan.Phases), len(want))
	}
	uids := map[string]bool{}
	for i, ev := range events {
		ph := rec.Plan.Phases[i]
		for j, p := range []ics.ComponentProperty{ics.ComponentPropertyDtStart, ics.ComponentPropertyDtEnd} {
			got := prop(t, ev, p)
			if got.Value != want[i][j] || got.ICalParameters["VALUE"][0] != "DATE" {
				t.Errorf("event %d %s = %s %v, want %s as a DATE", i+1, p, got.Value, got.ICalParameters, want[i][j])
			}
		}
		start, err := ev.GetAllDayStartAt()
		if err != nil || start.Format(advisor.DateLayout) != ph.Start {
			t.Errorf("event %d starts %v (%v), phase starts %s", i+1, start, err, ph.Start)
		}
		if got := prop(t, ev, ics.ComponentPropertySummary).Value; got != ph.Title {
			t.Errorf("event %d SUMMARY %q, want the phase title %q", i+1, got, ph.Title)
		}
		desc := prop(t, ev, ics.ComponentPropertyDescription).Value
		if !strings.HasPrefix(desc, ph.Activity+"\n\n") || !strings.Contains(desc, "Level: Professional (level 2); phase") {
			t.Errorf("event %d DESCRIPTION %q lacks the activity or the level", i+1, desc)
		}
		if prop(t, ev, ics.ComponentPropertyDtstamp).Value != "20270104T093000Z" {
			t.Errorf("event %d DTSTAMP is not the stamp given", i+1)
		}
		uids[ev.Id()] = true
	}
	if len(uids) != len(events) {
		t.Errorf("UIDs are not unique: %v", uids)
	}
}

func TestICSUIDsFollowAnswersAndStart(t *testing.T) {
	uids := func(rec *advisor.Recommendation) string {
		var ids []string
		for _, ev := range parseICS(t, writeICS(t, rec)).Events() {
			ids = append(ids, ev.Id())
		}
		return strings.Join(ids, " ")
	}
	base := uids(recommend(t, "SRE", "6", "team", "2027-01-04"))
	if same := uids(recommend(t, "site_reliability engineer", "6.0", "Team Ownership", "2027-01-04")); same != base {
		t.Errorf("the same answers spelt differently give other UIDs:\n%s\n%s", base, same)
	}
	for name, rec := range map[string]*advisor.Recommendation{
		"start":          recommend(t, "SRE", "6", "team", "2027-01-05"),
		"years":          recommend(t, "SRE", "6.5", "team", "2027-01-04"),
		"role":           recommend(t, "Platform Engineer", "6", "team", "2027-01-04"),
		"accountability": recommend(t, "SRE", "6", "individual", "2027-01-04"),
	} {
		if uids(rec) == base {
			t.Errorf("another %s gives the same UIDs", name)
		}
	}
}

// Long, multibyte and hostile text: every physical line ends in CRLF, holds
// at most 75 octets and whole UTF-8 sequences, and unfolds to the text.
func TestICSFoldsAt75OctetsWithCRLF(t *testing.T) {
	rec := recommend(t, "SRE", "6", "team", "2027-01-04")
	long := strings.Repeat("Révisez les SLO, budgets d'erreur; runbooks, 監視 and “post-mortems” ✅. ", 6)
	rec.Plan.Phases[0].Title = "Phase with a very long title that goes on, and on; past seventy-five octets"
	rec.Plan.Phases[0].Activity = long + "\r\nSecond line\x07 with a bell"
	out := writeICS(t, rec)

	if !strings.HasSuffix(out, "\r\n") {
		t.Error("output does not end in CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	folded := 0
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded < 5 {
		t.Errorf("only %d continuation lines; the long text was not folded", folded)
	}

	ev := parseICS(t, out).Events()[0]
	if got := prop(t, ev, ics.ComponentPropertySummary).Value; got != rec.Plan.Phases[0].Title {
		t.Errorf("SUMMARY unfolds to %q", got)
	}
	desc := prop(t, ev, ics.ComponentPropertyDescription).Value
	if !strings.HasPrefix(desc, long+"\nSecond line with a bell\n\n") {
		t.Errorf("DESCRIPTION unfolds to %q", desc)
	}
}
