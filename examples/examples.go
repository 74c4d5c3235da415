// Package examples ships the example plans, embedded so the demo needs no files.
package examples

import _ "embed"

// Emma is examples/plan-emma.yaml: a child with cerebral palsy, her family,
// a coordinator and six professionals.
//
//go:embed plan-emma.yaml
var Emma []byte
