package render

import (
	"bytes"
	"math"
	"math/rand"
	"reflect"
	"strconv"
	"testing"
	"testing/quick"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
)

// The hand-written JSON of every recommendation and path the embedded
// catalog gives, for every role, accountability answer and several years,
// is byte for byte what encoding/json writes.
func TestRecommendationJSONIsEncodingJSON(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	adv := advisor.New(cat)
	start := time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)
	for _, role := range cat.Roles {
		for _, acc := range cat.Accountability {
			for _, years := range []string{"0", "0.5", "2", "3", "6", "10+", "12.75", "40"} {
				ans := advisor.Answers{Role: role.Name, Years: years, Accountability: acc.ID}
				rec, err := adv.Advise(ans, start)
				if err != nil {
					t.Fatalf("%+v: %v", ans, err)
				}
				sameJSON(t, rec, func(b *bytes.Buffer) error { return writeRecommendationJSON(b, rec) })
				p, err := adv.Path(ans, start)
				if err != nil {
					t.Fatalf("%+v: %v", ans, err)
				}
				sameJSON(t, p, func(b *bytes.Buffer) error { return writePathJSON(b, p) })
			}
		}
	}
}

// Every field of the types, set at random (pointers nil or not, strings
// of any runes, numbers of any size), is written as encoding/json writes
// it: a field added to a type but not to recjson.go fails here.
func TestRecommendationJSONHasEveryField(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	for range 50 {
		rec := randomValue[advisor.Recommendation](t, rnd)
		sameJSON(t, rec, func(b *bytes.Buffer) error { return writeRecommendationJSON(b, rec) })
		p := randomValue[advisor.Path](t, rnd)
		sameJSON(t, p, func(b *bytes.Buffer) error { return writePathJSON(b, p) })
	}
	empty := &advisor.Recommendation{Trace: []advisor.Step{}, Specialisations: []advisor.Specialisation{{Providers: []advisor.ProviderRef{}}}}
	sameJSON(t, empty, func(b *bytes.Buffer) error { return writeRecommendationJSON(b, empty) })
}

// Strings and numbers at the edges of JSON: escapes, invalid UTF-8, the
// JavaScript line separators, HTML characters left alone, and the
// exponent cut-offs.
func TestJSONScalarsAreEncodingJSON(t *testing.T) {
	strs := []string{"", "plain", `"quoted" \ back`, "\x00\x01\b\f\n\r\t\x1f\x7f", "<a href='x'>&amp;</a>",
		"bad \xff\xfe utf8 \xe2\x82", "sep \u2028 \u2029 end", "emoji \U0001F600 and é", "\u00a0\ufeff"}
	for _, s := range strs {
		rec := &advisor.Recommendation{SchemaVersion: s, Input: advisor.Input{Role: s}, Capabilities: []string{s, s}}
		sameJSON(t, rec, func(b *bytes.Buffer) error { return writeRecommendationJSON(b, rec) })
	}
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1.5, 1e-6, 9.99e-7, 1e-7, 1e20, 1e21, -1e21, 123456789.125, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		rec := &advisor.Recommendation{Input: advisor.Input{Years: f}, NextLevel: &advisor.NextLevel{Missing: []advisor.Requirement{{NeededYears: &f, CurrentYears: &f}}}}
		sameJSON(t, rec, func(b *bytes.Buffer) error { return writeRecommendationJSON(b, rec) })
	}
	for _, f := range []float64{math.NaN(), math.Inf(1)} {
		rec := &advisor.Recommendation{Input: advisor.Input{Years: f}}
		if err := writeRecommendationJSON(&bytes.Buffer{}, rec); err == nil {
			t.Errorf("years %v: no error", f)
		}
	}
}

func randomValue[T any](t *testing.T, rnd *rand.Rand) *T {
	t.Helper()
	v, ok := quick.Value(reflect.TypeFor[T](), rnd)
	if !ok {
		t.Fatalf("quick.Value cannot make a %s", reflect.TypeFor[T]())
	}
	x := v.Interface().(T)
	return &x
}

func sameJSON(t *testing.T, v any, write func(*bytes.Buffer) error) {
	t.Helper()
	var want, got bytes.Buffer
	if err := WriteJSON(&want, v); err != nil {
		t.Fatal(err)
	}
	if err := write(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		g, w := got.String(), want.String()
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		t.Fatalf("hand-written JSON differs from encoding/json at byte %d:\n got %s\nwant %s", i, strconv.Quote(g[max(0, i-80):min(len(g), i+80)]), strconv.Quote(w[max(0, i-80):min(len(w), i+80)]))
	}
}
