package plan

import (
	"sort"
	"time"
)

// Permission is something a participant may want to do with a plan.
type Permission string

// Permissions, checked by Can.
const (
	Read               Permission = "read"
	EditSection        Permission = "edit-section"
	Comment            Permission = "comment"
	AddSection         Permission = "add-section"
	EditActivity       Permission = "edit-activity"
	ManageParticipants Permission = "manage-participants"
	ManageConsent      Permission = "manage-consent"
	ViewAudit          Permission = "view-audit"
)

// Permissions lists every permission, for tables and tests.
var Permissions = []Permission{Read, EditSection, Comment, AddSection, EditActivity, ManageParticipants, ManageConsent, ViewAudit}

// HasAccess tells whether participant id may see the plan at all: it must be
// a participant, and anyone but family needs consent that is in force.
func (p *Plan) HasAccess(id string) bool {
	who, ok := p.Participant(id)
	if !ok {
		return false
	}
	if who.Role == Family {
		return true
	}
	c, ok := p.Consent(id)
	return ok && c.Active()
}

// Can tells whether participant id may do perm. target is a section id for
// EditSection and Comment, a section kind for AddSection, an activity id for
// EditActivity, and ignored otherwise.
//
// Family read everything and edit their own goals and notes; a professional
// edits the sections they own and comments elsewhere; the coordinator edits
// everything and manages participants, owners and consent.
func (p *Plan) Can(id string, perm Permission, target string) bool {
	if !p.HasAccess(id) {
		return false
	}
	who, _ := p.Participant(id)
	if who.Role == Coordinator {
		return true
	}
	switch perm {
	case Read, Comment:
		return true
	case EditSection:
		s, ok := p.Section(target)
		return ok && s.Owner == id
	case AddSection:
		k := SectionKind(target)
		return who.Role == Family && (k == Goals || k == Other)
	case EditActivity:
		a, ok := p.Activity(target)
		return ok && a.Responsible == id
	case ManageConsent, ViewAudit:
		return who.Role == Family
	}
	return false
}

// LastTouched is when the section was last updated or confirmed unchanged.
func (s Section) LastTouched() time.Time {
	if s.ConfirmedAt.After(s.UpdatedAt) {
		return s.ConfirmedAt
	}
	return s.UpdatedAt
}

// DueAt is when the section becomes stale: its review interval after it was
// last touched, or the plan's revision date if that comes first. A section
// without an interval is only due at the revision date; zero means never.
func (p *Plan) DueAt(s Section) time.Time {
	var due time.Time
	if s.ReviewDays > 0 {
		due = s.LastTouched().AddDate(0, 0, s.ReviewDays)
	}
	if !p.NextRevision.IsZero() && (due.IsZero() || p.NextRevision.Before(due)) {
		due = p.NextRevision
	}
	return due
}

// IsStale tells whether the section is stale at now.
func (p *Plan) IsStale(s Section, now time.Time) bool {
	due := p.DueAt(s)
	return !due.IsZero() && !now.Before(due)
}

// Stale is a stale section and how overdue it is.
type Stale struct {
	Section Section
	Due     time.Time
	// DaysSince is whole days since the section was last touched (-1 if never).
	DaysSince int
}

// StaleSections lists the stale sections at now, most overdue first.
func (p *Plan) StaleSections(now time.Time) []Stale {
	var out []Stale
	for _, s := range p.Sections {
		if !p.IsStale(s, now) {
			continue
		}
		days := -1
		if t := s.LastTouched(); !t.IsZero() {
			days = DaysBetween(t, now)
		}
		out = append(out, Stale{Section: s, Due: p.DueAt(s), DaysSince: days})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due.Before(out[j].Due) })
	return out
}

// DaysBetween counts calendar days in Oslo from a to b.
func DaysBetween(a, b time.Time) int {
	ay, am, ad := a.In(Oslo).Date()
	by, bm, bd := b.In(Oslo).Date()
	da := time.Date(ay, am, ad, 12, 0, 0, 0, time.UTC)
	db := time.Date(by, bm, bd, 12, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// StartOfDay is midnight in Oslo of t's day.
func StartOfDay(t time.Time) time.Time {
	y, m, d := t.In(Oslo).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Oslo)
}

// upcoming tells whether a planned activity still lies ahead at now; an
// all-day activity lasts its whole day.
func (a Activity) upcoming(now time.Time) bool {
	if a.AllDay {
		return !a.When.Before(StartOfDay(now))
	}
	return !a.When.Before(now)
}

// NextActivities returns up to n planned activities from now, soonest first.
func (p *Plan) NextActivities(now time.Time, n int) []Activity {
	var out []Activity
	for _, a := range p.Activities {
		if a.Status == Planned && a.upcoming(now) {
			out = append(out, a)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].When.Before(out[j].When) })
	if n >= 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// Overdue returns planned activities whose time has passed without being
// marked done or cancelled: things the family is waiting for.
func (p *Plan) Overdue(now time.Time) []Activity {
	var out []Activity
	for _, a := range p.Activities {
		if a.Status == Planned && !a.upcoming(now) {
			out = append(out, a)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].When.Before(out[j].When) })
	return out
}

// ProblemCode names a gap in the plan's completeness.
type ProblemCode string

// Completeness problems, after the regulation's points a–i.
const (
	NoCoordinator     ProblemCode = "no-coordinator"
	NoGoal            ProblemCode = "no-goal"
	NoMeasure         ProblemCode = "no-measure"
	MeasureNoOwner    ProblemCode = "measure-without-owner"
	NoRevisionDate    ProblemCode = "no-revision-date"
	RevisionPassed    ProblemCode = "revision-date-passed"
	NoConsent         ProblemCode = "no-consent"
	ParticipantNoCons ProblemCode = "participant-without-consent"
)

// Problem is one completeness gap.
type Problem struct {
	Code ProblemCode
	// Point is the regulation's letter (a–i).
	Point string
	// Subject is the section or participant concerned, if any.
	Subject string
}

// Check returns the plan's completeness problems at now, in the order of the
// regulation's points.
func (p *Plan) Check(now time.Time) []Problem {
	var out []Problem
	hasGoal, hasMeasure := false, false
	for _, s := range p.Sections {
		switch s.Kind {
		case Goals:
			hasGoal = true
		case Measure:
			hasMeasure = true
		}
	}
	if !hasGoal {
		out = append(out, Problem{Code: NoGoal, Point: "a"})
	}
	if len(p.Coordinators()) == 0 {
		out = append(out, Problem{Code: NoCoordinator, Point: "c"})
	}
	if !hasMeasure {
		out = append(out, Problem{Code: NoMeasure, Point: "e"})
	}
	for _, s := range p.Sections {
		if s.Kind != Measure {
			continue
		}
		if _, ok := p.Participant(s.Owner); !ok {
			out = append(out, Problem{Code: MeasureNoOwner, Point: "e", Subject: s.ID})
		}
	}
	if p.NextRevision.IsZero() {
		out = append(out, Problem{Code: NoRevisionDate, Point: "g"})
	} else if !now.Before(p.NextRevision) {
		out = append(out, Problem{Code: RevisionPassed, Point: "g"})
	}
	if len(p.Consents) == 0 {
		out = append(out, Problem{Code: NoConsent, Point: "h"})
	} else {
		for _, x := range p.Participants {
			if x.Role == Family {
				continue
			}
			if c, ok := p.Consent(x.ID); !ok || !c.Active() {
				out = append(out, Problem{Code: ParticipantNoCons, Point: "h", Subject: x.ID})
			}
		}
	}
	return out
}
