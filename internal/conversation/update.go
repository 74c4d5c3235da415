package conversation

import (
	"errors"
	"strings"
	"time"

	"github.com/planprat/planprat/internal/chat"
	"github.com/planprat/planprat/internal/intent"
	"github.com/planprat/planprat/internal/nudge"
	"github.com/planprat/planprat/internal/plan"
)

// editable lists the sections the person may edit; with a nudge pending,
// the nudged ones first.
func (t *turn) editable() []plan.Section {
	var out []plan.Section
	for _, s := range t.snap.Plan.Sections {
		if t.snap.Plan.Can(t.who.ID, plan.EditSection, s.ID) {
			out = append(out, s)
		}
	}
	return out
}

func (t *turn) expected() []plan.Section {
	var out []plan.Section
	for _, id := range t.st.Expect {
		if s, ok := t.snap.Plan.Section(id); ok && t.snap.Plan.Can(t.who.ID, plan.EditSection, id) {
			out = append(out, s)
		}
	}
	return out
}

// pickSection decides which section a change is about. When it cannot, it
// asks (and returns ok false); the draft waits in the state.
func (t *turn) pickSection(target string, d *draft) (plan.Section, bool) {
	mine := t.editable()
	if target != "" {
		if s, ok := t.findSection(target, mine); ok {
			return s, true
		}
		if s, ok := t.findSection(target, t.snap.Plan.Sections); ok {
			owner := t.t0("stale.no-owner")
			if s.Owner != "" {
				owner = t.name(s.Owner)
			}
			t.st.Step, t.st.Draft = stepNone, nil
			t.say(t.t("update.not-yours", neutral(s.Title), owner))
			return plan.Section{}, false
		}
	}
	candidates := mine
	if exp := t.expected(); len(exp) > 0 {
		candidates = exp
	} else if d.Action == draftConfirm {
		// "ingen endring" most likely means the stale ones.
		var stale []plan.Section
		for _, s := range mine {
			if t.snap.Plan.IsStale(s, t.e.now()) {
				stale = append(stale, s)
			}
		}
		if len(stale) > 0 {
			candidates = stale
		}
	}
	switch len(candidates) {
	case 0:
		t.st.Step, t.st.Draft = stepNone, nil
		t.say(t.t0("update.none-yours"))
		return plan.Section{}, false
	case 1:
		return candidates[0], true
	}
	t.st.Step, t.st.Draft = stepChooseSection, d
	var ids, labels []string
	for _, s := range candidates {
		ids, labels = append(ids, s.ID), append(labels, s.Title)
	}
	t.offer(t.t0("update.which"), ids, labels)
	return plan.Section{}, false
}

// startUpdate begins "oppdater fysioterapi: …" or "I want to update my part".
func (t *turn) startUpdate(in intent.Result) error {
	d := &draft{Action: draftUpdate, Text: strings.TrimSpace(in.Body)}
	s, ok := t.pickSection(in.Target, d)
	if !ok {
		return nil
	}
	return t.continueDraft(d, s)
}

// startNoChange begins "ingen endring": confirming a section is still right.
func (t *turn) startNoChange(in intent.Result) error {
	d := &draft{Action: draftConfirm}
	s, ok := t.pickSection(in.Target, d)
	if !ok {
		return nil
	}
	return t.continueDraft(d, s)
}

// continueDraft moves a draft on once its section is known.
func (t *turn) continueDraft(d *draft, s plan.Section) error {
	d.Section, d.Base = s.ID, s.Version
	t.st.Draft, t.st.Options = d, nil
	if d.Action == draftUpdate && d.Text == "" {
		t.st.Step = stepAwaitText
		t.say(t.t("update.write", neutral(s.Title)) + "\n" + quote(s.Text, 600) + "\n\n" + t.t0("update.write-hint"))
		return nil
	}
	return t.preview()
}

// preview shows exactly what will be saved and asks for a yes.
func (t *turn) preview() error {
	d := t.st.Draft
	s, _ := t.snap.Plan.Section(d.Section)
	t.st.Step = stepConfirm
	var msg string
	switch d.Action {
	case draftUpdate:
		msg = t.t("preview.update", neutral(s.Title)) + "\n" + quote(d.Text, 0)
	case draftConfirm:
		msg = t.t("preview.confirm", neutral(s.Title))
	case draftUndo:
		msg = t.t("preview.undo", neutral(s.Title)) + "\n" + quote(d.Text, 0)
	}
	t.say(msg+"\n\n"+t.t0("preview.ask"),
		chat.Choice{Label: t.t0("choice.save"), Value: t.t0("choice.save-value")},
		chat.Choice{Label: t.t0("choice.cancel"), Value: t.t0("choice.cancel-value")})
	return nil
}

// answerText takes the new text of a section.
func (t *turn) answerText() error {
	d := t.st.Draft
	switch {
	case d == nil:
		t.st.Step = stepNone
		return t.dispatch(t.in)
	case t.in.Kind == intent.No && t.in.Sure, t.in.Kind == intent.Undo && len(t.text) < 20:
		return t.cancel()
	case t.in.Kind == intent.NoChange && t.in.Sure && t.in.Body == "":
		d.Action = draftConfirm
		return t.preview()
	}
	body := t.text
	if t.in.Kind == intent.Update && t.in.Body != "" {
		body = t.in.Body
	}
	d.Text = strings.TrimSpace(body)
	if d.Text == "" {
		t.say(t.t0("update.empty"))
		return nil
	}
	return t.preview()
}

// answerSectionChoice takes "2" or a section name.
func (t *turn) answerSectionChoice() error {
	opts, d := t.st.Options, t.st.Draft
	if d == nil {
		t.st.Step = stepNone
		return t.dispatch(t.in)
	}
	var among []plan.Section
	for _, id := range opts {
		if s, ok := t.snap.Plan.Section(id); ok {
			among = append(among, s)
		}
	}
	if i := pickNumber(t.text, len(among)); i >= 0 {
		return t.continueDraft(d, among[i])
	}
	if s, ok := t.findSection(t.text, among); ok {
		return t.continueDraft(d, s)
	}
	if t.in.Kind == intent.No {
		return t.cancel()
	}
	if t.in.Kind != intent.Unknown && t.in.Sure {
		t.st.Step, t.st.Draft, t.st.Options = stepNone, nil, nil
		return t.dispatch(t.in)
	}
	t.say(t.t0("update.which-again"))
	return nil
}

func (t *turn) cancel() error {
	t.st.Step, t.st.Draft, t.st.Options = stepNone, nil, nil
	t.say(t.t0("cancelled"))
	return nil
}

// answerConfirm takes the yes or no to a preview.
func (t *turn) answerConfirm() error {
	d := t.st.Draft
	if d == nil {
		t.st.Step = stepNone
		return t.dispatch(t.in)
	}
	switch t.in.Kind {
	case intent.Yes:
		return t.commit()
	case intent.No, intent.Undo:
		return t.cancel()
	case intent.Unknown, intent.Update:
		if d.Action == draftUpdate && len(strings.Fields(t.text)) > 3 {
			// A corrected text replaces the draft.
			body := t.text
			if t.in.Body != "" {
				body = t.in.Body
			}
			d.Text = strings.TrimSpace(body)
			return t.preview()
		}
		t.say(t.t0("preview.ask-again"),
			chat.Choice{Label: t.t0("choice.save"), Value: t.t0("choice.save-value")},
			chat.Choice{Label: t.t0("choice.cancel"), Value: t.t0("choice.cancel-value")})
		return nil
	}
	// Another question: answer it, and keep the draft waiting.
	t.st.Step = stepNone
	if err := t.dispatch(t.in); err != nil {
		return err
	}
	if t.st.Step == stepNone {
		t.st.Step = stepConfirm
		t.say(t.t("preview.still-waiting", t.sectionTitle(d.Section)))
	}
	return nil
}

func (t *turn) sectionTitle(id string) string {
	if s, ok := t.snap.Plan.Section(id); ok {
		return neutral(s.Title)
	}
	return id
}

// commit saves the draft and says exactly what was saved.
func (t *turn) commit() error {
	p, d, now := t.snap.Plan, t.st.Draft, t.e.now()
	s, ok := p.Section(d.Section)
	if !ok || !p.Can(t.who.ID, plan.EditSection, s.ID) {
		t.st.Step, t.st.Draft = stepNone, nil
		t.say(t.t0("update.gone"))
		return nil
	}
	var err error
	var saved plan.Section
	switch d.Action {
	case draftUpdate:
		next := s
		next.Text, next.UpdatedBy, next.UpdatedAt = d.Text, t.who.ID, now
		saved, _, err = t.e.store.SaveSection(t.ctx, p, next, d.Base, plan.Change{By: t.who.ID, At: now,
			Action: plan.Updated, Before: s.Text, After: d.Text})
	case draftConfirm:
		next := s
		next.ConfirmedBy, next.ConfirmedAt = t.who.ID, now
		saved, _, err = t.e.store.SaveSection(t.ctx, p, next, d.Base, plan.Change{By: t.who.ID, At: now,
			Action: plan.Confirmed, Before: s.Text, After: s.Text})
	case draftUndo:
		if s.Version != d.Base {
			err = &plan.ConflictError{Kind: plan.SectionChange, ID: s.ID, Base: d.Base, Current: s.Version}
		} else {
			saved, _, err = t.e.store.UndoLast(t.ctx, p, t.who.ID)
		}
	}
	var conflict *plan.ConflictError
	if errors.As(err, &conflict) {
		return t.conflict(s, conflict)
	}
	if plan.ErrorCode(err) == plan.NotFound {
		t.st.Step, t.st.Draft = stepNone, nil
		t.say(t.t0("undo.nothing"))
		return nil
	}
	if err != nil {
		return err
	}
	t.st.Step, t.st.Draft = stepNone, nil
	t.st.Expect = remove(t.st.Expect, s.ID)
	if t.e.nudge != nil {
		if err := t.e.nudge.Answered(t.ctx, p.ID, s.ID); err != nil {
			t.e.log.Warn("record a nudge answered", "plan", p.ID, "section", s.ID, "err", err)
		}
	}
	switch d.Action {
	case draftUpdate:
		t.say(t.t("saved.update", neutral(saved.Title)) + "\n" + quote(saved.Text, 0) + "\n\n" + t.t0("saved.undo-hint"))
	case draftConfirm:
		t.say(t.t("saved.confirm", neutral(saved.Title), t.when(p.DueAt(saved), true)))
	case draftUndo:
		t.say(t.t("saved.undo", neutral(saved.Title)) + "\n" + quote(saved.Text, 0))
	}
	return nil
}

// conflict explains that someone else changed the section first, shows what
// they wrote, and lets the person decide again: nothing is lost.
func (t *turn) conflict(s plan.Section, c *plan.ConflictError) error {
	fresh, err := t.e.store.Plan(t.ctx, t.snap.Plan.ID, "", "")
	if err != nil {
		return err
	}
	t.snap.Plan = fresh
	cur, _ := fresh.Section(s.ID)
	who, at := t.t0("who.unknown"), cur.UpdatedAt
	if len(c.Between) > 0 {
		last := c.Between[len(c.Between)-1]
		who, at = t.name(last.By), last.At
	} else if cur.UpdatedBy != "" {
		who = t.name(cur.UpdatedBy)
	}
	d := t.st.Draft
	if d.Action == draftUndo {
		t.st.Step, t.st.Draft = stepNone, nil
		t.say(t.t("conflict.undo", neutral(s.Title), who, t.when(at, false)))
		return nil
	}
	d.Base = cur.Version
	t.st.Step = stepConfirm
	msg := t.t("conflict.header", who, neutral(s.Title), t.when(at, false)) + "\n" + quote(cur.Text, 600) + "\n\n"
	if d.Action == draftUpdate {
		msg += t.t0("conflict.yours") + "\n" + quote(d.Text, 600) + "\n\n" + t.t0("conflict.ask-update")
	} else {
		msg += t.t0("conflict.ask-confirm")
	}
	t.say(msg,
		chat.Choice{Label: t.t0("choice.save"), Value: t.t0("choice.save-value")},
		chat.Choice{Label: t.t0("choice.cancel"), Value: t.t0("choice.cancel-value")})
	return nil
}

// startUndo previews undoing the person's last change.
func (t *turn) startUndo() error {
	p := t.snap.Plan
	changes, err := t.e.store.Changes(t.ctx, p.ID, 500)
	if err != nil {
		return err
	}
	last, ok := plan.LastUndoable(changes, t.who.ID)
	if !ok {
		t.say(t.t0("undo.nothing"))
		return nil
	}
	s, ok := p.Section(last.Target)
	if !ok || !p.Can(t.who.ID, plan.EditSection, s.ID) {
		t.say(t.t0("undo.nothing"))
		return nil
	}
	if s.Version != last.Version {
		who := t.t0("who.unknown")
		if s.UpdatedBy != "" {
			who = t.name(s.UpdatedBy)
		}
		t.say(t.t("conflict.undo", neutral(s.Title), who, t.when(s.LastTouched(), false)))
		return nil
	}
	t.st.Draft = &draft{Action: draftUndo, Section: s.ID, Base: s.Version, Text: last.Before}
	return t.preview()
}

func remove(ids []string, id string) []string {
	out := ids[:0]
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// nudgeTargets are the sections a nudge answer is about: the nudged ones,
// the one named, or the person's stale ones.
func (t *turn) nudgeTargets(target string) []plan.Section {
	mine := t.editable()
	if target != "" {
		if s, ok := t.findSection(target, mine); ok {
			return []plan.Section{s}
		}
	}
	if exp := t.expected(); len(exp) > 0 {
		return exp
	}
	var out []plan.Section
	for _, s := range mine {
		if s.Owner == t.who.ID && t.snap.Plan.IsStale(s, t.e.now()) {
			out = append(out, s)
		}
	}
	return out
}

// notMine: "ikke min oppgave". The coordinator is told to reassign.
func (t *turn) notMine(in intent.Result) error {
	secs := t.nudgeTargets(in.Target)
	if len(secs) == 0 {
		t.say(t.t0("notmine.nothing"))
		return nil
	}
	var titles []string
	unreached := false
	for _, s := range secs {
		if t.e.nudge != nil {
			err := t.e.nudge.NotMine(t.ctx, t.snap.Plan.ID, t.who.ID, s.ID)
			switch {
			case errors.Is(err, nudge.ErrNoCoordinator):
				unreached = true // recorded, but nobody could be told
			case err != nil:
				return err
			}
		}
		titles = append(titles, "«"+neutral(s.Title)+"»")
		t.st.Expect = remove(t.st.Expect, s.ID)
	}
	if unreached {
		t.say(t.t("notmine.no-coordinator", strings.Join(titles, ", ")))
		return nil
	}
	coord := t.t0("role.coordinator")
	if c := t.snap.Plan.Coordinators(); len(c) > 0 {
		coord = t.name(c[0].ID)
	}
	t.say(t.t("notmine.done", coord, strings.Join(titles, ", ")))
	return nil
}

// snooze: "snooze 1 uke", "minn meg på mandag".
func (t *turn) snooze(in intent.Result) error {
	secs := t.nudgeTargets(in.Target)
	if len(secs) == 0 {
		t.say(t.t0("snooze.nothing"))
		return nil
	}
	now := t.e.now().In(plan.Oslo)
	// 09:00 Oslo time, days from today (built from the date: DST-safe).
	morning := func(days int) time.Time {
		d := plan.StartOfDay(now).AddDate(0, 0, days)
		return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, plan.Oslo)
	}
	until := morning(7)
	switch {
	case in.UntilSet:
		days := (int(in.Until) - int(now.Weekday()) + 7) % 7
		if days == 0 {
			days = 7
		}
		until = morning(days)
	case in.For > 0:
		until = morning(max(1, int(in.For.Hours()/24+0.5)))
	}
	var ids []string
	for _, s := range secs {
		ids = append(ids, s.ID)
	}
	if t.e.nudge != nil {
		if err := t.e.nudge.Snooze(t.ctx, t.snap.Plan.ID, t.who.ID, ids, until); err != nil {
			return err
		}
	}
	t.st.Expect = nil
	t.say(t.t("snooze.done", t.when(until, true)))
	return nil
}

// remind: the coordinator's "send påminnelse til skolen".
func (t *turn) remind(in intent.Result) error {
	p := t.snap.Plan
	if t.who.Role != plan.Coordinator {
		t.say(t.t0("remind.not-allowed"))
		return nil
	}
	var labels []string
	var ids []string
	for _, x := range p.Participants {
		if x.Role != plan.Professional || !p.HasAccess(x.ID) {
			continue
		}
		for _, l := range []string{x.Name, x.Title, x.Service, x.ID} {
			if l != "" {
				labels, ids = append(labels, l), append(ids, x.ID)
			}
		}
		for _, s := range p.Sections {
			if s.Owner == x.ID {
				labels, ids = append(labels, s.Title), append(ids, x.ID)
			}
		}
	}
	best, _ := intent.Match(in.Target, labels)
	if strings.TrimSpace(in.Target) == "" || best < 0 {
		t.say(t.t0("remind.who"))
		return nil
	}
	id := ids[best]
	if t.e.nudge == nil {
		t.say(t.t0("remind.unavailable"))
		return nil
	}
	switch err := t.e.nudge.RemindNow(t.ctx, p.ID, id); plan.ErrorCode(err) {
	case "":
		t.say(t.t("remind.done", t.name(id)))
	case plan.Invalid:
		t.say(t.t("remind.unreachable", t.name(id)))
	case plan.NotFound:
		t.say(t.t("remind.nothing", t.name(id)))
	case plan.Conflict:
		t.say(t.t("remind.busy", t.name(id)))
	default:
		return err
	}
	return nil
}
