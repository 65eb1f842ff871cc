package report

import (
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
)

// A view is one part of the report: it counts what it needs of the rows
// and fills its fields of the document. Adding a view means its file
// here, its place in newViews, its fields in reportdoc and the report
// schema, and its part in render's reportParts (the HTML template draws
// every part's tables and chart alike).
type view interface {
	// addShared counts n advised rows that share the derivation d: the
	// builder hands each derivation over once per run of rows, so most
	// views count per distinct recommendation rather than per row.
	addShared(d *derived, n int)
	// fill sets the view's fields of the document; doc.Rows is set.
	fill(doc *reportdoc.Document)
}

// rowView is a view that also sees each row, in input order: d is the
// row's derivation, nil when the row was rejected.
type rowView interface {
	view
	addRow(row batch.AdvisedRow, d *derived)
}

// newViews is the list of the report's views; a nil view is left out
// (groups without --by).
func newViews(s *sheet) []view {
	return []view{
		newLevelsView(s),
		newGroupsView(s),
		newRolesView(s),
		newAccountabilityView(s),
		newReadinessView(),
		newNextListsView(s),
		newDirectionsView(s),
		newProvidersView(s),
		newStudyLoadView(s),
		newRejectedView(s),
		// Last: it hides the small groups of the views above.
		newPrivacyView(s),
	}
}

// perRowOnly is the addShared of a view that counts row by row.
type perRowOnly struct{}

func (perRowOnly) addShared(*derived, int) {}
