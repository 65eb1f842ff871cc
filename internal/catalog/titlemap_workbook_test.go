package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/sheet"
)

// writeWorkbook writes CSV text as a workbook file.
func writeWorkbook(t *testing.T, csvText string) string {
	t.Helper()
	var b bytes.Buffer
	err := sheet.FromCSV(&b, ',', func(w io.Writer) error { _, err := io.WriteString(w, csvText); return err })
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "titles.xlsx")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadTitlesReadsAWorkbook(t *testing.T) {
	cat := mustDefault(t)
	csvPath := filepath.Join("..", "..", "examples", "titles.csv")
	raw, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	fromCSV, err := LoadTitles(csvPath, cat)
	if err != nil {
		t.Fatal(err)
	}
	book := writeWorkbook(t, string(raw))
	fromBook, err := LoadTitles(book, cat)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(fromBook.List, fromCSV.List) || len(fromBook.List) == 0 {
		t.Errorf("the workbook maps %v, the same map as CSV %v", fromBook.List, fromCSV.List)
	}
	data, _ := os.ReadFile(book)
	sum := sha256.Sum256(data)
	if want := (TitlesSource{Name: "titles.xlsx", SHA256: hex.EncodeToString(sum[:])}); fromBook.Source != want {
		t.Errorf("source %+v, want the workbook file's %+v", fromBook.Source, want)
	}

	// A problem names the row.
	_, err = LoadTitles(writeWorkbook(t, "title,role\nBuild Engineer,SRE\nWizard,Sorcerer\n"), cat)
	if err == nil || !strings.Contains(err.Error(), `line 3: unknown role "Sorcerer"`) {
		t.Errorf("a workbook map's unknown role gave %v", err)
	}
	// An old .xls is refused with a hint.
	xls := filepath.Join(t.TempDir(), "titles.xls")
	os.WriteFile(xls, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), 0o644)
	if _, err := LoadTitles(xls, cat); err == nil || !strings.Contains(err.Error(), "save it as .xlsx") {
		t.Errorf("an .xls map gave %v", err)
	}
}
