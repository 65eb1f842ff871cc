package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/data"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/golden"
	"github.com/careerpath/careerpath/internal/text"
)

// Text from files reaches the terminal with its control and bidirectional
// characters escaped: catalog errors that quote keys and file names, batch
// header names and cells.
func TestHostileTextIsEscapedOnTheTerminal(t *testing.T) {
	dir := t.TempDir()
	hostileName := filepath.Join(dir, "\x1b[2Jladder\u202e.yaml")
	withBadKey := strings.Replace(string(data.CatalogYAML), "\nversion:", "\n\"\x1b]0;pwned\x07\u009b\": x\nversion:", 1)
	if err := os.WriteFile(hostileName, []byte(withBadKey), 0o644); err != nil {
		t.Fatal(err)
	}
	csv := "id\x1b[31m,role\u202e,years,accountability\nE1\u009b2J,SRE\x1b[5m,6,team\nE2,Sorcerer\u202e,6,team\n"
	for name, r := range map[string]result{
		"catalog validate": runCLI(t, nil, "catalog", "validate", hostileName),
		"--catalog":        runCLI(t, nil, "--catalog", hostileName, "levels"),
		"batch table":      runBatchCLI(t, csv, "-", "--format", "table", "--column", "role=role\u202e", "--start", "2027-01-04"),
	} {
		if r.code == cmdutil.ExitOK {
			t.Errorf("%s: exit 0", name)
		}
		for stream, out := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
			if i := strings.IndexFunc(out, text.Unsafe); i >= 0 {
				t.Errorf("%s: raw control character in %s at %d: %q", name, stream, i, out)
			}
		}
		if !strings.Contains(r.stdout+r.stderr, `\x1b`) {
			t.Errorf("%s: the escape does not show: %q / %q", name, r.stdout, r.stderr)
		}
	}
}

// Markdown escapes pipes, backslashes and HTML in catalog text, so columns
// never shift and no markup passes through.
func TestMarkdownEscapesCatalogText(t *testing.T) {
	raw := strings.NewReplacer(
		"name: Cloud Engineer", `name: "Cloud | Edge <b>Engineer</b>"`,
		"focus: Control cloud spend and financial accountability.", `focus: "Spend & <script>alert(1)</script> \\ | cost"`,
		"- Team collaboration patterns", `- "Team <i>collaboration</i> | patterns \\"`,
	).Replace(string(data.CatalogYAML))
	path := filepath.Join(t.TempDir(), "markup.yaml")
	if err := os.WriteFile(path, []byte(raw), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, args := range map[string][]string{
		"roles_markup_markdown":  {"roles"},
		"advise_markup_markdown": {"advise", "--role", "Cloud | Edge <b>Engineer</b>", "--years", "1", "--accountability", "individual", "--start", "2027-01-04"},
	} {
		t.Run(name, func(t *testing.T) {
			r := runCLI(t, nil, append([]string{"--catalog", path, "--format", "markdown"}, args...)...)
			if r.code != cmdutil.ExitOK {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			golden.Assert(t, name, r.stdout)
			for _, bad := range []string{"<b>", "<script>", "<i>"} {
				if strings.Contains(r.stdout, bad) {
					t.Errorf("%s passed through", bad)
				}
			}
		})
	}
}
