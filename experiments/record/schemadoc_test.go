package record

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the generated tables of docs/schema.md")

// TestSchemaDoc keeps docs/schema.md true: the tables between its "generated" markers
// are rendered from SeriesColumns, EventColumns and RunColumns. Run
// `go test ./experiments/record -run SchemaDoc -update` after changing a column.
func TestSchemaDoc(t *testing.T) {
	path := filepath.Join("..", "..", "docs", "schema.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, tbl := range []struct {
		name string
		cols []Column
	}{{"series", SeriesColumns()}, {"events", EventColumns()}, {"runs", RunColumns()},
		{"summary", SummaryColumns()}, {"comparisons", ComparisonColumns()}, {"effects", EffectColumns()},
		{"interactions", InteractionColumns()},
		{"sensitivity", SensitivityColumns()}} {
		begin := fmt.Sprintf("<!-- generated: %s -->\n", tbl.name)
		end := fmt.Sprintf("<!-- end: %s -->", tbl.name)
		i, j := strings.Index(doc, begin), strings.Index(doc, end)
		if i < 0 || j < i {
			t.Fatalf("%s: markers for table %q not found", path, tbl.name)
		}
		var b strings.Builder
		b.WriteString("| column | type | meaning |\n|---|---|---|\n")
		for _, c := range tbl.cols {
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", c.Name, c.Type, strings.ReplaceAll(c.Doc, "|", "\\|"))
		}
		got := doc[i+len(begin) : j]
		if got != b.String() {
			if !*update {
				t.Errorf("%s: the %s table is out of date; run go test ./experiments/record -run SchemaDoc -update", path, tbl.name)
				continue
			}
			doc = doc[:i+len(begin)] + b.String() + doc[j:]
		}
	}
	if *update {
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
