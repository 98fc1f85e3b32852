package experiments

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ParseScenario reads a scenario from YAML. Every field is optional and keeps its value
// from Defaults when left out. Reading is strict: unknown fields, wrong types, and values
// out of range are errors naming the line, the field and what was expected.
func ParseScenario(data []byte) (*Scenario, error) {
	sc := Defaults()
	if err := decodeStrict(data, &sc); err != nil {
		return nil, err
	}
	if err := checkWholeNumbers(data, reflect.TypeOf(sc)); err != nil {
		return nil, err
	}
	if err := sc.Validate(); err != nil {
		return nil, withLine(data, err)
	}
	return &sc, nil
}

// decodeStrict decodes one YAML document into v, rejecting unknown fields and anything
// after the document. yaml's errors already name the line.
func decodeStrict(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return nil // an empty file: all defaults
		}
		return cleanYAMLError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return fmt.Errorf("line %d: a second YAML document; expected exactly one", extra.Line)
	}
	return nil
}

var yamlTypeNames = strings.NewReplacer("!!int", "an integer", "!!float", "a number", "!!str", "a string",
	"!!bool", "a boolean", "!!seq", "a list", "!!map", "a mapping", "!!null", "null")

// cleanYAMLError turns yaml's messages into ours: "line N: …", without the Go types.
func cleanYAMLError(err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs := make([]string, len(te.Errors))
		for i, m := range te.Errors {
			m = strings.TrimPrefix(m, "yaml: ")
			m = goType.ReplaceAllStringFunc(m, func(s string) string { return "into " + describeGoType(s[len("into "):]) })
			m = unknownField.ReplaceAllStringFunc(m, func(s string) string {
				sub := unknownField.FindStringSubmatch(s)
				return fmt.Sprintf("unknown field %q (expected one of: %s)", sub[1], strings.Join(fieldsOf(sub[2]), ", "))
			})
			m = strings.ReplaceAll(m, "cannot unmarshal", "cannot read")
			msgs[i] = yamlTypeNames.Replace(m)
		}
		return errors.New(strings.Join(msgs, "; "))
	}
	return errors.New(strings.TrimPrefix(err.Error(), "yaml: "))
}

var (
	goType       = regexp.MustCompile(`into [\w.\[\]*]+`)
	unknownField = regexp.MustCompile(`field (\S+) not found in type ([\w.]+)`)
)

// scenarioTypes are the structs a scenario file maps onto, by Go type name, for listing
// the fields an unknown field could have been.
var scenarioTypes = func() map[string]reflect.Type {
	m := map[string]reflect.Type{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		if t.Kind() != reflect.Struct || m[t.String()] != nil {
			return
		}
		m[t.String()] = t
		for i := range t.NumField() {
			walk(t.Field(i).Type)
		}
	}
	walk(reflect.TypeOf(Scenario{}))
	return m
}()

// fieldsOf lists the YAML field names of the Go struct type called name.
func fieldsOf(name string) []string {
	t, ok := scenarioTypes[name]
	if !ok {
		return nil
	}
	var out []string
	var add func(t reflect.Type)
	add = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("yaml")
			if tag == ",inline" {
				add(f.Type)
				continue
			}
			if n := strings.Split(tag, ",")[0]; n != "" && n != "-" {
				out = append(out, n)
			}
		}
	}
	add(t)
	return out
}

// ScenarioField reports whether the dotted YAML path names a field of a scenario, and
// whether that field is a group of fields (a struct). A field left out of a scenario's
// YAML when empty (omitempty) is still a field; past a map every key is accepted.
func ScenarioField(path string) (ok, group bool) {
	t := reflect.TypeOf(Scenario{})
	for _, part := range strings.Split(path, ".") {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Map:
			return true, false
		case reflect.Struct:
		default:
			return false, false
		}
		f, found := yamlField(t, part)
		if !found {
			return false, false
		}
		t = f
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return true, t.Kind() == reflect.Struct
}

// checkWholeNumbers rejects a non-integral number given for an integer field (yaml
// would truncate 1.5 to 1 silently), naming the line and the field.
func checkWholeNumbers(data []byte, t reflect.Type) error {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 {
		return nil
	}
	return wholeNumbers(root.Content[0], t, "")
}

func wholeNumbers(n *yaml.Node, t reflect.Type, path string) error {
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return nil
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i].Value, n.Content[i+1]
			if f, ok := yamlField(t, key); ok {
				if err := wholeNumbers(val, f, join(path, key)); err != nil {
					return err
				}
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return nil
		}
		for k, c := range n.Content {
			if err := wholeNumbers(c, t.Elem(), fmt.Sprintf("%s[%d]", path, k)); err != nil {
				return err
			}
		}
	case reflect.Int, reflect.Int32, reflect.Int64, reflect.Uint64:
		if n.Kind == yaml.ScalarNode && n.Tag == "!!float" {
			x, err := strconv.ParseFloat(n.Value, 64)
			if err != nil || x != math.Trunc(x) {
				return fmt.Errorf("line %d: %s: expected a whole number, got %s", n.Line, path, n.Value)
			}
		}
	}
	return nil
}

// yamlField returns the type of the field of struct t whose YAML name is key, looking
// into inlined structs.
func yamlField(t reflect.Type, key string) (reflect.Type, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		if tag == ",inline" {
			if ft, ok := yamlField(f.Type, key); ok {
				return ft, true
			}
			continue
		}
		if strings.Split(tag, ",")[0] == key {
			return f.Type, true
		}
	}
	return nil, false
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func describeGoType(t string) string {
	switch {
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool":
		return "true or false"
	case t == "string":
		return "a string"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map"):
		return "a mapping"
	default:
		return "a mapping (" + t[strings.LastIndex(t, ".")+1:] + ")"
	}
}

// withLine prefixes a validation error with the line of its field in data, or of the
// nearest enclosing field that the file gives.
func withLine(data []byte, err error) error {
	var fe *fieldError
	if !errors.As(err, &fe) {
		return err
	}
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 {
		return err
	}
	if line := lineOf(root.Content[0], fe.path); line > 0 {
		return fmt.Errorf("line %d: %w", line, err)
	}
	return err
}

// LineOf returns the line in the YAML document data of the value at a dotted path with
// [i] indexes (e.g. "axes[2].param"), or of its deepest ancestor present; 0 if none.
func LineOf(data []byte, path string) int {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 {
		return 0
	}
	return lineOf(root.Content[0], path)
}

// lineOf returns the line of the value at a dotted path with [i] indexes, or of its
// deepest ancestor present in the document; 0 if none.
func lineOf(n *yaml.Node, path string) int {
	line := 0
	for _, part := range strings.Split(path, ".") {
		key, idx := part, -1
		if k := strings.IndexByte(part, '['); k >= 0 {
			key = part[:k]
			idx, _ = strconv.Atoi(strings.TrimSuffix(part[k+1:], "]"))
		}
		next := mapValue(n, key)
		if next == nil {
			return line
		}
		n, line = next, next.Line
		if idx >= 0 {
			if n.Kind != yaml.SequenceNode || idx >= len(n.Content) {
				return line
			}
			n, line = n.Content[idx], n.Content[idx].Line
		}
	}
	return line
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
