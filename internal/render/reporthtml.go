package render

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/careerpath/careerpath/internal/report/reportdoc"
)

// The page is one html/template, so every text from the CSV or the
// catalog is escaped for where it lands (element text, attribute, SVG);
// the charts are SVG drawn by the same template from the geometry below,
// which keeps the page free of scripts and of a chart dependency.
//
//go:embed templates/report.html.tmpl
var reportPage string

// sharedPage is the page design the report and the calibration page
// share: the stylesheet ("style") and the bar chart ("chart").
//
//go:embed templates/page.html.tmpl
var sharedPage string

// reportTemplate is parsed on first use: most runs write no HTML, and a
// parse at start-up would cost every command.
var reportTemplate = sync.OnceValue(func() *template.Template { return pageTemplate("report", reportPage) })

// pageTemplate parses a page with the shared design.
func pageTemplate(name, page string) *template.Template {
	return template.Must(template.Must(template.New(name).Parse(page)).Parse(sharedPage))
}

// Chart geometry, in SVG user units.
const (
	chartWidth   = 680
	labelWidth   = 190
	valueWidth   = 70
	rowHeight    = 22
	barHeight    = 16
	chartMargin  = 8
	legendRow    = 22
	maxChartRows = 30
)

// chart is a horizontal bar chart whose bars may be stacked segments.
type chart struct {
	ID, Title string
	Note      string
	Width     int
	Height    int
	Legend    []legendItem
	Rows      []chartRow
}

type legendItem struct {
	Label string
	Class string
	X     int
}

type chartRow struct {
	Label    string
	LabelX   int // where the right-aligned label ends
	Total    int
	Value    string // the figure written after the bar: Total, unless the chart says otherwise
	Y        int    // top of the row
	TextY    int
	ValueX   int
	Segments []segment
}

type segment struct {
	X, Y, Width, Height int
	Class               string
	Title               string
}

// barChart lays out rows of segment counts; series names the segments.
func barChart(id, title string, series []string, labels []string, values [][]int) chart {
	c := chart{ID: id, Title: title, Width: chartWidth}
	most := 0
	for _, v := range values {
		most = max(most, sum(v))
	}
	top := chartMargin
	if len(series) > 1 {
		x := labelWidth
		for i, s := range series {
			c.Legend = append(c.Legend, legendItem{Label: s, Class: seriesClass(i), X: x})
			x += 14 + 8*len([]rune(s)) + 16
		}
		top += legendRow
	}
	shown := min(len(labels), maxChartRows)
	if shown < len(labels) {
		c.Note = "The chart shows the first " + strconv.Itoa(shown) + " of " + strconv.Itoa(len(labels)) + "; the table lists them all."
	}
	area := chartWidth - labelWidth - valueWidth
	for i := range shown {
		y := top + i*rowHeight
		row := chartRow{Label: labels[i], LabelX: labelWidth - 8, Total: sum(values[i]), Y: y + (rowHeight-barHeight)/2, TextY: y + rowHeight/2 + 5}
		row.Value = strconv.Itoa(row.Total)
		x := labelWidth
		for j, n := range values[i] {
			w := 0
			if most > 0 {
				w = n * area / most
			}
			if n > 0 && w == 0 {
				w = 1
			}
			name := ""
			if len(series) > 0 {
				name = series[j] + ": "
			}
			row.Segments = append(row.Segments, segment{X: x, Y: row.Y, Width: w, Height: barHeight, Class: seriesClass(j), Title: name + strconv.Itoa(n)})
			x += w
		}
		row.ValueX = x + 6
		c.Rows = append(c.Rows, row)
	}
	c.Height = top + max(shown, 1)*rowHeight + chartMargin
	return c
}

func seriesClass(i int) string { return "s" + strconv.Itoa(i%8) }

// reportView is what the page template reads.
type reportView struct {
	CSP      string
	Doc      *reportdoc.Document
	Charts   map[string]*chart // a section without a chart has no entry (nil, which the template skips)
	Sections []reportSection
}

// htmlRejectedRows is how many rejected rows the page lists: a page is
// read and printed, and batch or the JSON report hold them all.
const htmlRejectedRows = 100

func reportHTML(w io.Writer, doc *reportdoc.Document) error {
	v := reportView{CSP: pageCSP, Doc: doc, Charts: map[string]*chart{}}
	for _, p := range reportParts() {
		secs := p.sections(doc, false)
		for i := range secs {
			if secs[i].ID == "rejected" && len(secs[i].Rows) > htmlRejectedRows {
				secs[i].Rows = secs[i].Rows[:htmlRejectedRows]
				secs[i].Note = fmt.Sprintf("The first %d of %d rejected rows; `careerpath batch` lists them all, and the JSON report (--format json) the first %d.",
					htmlRejectedRows, doc.Rejected.Total, len(doc.Rejected.Rows))
			}
		}
		v.Sections = append(v.Sections, secs...)
		if p.chart == nil || len(secs) == 0 {
			continue
		}
		if c := p.chart(doc); c != nil {
			v.Charts[secs[0].ID] = c
		} else if !oneStart(doc) || secs[0].ID != "study-load" {
			secs := v.Sections[len(v.Sections)-len(secs):]
			secs[0].Note = strings.TrimSpace(secs[0].Note + " No chart: there is nothing to count.")
		}
	}
	return reportTemplate().Execute(w, v)
}
