package sweep

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"dtaosim/experiments"
)

// toMap renders a scenario as nested maps keyed by YAML field names.
func toMap(sc *experiments.Scenario) (map[string]any, error) {
	data, err := yaml.Marshal(sc)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return m, nil
}

func cloneMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		switch x := v.(type) {
		case map[string]any:
			out[k] = cloneMap(x)
		case []any:
			out[k] = append([]any(nil), x...)
		default:
			out[k] = v
		}
	}
	return out
}

// merge sets every leaf of over into m, recursively.
func merge(m, over map[string]any) {
	for k, v := range over {
		if sub, ok := v.(map[string]any); ok {
			if dst, ok := m[k].(map[string]any); ok {
				merge(dst, sub)
				continue
			}
		}
		m[k] = v
	}
}

// setPath sets the field at a dotted path. Every step must name a field the scenario has,
// so that a misspelt axis is an error, not a silently ignored new key.
func setPath(m map[string]any, path string, v any) error {
	parts := strings.Split(path, ".")
	for i, p := range parts {
		cur, ok := m[p]
		if !ok {
			// A field the rendering left out (omitempty, at its zero value) is still a
			// field: an empty group to fill, or a leaf to set.
			prefix := strings.Join(parts[:i+1], ".")
			field, group := experiments.ScenarioField(prefix)
			if !field {
				return fmt.Errorf("param: %q is not a scenario field (at %q)", path, prefix)
			}
			if group {
				cur = map[string]any{}
				m[p] = cur
			} else {
				cur = nil
			}
		}
		if i == len(parts)-1 {
			if _, isMap := cur.(map[string]any); isMap {
				return fmt.Errorf("param: %q is a group of fields, not one field", path)
			}
			m[p] = v
			return nil
		}
		next, ok := cur.(map[string]any)
		if !ok {
			return fmt.Errorf("param: %q: %q is not a group of fields", path, strings.Join(parts[:i+1], "."))
		}
		m = next
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

var lineRe = regexp.MustCompile(`^line \d+: `)

// stripLine removes a line number that refers to generated YAML, not the user's file.
func stripLine(err error) error {
	return errors.New(lineRe.ReplaceAllString(err.Error(), ""))
}

func yamlErr(err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return errors.New(strings.ReplaceAll(strings.Join(te.Errors, "; "), "yaml: ", ""))
	}
	return errors.New(strings.TrimPrefix(err.Error(), "yaml: "))
}
