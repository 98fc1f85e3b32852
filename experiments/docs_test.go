package experiments

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScenarioDocDefaults keeps docs/scenarios.md true: its "All fields, with defaults"
// block, read as a scenario file, is exactly the default scenario.
func TestScenarioDocDefaults(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("..", "docs", "scenarios.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	i := strings.Index(doc, "## All fields, with defaults")
	if i < 0 {
		t.Fatal("docs/scenarios.md has no \"All fields, with defaults\" section")
	}
	start := strings.Index(doc[i:], "```yaml\n")
	end := strings.Index(doc[i+start+8:], "```")
	if start < 0 || end < 0 {
		t.Fatal("no yaml block in the defaults section")
	}
	block := doc[i+start+8 : i+start+8+end]
	sc, err := ParseScenario([]byte(block))
	if err != nil {
		t.Fatalf("the documented defaults do not parse: %v", err)
	}
	d := Defaults()
	if SpecHash(sc) != SpecHash(&d) {
		t.Errorf("docs/scenarios.md's defaults differ from experiments.Defaults():\ndoc:  %+v\ncode: %+v", *sc, d)
	}
}
