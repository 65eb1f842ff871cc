package render

import (
	"strings"
	"testing"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
)

// FuzzICSText checks the calendar library's folding and escaping on any
// phase text: lines of at most 75 octets ending in CRLF, never a split
// UTF-8 sequence, and text that parses back as written (after icsText).
func FuzzICSText(f *testing.F) {
	f.Add("Revisit leadership principles", "Revisit leadership principles during the first two weeks.")
	f.Add(strings.Repeat("é", 80), strings.Repeat("監視; runbooks, \\n ", 20))
	f.Add(" leading and trailing ", "tab\there\r\nCRLF\rCR\x00NUL")
	f.Add("bad \xff UTF-8", strings.Repeat("é", 37)+"\xc3")
	rec := recommend(f, "SRE", "6", "team", "2027-01-04")
	f.Fuzz(func(t *testing.T, title, activity string) {
		r := *rec
		r.Plan.Phases = append(rec.Plan.Phases[:0:0], rec.Plan.Phases[0])
		r.Plan.Phases[0].Title, r.Plan.Phases[0].Activity = title, activity
		out := writeICS(t, &r)
		for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(l) > 75 || strings.ContainsAny(l, "\r\n") || !utf8.ValidString(l) {
				t.Fatalf("line %d is %d octets, or holds CR/LF or a split UTF-8 sequence: %q", i+1, len(l), l)
			}
		}
		ev := parseICS(t, out).Events()[0]
		if got, want := prop(t, ev, ics.ComponentPropertySummary).Value, icsText(title); got != want {
			t.Fatalf("SUMMARY parses back as %q, want %q", got, want)
		}
		if got, want := prop(t, ev, ics.ComponentPropertyDescription).Value, icsText(activity+"\n\n"); !strings.HasPrefix(got, want) {
			t.Fatalf("DESCRIPTION parses back as %q, want it to start %q", got, want)
		}
	})
}
