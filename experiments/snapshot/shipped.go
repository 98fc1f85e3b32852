package snapshot

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed data/*.csv
var shipped embed.FS

// Aug2026 is the name of the shipped snapshot of all 128 subnets at block 8,753,086
// (2026-08-02 01:19 UTC); data/chain-2026-08-02-block8753086.source.md says where it
// comes from.
const Aug2026 = "chain-2026-08-02-block8753086.csv"

// ShippedNames returns the names of the snapshot files built into the program, sorted.
func ShippedNames() []string {
	entries, err := fs.ReadDir(shipped, "data")
	if err != nil {
		panic("snapshot: embedded data folder: " + err.Error()) // the embed pattern guarantees it
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// Shipped reads the built-in snapshot called name (one of ShippedNames).
func Shipped(name string) (*Snapshot, error) {
	data, err := shipped.ReadFile("data/" + name)
	if err != nil {
		return nil, fmt.Errorf("snapshot: no shipped snapshot %q (shipped: %s)", name, strings.Join(ShippedNames(), ", "))
	}
	return Read(bytes.NewReader(data), name)
}
