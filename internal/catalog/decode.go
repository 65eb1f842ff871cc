package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// unknownKeys lists every key of the document that the catalog does not
// have, each with its path and line, so that one run shows them all.
func unknownKeys(root *yaml.Node) []Problem {
	var problems []Problem
	walkNodes(root, reflect.TypeFor[Catalog](), "", func(n *yaml.Node, t reflect.Type, path string) {
		if n.Kind != yaml.MappingNode || t.Kind() != reflect.Struct {
			return
		}
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i]
			if _, ok := fields[key.Value]; ok || key.Value == "<<" {
				continue
			}
			problems = append(problems, Problem{Path: joinPath(path, key.Value), Message: fmt.Sprintf(
				"line %d: unknown key; remove it or use one of the keys %s: %s", key.Line, where(path), strings.Join(sortedKeys(fields), ", "))})
		}
	})
	return problems
}

func where(path string) string {
	if path == "" {
		return "at the top level"
	}
	return "of " + path
}

// walkNodes calls visit for n and every node below it, with the Go type
// it decodes into and its path, such as levels[2].policy. Nodes the type
// has no place for are not visited.
func walkNodes(n *yaml.Node, t reflect.Type, path string, visit func(*yaml.Node, reflect.Type, string)) {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	visit(n, t, path)
	switch {
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Struct:
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, value := n.Content[i], n.Content[i+1]
			if key.Value == "<<" {
				walkNodes(value, t, path, visit)
			} else if f, ok := fields[key.Value]; ok {
				walkNodes(value, f, joinPath(path, key.Value), visit)
			}
		}
	case n.Kind == yaml.SequenceNode && t.Kind() == reflect.Slice:
		for i, item := range n.Content {
			walkNodes(item, t.Elem(), path+"["+strconv.Itoa(i)+"]", visit)
		}
	}
}

// yamlFields maps a struct's YAML keys to their types.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	fields := map[string]reflect.Type{}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		fields[name] = f.Type
	}
	return fields
}

func sortedKeys(m map[string]reflect.Type) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// pathsByLine maps each line of the document to the path of the value on
// it, a scalar's rather than its parent's.
func pathsByLine(root *yaml.Node) map[int]string {
	pathAt := map[int]string{}
	walkNodes(root, reflect.TypeFor[Catalog](), "", func(n *yaml.Node, _ reflect.Type, path string) {
		if _, seen := pathAt[n.Line]; !seen || n.Kind == yaml.ScalarNode {
			pathAt[n.Line] = path
		}
	})
	return pathAt
}

// yamlTypeError matches the decoder's "line 12: cannot unmarshal !!str
// `two` into int". It is compiled on first use, as idPattern is: only a
// catalog file with a type error needs it, never a run on the embedded one.
var yamlTypeError = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile("^line ([0-9]+): cannot unmarshal !!([a-z]+) `(.*)` into (.+)$")
})

// typeProblems turns the decoder's type errors into problems with the
// path of the value at that line.
func typeProblems(root *yaml.Node, err error) []Problem {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return problem("%s", err)
	}
	pathAt := pathsByLine(root)
	problems := make([]Problem, 0, len(te.Errors))
	for _, msg := range te.Errors {
		m := yamlTypeError().FindStringSubmatch(msg)
		if m == nil {
			problems = append(problems, Problem{Message: msg})
			continue
		}
		line, _ := strconv.Atoi(m[1])
		problems = append(problems, Problem{Path: pathAt[line], Message: fmt.Sprintf(
			"line %s: %s %q is given where %s is needed", m[1], yamlKind(m[2]), m[3], goTypeName(m[4]))})
	}
	return problems
}

func yamlKind(tag string) string {
	switch tag {
	case "str":
		return "the text"
	case "seq":
		return "a list"
	case "map":
		return "a mapping"
	case "int", "float":
		return "the number"
	case "bool":
		return "the true/false value"
	}
	return "the value"
}

func typeName(t reflect.Type) string { return goTypeName(t.String()) }

func goTypeName(t string) string {
	switch {
	case t == "int":
		return "a whole number"
	case t == "float64":
		return "a number"
	case t == "string":
		return "text (quote it)"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	}
	return "a mapping of keys"
}

// syntaxMessage says on which line a YAML syntax error is. The parser
// names the line where the enclosing block starts (a bad indent on line
// 152 is "line 15" when levels: starts there), so the first line whose
// prefix of the file fails the same way is found by bisection.
func syntaxMessage(raw []byte, err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	at, problemText, ok := strings.Cut(strings.TrimPrefix(msg, "line "), ": ")
	if !ok || !strings.HasPrefix(msg, "line ") {
		return msg
	}
	lines := bytes.SplitAfter(raw, []byte("\n"))
	failsAlike := func(n int) bool {
		var doc yaml.Node
		e := yaml.Unmarshal(bytes.Join(lines[:n], nil), &doc)
		return e != nil && strings.HasSuffix(e.Error(), ": "+problemText)
	}
	first := sort.Search(len(lines)+1, failsAlike)
	if first > len(lines) || strconv.Itoa(first) == at {
		return msg
	}
	return fmt.Sprintf("line %d: %s (in the block that starts on line %s); check the indentation and quoting of line %d", first, problemText, at, first)
}

// walkStrings calls visit with every text of c and its path, such as
// levels[2].capabilities[0].
func walkStrings(c *Catalog, visit func(path, s string)) {
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.String:
			visit(path, v.String())
		case reflect.Struct:
			for i := range v.NumField() {
				name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
				walk(v.Field(i), joinPath(path, name))
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), path+"["+strconv.Itoa(i)+"]")
			}
		}
	}
	walk(reflect.ValueOf(c).Elem(), "")
}
