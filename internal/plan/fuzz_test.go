package plan

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Whatever a log holds, reading it either fails with an *InputError or
// succeeds; and after a successful read, an appended change keeps every
// byte already written and reads back as the last change.
func FuzzLogAppend(f *testing.F) {
	for _, seed := range []string{
		"",
		`{"seq":1,"time":"2027-01-04T09:00:00Z","change":"start","plan":"x"}` + "\n",
		`{"seq":1,"time":"2027-01-04T09:00:00Z","change":"start","plan":"x"}` + "\n" + `{"seq":2,"time":"2027-01-04T09:01:00Z","change":"do`,
		`{"seq":1,"time":"2027-01-04T09:00:00Z","change":"start","plan":"x"}`,
		"{not json\n" + `{"seq":2,"time":"2027-01-04T09:01:00Z","change":"note","text":"t","torn_line":1}` + "\n",
		"\n\n",
		`{"seq":1,"time":"2027-01-04T09:00:00Z","change":"replan","from":"soon"}` + "\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, content string) {
		s := testStore(t)
		s.Warn = func(string) {}
		file := filepath.Join(s.Dir, "p.log.jsonl")
		if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		before, _, err := s.readLog("p")
		var input *InputError
		if err != nil {
			if !errors.As(err, &input) {
				t.Fatalf("not an input error: %v", err)
			}
			return
		}
		added, err := s.appendLocked("p", Change{Kind: ChangeNote, Text: "fuzz"})
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := os.ReadFile(file)
		if !strings.HasPrefix(string(raw), content) {
			t.Fatalf("the append changed what was written:\n%q\nbecame\n%q", content, raw)
		}
		after, _, err := s.readLog("p")
		if err != nil {
			t.Fatalf("the log does not read after an append: %v\n%q", err, raw)
		}
		if len(after) != len(before)+1 || after[len(after)-1].Seq != added.Seq || after[len(after)-1].Text != "fuzz" {
			t.Fatalf("%d changes before, %d after; last %+v", len(before), len(after), after[len(after)-1])
		}
	})
}
