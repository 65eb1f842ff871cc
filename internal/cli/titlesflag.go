package cli

import (
	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
)

// loadAdvisor loads the catalog and the title map, if any, into an
// advisor.
func loadAdvisor(cat func() (*catalog.Loaded, error), titles func() (*catalog.Titles, error)) (*advisor.Advisor, error) {
	c, err := cat()
	if err != nil {
		return nil, err
	}
	var t *catalog.Titles
	if titles != nil {
		if t, err = titles(); err != nil {
			return nil, err
		}
	}
	return advisor.New(c).WithTitles(t), nil
}
