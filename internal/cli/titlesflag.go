package cli

import (
	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
)

// addTitlesFlag gives a command that takes answers the --titles flag; the
// value is read through the titles setting (flag, CAREERPATH_TITLES, the
// config file's titles key) and loaded by Factory.Titles.
func addTitlesFlag(cmd *cobra.Command) {
	cmd.Flags().String(KeyTitles, "", withEnv("title map `FILE`: CSV with columns title,role mapping your job titles to the catalog's roles (see 'careerpath titles suggest')", KeyTitles))
	must(cmd.MarkFlagFilename(KeyTitles, "csv"))
}

// loadAdvisor loads the catalog and the title map, if any, into an
// advisor.
func loadAdvisor(cat func() (*catalog.Loaded, error), titles func() (*catalog.Titles, error)) (*advisor.Advisor, error) {
	c, err := cat()
	if err != nil {
		return nil, err
	}
	t, err := loadTitles(titles)
	if err != nil {
		return nil, err
	}
	return advisor.New(c).WithTitles(t), nil
}
