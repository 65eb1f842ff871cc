package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/data"
)

// A catalog whose top level needs infinitely many years is refused when
// it is loaded, before batch could fail to write it as JSON or report
// count its months; so are absurdly many years.
func TestCatalogWithAbsurdYearsIsRefused(t *testing.T) {
	staff := filepath.Join(t.TempDir(), "staff.csv")
	if err := os.WriteFile(staff, []byte("role,years,accountability\nSRE,6,team\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, years := range []string{".inf", "8000", "1e18"} {
		raw := strings.Replace(string(data.CatalogYAML), "min_years: 7", "min_years: "+years, 1)
		path := filepath.Join(t.TempDir(), "catalog.yaml")
		if err := os.WriteFile(path, []byte(raw), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{
			{"catalog", "validate", path},
			{"batch", "--catalog", path, "--start", "2027-01-04", "-f", "ndjson", staff},
			{"report", "--catalog", path, "--start", "2027-01-04", "--format", "json", staff},
		} {
			r := runCLI(t, nil, args...)
			if r.code != ExitUsage || !strings.Contains(r.stderr, "levels[2].policy.min_years: is ") || r.stdout != "" {
				t.Errorf("min_years %s, %s: exit %d, stdout %q, stderr %q", years, args[0], r.code, r.stdout, r.stderr)
			}
		}
	}
}

// A start from which the path runs past 2999 is refused with exit 2, not
// written as a five-digit year.
func TestPathPastTheLastYearIsRefused(t *testing.T) {
	for _, format := range []string{"table", "json", "ics"} {
		args := []string{"path", "--role", "DevOps Engineer", "--years", "0", "--accountability", "individual", "--start", "2995-01-01", "--format", format}
		if format == "ics" {
			args[0] = "advise"
			args[len(args)-3] = "2999-12-01"
		}
		r := runCLI(t, nil, args...)
		if r.code != ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, "past 2999-12-31") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), r.code, r.stdout, r.stderr)
		}
	}
}
