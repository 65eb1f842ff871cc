package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/careerpath/careerpath/internal/calibrate"
	"github.com/careerpath/careerpath/internal/privacy"
	"github.com/careerpath/careerpath/internal/text"
)

// CalibrationSummary writes the summary as lines of text, for stderr
// beside the machine formats.
func CalibrationSummary(w io.Writer, sum calibrate.Summary, opt CalibrationOptions) error {
	out := &errWriter{w: w, escape: text.Sanitize}
	out.line("%s", summaryHeadline(sum))
	counts := make([]string, len(sum.Statuses))
	for i, c := range sum.Statuses {
		counts[i] = fmt.Sprintf("%s %d", c.Status, c.Count)
	}
	out.line("  %s", strings.Join(counts, ", "))
	deltas := make([]string, len(sum.Deltas))
	for i, d := range sum.Deltas {
		deltas[i] = fmt.Sprintf("%s: %d", signedNumber(d.Delta), d.Count)
	}
	out.line("  delta (manager minus self) %s", strings.Join(deltas, ", "))
	if opt.By != "" {
		out.line("  by %s, mean delta (above 0: managers rate higher than their people):", text.Sanitize(opt.By))
		for _, g := range sum.Groups {
			if g.Suppressed != "" {
				out.line("    %s: %s", text.Sanitize(groupName(g.Group)), hiddenGroupText(g, opt.MinGroup))
				continue
			}
			out.line("    %s: %s (%d compared of %d)", text.Sanitize(groupName(g.Group)), meanText(g), g.Compared, g.Records)
		}
	}
	return out.err
}

func summaryHeadline(sum calibrate.Summary) string {
	return fmt.Sprintf("%d %s: %d compared on both sides, agreement %s (%d of %d)",
		sum.Records, plural(sum.Records, "record"), sum.Compared, percent(sum.Agreement), sum.Count(calibrate.Agree), sum.Compared)
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

// signedNumber writes a delta with its sign: +1, 0, -1.
func signedNumber(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func meanText(g calibrate.GroupSummary) string {
	if g.Compared == 0 {
		return "-"
	}
	s := strconv.FormatFloat(g.MeanDelta, 'f', 2, 64)
	if g.MeanDelta > 0 {
		s = "+" + s
	}
	return s
}

// hiddenGroupText stands for a hidden group's figures (--min-group).
func hiddenGroupText(g calibrate.GroupSummary, minGroup int) string {
	if g.Suppressed == privacy.Complementary {
		return "hidden with a smaller group"
	}
	return fmt.Sprintf("fewer than %d", minGroup)
}

// groupName shows an empty group as such rather than as nothing.
func groupName(g string) string {
	if g == "" {
		return "(empty)"
	}
	return g
}

// calibrationTables are the summary and record tables every human format
// shows; their fields are exported for the HTML page's template.
type calibrationTables struct {
	Facts          [][2]string
	StatusHeaders  []string
	Statuses       [][]string
	DeltaHeaders   []string
	Deltas         [][]string
	GroupHeaders   []string
	Groups         [][]string
	RecordsHeaders []string
}

func newCalibrationTables(sum calibrate.Summary, opt CalibrationOptions) calibrationTables {
	t := calibrationTables{
		Facts: [][2]string{
			{"Self assessment", opt.Files[0]},
			{"Manager assessment", opt.Files[1]},
			{"Catalog", fmt.Sprintf("%s %s (sha256 %s)", opt.Catalog.Name, opt.Catalog.Version, opt.Catalog.SHA256)},
			{"Records", strconv.Itoa(sum.Records)},
			{"Compared on both sides", strconv.Itoa(sum.Compared)},
			{"Agreement", fmt.Sprintf("%s (%d of %d)", percent(sum.Agreement), sum.Count(calibrate.Agree), sum.Compared)},
		},
		StatusHeaders:  []string{"Status", "Records"},
		DeltaHeaders:   []string{"Delta (manager minus self)", "People"},
		GroupHeaders:   []string{"Group (" + opt.By + ")", "Records", "Compared", "Mean delta", "Agree", "Manager higher", "Self higher"},
		RecordsHeaders: recordHeaders(opt),
	}
	if opt.filtered() {
		t.Facts = append(t.Facts, [2]string{"Records shown", shownText(sum, opt.Kept())})
	}
	for _, c := range sum.Statuses {
		t.Statuses = append(t.Statuses, []string{string(c.Status), strconv.Itoa(c.Count)})
	}
	for _, d := range sum.Deltas {
		t.Deltas = append(t.Deltas, []string{signedNumber(d.Delta), strconv.Itoa(d.Count)})
	}
	for _, g := range sum.Groups {
		if g.Suppressed != "" {
			t.Groups = append(t.Groups, []string{groupName(g.Group), hiddenGroupText(g, opt.MinGroup), "", "", "", "", ""})
			continue
		}
		t.Groups = append(t.Groups, []string{groupName(g.Group), strconv.Itoa(g.Records), strconv.Itoa(g.Compared), meanText(g),
			strconv.Itoa(g.Agree), strconv.Itoa(g.ManagerHigher), strconv.Itoa(g.SelfHigher)})
	}
	return t
}

// shownText says which records --status keeps: "2 of 18 (manager-higher,
// self-higher)".
func shownText(sum calibrate.Summary, keep calibrate.StatusSet) string {
	shown := 0
	var names []string
	for _, st := range keep.List() {
		shown += sum.Count(st)
		names = append(names, string(st))
	}
	return fmt.Sprintf("%d of %d (%s)", shown, sum.Records, strings.Join(names, ", "))
}

// recordsOrder says how the human formats order the records.
const recordsOrder = "The two levels furthest apart first, then by status, then in input order."

func recordHeaders(opt CalibrationOptions) []string {
	h := append([]string{"Key"}, opt.Labels...)
	if opt.By != "" {
		h = append(h, "Group")
	}
	return append(h, "Status", "Self line", "Manager line", "Self level", "Manager level", "Delta", "Differences", "Error")
}

func recordCells(r *calibrate.Record, by bool) []string {
	c := append([]string{r.Key}, r.Labels...)
	if by {
		c = append(c, r.Group)
	}
	return append(c, string(r.Status), rowText(r.Self), rowText(r.Manager), levelName(r.Self), levelName(r.Manager),
		deltaText(r, true), differencesText(r), errorsText(r))
}

// differencesText says each differing answer with both sides' values, as
// given: "years: 6 -> 8, accountability: team -> multi-team".
func differencesText(r *calibrate.Record) string {
	parts := make([]string, len(r.Differences))
	for i, d := range r.Differences {
		parts[i] = d.Answer + ": " + d.Self + " -> " + d.Manager
	}
	return strings.Join(parts, ", ")
}

func calibrationText(w io.Writer, md bool, j *calibrate.Join, sum calibrate.Summary, opt CalibrationOptions) error {
	var s style = terminalStyle{}
	if md {
		s = markdownStyle{}
	}
	out := textWriter(w, s, opt.Width)
	t := newCalibrationTables(sum, opt)
	out.line("%s", s.title("Calibration: self against manager assessment"))
	out.line("")
	for _, f := range t.Facts {
		out.para(s.bullet(), f[0]+": "+f[1])
	}
	section(out, s, "Statuses")
	out.table(md, t.StatusHeaders, t.Statuses)
	section(out, s, "Deltas")
	out.table(md, t.DeltaHeaders, t.Deltas)
	if opt.By != "" {
		section(out, s, "By "+opt.By+", managers rating highest above their people first")
		out.table(md, t.GroupHeaders, t.Groups)
	}
	section(out, s, "Records")
	if opt.NoPeople {
		out.line("Left out (--no-people).")
		return out.err
	}
	out.para("", recordsOrder)
	if md {
		out.line("")
	}
	var rows [][]string
	err := j.Ordered(opt.Kept(), func(r *calibrate.Record) error {
		rows = append(rows, recordCells(r, opt.By != ""))
		return nil
	})
	if err != nil {
		return err
	}
	out.table(md, t.RecordsHeaders, rows)
	return out.err
}
