package nudge

import (
	"context"
	"fmt"
	"time"

	"github.com/planprat/planprat/internal/plan"
	store "github.com/planprat/planprat/internal/redis"
)

// The conversation engine calls these when a person answers a nudge or a
// coordinator asks for one.

// tries is how often an answer is retried when a replica wrote the same
// state at the same moment.
const tries = 5

// load reads one plan with its nudge states.
func (s *Scheduler) load(ctx context.Context, planID string) (store.PlanNudges, error) {
	m, err := s.store.PlansWithNudges(ctx, []string{planID})
	if err != nil {
		return store.PlanNudges{}, err
	}
	pn, ok := m[planID]
	if !ok {
		return store.PlanNudges{}, plan.Errorf(plan.NotFound, "no plan %q", planID)
	}
	return pn, nil
}

// current returns a section's nudge state for its present period and owner,
// and the version to compare against.
func current(pn store.PlanNudges, sec plan.Section) (plan.NudgeState, int) {
	st := pn.States[sec.ID]
	due := pn.Plan.DueAt(sec)
	if !st.For(due, sec.Owner) {
		return st.Fresh(due, sec.Owner), st.Version
	}
	return st, st.Version
}

// update applies change to the nudge states of sections of a plan, retrying
// when another replica wrote in between. change returns the write for one
// section, or false to leave it alone.
func (s *Scheduler) update(ctx context.Context, planID string, sections []string,
	change func(pn store.PlanNudges, sec plan.Section, st plan.NudgeState) (store.NudgeWrite, bool)) (store.PlanNudges, []string, error) {
	var done []string // applied so far, over all tries
	for try := 0; try < tries; try++ {
		pn, err := s.load(ctx, planID)
		if err != nil {
			return pn, nil, err
		}
		var ws []store.NudgeWrite
		for _, id := range sections {
			sec, ok := pn.Plan.Section(id)
			if !ok {
				return pn, nil, plan.Errorf(plan.NotFound, "no section %q in the plan", id)
			}
			st, base := current(pn, sec)
			w, ok := change(pn, sec, st)
			if !ok {
				continue
			}
			w.Section, w.Base = sec.ID, base
			ws = append(ws, w)
		}
		applied, err := s.store.RecordNudges(ctx, planID, ws)
		if err != nil {
			return pn, nil, err
		}
		all := true
		var now []string
		for i, ok := range applied {
			if ok {
				now = append(now, ws[i].Section)
			} else {
				all = false
			}
		}
		done = append(done, now...)
		if all {
			return pn, done, nil
		}
		sections = minus(sections, now)
	}
	return store.PlanNudges{}, nil, plan.Errorf(plan.Conflict, "the reminders of plan %q are busy; try again", planID)
}

func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		found := false
		for _, y := range b {
			found = found || x == y
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}

// owned lists the sections of p that participantID owns, or checks that
// they own the ones given.
func owned(p *plan.Plan, participantID string, sectionIDs []string) ([]string, error) {
	if len(sectionIDs) == 0 {
		var out []string
		for _, sec := range p.Sections {
			if sec.Owner == participantID {
				out = append(out, sec.ID)
			}
		}
		return out, nil
	}
	for _, id := range sectionIDs {
		sec, ok := p.Section(id)
		if !ok {
			return nil, plan.Errorf(plan.NotFound, "no section %q in the plan", id)
		}
		if sec.Owner != participantID {
			return nil, plan.Errorf(plan.Unauthorized, "section %q is not %s's", id, participantID)
		}
	}
	return sectionIDs, nil
}

// Snooze postpones nudges about sectionIDs (all of participantID's sections
// when empty) until the given time, and logs it. After the snooze the owner
// is asked again, with the reminder count started afresh.
func (s *Scheduler) Snooze(ctx context.Context, planID, participantID string, sectionIDs []string, until time.Time) error {
	pn, err := s.load(ctx, planID)
	if err != nil {
		return err
	}
	ids, err := owned(pn.Plan, participantID, sectionIDs)
	if err != nil {
		return err
	}
	now := s.now()
	_, _, err = s.update(ctx, planID, ids, func(pn store.PlanNudges, sec plan.Section, st plan.NudgeState) (store.NudgeWrite, bool) {
		st.SnoozedUntil, st.Reminders = until, 0
		return store.NudgeWrite{State: st, Hint: store.NudgeHint{Due: st.Due, NextAt: until},
			Change: &plan.Change{At: now, By: participantID, Action: plan.Snoozed,
				After: until.UTC().Format(time.RFC3339), Reason: "until " + until.UTC().Format(time.RFC3339)},
			Audit: &store.AuditEntry{At: now, Who: participantID, Action: "nudge", What: "snoozed section " + sec.ID}}, true
	})
	return err
}

// NotMine records that participantID says sectionID is not their task,
// stops nudging them about it, and asks the plan's coordinators to give it a
// new owner. When the section gets a new owner, nudges start again for them.
func (s *Scheduler) NotMine(ctx context.Context, planID, participantID, sectionID string) error {
	pn, err := s.load(ctx, planID)
	if err != nil {
		return err
	}
	if _, err := owned(pn.Plan, participantID, []string{sectionID}); err != nil {
		return err
	}
	now := s.now()
	pn, done, err := s.update(ctx, planID, []string{sectionID}, func(pn store.PlanNudges, sec plan.Section, st plan.NudgeState) (store.NudgeWrite, bool) {
		if st.NotMine {
			return store.NudgeWrite{}, false // said already; do not tell the coordinator twice
		}
		st.NotMine, st.NotMineAt = true, now
		return store.NudgeWrite{State: st, Hint: store.NudgeHint{Due: st.Due, NextAt: now.Add(recheck)},
			Change: &plan.Change{At: now, By: participantID, Action: plan.Declined, Reason: "not my task"},
			Audit:  &store.AuditEntry{At: now, Who: participantID, Action: "nudge", What: "declined section " + sec.ID}}, true
	})
	if err != nil || len(done) == 0 {
		return err
	}
	p := pn.Plan
	owner, _ := p.Participant(participantID)
	sec, _ := p.Section(sectionID)
	told := false
	for _, c := range p.Coordinators() {
		if c.ID == participantID || s.handle(c) == "" || !p.HasAccess(c.ID) {
			continue
		}
		if err := s.send.SendDirect(ctx, s.handle(c), reassignText(p, c, owner, sec)); err != nil {
			return fmt.Errorf("tell coordinator %s: %w", c.ID, err)
		}
		told = true
	}
	if !told {
		return ErrNoCoordinator
	}
	return nil
}

// RemindNow sends participantID a nudge at once, on a coordinator's request,
// about their stale sections (all their sections when none is stale), except
// those they said are not theirs. It ignores working hours and snoozes: the
// coordinator chose the moment. It does not count towards escalation.
func (s *Scheduler) RemindNow(ctx context.Context, planID, participantID string) error {
	pn, err := s.load(ctx, planID)
	if err != nil {
		return err
	}
	p := pn.Plan
	owner, ok := p.Participant(participantID)
	if !ok {
		return plan.Errorf(plan.NotFound, "no participant %q in the plan", participantID)
	}
	to := s.handle(owner)
	if to == "" || !p.HasAccess(owner.ID) {
		return plan.Errorf(plan.Invalid, "%s cannot be reached here", owner.Name)
	}
	now := s.now()
	var stale, all []step
	for _, sec := range p.Sections {
		if sec.Owner != participantID {
			continue
		}
		st, base := current(pn, sec)
		if st.NotMine {
			continue
		}
		x := step{sec: sec, owner: owner, due: p.DueAt(sec), base: base, state: st, act: plan.Reminded}
		all = append(all, x)
		if p.IsStale(sec, now) {
			stale = append(stale, x)
		}
	}
	if len(stale) == 0 {
		stale = all
	}
	if len(stale) == 0 {
		return plan.Errorf(plan.NotFound, "%s has no sections to be reminded about", owner.Name)
	}
	m := s.nudgeMessage(ctx, s.zones(), p, stale, now, "asked by the coordinator")
	sent, err := s.deliver(ctx, m)
	if err != nil {
		return err
	}
	if sent == nil {
		return plan.Errorf(plan.Conflict, "a reminder to %s is being sent right now", owner.Name)
	}
	return nil
}

// Answered records that a nudge about sectionID was answered (the section
// was updated or confirmed unchanged). It does nothing when no nudge is
// waiting for an answer.
func (s *Scheduler) Answered(ctx context.Context, planID, sectionID string) error {
	now := s.now()
	_, _, err := s.update(ctx, planID, []string{sectionID}, func(pn store.PlanNudges, sec plan.Section, st plan.NudgeState) (store.NudgeWrite, bool) {
		// The answer may have moved the section into a new period: look at
		// the state as it was, for whoever owns it now.
		old := pn.States[sec.ID]
		if !old.Pending() {
			return store.NudgeWrite{}, false
		}
		old.Answered = now
		return store.NudgeWrite{State: old,
			Change: &plan.Change{At: now, By: sec.Owner, Action: plan.Answered},
			Audit:  &store.AuditEntry{At: now, Who: sec.Owner, Action: "nudge", What: "answered about section " + sec.ID}}, true
	})
	return err
}
