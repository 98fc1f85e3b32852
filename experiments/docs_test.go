package experiments

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
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

// TestArchitectureDoc keeps docs/architecture.md true to the code: every repository
// path it names in backquotes exists, and every row of its "Where to find it" table
// names a function, method or type that its file declares.
func TestArchitectureDoc(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..")
	data, err := os.ReadFile(filepath.Join(root, "docs", "architecture.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	// Paths: backquoted words with a slash that start at a top-level folder; templates
	// such as agents/<class>.go are not paths.
	path := regexp.MustCompile("`((?:agents|market|experiments|cmd|docs|scripts)/[^`<>* ]*)`")
	paths := 0
	for _, m := range path.FindAllStringSubmatch(doc, -1) {
		paths++
		if _, err := os.Stat(filepath.Join(root, m[1])); err != nil {
			t.Errorf("docs/architecture.md names %s, which does not exist", m[1])
		}
	}
	if paths < 30 {
		t.Errorf("found only %d paths in docs/architecture.md; has its format changed?", paths)
	}
	// The table: | question | `file.go` | `Name` |
	row := regexp.MustCompile("^\\|[^|]*\\| `([^`]+\\.go)` \\| `([A-Za-z_]+)` \\|$")
	rows := 0
	for _, line := range strings.Split(doc, "\n") {
		m := row.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		rows++
		if !declares(t, filepath.Join(root, m[1]), m[2]) {
			t.Errorf("docs/architecture.md: %s declares no %s", m[1], m[2])
		}
	}
	if rows < 8 {
		t.Errorf("found only %d rows in the \"Where to find it\" table", rows)
	}
}

// declares reports whether the Go file at path declares a function, method or type
// called name.
func declares(t *testing.T, path, name string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Errorf("%s: %v", path, err)
		return false
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Name.Name == name {
				return true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.Name == name {
					return true
				}
			}
		}
	}
	return false
}
