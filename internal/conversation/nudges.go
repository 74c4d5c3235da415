package conversation

import (
	"time"

	"github.com/planprat/planprat/internal/intent"
)

// NoticeSettings stores how often a family member hears what is new
// (every == 0 turns the notices off). Optional.
type NoticeSettings interface {
	SetNotices(ctx contextT, planID, participantID string, every time.Duration) error
}

// SetNoticeSettings connects where notice settings are kept.
func (e *Engine) SetNoticeSettings(n NoticeSettings) { e.notices = n }

// notices: "slå av varsler", "varsle meg en gang i uka".
func (t *turn) notices(in intent.Result) error {
	if t.e.notices == nil {
		t.say(t.t0("notices.unavailable"))
		return nil
	}
	every := in.Every
	if in.Off {
		every = 0
	} else if every == 0 {
		every = 24 * time.Hour
	}
	if err := t.e.notices.SetNotices(t.ctx, t.snap.Plan.ID, t.who.ID, every); err != nil {
		return err
	}
	switch {
	case every == 0:
		t.say(t.t0("notices.off"))
	case every >= 7*24*time.Hour:
		t.say(t.t0("notices.weekly"))
	default:
		t.say(t.t0("notices.daily"))
	}
	return nil
}

// nudgeView is what the coordinator's summary says about a section's nudges.
type nudgeView struct{ line string }

// nudgeStates reads the nudge history of the plan's sections, when a
// nudge log is connected.
func (t *turn) nudgeStates() map[string]nudgeView {
	if t.e.nudgeLog == nil {
		return nil
	}
	lines, err := t.e.nudgeLog.StatusLines(t.ctx, t.snap.Plan.ID, t.lang, t.e.now())
	if err != nil {
		t.e.log.Warn("read nudge states", "err", err)
		return nil
	}
	out := make(map[string]nudgeView, len(lines))
	for id, l := range lines {
		out[id] = nudgeView{line: l}
	}
	return out
}

func (t *turn) nudgeLine(n nudgeView) string { return n.line }
