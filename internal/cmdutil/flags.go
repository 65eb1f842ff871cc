package cmdutil

import (
	"github.com/spf13/cobra"
)

// AddTitlesFlag gives a command that takes answers the --titles flag; the
// value is read through the titles setting (flag, CAREERPATH_TITLES, the
// config file's titles key) and loaded by Factory.Titles.
func AddTitlesFlag(cmd *cobra.Command) {
	cmd.Flags().String(KeyTitles, "", WithEnv("answer map `FILE`: CSV or workbook (.xlsx) with columns title,role mapping your job titles to the catalog's roles, or column,value,answer also mapping accountability answers (see 'careerpath titles')", KeyTitles))
	must(cmd.MarkFlagFilename(KeyTitles, "csv", "xlsx"))
}

// must panics on a registration error, which only a misspelt flag name
// (a programming error caught by the tests) can cause.
func must(err error) {
	if err != nil {
		panic(err)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
