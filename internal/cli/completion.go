package cli

import (
	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/cmdutil"
)

// registerAdviseCompletions completes advise's flag values; answers come
// from the active catalog, so a custom catalog completes its own roles.
func registerAdviseCompletions(cmd *cobra.Command, f *cmdutil.Factory) {
	must(cmd.RegisterFlagCompletionFunc(advisor.FieldRole, completeFromCatalog(f, func(c *catalog.Loaded) []cobra.Completion {
		out := make([]cobra.Completion, len(c.Roles))
		for i, r := range c.Roles {
			out[i] = cobra.CompletionWithDesc(r.Name, r.SuggestedLevel)
		}
		return out
	})))
	must(cmd.RegisterFlagCompletionFunc(advisor.FieldAccountability, completeFromCatalog(f, func(c *catalog.Loaded) []cobra.Completion {
		out := make([]cobra.Completion, len(c.Accountability))
		for i, a := range c.Accountability {
			out[i] = cobra.CompletionWithDesc(a.ID, a.Description)
		}
		return out
	})))
	for _, name := range []string{advisor.FieldYears, cmdutil.KeyStart} {
		must(cmd.RegisterFlagCompletionFunc(name, cobra.NoFileCompletions))
	}
}

// completeFromCatalog offers values from the active catalog, in catalog
// order; a catalog that does not load offers nothing rather than files.
func completeFromCatalog(f *cmdutil.Factory, values func(*catalog.Loaded) []cobra.Completion) cobra.CompletionFunc {
	return func(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		// Shell completion skips the root's PersistentPreRunE, so resolve the
		// configuration here for --catalog and CAREERPATH_CATALOG to count.
		err := f.LoadConfig(cmd.Flags())
		var cat *catalog.Loaded
		if err == nil {
			cat, err = f.Catalog()
		}
		if err != nil {
			cobra.CompErrorln(err.Error())
			return nil, cobra.ShellCompDirectiveError | cobra.ShellCompDirectiveNoFileComp
		}
		return values(cat), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
	}
}

// must panics on a registration error, which only a misspelt flag name
// (a programming error caught by the tests) can cause.
func must(err error) {
	if err != nil {
		panic(err)
	}
}
