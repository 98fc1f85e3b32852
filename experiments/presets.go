package experiments

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
)

//go:embed scenarios/*.yaml
var presetFS embed.FS

// ScenarioPreset is a scenario shipped with the toolkit (experiments/scenarios/NAME.yaml).
type ScenarioPreset struct {
	Name        string
	Description string
	YAML        []byte
}

// ScenarioPresets returns the shipped scenarios sorted by name. Each file's comment block
// documents its calibration and assumptions.
func ScenarioPresets() []ScenarioPreset {
	entries, err := presetFS.ReadDir("scenarios")
	if err != nil {
		panic("experiments: embedded scenarios unreadable: " + err.Error())
	}
	var out []ScenarioPreset
	for _, e := range entries {
		data, err := presetFS.ReadFile(path.Join("scenarios", e.Name()))
		if err != nil {
			panic("experiments: embedded scenario unreadable: " + err.Error())
		}
		sc, err := ParseScenario(data)
		if err != nil {
			panic(fmt.Sprintf("experiments: embedded scenario %s is invalid: %v", e.Name(), err))
		}
		out = append(out, ScenarioPreset{Name: strings.TrimSuffix(e.Name(), ".yaml"), Description: sc.Description, YAML: data})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// LoadPreset parses the shipped scenario called name.
func LoadPreset(name string) (*Scenario, error) {
	for _, p := range ScenarioPresets() {
		if p.Name == name {
			return ParseScenario(p.YAML)
		}
	}
	var names []string
	for _, p := range ScenarioPresets() {
		names = append(names, p.Name)
	}
	return nil, fmt.Errorf("no scenario preset %q (known: %s)", name, strings.Join(names, ", "))
}
