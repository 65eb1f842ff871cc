package advisor

import (
	"encoding/csv"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/golden"
)

// labelledTitle is one line of testdata/labelled_titles.csv: a job title
// as HR writes it, labelled by a person: kind "role" (a technology title
// that means the catalog role given), "tech" (a technology title that
// means none of the catalog's roles) or "other" (a look-alike from
// another trade).
type labelledTitle struct {
	title, kind, role string
}

func readLabelledTitles(t *testing.T) []labelledTitle {
	t.Helper()
	f, err := os.Open("testdata/labelled_titles.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []labelledTitle
	for _, r := range recs[1:] {
		out = append(out, labelledTitle{title: r[0], kind: r[1], role: r[2]})
	}
	return out
}

// TestSuggestionsOnLabelledTitles measures what `titles suggest` proposes
// for some 300 labelled titles: a reviewer must be able to accept at
// least 9 of 10 guesses, and no look-alike from another trade may get a
// guess. Certain matches (exact, alias, title words) are measured too; the
// golden file lists every title that got a role or a guess, and every
// proposal a reviewer would reject, so that a change shows in review.
func TestSuggestionsOnLabelledTitles(t *testing.T) {
	a := newAdvisor(t)
	titles := readLabelledTitles(t)
	if len(titles) < 300 {
		t.Fatalf("%d labelled titles, want at least 300", len(titles))
	}
	type tally struct{ proposed, right, otherTrade int }
	var certain, guess tally
	withRole, found := 0, 0
	var wrong, missed strings.Builder
	for _, lt := range titles {
		if lt.kind == "role" {
			withRole++
		}
		m := a.SuggestRole(lt.title)
		if m.Role == nil {
			if lt.kind == "role" {
				fmt.Fprintf(&missed, "%q %s\n", lt.title, lt.role)
			}
			continue
		}
		c := &certain
		if m.How == MatchGuess {
			c = &guess
		}
		c.proposed++
		switch {
		case lt.kind == "role" && m.Role.ID == lt.role:
			c.right++
			found++
		case lt.kind == "other":
			c.otherTrade++
			fallthrough
		default:
			fmt.Fprintf(&wrong, "%-40q %-6s %-20s %s %s\n", lt.title, lt.kind, lt.role, m.How, m.Role.ID)
		}
	}
	recall := float64(found) / float64(withRole)
	report := fmt.Sprintf("titles %d, with a role %d\n", len(titles), withRole) +
		fmt.Sprintf("certain: %d proposed, %d right, %d from other trades, precision %.3f\n", certain.proposed, certain.right, certain.otherTrade, ratio(certain.right, certain.proposed)) +
		fmt.Sprintf("guesses: %d proposed, %d right, %d from other trades, precision %.3f\n", guess.proposed, guess.right, guess.otherTrade, ratio(guess.right, guess.proposed)) +
		fmt.Sprintf("recall (certain and guesses): %.3f\n", recall) +
		"# proposals a reviewer rejects: title, label, proposal\n" + wrong.String() +
		"# titles with a role that got none\n" + missed.String()
	golden.Assert(t, "labelled_titles", report)
	if p := ratio(guess.right, guess.proposed); guess.proposed == 0 || p < 0.9 {
		t.Errorf("guess precision %.3f of %d guesses, want at least 0.9", p, guess.proposed)
	}
	if guess.otherTrade > 0 {
		t.Errorf("%d look-alikes from other trades got a guess", guess.otherTrade)
	}
	if p := ratio(certain.right, certain.proposed); p < 0.95 {
		t.Errorf("certain-match precision %.3f, want at least 0.95", p)
	}
	if recall < 0.9 {
		t.Errorf("recall %.3f, want at least 0.9", recall)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
