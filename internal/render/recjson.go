package render

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"

	"github.com/careerpath/careerpath/internal/text"
)

// A recommendation and a career path are written as JSON by hand, field
// by field in the order their types declare them: on a run of `advise
// --json` or `path --json`, encoding/json's first look at these types
// (reflection over every field) cost more than the rest of the output.
// The bytes are exactly what WriteJSON writes; tests compare the two over
// every role, accountability answer and several years, and over values
// with every field set, so the JSON contract cannot drift from the types.

// writeRecommendationJSON writes rec as WriteJSON would.
func writeRecommendationJSON(w io.Writer, rec *advisor.Recommendation) error {
	j := &jsonOut{b: make([]byte, 0, 8192)}
	j.recommendation(rec)
	return j.flush(w)
}

// writePathJSON writes p as WriteJSON would.
func writePathJSON(w io.Writer, p *advisor.Path) error {
	j := &jsonOut{b: make([]byte, 0, 16384)}
	j.path(p)
	return j.flush(w)
}

// jsonOut appends JSON laid out as encoding/json's Encoder does with
// SetIndent("", "  ") and SetEscapeHTML(false).
type jsonOut struct {
	b     []byte
	depth int
	// empty is true until the object or array just opened has a member.
	empty bool
	// err is the first value JSON cannot hold (a NaN or an infinity).
	err error
}

func (j *jsonOut) flush(w io.Writer) error {
	if j.err != nil {
		return j.err
	}
	_, err := w.Write(append(j.b, '\n'))
	return err
}

func (j *jsonOut) open(c byte) {
	j.b = append(j.b, c)
	j.depth++
	j.empty = true
}

func (j *jsonOut) close(c byte) {
	j.depth--
	if !j.empty {
		j.newline()
	}
	j.b = append(j.b, c)
	j.empty = false
}

func (j *jsonOut) newline() {
	j.b = append(j.b, '\n')
	for range j.depth {
		j.b = append(j.b, "  "...)
	}
}

// member starts the next member of an array.
func (j *jsonOut) member() {
	if !j.empty {
		j.b = append(j.b, ',')
	}
	j.empty = false
	j.newline()
}

// key starts the next member of an object; k needs no escaping.
func (j *jsonOut) key(k string) {
	j.member()
	j.b = append(j.b, '"')
	j.b = append(j.b, k...)
	j.b = append(j.b, `": `...)
}

func (j *jsonOut) null() { j.b = append(j.b, "null"...) }

func (j *jsonOut) int(n int) { j.b = strconv.AppendInt(j.b, int64(n), 10) }

// float writes f as encoding/json does: like ES6, decimal between 1e-6
// and 1e21 and an exponent without padding outside.
func (j *jsonOut) float(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		if j.err == nil {
			j.err = fmt.Errorf("json: unsupported value: %v", f)
		}
		j.null()
		return
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	j.b = strconv.AppendFloat(j.b, f, format, -1, 64)
	if n := len(j.b); format == 'e' && j.b[n-4] == 'e' && j.b[n-3] == '-' && j.b[n-2] == '0' {
		j.b[n-2] = j.b[n-1] // e-09 to e-9
		j.b = j.b[:n-1]
	}
}

// str writes s quoted as encoding/json does without HTML escaping.
func (j *jsonOut) str(s string) { j.b = text.AppendJSONString(j.b, s) }

func (j *jsonOut) strs(list []string) { jsonList(j, list, (*jsonOut).str) }

// jsonList writes a nil list as null, as encoding/json does.
func jsonList[T any](j *jsonOut, list []T, write func(*jsonOut, T)) {
	if list == nil {
		j.null()
		return
	}
	j.open('[')
	for _, v := range list {
		j.member()
		write(j, v)
	}
	j.close(']')
}

func (j *jsonOut) recommendation(rec *advisor.Recommendation) {
	j.open('{')
	j.key("schema_version")
	j.str(rec.SchemaVersion)
	j.key("catalog")
	j.source(rec.Catalog)
	j.key("input")
	j.input(rec.Input)
	j.key("role")
	j.roleRef(rec.Role)
	j.key("accountability")
	j.answerRef(rec.Accountability)
	j.key("level")
	j.levelRef(rec.Level)
	j.key("trace")
	jsonList(j, rec.Trace, (*jsonOut).step)
	j.key("next_level")
	j.nextLevel(rec.NextLevel)
	j.key("plan")
	j.plan(rec.Plan)
	j.key("capabilities")
	j.strs(rec.Capabilities)
	j.key("practical_results")
	j.strs(rec.PracticalResults)
	j.key("common_mistakes")
	j.strs(rec.CommonMistakes)
	j.key("pursue_next")
	j.strs(rec.PursueNext)
	j.key("specialisations")
	jsonList(j, rec.Specialisations, (*jsonOut).specialisation)
	j.close('}')
}

func (j *jsonOut) path(p *advisor.Path) {
	j.open('{')
	j.key("schema_version")
	j.str(p.SchemaVersion)
	j.key("catalog")
	j.source(p.Catalog)
	j.key("input")
	j.input(p.Input)
	j.key("role")
	j.roleRef(p.Role)
	j.key("accountability")
	j.answerRef(p.Accountability)
	j.key("start")
	j.str(p.Start)
	j.key("end")
	j.str(p.End)
	j.key("steps")
	jsonList(j, p.Steps, (*jsonOut).pathStep)
	j.close('}')
}

func (j *jsonOut) source(s catalog.Source) {
	j.open('{')
	j.key("name")
	j.str(s.Name)
	j.key("version")
	j.str(s.Version)
	j.key("sha256")
	j.str(s.SHA256)
	if s.Titles != nil {
		j.key("titles")
		j.open('{')
		j.key("name")
		j.str(s.Titles.Name)
		j.key("sha256")
		j.str(s.Titles.SHA256)
		j.close('}')
	}
	j.close('}')
}

func (j *jsonOut) input(in advisor.Input) {
	j.open('{')
	j.key("role")
	j.str(in.Role)
	j.key("years")
	j.float(in.Years)
	j.key("accountability")
	j.str(in.Accountability)
	j.close('}')
}

func (j *jsonOut) roleRef(r advisor.RoleRef) {
	j.open('{')
	j.key("id")
	j.str(r.ID)
	j.key("name")
	j.str(r.Name)
	j.key("match")
	j.str(r.Match)
	j.key("table_level")
	j.open('{')
	j.key("from")
	j.str(r.TableLevel.From)
	j.key("to")
	j.str(r.TableLevel.To)
	j.key("label")
	j.str(r.TableLevel.Label)
	j.close('}')
	j.close('}')
}

func (j *jsonOut) answerRef(a advisor.AnswerRef) {
	j.open('{')
	j.key("id")
	j.str(a.ID)
	j.key("name")
	j.str(a.Name)
	j.key("description")
	j.str(a.Description)
	j.close('}')
}

func (j *jsonOut) levelRef(l advisor.LevelRef) {
	j.open('{')
	j.key("id")
	j.str(l.ID)
	j.key("name")
	j.str(l.Name)
	j.key("order")
	j.int(l.Order)
	j.close('}')
}

func (j *jsonOut) step(s advisor.Step) {
	j.open('{')
	j.key("rule")
	j.str(s.Rule)
	j.key("effect")
	j.str(s.Effect)
	j.key("level")
	j.str(s.Level)
	j.key("detail")
	j.str(s.Detail)
	j.close('}')
}

func (j *jsonOut) nextLevel(n *advisor.NextLevel) {
	if n == nil {
		j.null()
		return
	}
	j.open('{')
	j.key("id")
	j.str(n.ID)
	j.key("name")
	j.str(n.Name)
	j.key("order")
	j.int(n.Order)
	j.key("missing")
	jsonList(j, n.Missing, (*jsonOut).requirement)
	j.key("eligible_from")
	j.str(n.EligibleFrom)
	j.close('}')
}

func (j *jsonOut) requirement(r advisor.Requirement) {
	j.open('{')
	j.key("kind")
	j.str(r.Kind)
	j.key("needed")
	j.str(r.Needed)
	j.key("current")
	j.str(r.Current)
	j.key("detail")
	j.str(r.Detail)
	if r.NeededYears != nil {
		j.key("needed_years")
		j.float(*r.NeededYears)
	}
	if r.CurrentYears != nil {
		j.key("current_years")
		j.float(*r.CurrentYears)
	}
	j.close('}')
}

func (j *jsonOut) plan(p advisor.Plan) {
	j.open('{')
	j.key("start")
	j.str(p.Start)
	j.key("end")
	j.str(p.End)
	j.key("phases")
	jsonList(j, p.Phases, (*jsonOut).planPhase)
	j.close('}')
}

func (j *jsonOut) planPhase(p advisor.PlanPhase) {
	j.open('{')
	j.key("title")
	j.str(p.Title)
	j.key("activity")
	j.str(p.Activity)
	j.key("days")
	j.int(p.Days)
	j.key("start")
	j.str(p.Start)
	j.key("end")
	j.str(p.End)
	j.close('}')
}

func (j *jsonOut) specialisation(s advisor.Specialisation) {
	j.open('{')
	j.key("rank")
	j.int(s.Rank)
	j.key("id")
	j.str(s.ID)
	j.key("name")
	j.str(s.Name)
	j.key("focus")
	j.str(s.Focus)
	j.key("providers")
	jsonList(j, s.Providers, (*jsonOut).providerRef)
	j.key("reason")
	j.str(s.Reason)
	j.close('}')
}

func (j *jsonOut) providerRef(p advisor.ProviderRef) {
	j.open('{')
	j.key("id")
	j.str(p.ID)
	j.key("name")
	j.str(p.Name)
	j.key("summary")
	j.str(p.Summary)
	j.close('}')
}

func (j *jsonOut) pathStep(s advisor.PathStep) {
	j.open('{')
	j.key("step")
	j.int(s.Step)
	j.key("level")
	j.levelRef(s.Level)
	j.key("stage")
	j.str(s.Stage)
	j.key("purpose")
	j.str(s.Purpose)
	j.key("best_suited_for")
	j.str(s.BestSuitedFor)
	j.key("eligible_from")
	j.str(s.EligibleFrom)
	j.key("requires")
	jsonList(j, s.Requires, (*jsonOut).requirement)
	j.key("assumes")
	j.str(s.Assumes)
	j.key("plan")
	j.plan(s.Plan)
	j.key("pursue_next")
	j.strs(s.PursueNext)
	j.key("career_growth")
	jsonList(j, s.CareerGrowth, (*jsonOut).growthStep)
	j.close('}')
}

func (j *jsonOut) growthStep(g advisor.GrowthStep) {
	j.open('{')
	j.key("id")
	j.str(g.ID)
	j.key("name")
	j.str(g.Name)
	j.key("text")
	j.str(g.Text)
	j.close('}')
}
