package catalog

import (
	"encoding/binary"
	"errors"
	"math"
)

// The build-time form of the embedded catalog is its decoded fields, in
// the order the types declare them, with no names and no reflection:
// `go generate ./data` writes it and every run reads it back (Default).
// encoding/json's first look at the catalog's types cost more than the
// rest of decoding, so each type has a write and a read function here,
// side by side so that they change together; tests check that reading
// gives exactly what parsing and validating catalog.yaml gives, and that
// every field of every type survives a write and a read.
//
// A string is its length as a uvarint, then its bytes; an int is a
// zigzag varint; a float64 its IEEE 754 bits, 8 bytes little-endian; a
// list is its length plus one as a uvarint, 0 for a nil list, so that an
// absent list and an empty one stay apart as they are after parsing.
// Every value has exactly one encoding: a reader refuses overlong
// varints and anything left over.

// formMagic starts the form; a change of layout changes it.
const formMagic = "careerpath catalog form 1\n"

// errForm is what any malformed form comes to: it is made at build time
// and checked by a test, so the only cure is `go generate ./data`.
var errForm = errors.New("malformed build-time catalog form; run `go generate ./data`")

type formWriter struct{ b []byte }

func (w *formWriter) uint(n uint64) { w.b = binary.AppendUvarint(w.b, n) }
func (w *formWriter) int(n int)     { w.b = binary.AppendVarint(w.b, int64(n)) }
func (w *formWriter) float(f float64) {
	w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(f))
}
func (w *formWriter) str(s string)    { w.uint(uint64(len(s))); w.b = append(w.b, s...) }
func (w *formWriter) strs(s []string) { writeList(w, s, (*formWriter).str) }

func writeList[T any](w *formWriter, list []T, write func(*formWriter, T)) {
	if list == nil {
		w.uint(0)
		return
	}
	w.uint(uint64(len(list)) + 1)
	for _, v := range list {
		write(w, v)
	}
}

// formReader reads the form from a string, so that the catalog's strings
// are slices of the embedded one rather than copies. After the first
// problem every read returns a zero value and err keeps the problem.
type formReader struct {
	s   string
	err error
}

func (r *formReader) fail() {
	r.err, r.s = errForm, ""
}

func (r *formReader) uint() uint64 {
	var n uint64
	for i := 0; i < len(r.s) && i < binary.MaxVarintLen64; i++ {
		c := r.s[i]
		if i == binary.MaxVarintLen64-1 && c > 1 || c == 0 && i > 0 {
			break // overflow, or an overlong encoding
		}
		n |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			r.s = r.s[i+1:]
			return n
		}
	}
	r.fail()
	return 0
}

func (r *formReader) int() int {
	u := r.uint()
	v := int64(u>>1) ^ -int64(u&1)
	if int64(int(v)) != v {
		r.fail()
		return 0
	}
	return int(v)
}

func (r *formReader) float() float64 {
	if len(r.s) < 8 {
		r.fail()
		return 0
	}
	bits := uint64(0)
	for i := 7; i >= 0; i-- {
		bits = bits<<8 | uint64(r.s[i])
	}
	r.s = r.s[8:]
	return math.Float64frombits(bits)
}

func (r *formReader) str() string {
	n := r.uint()
	if n > uint64(len(r.s)) {
		r.fail()
		return ""
	}
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

func (r *formReader) strs() []string { return readList(r, (*formReader).str) }

func readList[T any](r *formReader, read func(*formReader) T) []T {
	n := r.uint()
	// Every value takes at least a byte, which bounds what a garbled
	// length can make this allocate.
	if n == 0 || n-1 > uint64(len(r.s)) {
		if n != 0 {
			r.fail()
		}
		return nil
	}
	list := make([]T, n-1)
	for i := range list {
		if list[i] = read(r); r.err != nil {
			return nil
		}
	}
	return list
}

// appendForm appends the build-time form of c to b.
func appendForm(b []byte, c *Catalog) []byte {
	w := &formWriter{b: append(b, formMagic...)}
	w.str(c.Name)
	w.str(c.Version)
	w.str(c.Programme.Name)
	w.str(c.Programme.Operator)
	w.str(c.Programme.Evaluation)
	writeList(w, c.Levels, writeLevel)
	writeList(w, c.Accountability, writeAccountability)
	writeList(w, c.Roles, writeRole)
	writeList(w, c.Directions, writeDirection)
	writeList(w, c.CareerGrowth, writeCareerGrowth)
	writeList(w, c.Providers, writeProvider)
	w.strs(c.Policy.TitleWords)
	return w.b
}

// readForm decodes what appendForm wrote; anything else is errForm.
func readForm(s string) (*Catalog, error) {
	if len(s) < len(formMagic) || s[:len(formMagic)] != formMagic {
		return nil, errForm
	}
	r := &formReader{s: s[len(formMagic):]}
	c := &Catalog{
		Name:    r.str(),
		Version: r.str(),
		Programme: Programme{
			Name:       r.str(),
			Operator:   r.str(),
			Evaluation: r.str(),
		},
		Levels:         readList(r, readLevel),
		Accountability: readList(r, readAccountability),
		Roles:          readList(r, readRole),
		Directions:     readList(r, readDirection),
		CareerGrowth:   readList(r, readCareerGrowth),
		Providers:      readList(r, readProvider),
		Policy:         CatalogPolicy{TitleWords: r.strs()},
	}
	if r.err != nil || r.s != "" {
		return nil, errForm
	}
	return c, nil
}

func writeLevel(w *formWriter, l Level) {
	w.str(l.ID)
	w.str(l.Name)
	w.int(l.Order)
	w.str(l.Track)
	w.str(l.IntendedAudience)
	w.str(l.PriorExperience)
	w.str(l.KeyEmphasis)
	w.str(l.Reference)
	w.str(l.Stage)
	w.str(l.Purpose)
	w.str(l.BestSuitedFor)
	w.strs(l.Capabilities)
	w.strs(l.PracticalResults)
	w.str(l.PreparationPlan.Text)
	writeList(w, l.PreparationPlan.Phases, writePhase)
	w.strs(l.CommonMistakes)
	w.strs(l.PursueNext)
	w.float(l.Policy.MinYears)
	w.str(l.Policy.NextDirection)
}

func readLevel(r *formReader) Level {
	return Level{
		ID:               r.str(),
		Name:             r.str(),
		Order:            r.int(),
		Track:            r.str(),
		IntendedAudience: r.str(),
		PriorExperience:  r.str(),
		KeyEmphasis:      r.str(),
		Reference:        r.str(),
		Stage:            r.str(),
		Purpose:          r.str(),
		BestSuitedFor:    r.str(),
		Capabilities:     r.strs(),
		PracticalResults: r.strs(),
		PreparationPlan: PreparationPlan{
			Text:   r.str(),
			Phases: readList(r, readPhase),
		},
		CommonMistakes: r.strs(),
		PursueNext:     r.strs(),
		Policy: LevelPolicy{
			MinYears:      r.float(),
			NextDirection: r.str(),
		},
	}
}

func writePhase(w *formWriter, p Phase) {
	w.str(p.Title)
	w.str(p.Activity)
	w.str(p.Duration)
	w.int(p.Days)
}

func readPhase(r *formReader) Phase {
	return Phase{Title: r.str(), Activity: r.str(), Duration: r.str(), Days: r.int()}
}

func writeAccountability(w *formWriter, a Accountability) {
	w.str(a.ID)
	w.str(a.Name)
	w.str(a.Description)
	w.str(a.Level)
	w.strs(a.Policy.Aliases)
}

func readAccountability(r *formReader) Accountability {
	return Accountability{
		ID:          r.str(),
		Name:        r.str(),
		Description: r.str(),
		Level:       r.str(),
		Policy:      AliasesPolicy{Aliases: r.strs()},
	}
}

func writeRole(w *formWriter, ro Role) {
	w.str(ro.ID)
	w.str(ro.Name)
	w.str(ro.SuggestedLevel)
	w.str(ro.Level.From)
	w.str(ro.Level.To)
	w.str(ro.Policy.PrimaryDirection)
	w.strs(ro.Policy.Aliases)
}

func readRole(r *formReader) Role {
	return Role{
		ID:             r.str(),
		Name:           r.str(),
		SuggestedLevel: r.str(),
		Level:          LevelRange{From: r.str(), To: r.str()},
		Policy:         RolePolicy{PrimaryDirection: r.str(), Aliases: r.strs()},
	}
}

func writeDirection(w *formWriter, d Direction) {
	w.str(d.ID)
	w.str(d.Name)
	w.str(d.Focus)
	w.strs(d.Providers)
}

func readDirection(r *formReader) Direction {
	return Direction{ID: r.str(), Name: r.str(), Focus: r.str(), Providers: r.strs()}
}

func writeCareerGrowth(w *formWriter, g CareerGrowth) {
	w.str(g.ID)
	w.str(g.Name)
	w.str(g.Text)
}

func readCareerGrowth(r *formReader) CareerGrowth {
	return CareerGrowth{ID: r.str(), Name: r.str(), Text: r.str()}
}

func writeProvider(w *formWriter, p Provider) {
	w.str(p.ID)
	w.str(p.Name)
	w.str(p.Summary)
}

func readProvider(r *formReader) Provider {
	return Provider{ID: r.str(), Name: r.str(), Summary: r.str()}
}
