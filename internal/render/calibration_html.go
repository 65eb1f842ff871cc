package render

import (
	"bufio"
	"html/template"
	"io"
	"sync"

	"github.com/careerpath/careerpath/internal/calibrate"
)

// pageCSP forbids every load: the page is one file with its style inline,
// and opening it must not reach the network.
const pageCSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

// calibrationPage is the HTML report: one self-contained file, every value
// escaped by html/template. It is cut in three so that the records stream
// through "row" instead of being gathered first. Like reportTemplate it is
// parsed on first use, not at every command's start-up.
var calibrationPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Parse(calibrationPageText))
})

const calibrationPageText = `
{{- define "head" -}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Calibration: self against manager assessment</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1a1a1a; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.n { text-align: right; }
.bar { display: inline-block; height: 0.8em; background: #4a78b5; }
tr.agree td.status { color: #1d6b2c; }
tr.rejected td.status, tr.only-self td.status, tr.only-manager td.status { color: #a33; }
@media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>Calibration: self against manager assessment</h1>
<dl>
{{- range .Tables.Facts}}
<dt>{{index . 0}}</dt><dd>{{index . 1}}</dd>
{{- end}}
</dl>
<h2>Statuses</h2>
<table>
<tr>{{range .Tables.StatusHeaders}}<th>{{.}}</th>{{end}}</tr>
{{- range .Tables.Statuses}}
<tr><td>{{index . 0}}</td><td class="n">{{index . 1}}</td></tr>
{{- end}}
</table>
<h2>Deltas</h2>
<table>
<tr>{{range .Tables.DeltaHeaders}}<th>{{.}}</th>{{end}}<th></th></tr>
{{- range .Deltas}}
<tr><td class="n">{{.Label}}</td><td class="n">{{.Count}}</td><td><span class="bar" style="width: {{.Width}}em"></span></td></tr>
{{- end}}
</table>
{{- if .By}}
<h2>By {{.By}}, managers rating highest above their people first</h2>
<table>
<tr>{{range .Tables.GroupHeaders}}<th>{{.}}</th>{{end}}</tr>
{{- range .Tables.Groups}}
<tr>{{range $i, $c := .}}{{if $i}}<td class="n">{{$c}}</td>{{else}}<td>{{$c}}</td>{{end}}{{end}}</tr>
{{- end}}
</table>
{{- end}}
<h2>Records</h2>
{{- if .NoPeople}}
<p>Left out (--no-people).</p>
{{- end}}
<table>
<tr>{{range .Tables.RecordsHeaders}}<th>{{.}}</th>{{end}}</tr>
{{- end}}

{{- define "row"}}
<tr class="{{.Status}}">{{range $i, $c := .Cells}}<td{{if eq $i $.StatusAt}} class="status"{{end}}>{{$c}}</td>{{end}}</tr>
{{- end}}

{{- define "foot"}}
</table>
</body>
</html>
{{end}}`

type htmlDelta struct {
	Label string
	Count int
	Width float64 // the bar's length in em, the largest count 20
}

type htmlRow struct {
	Status   calibrate.Status
	Cells    []string
	StatusAt int
}

func calibrationHTML(w io.Writer, j *calibrate.Join, sum calibrate.Summary, opt CalibrationOptions) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	t := newCalibrationTables(sum, opt)
	most := 0
	for _, d := range sum.Deltas {
		most = max(most, d.Count)
	}
	deltas := make([]htmlDelta, len(sum.Deltas))
	for i, d := range sum.Deltas {
		deltas[i] = htmlDelta{Label: signedNumber(d.Delta), Count: d.Count}
		if most > 0 {
			deltas[i].Width = 20 * float64(d.Count) / float64(most)
		}
	}
	head := struct {
		CSP      string
		By       string
		Tables   calibrationTables
		Deltas   []htmlDelta
		NoPeople bool
	}{pageCSP, opt.By, t, deltas, opt.NoPeople}
	if err := calibrationPage().ExecuteTemplate(bw, "head", head); err != nil {
		return err
	}
	statusAt := 1
	if opt.By != "" {
		statusAt = 2
	}
	err := j.Records(false, func(r *calibrate.Record) error {
		if opt.NoPeople {
			return nil
		}
		return calibrationPage().ExecuteTemplate(bw, "row", htmlRow{Status: r.Status, Cells: recordCells(r, opt.By != ""), StatusAt: statusAt})
	})
	if err != nil {
		return err
	}
	if err := calibrationPage().ExecuteTemplate(bw, "foot", nil); err != nil {
		return err
	}
	return bw.Flush()
}
