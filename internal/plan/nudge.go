package plan

import "time"

// NudgeChange is the change kind of nudge events (nudged, reminded, snoozed,
// declined, escalated, answered): they are in the plan's log so the
// coordinator sees them, but they change nothing in the plan itself. A
// family's "what's new" should leave them out.
const NudgeChange ChangeKind = "nudge"

// Nudge actions, logged with Kind NudgeChange and Target the section id.
const (
	Nudged    Action = "nudged"    // the owner was asked for an update
	Reminded  Action = "reminded"  // the owner was asked again
	Snoozed   Action = "snoozed"   // the owner asked to be reminded later
	Declined  Action = "declined"  // the owner said "not my task"
	Escalated Action = "escalated" // the coordinator was told nobody answered
	Answered  Action = "answered"  // the owner updated or confirmed the section
)

// NudgeState is what planprat has done to get one section reviewed during
// one stale period. A state belongs to the period (Due) and the owner it was
// made for; when the section is updated or gets a new owner, a fresh period
// starts and the old state no longer counts.
type NudgeState struct {
	// Version counts writes, for compare-and-set between bot replicas.
	Version int `json:"version"`
	// Due is when the section became stale: the period this state is for.
	Due time.Time `json:"due"`
	// Owner is the participant who was nudged.
	Owner string `json:"owner"`
	// FirstNudged and LastNudged are when the owner was first and last asked.
	FirstNudged time.Time `json:"first_nudged"`
	LastNudged  time.Time `json:"last_nudged"`
	// Window is the owner's local date of the last nudge ("2026-10-26"):
	// one nudge per section per window.
	Window string `json:"window,omitempty"`
	// Reminders counts nudges after the first.
	Reminders    int       `json:"reminders"`
	SnoozedUntil time.Time `json:"snoozed_until"`
	// NotMine is set when the owner said the section is not their task.
	NotMine   bool      `json:"not_mine,omitempty"`
	NotMineAt time.Time `json:"not_mine_at"`
	// Escalated is set when the coordinator was told nobody answered.
	Escalated   bool      `json:"escalated,omitempty"`
	EscalatedAt time.Time `json:"escalated_at"`
	// Answered is when the owner updated or confirmed the section after a nudge.
	Answered time.Time `json:"answered"`
}

// For tells whether the state belongs to the stale period starting at due
// with the given owner.
func (n NudgeState) For(due time.Time, owner string) bool {
	return n.Due.Unix() == due.Unix() && n.Owner == owner
}

// Pending tells whether the owner was asked and has not answered.
func (n NudgeState) Pending() bool {
	return !n.LastNudged.IsZero() && n.Answered.IsZero() && !n.NotMine
}

// Fresh returns the state for a new stale period, keeping the version so a
// compare-and-set still works.
func (n NudgeState) Fresh(due time.Time, owner string) NudgeState {
	return NudgeState{Version: n.Version, Due: due, Owner: owner}
}

// NoticeFrequency is how often a family member hears what is new.
type NoticeFrequency string

// Notice frequencies.
const (
	NoticesOff    NoticeFrequency = "off"
	NoticesDaily  NoticeFrequency = "daily"
	NoticesWeekly NoticeFrequency = "weekly"
)

// Valid tells whether f is a known frequency.
func (f NoticeFrequency) Valid() bool {
	return f == NoticesOff || f == NoticesDaily || f == NoticesWeekly
}

// Every is the shortest time between two notices (zero when off).
func (f NoticeFrequency) Every() time.Duration {
	switch f {
	case NoticesDaily:
		return 24 * time.Hour
	case NoticesWeekly:
		return 7 * 24 * time.Hour
	}
	return 0
}

// NoticeSettings is one participant's choice about "what's new" notices and
// when they last got one.
type NoticeSettings struct {
	Frequency NoticeFrequency `json:"frequency"`
	LastSent  time.Time       `json:"last_sent"`
}
