package sweep

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dtaosim/experiments"
	"dtaosim/experiments/record"
)

// Manifest describes an experiment's output folder (docs/schema.md).
type Manifest struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	PlanHash    string `json:"plan_hash"`
	// HashScheme is the encoding the plan and spec hashes were taken of
	// (experiments.SpecHashScheme); 0 in manifests written before it was recorded (scheme 1).
	HashScheme int    `json:"hash_scheme,omitempty"`
	MasterSeed uint64 `json:"master_seed"`
	Replicates int    `json:"replicates"` // replicates per cell; with adaptive replicates, the maximum
	// ReplicatesRule is the adaptive rule (nil for a fixed number of replicates).
	ReplicatesRule *Replicates `json:"replicates_rule,omitempty"`
	Design         string      `json:"design"`
	// Sensitivity is the Morris or Sobol' design (design: morris or sobol).
	Sensitivity *SensitivityDesign `json:"sensitivity,omitempty"`
	Axes        []string           `json:"axes"`
	CRNAxes     []string           `json:"crn_axes"`
	// AxisColumns are the typed columns of the axes in runs and summary files, in axis
	// order: name, type, and whether the axis shares random numbers (crn).
	AxisColumns []AxisManifest `json:"axis_columns"`
	Cells       []CellManifest `json:"cells"`
	// Contrasts are the experiment file's contrasts (Contrast), which Summarize compares
	// beside the cells differing in one axis; absent when it declares none.
	Contrasts []ContrastManifest `json:"contrasts,omitempty"`
	// Interactions are the experiment file's interactions (Interaction), which
	// Summarize computes; absent when it declares none.
	Interactions []InteractionManifest `json:"interactions,omitempty"`
	Experiment   string                `json:"experiment"` // the experiment file as given
	ToolVersion  string                `json:"tool_version"`
	Shard        int                   `json:"shard"`
	Shards       int                   `json:"shards"`
	Started      string                `json:"started"`
	Finished     string                `json:"finished,omitempty"`
	RunsComplete int                   `json:"runs_complete"`
}

// AxisManifest describes one axis's typed column in the manifest.
type AxisManifest struct {
	Param  string          `json:"param"`
	Column string          `json:"column"`
	Type   record.AxisType `json:"type"`
	CRN    bool            `json:"crn"`
}

// Columns returns the manifest's typed axis columns.
func (m *Manifest) Columns() []record.AxisColumn {
	out := make([]record.AxisColumn, len(m.AxisColumns))
	for i, a := range m.AxisColumns {
		out[i] = record.AxisColumn{Name: a.Column, Param: a.Param, Type: a.Type}
	}
	return out
}

// CellManifest is one cell in the manifest.
type CellManifest struct {
	Index    int            `json:"index"`
	Axes     string         `json:"axes"`
	Values   map[string]any `json:"values"`
	CRNGroup int            `json:"crn_group"`
	SpecHash string         `json:"spec_hash"`
	Scenario string         `json:"scenario"` // the cell's scenario name
	// Replicates and StopReason say where an adaptive cell stopped and why ("target" or
	// "max"), once its shard has finished; the runs files are the authority (Summarize
	// and Merge apply the rule to them again).
	Replicates int    `json:"replicates,omitempty"`
	StopReason string `json:"stop_reason,omitempty"`
}

// Rule returns the manifest's replicates rule: the adaptive rule, or a fixed number.
func (m *Manifest) Rule() Replicates {
	if m.ReplicatesRule != nil {
		return *m.ReplicatesRule
	}
	return Fixed(m.Replicates)
}

func newManifest(p *Plan, opt Options, start time.Time) *Manifest {
	m := &Manifest{
		Name: p.Exp.Name, Description: p.Exp.Description, PlanHash: p.Hash, HashScheme: experiments.SpecHashScheme, MasterSeed: p.Exp.Seed,
		Replicates: p.Exp.Replicates.Max, Design: p.Exp.Design, CRNAxes: p.Exp.CRNAxes, Sensitivity: p.Sensitivity,
		ToolVersion: opt.Version, Shard: opt.Shard, Shards: opt.Shards, Started: start.UTC().Format(time.RFC3339),
	}
	if rule := p.Exp.Replicates; rule.Adaptive() {
		m.ReplicatesRule = &rule
	}
	m.Experiment = p.Source
	m.Contrasts = p.Contrasts
	m.Interactions = p.Interactions
	for a, ax := range p.Exp.Axes {
		m.Axes = append(m.Axes, ax.Param)
		m.AxisColumns = append(m.AxisColumns, AxisManifest{Param: ax.Param, Column: p.AxisTypes[a].Name,
			Type: p.AxisTypes[a].Type, CRN: contains(p.Exp.CRNAxes, ax.Param)})
	}
	for _, c := range p.Cells {
		vals := map[string]any{}
		for a, ax := range p.Exp.Axes {
			vals[ax.Param] = c.Values[a]
		}
		m.Cells = append(m.Cells, CellManifest{Index: c.Index, Axes: c.Label, Values: vals, CRNGroup: c.CRNGroup,
			SpecHash: experiments.SpecHash(c.Scenario), Scenario: c.Scenario.Name})
	}
	return m
}

// write stores the manifest atomically.
func (m *Manifest) write(out string, shard, shards int) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	name := ManifestName(shard, shards)
	tmp := filepath.Join(out, "."+strings.TrimSuffix(name, ".json")+".tmp")
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(out, name)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("manifest: %w", err)
	}
	return nil
}
