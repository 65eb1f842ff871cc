package golden

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestDiffShowsOneInsertedLineAsOne(t *testing.T) {
	want := "a\nb\nc\nd\ne\nf\ng\nh\ni\n"
	got := "a\nb\nc\nd\nnew\ne\nf\ng\nh\ni\n"
	d := Diff("want", "got", want, got)
	exp := `--- want
+++ got
@@ -2,6 +2,7 @@
 b
 c
 d
+new
 e
 f
 g
`
	if d != exp {
		t.Errorf("got\n%s\nwant\n%s", d, exp)
	}
}

func TestDiffHunks(t *testing.T) {
	lines := func(from, to int, change map[int]string) string {
		var b strings.Builder
		for i := from; i <= to; i++ {
			if s, ok := change[i]; ok {
				b.WriteString(s)
				continue
			}
			b.WriteString(strconv.Itoa(i) + "\n")
		}
		return b.String()
	}
	for _, c := range []struct {
		name, want, got, diff string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"far apart changes make two hunks", lines(1, 20, nil), lines(1, 20, map[int]string{2: "two\n", 18: ""}),
			"--- w\n+++ g\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -15,6 +15,5 @@\n 15\n 16\n 17\n-18\n 19\n 20\n"},
		{"near changes share a hunk", lines(1, 10, nil), lines(1, 10, map[int]string{3: "x\n", 8: "y\n"}),
			"--- w\n+++ g\n@@ -1,10 +1,10 @@\n 1\n 2\n-3\n+x\n 4\n 5\n 6\n 7\n-8\n+y\n 9\n 10\n"},
		{"all new", "", "a\n", "--- w\n+++ g\n@@ -0,0 +1 @@\n+a\n"},
		{"no final newline", "a\nb\n", "a\nb", "--- w\n+++ g\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n"},
		{"invisible differences are quoted", "a \nb\tc\n", "a\nb\tc\r\n", "--- w\n+++ g\n@@ -1,2 +1,2 @@\n-\"a \"\n-b\tc\n+a\n+\"b\\tc\\r\"\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if d := Diff("w", "g", c.want, c.got); d != c.diff {
				t.Errorf("got\n%s\nwant\n%s", d, c.diff)
			}
		})
	}
}

// Applying the edit script to want gives got, for texts that differ
// anywhere: the script is a correct one, whatever its shape.
func TestLineEditsTurnWantIntoGot(t *testing.T) {
	texts := []string{"", "a\n", "a\nb\nc\n", "c\nb\na\n", "a\nx\nb\ny\nc\n", "x\nx\nx\na\n", "a\nb\nc\nd\ne\nf\n", "f\ne\nd\nc\nb\na\n"}
	for _, want := range texts {
		for _, got := range texts {
			var kept, added int
			var rebuilt strings.Builder
			edits := lineEdits(splitLines(want), splitLines(got))
			for _, e := range edits {
				if e.op != '-' {
					rebuilt.WriteString(e.line)
				}
				if e.op == ' ' {
					kept++
				}
				if e.op == '+' {
					added++
				}
			}
			if rebuilt.String() != got {
				t.Errorf("%q to %q: the script gives %q", want, got, rebuilt.String())
			}
			if lcs := longestCommon(splitLines(want), splitLines(got)); kept != lcs {
				t.Errorf("%q to %q: keeps %d lines, the longest common subsequence has %d", want, got, kept, lcs)
			}
		}
	}
}

// longestCommon is the textbook quadratic length of the longest common
// subsequence, to hold the fast script to.
func longestCommon(a, b []string) int {
	prev := make([]int, len(b)+1)
	for i := range a {
		cur := make([]int, len(b)+1)
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev = cur
	}
	return prev[len(b)]
}

func TestDiffOfLargeUnrelatedTextsEnds(t *testing.T) {
	var a, b strings.Builder
	for i := range 5000 {
		a.WriteString("a" + strconv.Itoa(i) + "\n")
		b.WriteString("b" + strconv.Itoa(i) + "\n")
	}
	d := Diff("w", "g", a.String(), b.String())
	if strings.Count(d, "\n-") != 5000 || strings.Count(d, "\n+") != 5001 { // +++ header too
		t.Errorf("diff of two unrelated 5000-line texts does not remove and add every line")
	}
}

// `go test ./... -update` gives -update to every test binary, which fails
// on a flag it does not define: every package with tests must import this
// package, which defines it.
func TestEveryTestPackageTakesUpdate(t *testing.T) {
	const self = "github.com/careerpath/careerpath/internal/golden"
	root := moduleRoot(t)
	takesUpdate := map[string]bool{} // by directory with tests
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && path != root && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")):
			return filepath.SkipDir
		case !d.IsDir() && strings.HasSuffix(path, "_test.go"):
			dir := filepath.Dir(path)
			takesUpdate[dir] = takesUpdate[dir] || imports(t, path, self)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(takesUpdate) < 5 {
		t.Fatalf("found %d test packages under %s; the walk missed the tree", len(takesUpdate), root)
	}
	for dir, ok := range takesUpdate {
		if rel, _ := filepath.Rel(root, dir); !ok && rel != filepath.Join("internal", "golden") {
			t.Errorf("%s has tests but does not import %s, so `go test ./... -update` fails there; add `import _ %q` to one of its test files", rel, self, self)
		}
	}
}

// moduleRoot is the folder of the go.mod above the test's folder.
func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

func imports(t *testing.T, file, pkg string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == pkg {
			return true
		}
	}
	return false
}

// A long golden with a few scattered changes still gets the shortest
// diff: one removed and one added line a change, not a block.
func TestDiffOfLongTextWithFewChangesIsShortest(t *testing.T) {
	var a, b strings.Builder
	for i := range 3000 {
		a.WriteString("line " + strconv.Itoa(i) + "\n")
		if i%300 == 7 {
			b.WriteString("changed " + strconv.Itoa(i) + "\n")
			continue
		}
		b.WriteString("line " + strconv.Itoa(i) + "\n")
	}
	d := Diff("w", "g", a.String(), b.String())
	if removed, added, hunks := strings.Count(d, "\n-line"), strings.Count(d, "\n+changed"), strings.Count(d, "\n@@ "); removed != 10 || added != 10 || hunks != 10 {
		t.Errorf("%d removed, %d added in %d hunks; want 10, 10 in 10\n%s", removed, added, hunks, d)
	}
}
