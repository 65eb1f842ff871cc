package calibrate

import (
	"reflect"
	"testing"

	"github.com/careerpath/careerpath/internal/privacy"
)

// TestHideSmallGroups: a group's people are those compared (whom its mean
// delta is about), or its records when none was compared; a lone hidden
// group takes the next smallest with it, and the hidden ones go last.
func TestHideSmallGroups(t *testing.T) {
	sum := Summary{Groups: []GroupSummary{
		{Group: "big", Records: 9, Compared: 8, MeanDelta: 0.25, Agree: 6, ManagerHigher: 2},
		{Group: "few-compared", Records: 12, Compared: 4, MeanDelta: 1, ManagerHigher: 4},
		{Group: "none-compared", Records: 6},
		{Group: "five", Records: 7, Compared: 5, MeanDelta: -0.2, Agree: 4, SelfHigher: 1},
	}}
	got := sum.HideSmallGroups(5)
	want := []GroupSummary{sum.Groups[0], sum.Groups[2],
		{Group: "few-compared", Suppressed: privacy.Small},
		{Group: "five", Suppressed: privacy.Complementary}}
	if !reflect.DeepEqual(got.Groups, want) {
		t.Errorf("got %+v\nwant %+v", got.Groups, want)
	}
	if sum.Groups[1].MeanDelta != 1 {
		t.Error("HideSmallGroups changed the summary it was given")
	}
	if off := sum.HideSmallGroups(1); !reflect.DeepEqual(off.Groups, sum.Groups) {
		t.Errorf("--min-group 1 hid %+v", off.Groups)
	}
}
