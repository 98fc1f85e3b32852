// Package notebooks_test checks the analysis notebooks: valid nbformat 4 JSON with their
// outputs stripped, and every SQL file they load present. (The SQL itself is executed
// against a fresh results folder by the DuckDB test, experiments/duckdbtest.)
package notebooks_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

type notebook struct {
	Cells []struct {
		CellType       string          `json:"cell_type"`
		ID             string          `json:"id"`
		Source         json.RawMessage `json:"source"`
		Outputs        []any           `json:"outputs"`
		ExecutionCount any             `json:"execution_count"`
	} `json:"cells"`
	Metadata      map[string]any `json:"metadata"`
	NBFormat      int            `json:"nbformat"`
	NBFormatMinor int            `json:"nbformat_minor"`
}

var queryCall = regexp.MustCompile(`query\('([a-z_]+)'[,)]`)

func TestNotebooks(t *testing.T) {
	files, _ := filepath.Glob("*.ipynb")
	if len(files) == 0 {
		t.Fatal("no notebooks")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var nb notebook
		if err := json.Unmarshal(data, &nb); err != nil {
			t.Fatalf("%s: not JSON: %v", f, err)
		}
		if nb.NBFormat != 4 || nb.NBFormatMinor < 5 {
			t.Errorf("%s: nbformat %d.%d, want 4.5 or later", f, nb.NBFormat, nb.NBFormatMinor)
		}
		ids := map[string]bool{}
		for i, c := range nb.Cells {
			if c.ID == "" || ids[c.ID] {
				t.Errorf("%s: cell %d: missing or duplicate id %q", f, i, c.ID)
			}
			ids[c.ID] = true
			var src string
			var parts []string
			if json.Unmarshal(c.Source, &src) != nil {
				if err := json.Unmarshal(c.Source, &parts); err != nil {
					t.Errorf("%s: cell %d: source is neither a string nor a list of strings", f, i)
				}
				src = strings.Join(parts, "")
			}
			switch c.CellType {
			case "code":
				if len(c.Outputs) != 0 || c.ExecutionCount != nil {
					t.Errorf("%s: cell %d: outputs not stripped", f, i)
				}
				for _, m := range queryCall.FindAllStringSubmatch(src, -1) {
					if _, err := os.Stat(filepath.Join("sql", m[1]+".sql")); err != nil {
						t.Errorf("%s: cell %d loads sql/%s.sql, which does not exist", f, i, m[1])
					}
				}
			case "markdown", "raw":
			default:
				t.Errorf("%s: cell %d: cell_type %q", f, i, c.CellType)
			}
		}
	}
}
