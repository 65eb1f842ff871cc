package sheet_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	_ "github.com/careerpath/careerpath/internal/golden"
	"github.com/careerpath/careerpath/internal/sheet"
)

// workbook zips OOXML parts as Excel writes them, by hand, so that the
// reader is tested on a workbook excelize did not write.
func workbook(t *testing.T, sheetXML, stylesXML, sharedXML string, sheets ...string) []byte {
	t.Helper()
	if len(sheets) == 0 {
		sheets = []string{"Staff"}
	}
	var sheetList, rels, types strings.Builder
	for i, name := range sheets {
		n := strconv.Itoa(i + 1)
		sheetList.WriteString(`<sheet name="` + name + `" sheetId="` + n + `" r:id="rId` + n + `"/>`)
		rels.WriteString(`<Relationship Id="rId` + n + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet` + n + `.xml"/>`)
		types.WriteString(`<Override PartName="/xl/worksheets/sheet` + n + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
	}
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` + types.String() + `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":     `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` + sheetList.String() + `</sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() +
			`<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/styles.xml":        `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + stylesXML + `</styleSheet>`,
		"xl/sharedStrings.xml": `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + sharedXML + `</sst>`,
	}
	for i := range sheets {
		parts["xl/worksheets/sheet"+strconv.Itoa(i+1)+".xml"] = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheetXML + `</sheetData></worksheet>`
	}
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	names := make([]string, 0, len(parts))
	for name := range parts {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, parts[name])
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// styles: 0 General, 1 built-in date (14), 2 dd/mm/yyyy, 3 "0.0", 4 0.00%,
// 5 date and time (22), 6 h:mm (20), 7 #,##0 "days", 8 [h]:mm.
const styles = `<numFmts count="4"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0"/><numFmt numFmtId="166" formatCode="#,##0 &quot;days&quot;"/><numFmt numFmtId="167" formatCode="[h]:mm"/></numFmts>` +
	`<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="9">` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>`

const shared = `<si><t>role</t></si><si><t>years</t></si><si><t>accountability</t></si><si><t>start</t></si><si><t>SRE</t></si><si><t>=HYPERLINK("x")</t></si><si><t xml:space="preserve"> Team, "lead"
</t></si>`

// typedSheet has a row per kind of cell, a missing row (3) and a row
// whose first cells are empty (6).
const typedSheet = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>` +
	`<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2"><v>5</v></c><c r="C2" t="inlineStr"><is><t>team</t></is></c><c r="D2" s="1"><v>45717</v></c></row>` +
	`<row r="4"><c r="A4" t="s"><v>5</v></c><c r="B4" s="3"><v>2.5000000000000004</v></c><c r="C4" s="4"><v>0.25</v></c><c r="D4" s="2"><v>45717</v></c></row>` +
	`<row r="5"><c r="A5" t="s"><v>6</v></c><c r="B5" s="7"><v>12</v></c><c r="C5" t="b"><v>1</v></c><c r="D5" s="5"><v>45717.75</v></c><c r="E5" s="6"><v>0.75</v></c><c r="F5" s="8"><v>1.5</v></c></row>` +
	`<row r="6"><c r="C6" t="str"><f>A2</f><v>SRE</v></c><c r="D6"><v>0.1</v></c><c r="E6"><v>1234567890123456789</v></c></row>`

type readRow struct {
	Row   int
	Cells []string
}

func readAll(t *testing.T, data []byte, name string) (string, []readRow) {
	t.Helper()
	r, err := sheet.Open(data, name)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var rows []readRow
	for r.Next() {
		cells, err := r.Cells()
		if err != nil {
			t.Fatal(err)
		}
		if len(cells) > 0 {
			rows = append(rows, readRow{r.Row(), cells})
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return r.Sheet, rows
}

func TestReadCellsAsCSVHoldsThem(t *testing.T) {
	_, got := readAll(t, workbook(t, typedSheet, styles, shared), "")
	want := []readRow{
		{1, []string{"role", "years", "accountability", "start"}},
		{2, []string{"SRE", "5", "team", "2025-03-01"}},
		// the number held, not "2.5" shown as "2.5" by chance of "0.0": 2.5000000000000004 is Excel's 2.5
		{4, []string{`=HYPERLINK("x")`, "2.5", "0.25", "2025-03-01"}},
		{5, []string{" Team, \"lead\"\n", "12", "TRUE", "2025-03-01", "18:00:00", "1.5"}},
		{6, []string{"", "", "SRE", "0.1", "1.23456789012346E+18"}},
	}
	if !slices.EqualFunc(got, want, func(a, b readRow) bool { return a.Row == b.Row && slices.Equal(a.Cells, b.Cells) }) {
		t.Errorf("rows:\n got %v\nwant %v", got, want)
	}
}

func TestReadPicksSheet(t *testing.T) {
	data := workbook(t, typedSheet, styles, shared, "Summary", "Staff list")
	if name, _ := readAll(t, data, ""); name != "Summary" {
		t.Errorf("no --sheet read %q, want the first sheet", name)
	}
	if name, _ := readAll(t, data, "staff LIST"); name != "Staff list" {
		t.Errorf("--sheet 'staff LIST' read %q, want \"Staff list\" (names compare ignoring case)", name)
	}
	_, err := sheet.Open(data, "People")
	if err == nil || !strings.Contains(err.Error(), `no sheet "People"; its sheets are "Summary", "Staff list": pass one of them to --sheet`) {
		t.Errorf("a missing sheet gave %v", err)
	}
}

func TestSniff(t *testing.T) {
	data := workbook(t, typedSheet, styles, shared)
	for _, c := range []struct {
		prefix string
		want   sheet.Kind
	}{
		{string(data[:sheet.MagicLen]), sheet.Zip},
		{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", sheet.OLE},
		{"role,years,accountability", sheet.Text},
		{"PK", sheet.Text},
		{"", sheet.Text},
	} {
		if got := sheet.Sniff([]byte(c.prefix)); got != c.want {
			t.Errorf("Sniff(%q) = %v, want %v", c.prefix, got, c.want)
		}
	}
}

func TestOpenRefusesOtherArchives(t *testing.T) {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.Create("mimetype")
	io.WriteString(w, "application/vnd.oasis.opendocument.spreadsheet")
	z.Close()
	_, err := sheet.Open(b.Bytes(), "")
	if err == nil || !strings.Contains(err.Error(), "OpenDocument .ods") {
		t.Errorf("an .ods gave %v", err)
	}
	_, err = sheet.Open([]byte("PK\x03\x04 cut short"), "")
	if err == nil || !strings.Contains(err.Error(), "check that the download is complete") {
		t.Errorf("a cut archive gave %v", err)
	}
}

// writtenCell is a cell of the written sheet's XML.
type writtenCell struct {
	Ref     string  `xml:"r,attr"`
	Type    string  `xml:"t,attr"`
	Style   int     `xml:"s,attr"`
	Value   string  `xml:"v"`
	Inline  string  `xml:"is>t"`
	Formula *string `xml:"f"`
}

type writtenSheet struct {
	Panes []struct {
		YSplit string `xml:"ySplit,attr"`
		State  string `xml:"state,attr"`
	} `xml:"sheetViews>sheetView>pane"`
	Rows []struct {
		Cells []writtenCell `xml:"c"`
	} `xml:"sheetData>row"`
}

type writtenStyles struct {
	NumFmts []struct {
		ID   int    `xml:"numFmtId,attr"`
		Code string `xml:"formatCode,attr"`
	} `xml:"numFmts>numFmt"`
	Xfs []struct {
		NumFmt int `xml:"numFmtId,attr"`
	} `xml:"cellXfs>xf"`
}

// unzipXML decodes a part of a written workbook with encoding/xml, not
// with the library that wrote it.
func unzipXML(t *testing.T, data []byte, part string, v any) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := z.Open(part)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := xml.NewDecoder(f).Decode(v); err != nil {
		t.Fatalf("%s: %v", part, err)
	}
}

// excelDate is a day's serial number in Excel's 1900 date system.
func excelDate(day string) string {
	d, _ := time.Parse(time.DateOnly, day)
	return strconv.Itoa(int(d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24))
}

func TestWriteTypesCells(t *testing.T) {
	header := []string{"name", "years", "start", "note"}
	rows := [][]string{
		{"=HYPERLINK(\"http://x\")", "5", "2026-03-01", "+5"},
		{"@SUM(A1)", "2.5", "2026-02-30", "05"},
		{"-0.25", "1e3", "1899-12-31", "5.0"},
		{"1234567890123456", "123456789012345", "", "line\nbreak, \"quoted\""},
	}
	var b bytes.Buffer
	w, err := sheet.NewWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteHeader(header); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.WriteRow(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()

	var ws writtenSheet
	unzipXML(t, data, "xl/worksheets/sheet1.xml", &ws)
	var st writtenStyles
	unzipXML(t, data, "xl/styles.xml", &st)
	if len(ws.Panes) != 1 || ws.Panes[0].State != "frozen" || ws.Panes[0].YSplit != "1" {
		t.Errorf("panes %+v, want the header row frozen", ws.Panes)
	}
	formats := map[int]string{}
	for _, f := range st.NumFmts {
		formats[f.ID] = f.Code
	}
	// kind is how a spreadsheet sees a written cell.
	kind := func(c writtenCell) string {
		switch {
		case c.Formula != nil:
			return "formula " + *c.Formula
		case c.Type == "inlineStr" || c.Type == "s" || c.Type == "str":
			return "text " + c.Inline
		case c.Type == "" || c.Type == "n":
			if c.Style > 0 && c.Style < len(st.Xfs) && formats[st.Xfs[c.Style].NumFmt] == "yyyy-mm-dd" {
				return "date " + c.Value
			}
			return "number " + c.Value
		}
		return c.Type + " " + c.Value
	}
	want := [][]string{
		{"text name", "text years", "text start", "text note"},
		{`text =HYPERLINK("http://x")`, "number 5", "date " + excelDate("2026-03-01"), "text +5"},
		{"text @SUM(A1)", "number 2.5", "text 2026-02-30", "text 05"},
		{"number -0.25", "text 1e3", "text 1899-12-31", "text 5.0"},
		{"text 1234567890123456", "number 123456789012345", "", "text line\nbreak, \"quoted\""},
	}
	if len(ws.Rows) != len(want) {
		t.Fatalf("%d rows written, want %d", len(ws.Rows), len(want))
	}
	for i, r := range ws.Rows {
		got := make([]string, 0, len(r.Cells))
		for _, c := range r.Cells {
			got = append(got, kind(c))
		}
		if w := slices.DeleteFunc(slices.Clone(want[i]), func(s string) bool { return s == "" }); !slices.Equal(got, w) {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, got, w)
		}
	}

	// Read back, the written text comes back.
	_, back := readAll(t, data, "")
	all := append([][]string{header}, rows...)
	for i, r := range back {
		if w := all[i]; !slices.Equal(r.Cells, trimEnd(w)) {
			t.Errorf("row %d read back as %q, want %q", r.Row, r.Cells, w)
		}
	}
}

// trimEnd drops the empty cells at a row's end, which a sheet leaves out.
func trimEnd(cells []string) []string {
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}

func TestWriteRefusesOverlongCell(t *testing.T) {
	var b bytes.Buffer
	w, err := sheet.NewWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if err := w.WriteHeader([]string{"role", "note"}); err != nil {
		t.Fatal(err)
	}
	err = w.WriteRow([]string{"SRE", strings.Repeat("x", sheet.MaxCellChars+1)})
	if err == nil || !strings.Contains(err.Error(), `row 2, column "note": the cell is longer than the 32767 characters`) {
		t.Errorf("an overlong cell gave %v", err)
	}
}

func TestFromCSV(t *testing.T) {
	csvText := "role;years;note\nSRE;5;\"a;b\"\n\"Cloud \"\"Ops\"\"\";2.5;\"two\nlines\"\n"
	var b bytes.Buffer
	err := sheet.FromCSV(&b, ';', func(w io.Writer) error {
		_, err := io.WriteString(w, csvText)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	_, got := readAll(t, b.Bytes(), "")
	want := [][]string{{"role", "years", "note"}, {"SRE", "5", "a;b"}, {`Cloud "Ops"`, "2.5", "two\nlines"}}
	if len(got) != len(want) {
		t.Fatalf("read %v, want %q", got, want)
	}
	for i := range want {
		if !slices.Equal(got[i].Cells, want[i]) {
			t.Errorf("row %d: %q, want %q", i+1, got[i].Cells, want[i])
		}
	}

	// A failed write writes no workbook.
	b.Reset()
	failure := errors.New("disk on fire")
	err = sheet.FromCSV(&b, ',', func(w io.Writer) error {
		io.WriteString(w, "a,b\n1,2\n")
		return failure
	})
	if !errors.Is(err, failure) || b.Len() != 0 {
		t.Errorf("a failed write gave %v and %d bytes", err, b.Len())
	}
}

// FuzzWriteReadBack: a row written and read back gives its cells, except
// what XML 1.0 cannot hold (control characters other than tab, line feed
// and carriage return, lone surrogates, U+FFFE and U+FFFF), which comes
// back as U+FFFD.
func FuzzWriteReadBack(f *testing.F) {
	for _, s := range []string{"5", "2.5", "05", "2026-03-01", "=1+1", " lead ", "a\r\nb", "x\x01y", "-0", "1e3", "", "\"", "0.1", "123456789012345"} {
		f.Add(s, "SRE")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) || len(a) > 1000 || len(b) > 1000 {
			t.Skip()
		}
		var buf bytes.Buffer
		w, err := sheet.NewWriter(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.WriteHeader([]string{"a", "b"}); err != nil {
			t.Fatal(err)
		}
		if err := w.WriteRow([]string{a, b}); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		_, rows := readAll(t, buf.Bytes(), "")
		var got []string
		if len(rows) == 2 {
			got = rows[1].Cells
		}
		want := trimEnd([]string{xmlText(a), xmlText(b)})
		if !slices.Equal(got, want) && !(len(want) == 0 && len(rows) == 1) {
			t.Errorf("wrote %q, read back %q", want, got)
		}
	})
}

// xmlText is s as XML 1.0 can hold it.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF {
			return r
		}
		return utf8.RuneError
	}, s)
}
