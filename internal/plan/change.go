package plan

import (
	"sort"
	"time"
)

// ChangeKind says what a change touched.
type ChangeKind string

// Change kinds.
const (
	SectionChange     ChangeKind = "section"
	ActivityChange    ChangeKind = "activity"
	ParticipantChange ChangeKind = "participant"
	ConsentChange     ChangeKind = "consent"
	PlanChange        ChangeKind = "plan"
)

// Action names what a change did.
type Action string

// Change actions.
const (
	Created   Action = "created"
	Updated   Action = "updated"
	Confirmed Action = "confirmed"
	Undone    Action = "undone"
	Removed   Action = "removed"
	Imported  Action = "imported"
	Withdrawn Action = "withdrawn"
)

// Change is one entry in a plan's change log.
type Change struct {
	// Seq is the change's position in the plan's log, from 1.
	Seq     int64      `json:"seq"`
	At      time.Time  `json:"at"`
	By      string     `json:"by"`
	Kind    ChangeKind `json:"kind"`
	Target  string     `json:"target"`
	Action  Action     `json:"action"`
	Version int        `json:"version"`
	Before  string     `json:"before,omitempty"`
	After   string     `json:"after,omitempty"`
	Reason  string     `json:"reason,omitempty"`
	// UndoOf is the Seq of the change an undo reverted.
	UndoOf int64 `json:"undo_of,omitempty"`
}

// ChangesSince returns what others changed after since, newest first: what
// is new for participant who.
func ChangesSince(changes []Change, who string, since time.Time) []Change {
	var out []Change
	for _, c := range changes {
		if c.At.After(since) && c.By != who {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.After(out[j].At)
		}
		return out[i].Seq > out[j].Seq
	})
	return out
}

// LastUndoable returns the newest section change by who that may be undone:
// an update, confirmation or undo of a section whose text it set, not
// already reverted by a later undo.
func LastUndoable(changes []Change, who string) (Change, bool) {
	undone := map[int64]bool{}
	for i := len(changes) - 1; i >= 0; i-- {
		c := changes[i]
		if c.Action == Undone {
			undone[c.UndoOf] = true
		}
		if c.By != who || c.Kind != SectionChange || undone[c.Seq] {
			continue
		}
		if c.Action == Updated || c.Action == Created {
			return c, true
		}
	}
	return Change{}, false
}
