package catalog

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/golden"
)

func TestTitleMapLoads(t *testing.T) {
	cat := mustDefault(t)
	raw := "\xef\xbb\xbfTitle,Notes,Role\nStaff SRE,,sre\nSr. DevOps Engineer,reviewed,DevOps Engineer\nReliability Lead,,Site Reliability Engineer\nstaff  sre,same role twice is fine,SRE\nChief Happiness Officer,not mapped yet,\n"
	titles, err := ParseTitles("dir/titles.csv", []byte(raw), cat)
	if err != nil {
		t.Fatal(err)
	}
	for title, want := range map[string]string{"STAFF SRE": "sre", "sr. devops engineer": "devops-engineer", "Reliability-Lead": "sre"} {
		if m, ok := titles.Find(title); !ok || m.Role.ID != want {
			t.Errorf("Find(%q) = %v, %v; want %s", title, m, ok, want)
		}
	}
	if _, ok := titles.Find("Chief Happiness Officer"); ok {
		t.Error("a title with an empty role is mapped")
	}
	if len(titles.List) != 3 || titles.Source.Name != "titles.csv" || len(titles.Source.SHA256) != 64 {
		t.Errorf("list %v, source %+v", titles.List, titles.Source)
	}
}

func TestTitleMapErrorsGolden(t *testing.T) {
	cat := mustDefault(t)
	var b strings.Builder
	for _, c := range []struct{ name, raw string }{
		{"every problem at once", "title,role\nStaff SRE,sre\nSr. DevOps Engineer,Wizard\n,sre\n  ,SRE\nstaff sre,Platform Engineer\nPlatform Engineer II\n\"Lead \"Cloud\" Engineer\",cloud-engineer\n"},
		{"no role column", "title,job\nStaff SRE,sre\n"},
		{"no columns at all", "name\n"},
		{"empty file", ""},
		{"a repeated column", "title,role,Title\nStaff SRE,sre,x\n"},
		{"a repeated column of the general form", "column,value,answer,answer\nrole,Staff SRE,sre,x\n"},
		{"separated by ';'", "title;role\nStaff SRE;sre\n"},
		{"separated by tabs, general form", "column\tvalue\tanswer\nrole\tStaff SRE\tsre\n"},
		{"UTF-16", "\xff\xfet\x00i\x00t\x00l\x00e\x00,\x00r\x00o\x00l\x00e\x00\n\x00"},
		{"general form problems", "column,value,answer\nrole,Staff SRE,Wizard\naccountability,Team Lead,boss\naccountability,People Manager,-\nlevel,x,y\naccountability,Team Lead,team\naccountability,team lead,multi-team\n"},
	} {
		_, err := ParseTitles("titles.csv", []byte(c.raw), cat)
		var te *TitlesError
		if !errors.As(err, &te) {
			t.Fatalf("%s: err = %v, want a TitlesError", c.name, err)
		}
		b.WriteString("# " + c.name + "\n" + err.Error() + "\n")
	}
	golden.Assert(t, "titlemap_errors", b.String())
}

func TestLoadTitlesRefusesWhatIsNotAFile(t *testing.T) {
	cat := mustDefault(t)
	dir := t.TempDir()
	for path, want := range map[string]string{
		filepath.Join(dir, "absent.csv"): "titles suggest",
		dir:                              "not a regular file",
	} {
		_, err := LoadTitles(path, cat)
		var te *TitlesError
		if !errors.As(err, &te) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
			t.Errorf("LoadTitles(%s) = %v, want a TitlesError naming it and saying %q", path, err, want)
		}
	}
	big := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(big, []byte("title,role\n"+strings.Repeat("x", MaxTitlesBytes)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadTitles(big, cat); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("a large file gives %v", err)
	}
}

func mustDefault(t testing.TB) *Loaded {
	t.Helper()
	cat, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// FuzzParseTitles: any bytes give a TitlesError with a problem each, or a
// map in which every listed title finds its role.
func FuzzParseTitles(f *testing.F) {
	cat := mustDefault(f)
	for _, seed := range []string{"title,role\nStaff SRE,sre\n", "title,role\n\"a\nb\",SRE\n,\n", "role,title\nx,y\n", "\xef\xbb\xbftitle;role\n",
		"column,value,answer\nrole,Build Engineer,-\naccountability,,team\nrole,Sr. Build Engineer (x),sre\n", "title,role,title\n'-,'-\n"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		titles, err := ParseTitles("fuzz.csv", raw, cat)
		if err != nil {
			var te *TitlesError
			if !errors.As(err, &te) || len(te.Problems) == 0 {
				t.Fatalf("err = %v, want a TitlesError with problems", err)
			}
			return
		}
		for _, m := range titles.List {
			if r, ok := titles.Find(m.Title); !ok || !r.same(m) {
				t.Fatalf("%q lists %v but finds %v", m.Title, m, r)
			}
			if r, _, ok := titles.FindByTitleWords("Senior " + m.Title + " II"); ok && r.Role == nil && !r.OutOfScope {
				t.Fatalf("%q with title words finds a line with neither role nor out of scope: %v", m.Title, r)
			}
		}
	})
}

// The general form maps role and accountability answers; the title form
// means column=role.
func TestAnswerMapGeneralForm(t *testing.T) {
	cat := mustDefault(t)
	raw := "Column,Value,Answer,notes\nrole,Staff SRE,sre,\nrole,Cloud Physicist,-,\naccountability,Team Lead,team,\nACCOUNTABILITY,People Manager,multi-team,\naccountability,,individual,empty cells\naccountability,Tech Lead,,not yet\n"
	m, err := ParseTitles("answers.csv", []byte(raw), cat)
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := m.Find("staff sre"); !ok || r.Role.ID != "sre" {
		t.Errorf("Find(staff sre) = %+v, %v", r, ok)
	}
	if r, ok := m.Find("Cloud Physicist"); !ok || !r.OutOfScope {
		t.Errorf("Find(Cloud Physicist) = %+v, %v", r, ok)
	}
	for value, want := range map[string]string{"team lead": "team", "People  Manager": "multi-team", "": "individual", " ": "individual"} {
		if a, ok := m.FindAccountability(value); !ok || a.ID != want {
			t.Errorf("FindAccountability(%q) = %v, %v; want %s", value, a, ok, want)
		}
	}
	if _, ok := m.FindAccountability("Tech Lead"); ok {
		t.Error("a line with an empty answer is mapped")
	}
}
