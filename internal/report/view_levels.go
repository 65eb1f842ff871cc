package report

import "github.com/careerpath/careerpath/internal/report/reportdoc"

// levelsView is the level distribution: the advised people per level.
type levelsView struct {
	s      *sheet
	levels []int
}

func newLevelsView(s *sheet) view {
	return &levelsView{s: s, levels: make([]int, len(s.cat.Levels))}
}

func (v *levelsView) addShared(d *derived, n int) { v.levels[d.level] += n }

func (v *levelsView) fill(doc *reportdoc.Document) {
	for i, n := range v.levels {
		doc.Levels = append(doc.Levels, reportdoc.LevelCount{LevelRef: v.s.levelRef(i), People: n, Share: share(n, doc.Rows.Advised)})
	}
}

// share is n of all, rounded to four decimals so that the JSON is stable.
func share(n, all int) float64 {
	if all == 0 {
		return 0
	}
	return float64(n*10000/all) / 10000
}
