package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/catalog"
)

// The committed file is what the generator writes for catalog.yaml today,
// byte for byte: hand edits and a generator change not run both fail.
func TestCommittedFileIsGenerated(t *testing.T) {
	out := filepath.Join(t.TempDir(), "embedded_gen.go")
	if err := generate("../../../data/catalog.yaml", out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../embedded_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("internal/catalog/embedded_gen.go is not what embedgen writes; run `go generate ./internal/catalog`")
	}
}

// Every field of every catalog type is written, and nil and empty lists
// stay apart: the literal of a catalog with every field set holds each
// field, and the literal of an empty list is not that of a nil one.
func TestLiteralHasEveryField(t *testing.T) {
	var c catalog.Catalog
	fill(reflect.ValueOf(&c).Elem())
	src, err := goSource(&c)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range fieldNames(reflect.TypeFor[catalog.Catalog]()) {
		if !strings.Contains(string(src), "\t"+name+": ") {
			t.Errorf("the literal has no field %s", name)
		}
	}
	nilList, err := goSource(&catalog.Catalog{Name: "x"})
	if err != nil {
		t.Fatal(err)
	}
	emptyList, err := goSource(&catalog.Catalog{Name: "x", Levels: []catalog.Level{}})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(nilList, emptyList) {
		t.Errorf("a nil and an empty list are both written as\n%s", nilList)
	}
}

func TestLiteralRefusesNonFiniteNumbers(t *testing.T) {
	c := &catalog.Catalog{Levels: []catalog.Level{{Policy: catalog.LevelPolicy{MinYears: math.Inf(1)}}}}
	if _, err := goSource(c); err == nil {
		t.Fatal("an infinite min_years was written")
	}
}

// fill sets every field below v: a list to one element, a number to 7.5
// or 7, a string to "x".
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Int:
		v.SetInt(7)
	case reflect.Float64:
		v.SetFloat(7.5)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i))
		}
	}
}

// fieldNames lists the fields of t and of every struct it holds.
func fieldNames(t reflect.Type) []string {
	switch t.Kind() {
	case reflect.Slice:
		return fieldNames(t.Elem())
	case reflect.Struct:
		var names []string
		for f := range t.Fields() {
			names = append(names, f.Name)
			names = append(names, fieldNames(f.Type)...)
		}
		return names
	}
	return nil
}
