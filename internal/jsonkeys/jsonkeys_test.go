package jsonkeys

import (
	"reflect"
	"testing"
)

func TestDuplicates(t *testing.T) {
	for name, c := range map[string]struct {
		raw  string
		want []Duplicate
	}{
		"none":      {`{"a": 1, "b": {"a": 2}, "c": [{"a": 1}, {"a": 2}]}`, nil},
		"top level": {"{\"a\": 1,\n\"a\": 2}", []Duplicate{{Key: "a", Line: 2, FirstLine: 1}}},
		"nested": {"{\"levels\": [{}, {\"policy\":\n {\"min_years\": 1,\n \"min_years\": 2}}],\n \"b\": 1, \"b\": 2}",
			[]Duplicate{{Path: "levels[1].policy", Key: "min_years", Line: 3, FirstLine: 2}, {Key: "b", Line: 4, FirstLine: 4}}},
		"escaped spelling": {`{"a": 1, "\u0061": 2}`, []Duplicate{{Key: "a", Line: 1, FirstLine: 1}}},
		"malformed":        {`{"a": 1, "a": 2, "b": }`, []Duplicate{{Key: "a", Line: 1, FirstLine: 1}}},
		"not an object":    {`[1, 2]`, nil},
	} {
		t.Run(name, func(t *testing.T) {
			if got := Duplicates([]byte(c.raw)); !reflect.DeepEqual(got, c.want) {
				t.Errorf("Duplicates(%s) = %+v, want %+v", c.raw, got, c.want)
			}
		})
	}
}
