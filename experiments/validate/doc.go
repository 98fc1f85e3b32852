// Package validate holds the model against what the real network did: a table of
// moments (facts about the real dTAO history, each with its era, real value, band,
// source and reliability), the calibration scenarios each moment is computed from, a
// function per moment from a run's outputs to the simulated value, and Run, which runs
// every scenario over a list of seeds and reports, per moment, the simulated mean and
// range beside the real value and whether the mean lies inside the band.
//
// The moments and their definitions here are described in docs/validation.md; the
// scenarios (experiments/scenarios/calib-*.yaml and sn28.yaml) say in their comments
// where each calibration choice comes from. Nothing in this package tunes the model: the
// simulated values are whatever the scenarios produce.
package validate
