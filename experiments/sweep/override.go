package sweep

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"dtaosim/experiments"
)

// Override returns sc with each setting "path=value" applied in order: path a scenario
// field by its dotted YAML path (as an experiment's axis names it), value a YAML scalar
// or flow collection as a scenario file would write it. The result is parsed and checked
// as a scenario file is, so a misspelt path or a bad value is an error naming the
// setting. sc is not modified.
func Override(sc *experiments.Scenario, settings []string) (*experiments.Scenario, error) {
	if len(settings) == 0 {
		return sc, nil
	}
	m, err := toMap(sc)
	if err != nil {
		return nil, err
	}
	for _, s := range settings {
		path, raw, ok := strings.Cut(s, "=")
		if !ok || path == "" {
			return nil, fmt.Errorf("%q: expected PATH=VALUE, e.g. agents.speculators.price_protection.mode=partial", s)
		}
		var v any
		if err := yaml.Unmarshal([]byte(raw), &v); err != nil {
			return nil, fmt.Errorf("%q: the value is not YAML: %v", s, err)
		}
		if err := setPath(m, path, v); err != nil {
			// setPath speaks of an experiment's axis ("param: ..."); here it is a setting.
			return nil, fmt.Errorf("%q: %s", s, strings.TrimPrefix(err.Error(), "param: "))
		}
	}
	out, err := yaml.Marshal(m)
	if err != nil {
		return nil, err
	}
	res, err := experiments.ParseScenario(out)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", strings.Join(settings, ", "), stripLine(err))
	}
	return res, nil
}
