package conversation

import (
	"context"
	"time"

	"github.com/planprat/planprat/internal/intent"
	"github.com/planprat/planprat/internal/nudge"
	"github.com/planprat/planprat/internal/plan"
	store "github.com/planprat/planprat/internal/redis"
	"github.com/planprat/planprat/internal/text"
)

// notices: "slå av varsler", "varsle meg en gang i uka".
func (t *turn) notices(in intent.Result) error {
	f := plan.NoticesDaily
	switch {
	case in.Off:
		f = plan.NoticesOff
	case in.Every >= 7*24*time.Hour:
		f = plan.NoticesWeekly
	}
	if err := t.e.store.SetNoticeFrequency(t.ctx, t.snap.Plan.ID, t.who.ID, f); err != nil {
		return err
	}
	switch f {
	case plan.NoticesOff:
		t.say(t.t0("notices.off"))
	case plan.NoticesWeekly:
		t.say(t.t0("notices.weekly"))
	default:
		t.say(t.t0("notices.daily"))
	}
	return nil
}

// nudgeView is what the coordinator's summary says about a section's nudges.
type nudgeView struct{ line string }

// nudgeStates reads where the nudges about the plan's stale sections stand.
func (t *turn) nudgeStates() map[string]nudgeView {
	states, err := t.e.store.NudgeStates(t.ctx, t.snap.Plan.ID)
	if err != nil {
		t.e.log.Warn("read nudge states", "err", err)
		return nil
	}
	out := make(map[string]nudgeView, len(states))
	for id, st := range states {
		s, ok := t.snap.Plan.Section(id)
		if !ok || !st.For(t.snap.Plan.DueAt(s), s.Owner) {
			continue // about an earlier round or an earlier owner
		}
		if line := nudge.Status(t.lang, st, t.e.now()); line != "" {
			out[id] = nudgeView{line: line}
		}
	}
	return out
}

func (t *turn) nudgeLine(n nudgeView) string { return n.line }

// WhatsNew writes what changed in p for a participant since a time, in
// their language, for the nudge scheduler's daily notice to families. ok is
// false when there is nothing to tell.
func (e *Engine) WhatsNew(ctx context.Context, p *plan.Plan, participantID string, since time.Time) (string, bool) {
	changes, err := e.store.Changes(ctx, p.ID, 300)
	if err != nil {
		e.log.Warn("read changes for a notice", "plan", p.ID, "err", err)
		return "", false
	}
	who, ok := p.Participant(participantID)
	if !ok {
		return "", false
	}
	t := &turn{ctx: ctx, e: e, snap: &store.Snapshot{Plan: p}, who: who, lang: text.Parse(p.Language)}
	if who.Language != "" {
		t.lang = text.Parse(who.Language)
	}
	s := t.summary(changes, since, false)
	return s, s != ""
}
