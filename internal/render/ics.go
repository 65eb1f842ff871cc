package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	ics "github.com/arran4/golang-ical"

	"github.com/careerpath/careerpath/internal/advisor"
)

// icsProductID names careerpath as the calendar's maker (RFC 5545 PRODID).
const icsProductID = "-//careerpath//careerpath study plan//EN"

// WriteICS writes the recommendation's plan as an RFC 5545 calendar: one
// all-day event per phase. stamp is when the calendar is made (DTSTAMP).
//
// The library folds lines at 75 octets without splitting a UTF-8 sequence,
// but writes bare LF on Unix unless told otherwise, so CRLF is asked for.
func WriteICS(w io.Writer, rec *advisor.Recommendation, stamp time.Time) error {
	cal := ics.NewCalendar()
	cal.SetProductId(icsProductID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName(icsText(fmt.Sprintf("%s study plan", rec.Level.Name)))
	uid := planUID(rec)
	for i, ph := range rec.Plan.Phases {
		start, err := time.Parse(advisor.DateLayout, ph.Start)
		if err != nil {
			return fmt.Errorf("phase %d start: %w", i+1, err)
		}
		last, err := time.Parse(advisor.DateLayout, ph.End)
		if err != nil {
			return fmt.Errorf("phase %d end: %w", i+1, err)
		}
		ev := cal.AddEvent(fmt.Sprintf("%s-phase-%d@careerpath", uid, i+1))
		ev.SetDtStampTime(stamp)
		ev.SetAllDayStartAt(start)
		// RFC 5545 3.6.1: an all-day event's DTEND is the day after its last day.
		ev.SetAllDayEndAt(last.AddDate(0, 0, 1))
		ev.SetSummary(icsText(ph.Title))
		ev.SetDescription(icsText(fmt.Sprintf("%s\n\nLevel: %s (level %d); phase %d of %d, %d days.",
			ph.Activity, rec.Level.Name, rec.Level.Order, i+1, len(rec.Plan.Phases), ph.Days)))
		// Study time is planned, not a meeting: do not show the days as busy.
		ev.SetTimeTransparency(ics.TransparencyTransparent)
	}
	return cal.SerializeTo(w, ics.WithNewLineWindows)
}

// planUID is the same for the same answers (in any accepted spelling) and
// start date, so importing a plan again updates its events rather than
// adding copies.
func planUID(rec *advisor.Recommendation) string {
	key := strings.Join([]string{rec.Role.ID, strconv.FormatFloat(rec.Input.Years, 'f', -1, 64), rec.Accountability.ID, rec.Plan.Start}, "\x00")
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:10])
}

// icsText keeps catalog text inside RFC 5545 TEXT: line breaks become LF
// (which the library escapes as \n), other control characters, which a
// TEXT value may not hold, are dropped, and strings.Map turns bytes that are
// not UTF-8 into U+FFFD.
func icsText(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}
