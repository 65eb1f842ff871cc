package render

import (
	"bufio"
	_ "embed"
	"html/template"
	"io"
	"math"
	"strconv"
	"sync"

	"github.com/careerpath/careerpath/internal/calibrate"
	"github.com/careerpath/careerpath/internal/catalog"
)

// pageCSP forbids every load: the page is one file with its style inline,
// and opening it must not reach the network.
const pageCSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

// calibrationPageText is the calibration page: one self-contained file in
// the report's design (templates/page.html.tmpl), every value escaped by
// html/template. It is cut in three so that the records stream through
// "row" once ordered instead of being gathered as cells first.
//
//go:embed templates/calibration.html.tmpl
var calibrationPageText string

// calibrationPage is parsed on first use, as reportTemplate is.
var calibrationPage = sync.OnceValue(func() *template.Template { return pageTemplate("page", calibrationPageText) })

// calibrationHead is what the page's head and summary read.
type calibrationHead struct {
	CSP        string
	By         string
	Files      [2]string
	Catalog    catalog.Source
	Summary    calibrate.Summary
	Agreement  string
	Agree      int
	Tables     calibrationTables
	DeltaChart *chart // nil when nobody was compared
	GroupChart *chart // nil without a group with anybody compared
	Order      string
	Shown      string // which records --status keeps, "" for all
	NoPeople   bool   // the records are left out (--no-people)
}

type htmlRow struct {
	Cells       []string
	StatusAt    int
	StatusClass string
}

func calibrationHTML(w io.Writer, j *calibrate.Join, sum calibrate.Summary, opt CalibrationOptions) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	head := calibrationHead{CSP: pageCSP, By: opt.By, Files: opt.Files, Catalog: opt.Catalog, Summary: sum,
		Agreement: percent(sum.Agreement), Agree: sum.Count(calibrate.Agree), Tables: newCalibrationTables(sum, opt),
		DeltaChart: deltaChart(sum), Order: recordsOrder, NoPeople: opt.NoPeople}
	if opt.By != "" {
		head.GroupChart = meanDeltaChart(sum, opt.By)
	}
	if opt.filtered() {
		head.Shown = shownText(sum, opt.Kept())
	}
	if err := calibrationPage().ExecuteTemplate(bw, "head", head); err != nil {
		return err
	}
	statusAt := 1 + len(opt.Labels)
	if opt.By != "" {
		statusAt++
	}
	if !opt.NoPeople {
		err := j.Ordered(opt.Kept(), func(r *calibrate.Record) error {
			return calibrationPage().ExecuteTemplate(bw, "row", htmlRow{Cells: recordCells(r, opt.By != ""), StatusAt: statusAt, StatusClass: statusClass(r.Status)})
		})
		if err != nil {
			return err
		}
	}
	if err := calibrationPage().ExecuteTemplate(bw, "foot", nil); err != nil {
		return err
	}
	return bw.Flush()
}

// statusClass colours a status cell: agreement in the design's green,
// rows that were not compared in its red.
func statusClass(st calibrate.Status) string {
	switch {
	case st == calibrate.Agree:
		return "ok"
	case !st.Complete():
		return "warn"
	}
	return ""
}

// deltaChart is the delta distribution, nil when nobody was compared.
func deltaChart(sum calibrate.Summary) *chart {
	if sum.Compared == 0 {
		return nil
	}
	labels := make([]string, len(sum.Deltas))
	values := make([][]int, len(sum.Deltas))
	for i, d := range sum.Deltas {
		labels[i], values[i] = signedNumber(d.Delta), []int{d.Count}
	}
	c := barChart("chart-deltas", "People by delta (manager minus self)", nil, labels, values)
	return &c
}

// meanDeltaChart draws each group's mean delta as a bar from a zero line
// in the middle, right for groups whose managers rate higher, left for
// lower; nil when no group has anybody compared. Groups come in the
// summary's order, and as barChart, the first maxChartRows only.
func meanDeltaChart(sum calibrate.Summary, by string) *chart {
	var groups []calibrate.GroupSummary
	most := 0.0
	for _, g := range sum.Groups {
		if g.Compared > 0 {
			groups = append(groups, g)
			most = max(most, math.Abs(g.MeanDelta))
		}
	}
	if len(groups) == 0 {
		return nil
	}
	c := chart{ID: "chart-group-deltas", Title: "Mean delta per " + by + " (manager minus self)", Width: chartWidth}
	shown := min(len(groups), maxChartRows)
	if shown < len(groups) {
		c.Note = "The chart shows the first " + strconv.Itoa(shown) + " of " + strconv.Itoa(len(groups)) + " groups with anybody compared; the table lists them all."
	}
	half := (chartWidth - labelWidth - valueWidth) / 2
	zero := labelWidth + half
	for i, g := range groups[:shown] {
		y := chartMargin + i*rowHeight
		row := chartRow{Label: groupName(g.Group), LabelX: labelWidth - 8, Value: meanText(g),
			Y: y + (rowHeight-barHeight)/2, TextY: y + rowHeight/2 + 5, ValueX: zero + 6}
		w := 0
		if most > 0 {
			w = int(math.Round(math.Abs(g.MeanDelta) * float64(half) / most))
		}
		x, class := zero, seriesClass(0)
		if g.MeanDelta < 0 {
			x, class = zero-w, seriesClass(4)
		} else {
			row.ValueX = zero + w + 6
		}
		row.Segments = []segment{{X: x, Y: row.Y, Width: w, Height: barHeight, Class: class, Title: groupName(g.Group) + ": " + meanText(g)}}
		c.Rows = append(c.Rows, row)
	}
	c.Height = 2*chartMargin + shown*rowHeight
	return &c
}
