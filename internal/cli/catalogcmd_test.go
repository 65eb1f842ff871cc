package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/data"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/golden"
)

// orgCatalog is the four-level example catalog; its roles, levels and
// answers are names the embedded catalog never uses.
const orgCatalog = "testdata/org-catalog.yaml"

func TestAdviseWithAnOrganisationCatalog(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
	}{
		{"advise_org_json", []string{"--role", "DBRE", "--years", "6", "--accountability", "several squads", "--json"}},
		{"advise_org_table_explain", []string{"--role", "head_of_platform", "--years", "12", "--accountability", "company", "--explain"}},
		{"advise_org_lowered_json", []string{"--role", "Head of Platform", "--years", "1", "--accountability", "me", "--json"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, nil, append([]string{"--catalog", orgCatalog, "advise", "--start", "2027-01-04"}, c.args...)...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			golden.Assert(t, c.name, r.stdout)
		})
	}
	// The seed's roles are not in this catalog.
	r := runCLI(t, nil, "--catalog", orgCatalog, "advise", "--role", "SRE", "--years", "6", "--accountability", "team")
	if r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, "Valid roles: Release Manager, Observability Analyst") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestCatalogFlagReachesEveryCommand(t *testing.T) {
	env := map[string]string{cmdutil.EnvName(cmdutil.KeyCatalog): orgCatalog}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"roles"}, "Release Manager"},
		{[]string{"levels"}, "Principal"},
		{[]string{"specialisations"}, "Platform strategy"},
		{[]string{"catalog", "show"}, "Northwind Platform Ladder 2.3.0"},
		{[]string{"version"}, "catalog: Northwind Platform Ladder 2.3.0"},
	} {
		r := runCLI(t, env, c.args...)
		if r.code != 0 || !strings.Contains(r.stdout, c.want) {
			t.Errorf("%v with CAREERPATH_CATALOG: exit %d, want %q in\n%s%s", c.args, r.code, c.want, r.stdout, r.stderr)
		}
	}
}

func TestCatalogValidate(t *testing.T) {
	r := runCLI(t, nil, "catalog", "validate", orgCatalog)
	want := orgCatalog + ": valid: Northwind Platform Ladder 2.3.0, 4 levels, 4 roles, 4 accountability answers, 3 directions, 2 providers (sha256 "
	if r.code != 0 || !strings.HasPrefix(r.stdout, want) || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("exit %d, stdout %q", r.code, r.stdout)
	}

	raw, err := os.ReadFile(orgCatalog)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.NewReplacer(
		"level: {from: practitioner}\n    policy: {primary_direction: release-engineering}", "level: {from: expert}\n    policy: {primary_direction: release-engineering}",
		"    order: 4", "    order: 5",
		"days: 14}", "days: 0}",
		"providers: [guild]}", "providers: [guild, nowhere]}",
	).Replace(string(raw))
	path := filepath.Join(t.TempDir(), "broken.yaml")
	if err := os.WriteFile(path, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, nil, "catalog", "validate", path)
	if r.code != cmdutil.ExitUsage || r.stdout != "" {
		t.Errorf("exit %d, stdout %q", r.code, r.stdout)
	}
	for _, w := range []string{
		"catalog " + path + " is invalid (4 problems):",
		`roles[0].level.from: unknown level "expert" (levels: apprentice, practitioner, lead, principal)`,
		"levels[3].order: is 5",
		"levels[0].preparation_plan.phases[0].days: is 0",
		`directions[2].providers[1]: unknown provider "nowhere" (providers: academy, guild)`,
	} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
}

func TestHostileCatalogFilesExitTwo(t *testing.T) {
	dir := t.TempDir()
	bomb := filepath.Join(dir, "bomb.yaml")
	var b strings.Builder
	b.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(name + ": &" + name + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n")
		prev = name
	}
	if err := os.WriteFile(bomb, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.yaml")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 50<<20); err != nil {
		t.Fatal(err)
	}
	notYAML := filepath.Join(dir, "binary.yaml")
	if err := os.WriteFile(notYAML, []byte("\x00\x01\x02 not: [yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{bomb, "aliases expand to more than"},
		{huge, "larger than 1 MiB"},
		{notYAML, "not a YAML or JSON catalog"},
		{dir, "is a directory"},
		{filepath.Join(dir, "missing.yaml"), "no such file"},
	} {
		for _, args := range [][]string{
			{"catalog", "validate", c.path},
			{"--catalog", c.path, "advise", "--role", "x", "--years", "1", "--accountability", "y"},
		} {
			r := runCLI(t, nil, args...)
			if r.code != cmdutil.ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, c.want) || !strings.Contains(r.stderr, c.path) {
				t.Errorf("%v: exit %d, stdout %d bytes, stderr %q; want exit 2 naming the file and %q", args, r.code, len(r.stdout), r.stderr, c.want)
			}
		}
	}
}

func TestCatalogExport(t *testing.T) {
	r := runCLI(t, nil, "catalog", "export")
	if r.code != 0 || r.stdout != string(data.CatalogYAML) {
		t.Errorf("YAML export is not the embedded file: exit %d", r.code)
	}
	r = runCLI(t, nil, "catalog", "export", "--format", "json")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "{\n  \"name\": \"Certified DevOps Manager\"") {
		t.Fatalf("JSON export: exit %d, %.80q", r.code, r.stdout)
	}
	// The JSON export is a catalog that gives the same answers.
	path := filepath.Join(t.TempDir(), "exported.json")
	if err := os.WriteFile(path, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"roles", "levels", "specialisations"} {
		want := runCLI(t, nil, cmd, "--format", "json").stdout
		if got := runCLI(t, nil, "--catalog", path, cmd, "--format", "json"); got.code != 0 || got.stdout != want {
			t.Errorf("%s from the JSON export differs: exit %d %s", cmd, got.code, got.stderr)
		}
	}
	r = runCLI(t, nil, "catalog", "export", "--format", "table")
	if r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, `unknown export format "table"; use one of: yaml, json`) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestCatalogShowGoldens(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
	}{
		{"catalog_show_table", []string{"catalog", "show"}},
		{"catalog_show_org_markdown", []string{"--catalog", orgCatalog, "catalog", "show", "--format", "markdown"}},
		{"catalog_show_org_json", []string{"--catalog", orgCatalog, "catalog", "show", "--format", "json"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, nil, c.args...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			golden.Assert(t, c.name, r.stdout)
		})
	}
}

func TestSchemaCommand(t *testing.T) {
	for _, name := range data.SchemaNames() {
		want, err := data.Schema(name)
		if err != nil {
			t.Fatal(err)
		}
		if r := runCLI(t, nil, "schema", name); r.code != 0 || r.stdout != string(want) {
			t.Errorf("schema %s: exit %d", name, r.code)
		}
	}
	for _, args := range [][]string{{"schema"}, {"schema", "advice"}, {"schema", "catalog", "extra"}} {
		if r := runCLI(t, nil, args...); r.code != cmdutil.ExitUsage || r.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q", args, r.code, r.stdout)
		}
	}
}

func TestMisspeltSubcommandIsAUsageError(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"catalog", "valdate", "x.yaml"}, `unknown command "valdate" for "careerpath catalog"; use one of: export, show, validate`},
		{[]string{"config", "shw"}, `unknown command "shw" for "careerpath config"; use one of: show`},
	} {
		r := runCLI(t, nil, c.args...)
		if r.code != cmdutil.ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", c.args, r.code, r.stdout, r.stderr)
		}
	}
	if r := runCLI(t, nil, "catalog"); r.code != 0 || !strings.Contains(r.stdout, "Available Commands") {
		t.Errorf("catalog alone: exit %d, want help", r.code)
	}
}
