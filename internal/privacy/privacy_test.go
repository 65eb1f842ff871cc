package privacy

import (
	"reflect"
	"testing"

	_ "github.com/careerpath/careerpath/internal/golden"
)

func TestHide(t *testing.T) {
	for _, c := range []struct {
		name     string
		sizes    []int
		minGroup int
		want     []string
	}{
		{"groups of 1, 4 and 5: the two small ones", []int{1, 4, 5, 9}, 5, []string{Small, Small, "", ""}},
		{"one hidden group forces the next smallest", []int{9, 5, 1, 6}, 5, []string{"", Complementary, Small, ""}},
		{"a group of exactly the minimum stays", []int{5, 5, 5}, 5, []string{"", "", ""}},
		{"a lone group of 4 with nothing else to hide", []int{4}, 5, []string{Small}},
		{"empty groups reveal no one and stay", []int{0, 2, 0, 7}, 5, []string{"", Small, "", Complementary}},
		{"1 turns it off", []int{1, 1, 2}, 1, []string{"", "", ""}},
		{"ties: the first of the smallest is hidden", []int{3, 8, 6, 6}, 5, []string{Small, "", Complementary, ""}},
	} {
		if got := Hide(c.sizes, c.minGroup); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Hide(%v, %d) = %q, want %q", c.name, c.sizes, c.minGroup, got, c.want)
		}
	}
}
