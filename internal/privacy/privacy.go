// Package privacy hides the small groups of a table of people, as HR
// survey tools do, so that a report shared beyond HR does not reveal one
// person through a group of a few. Report and calibrate apply the same
// rule through it.
package privacy

import "strconv"

// DefaultMinGroup is the smallest group shown by default: 5, as Culture
// Amp, Lattice, Qualtrics, 15Five and Viva Glint do.
const DefaultMinGroup = 5

// Why a group is hidden.
const (
	// Small is a group of fewer than the minimum.
	Small = "small"
	// Complementary is the next smallest group, hidden because the small
	// group was the only one hidden: its figures would otherwise be the
	// total less the others'.
	Complementary = "complementary"
)

// Hide says which groups of a table to hide, given each group's people:
// "" to show it, else why not (Small, Complementary). Empty groups reveal
// no one and stay. minGroup <= 1 hides nothing.
func Hide(sizes []int, minGroup int) []string {
	hidden := make([]string, len(sizes))
	count := 0
	for i, n := range sizes {
		if n > 0 && n < minGroup {
			hidden[i] = Small
			count++
		}
	}
	if count != 1 {
		return hidden
	}
	next := -1
	for i, n := range sizes {
		if n > 0 && hidden[i] == "" && (next < 0 || n < sizes[next]) {
			next = i
		}
	}
	if next >= 0 {
		hidden[next] = Complementary
	}
	return hidden
}

// Describe says why a group is hidden, for people: "fewer than 5 people"
// or "hidden with a smaller group".
func Describe(reason string, minGroup int) string {
	if reason == Complementary {
		return "hidden so that a smaller hidden group cannot be worked out"
	}
	return "fewer than " + strconv.Itoa(minGroup) + " people"
}
