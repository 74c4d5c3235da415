// Package nudge asks section owners, in a direct message on their work chat,
// for an update when their part of a plan goes stale; reminds them a few
// working days later; tells the coordinator when nobody answers; sends
// coordinators a weekly digest and families a short "what's new" notice.
//
// It only works in the recipient's working hours on Norwegian working days,
// and is safe with several bot replicas on one Redis: each nudge is claimed
// and recorded atomically before it is sent, so it goes out at most once.
package nudge

import (
	"context"
	"errors"
	"log/slog"
	"sort"
	"time"

	"github.com/planprat/planprat/internal/chat"
	"github.com/planprat/planprat/internal/plan"
	store "github.com/planprat/planprat/internal/redis"
)

// System is the name the scheduler logs its own actions under.
const System = "planprat"

// recheck is how long the scheduler leaves a stale section alone when there
// is nothing it can do (no owner, not reachable, said "not my task",
// already escalated): it looks again then, in case someone was assigned.
const recheck = 24 * time.Hour

// Expecter is the conversation engine's side of a nudge: after the bot asks
// user for an update of sectionIDs, the user's next message in the DM goes
// into the update flow for those sections (preview → confirm).
type Expecter interface {
	ExpectUpdate(ctx context.Context, platform, user, planID, participantID string, sectionIDs []string) error
}

// Summarizer writes what is new in plan p for participantID since a time, in
// the plan's language; ok is false when nothing is worth telling.
type Summarizer interface {
	WhatsNew(ctx context.Context, p *plan.Plan, participantID string, since time.Time) (summary string, ok bool)
}

// TimeZoner is an optional ability of a sender: the person's own time zone
// (Mattermost users may set one). Errors and nil fall back to Settings.Zone.
type TimeZoner interface {
	TimeZone(ctx context.Context, user string) (*time.Location, error)
}

// Config is what a Scheduler needs.
type Config struct {
	Store *store.Store
	// Platform names the chat platform Sender reaches ("mattermost",
	// "slack", "console"): participants are looked up by their handle there.
	Platform string
	// Sender sends the direct messages; it may implement TimeZoner.
	Sender   chat.DirectSender
	Settings Settings
	// Now is the clock (time.Now if nil).
	Now func() time.Time
	// Expect and Summary are the engine's parts; either may be nil.
	Expect  Expecter
	Summary Summarizer
	Log     *slog.Logger
}

// Scheduler sends nudges, reminders, escalations, digests and notices.
type Scheduler struct {
	store    *store.Store
	platform string
	send     chat.DirectSender
	set      Settings
	now      func() time.Time
	expect   Expecter
	summary  Summarizer
	log      *slog.Logger
}

// New returns a scheduler; zero settings get DefaultSettings.
func New(c Config) *Scheduler {
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	def := DefaultSettings()
	if c.Settings.WorkEnd == 0 {
		c.Settings = def
	}
	if c.Settings.Zone == nil {
		c.Settings.Zone = def.Zone
	}
	if c.Settings.Page <= 0 {
		c.Settings.Page = def.Page
	}
	return &Scheduler{store: c.Store, platform: c.Platform, send: c.Sender, set: c.Settings, now: c.Now,
		expect: c.Expect, summary: c.Summary, log: c.Log}
}

// Kind says what a message is.
type Kind string

// Message kinds.
const (
	KindNudge      Kind = "nudge"
	KindReminder   Kind = "reminder"
	KindEscalation Kind = "escalation"
	KindReassign   Kind = "reassign"
	KindDigest     Kind = "digest"
	KindNotice     Kind = "notice"
)

// Message is one direct message the scheduler sends, or would send.
type Message struct {
	Kind Kind
	// To is the recipient's handle on Platform.
	Platform string
	To       string
	// Plan and Participant are the plan and the recipient's id in it ("" for
	// a digest, which spans plans).
	Plan        string
	Participant string
	// Sections are the sections the message is about.
	Sections []string
	Text     string
	// writes are recorded before the message is sent; only the sections
	// whose write is applied are included.
	writes []store.NudgeWrite
	// build renders the text for the sections whose writes were applied.
	build func(applied []string) string
	// after runs once the message is sent.
	after func(ctx context.Context) error
	// claim names the once-only claim of a digest or notice.
	claim string
	// also are further recipients of the same news, sent only about the
	// sections this message claimed.
	also []Message
}

// Report says what one pass did.
type Report struct {
	Sent   []Message
	Failed int
}

// Run makes a pass every interval until ctx ends.
func (s *Scheduler) Run(ctx context.Context, every time.Duration) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := s.Pass(ctx); err != nil {
			s.log.Error("nudge pass", "err", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Pass does what is due now: nudges, reminders and escalations for stale
// sections, then, once a day, digests and notices.
func (s *Scheduler) Pass(ctx context.Context) (Report, error) {
	now := s.now()
	var rep Report
	msgs, err := s.due(ctx, now, true)
	if err != nil {
		return rep, err
	}
	for _, m := range msgs {
		sent, err := s.deliver(ctx, m)
		if err != nil {
			rep.Failed++
			s.log.Warn("nudge not delivered", "kind", m.Kind, "plan", m.Plan, "to", m.Participant, "err", err)
			continue
		}
		if sent != nil {
			rep.Sent = append(rep.Sent, *sent)
		}
	}
	more, err := s.sweep(ctx, now, true)
	rep.Sent = append(rep.Sent, more.Sent...)
	rep.Failed += more.Failed
	return rep, err
}

// Preview lists what a pass at the given time would send, without sending
// or recording anything.
func (s *Scheduler) Preview(ctx context.Context, at time.Time) ([]Message, error) {
	msgs, err := s.due(ctx, at, false)
	if err != nil {
		return nil, err
	}
	out := make([]Message, 0, len(msgs))
	for _, m := range msgs {
		for _, x := range append([]Message{m}, m.also...) {
			if x.To == "" {
				continue
			}
			if x.build != nil {
				x.Text = x.build(m.Sections)
			}
			x.Sections = m.Sections
			out = append(out, x)
		}
	}
	more, err := s.sweep(ctx, at, false)
	return append(out, more.Sent...), err
}

// deliver records m's writes (the claim), then sends the text about the
// sections this caller claimed. It returns nil when another replica had
// claimed them all. A crash after the record loses the message rather than
// sending it twice; the next reminder follows.
func (s *Scheduler) deliver(ctx context.Context, m Message) (*Message, error) {
	if len(m.writes) > 0 {
		applied, err := s.store.RecordNudges(ctx, m.Plan, m.writes)
		if err != nil {
			return nil, err
		}
		var mine []string
		for i, ok := range applied {
			if ok {
				mine = append(mine, m.writes[i].Section)
			}
		}
		if len(mine) == 0 {
			return nil, nil
		}
		m.Sections = mine
	}
	if m.build != nil {
		m.Text = m.build(m.Sections)
	}
	if m.To == "" || m.Text == "" {
		return nil, nil // recorded, nobody to tell
	}
	if err := s.send.SendDirect(ctx, m.To, m.Text); err != nil {
		return nil, err
	}
	if m.after != nil {
		if err := m.after(ctx); err != nil {
			s.log.Warn("after nudge", "kind", m.Kind, "plan", m.Plan, "err", err)
		}
	}
	for _, f := range m.also {
		f.Sections, f.writes = m.Sections, nil
		if _, err := s.deliver(ctx, f); err != nil {
			s.log.Warn("nudge not delivered", "kind", f.Kind, "plan", f.Plan, "to", f.Participant, "err", err)
		}
	}
	m.also = nil
	return &m, nil
}

// zones remembers recipients' time zones for one pass.
type zones struct {
	s     *Scheduler
	cache map[string]*time.Location
}

func (s *Scheduler) zones() *zones { return &zones{s: s, cache: map[string]*time.Location{}} }

func (z *zones) of(ctx context.Context, handle string) *time.Location {
	if loc, ok := z.cache[handle]; ok {
		return loc
	}
	loc := z.s.set.Zone
	if tz, ok := z.s.send.(TimeZoner); ok && handle != "" {
		if l, err := tz.TimeZone(ctx, handle); err == nil && l != nil {
			loc = l
		}
	}
	z.cache[handle] = loc
	return loc
}

// handle is a participant's address on the scheduler's platform.
func (s *Scheduler) handle(x plan.Participant) string {
	switch s.platform {
	case "mattermost":
		return x.Handles.Mattermost
	case "slack":
		return x.Handles.Slack
	case "email":
		return x.Handles.Email
	}
	return x.ID // the console and tests address participants by id
}

// lang is the language to write to x in.
func lang(p *plan.Plan, x plan.Participant) string {
	if x.Language != "" {
		return x.Language
	}
	return p.Language
}

// candidates walks the stale index up to now and returns the sections that
// may need something: those without a hint saying "not before" a later time.
// Its cost is in proportion to the stale sections.
func (s *Scheduler) candidates(ctx context.Context, now time.Time) ([]store.SectionRef, error) {
	var out []store.SectionRef
	var cur store.DueCursor
	for {
		refs, next, err := s.store.DueSectionsFrom(ctx, cur, now, s.set.Page)
		if err != nil {
			return nil, err
		}
		cur = next
		hints, err := s.store.NudgeHints(ctx, refs)
		if err != nil {
			return nil, err
		}
		for i, r := range refs {
			if h := hints[i]; h.Due.Unix() == r.Due.Unix() && now.Before(h.NextAt) {
				continue
			}
			out = append(out, r)
		}
		if len(refs) < s.set.Page {
			return out, nil
		}
	}
}

// byPlan groups refs by plan, keeping the index order.
func byPlan(refs []store.SectionRef) ([]string, map[string][]store.SectionRef) {
	var order []string
	m := map[string][]store.SectionRef{}
	for _, r := range refs {
		if _, ok := m[r.Plan]; !ok {
			order = append(order, r.Plan)
		}
		m[r.Plan] = append(m[r.Plan], r)
	}
	return order, m
}

// planBatch is how many plans are read per round trip at fire time.
const planBatch = 500

// due returns the messages a pass at now sends. With write, it also stores
// hints for sections that need nothing yet.
func (s *Scheduler) due(ctx context.Context, now time.Time, write bool) ([]Message, error) {
	refs, err := s.candidates(ctx, now)
	if err != nil {
		return nil, err
	}
	order, refsOf := byPlan(refs)
	z := s.zones()
	var out []Message
	for i := 0; i < len(order); i += planBatch {
		ids := order[i:min(i+planBatch, len(order))]
		plans, err := s.store.PlansWithNudges(ctx, ids)
		if err != nil {
			return nil, err
		}
		hints := map[string]map[string]store.NudgeHint{}
		for _, id := range ids {
			pn, ok := plans[id]
			if !ok {
				continue
			}
			msgs, h := s.plan(ctx, z, pn, refsOf[id], now)
			out = append(out, msgs...)
			if len(h) > 0 {
				hints[id] = h
			}
		}
		if write {
			if err := s.store.SetNudgeHints(ctx, hints); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// step is what one stale section needs now.
type step struct {
	sec   plan.Section
	owner plan.Participant
	due   time.Time
	base  int
	state plan.NudgeState
	act   plan.Action // Nudged, Reminded or Escalated
}

// plan decides, for the candidate sections of one plan, the messages to send
// now and the hints for the rest. It re-checks the plan itself: the index
// may be behind.
func (s *Scheduler) plan(ctx context.Context, z *zones, pn store.PlanNudges, refs []store.SectionRef, now time.Time) ([]Message, map[string]store.NudgeHint) {
	p := pn.Plan
	hints := map[string]store.NudgeHint{}
	later := func(r store.SectionRef, t time.Time) { hints[r.Section] = store.NudgeHint{Due: r.Due, NextAt: t} }
	var steps []step
	for _, r := range refs {
		sec, ok := p.Section(r.Section)
		if !ok || p.Status != plan.Active {
			later(r, now.Add(recheck))
			continue
		}
		due := p.DueAt(sec)
		if !p.IsStale(sec, now) {
			later(r, due)
			continue
		}
		owner, ok := p.Participant(sec.Owner)
		// Without consent in force the owner may not see the plan at all.
		if !ok || !p.HasAccess(owner.ID) || s.handle(owner) == "" {
			later(r, now.Add(recheck))
			continue
		}
		st, base := pn.States[sec.ID], pn.States[sec.ID].Version
		if !st.For(due, owner.ID) {
			st = st.Fresh(due, owner.ID)
		}
		loc := z.of(ctx, s.handle(owner))
		act, when := s.next(st, loc, now)
		if act == "" {
			later(r, when)
			continue
		}
		if act != plan.Escalated && st.Window == localDate(now, loc) {
			when = s.nextWorkStart(nextDay(now, loc), loc) // one nudge per section per day
		}
		if when.After(now) {
			later(r, when)
			continue
		}
		if act != plan.Escalated && !s.set.working(now, loc) {
			later(r, s.set.nextWorkStart(now, loc))
			continue
		}
		steps = append(steps, step{sec: sec, owner: owner, due: due, base: base, state: st, act: act})
	}
	var out []Message
	var escalate []step
	owners := map[string][]step{}
	var ownerOrder []string
	for _, st := range steps {
		if st.act == plan.Escalated {
			escalate = append(escalate, st)
			continue
		}
		if _, ok := owners[st.owner.ID]; !ok {
			ownerOrder = append(ownerOrder, st.owner.ID)
		}
		owners[st.owner.ID] = append(owners[st.owner.ID], st)
	}
	for _, id := range ownerOrder {
		out = append(out, s.nudgeMessage(ctx, z, p, owners[id], now, ""))
	}
	if len(escalate) > 0 {
		msgs, deferred := s.escalations(ctx, z, p, escalate, now)
		out = append(out, msgs...)
		for sec, t := range deferred {
			hints[sec] = t
		}
	}
	return out, hints
}

// next says what a section's nudge state calls for and from when; an empty
// action means nothing until the time given (a re-check).
func (s *Scheduler) next(st plan.NudgeState, loc *time.Location, now time.Time) (plan.Action, time.Time) {
	switch {
	case st.NotMine || st.Escalated || !st.Answered.IsZero():
		return "", now.Add(recheck)
	case st.LastNudged.IsZero():
		from := st.Due
		if st.SnoozedUntil.After(from) {
			from = st.SnoozedUntil
		}
		return plan.Nudged, s.set.nextWorkStart(from, loc)
	}
	when := s.set.afterWorkdays(st.LastNudged, s.set.ReminderDays, loc)
	if st.SnoozedUntil.After(when) {
		when = s.set.nextWorkStart(st.SnoozedUntil, loc)
	}
	if st.Reminders < s.set.MaxReminders {
		return plan.Reminded, when
	}
	return plan.Escalated, when
}

// nextWorkStart is Settings.nextWorkStart, for brevity.
func (s *Scheduler) nextWorkStart(t time.Time, loc *time.Location) time.Time {
	return s.set.nextWorkStart(t, loc)
}

// nudgeMessage asks one owner about their stale sections of one plan, in one
// message. reason is logged with the nudge ("" for a scheduled one).
func (s *Scheduler) nudgeMessage(ctx context.Context, z *zones, p *plan.Plan, steps []step, now time.Time, reason string) Message {
	owner := steps[0].owner
	to := s.handle(owner)
	loc := z.of(ctx, to)
	m := Message{Kind: KindReminder, Platform: s.platform, To: to, Plan: p.ID, Participant: owner.ID}
	for _, st := range steps {
		n := st.state
		act := plan.Reminded
		if n.LastNudged.IsZero() {
			act, n.FirstNudged, m.Kind = plan.Nudged, now, KindNudge
		} else if reason == "" {
			n.Reminders++
		}
		n.LastNudged, n.Window = now, localDate(now, loc)
		hint := store.NudgeHint{Due: st.due, NextAt: s.set.afterWorkdays(now, s.set.ReminderDays, loc)}
		m.Sections = append(m.Sections, st.sec.ID)
		m.writes = append(m.writes, store.NudgeWrite{Section: st.sec.ID, Base: st.base, State: n, Hint: hint,
			Change: &plan.Change{At: now, By: System, Action: act, Target: st.sec.ID, Reason: reasonOr(reason, owner.ID)},
			Audit: &store.AuditEntry{At: now, Who: System, Action: "nudge",
				What: "section " + st.sec.ID + " sent to " + owner.ID + " in a direct message"}})
	}
	reminder := m.Kind == KindReminder
	m.build = func(ids []string) string { return nudgeText(p, owner, ids, reminder, now, loc) }
	m.after = func(ctx context.Context) error {
		if s.expect == nil {
			return nil
		}
		return s.expect.ExpectUpdate(ctx, s.platform, to, p.ID, owner.ID, m.Sections)
	}
	return m
}

func reasonOr(reason, owner string) string {
	if reason != "" {
		return reason
	}
	return "to " + owner
}

// escalations tells the plan's coordinators, in their working hours, who has
// not answered what. Sections whose coordinators are all outside working
// hours are deferred (returned as hints).
func (s *Scheduler) escalations(ctx context.Context, z *zones, p *plan.Plan, steps []step, now time.Time) ([]Message, map[string]store.NudgeHint) {
	var coords []plan.Participant
	for _, c := range p.Coordinators() {
		if s.handle(c) != "" && p.HasAccess(c.ID) {
			coords = append(coords, c)
		}
	}
	deferred := map[string]store.NudgeHint{}
	var ready []step
	for _, st := range steps {
		var to []plan.Participant
		for _, c := range coords {
			if c.ID != st.owner.ID {
				to = append(to, c)
			}
		}
		if len(to) > 0 && !s.set.working(now, z.of(ctx, s.handle(to[0]))) {
			loc := z.of(ctx, s.handle(to[0]))
			deferred[st.sec.ID] = store.NudgeHint{Due: st.due, NextAt: s.set.nextWorkStart(now, loc)}
			continue
		}
		ready = append(ready, st)
	}
	if len(ready) == 0 {
		return nil, deferred
	}
	// One record for all coordinators: the first message carries the writes,
	// the others are sent only if it was claimed.
	writes := make([]store.NudgeWrite, len(ready))
	for i, st := range ready {
		n := st.state
		n.Escalated, n.EscalatedAt = true, now
		writes[i] = store.NudgeWrite{Section: st.sec.ID, Base: st.base, State: n,
			Hint:   store.NudgeHint{Due: st.due, NextAt: now.Add(recheck)},
			Change: &plan.Change{At: now, By: System, Action: plan.Escalated, Target: st.sec.ID, Reason: "owner " + st.owner.ID + " has not answered"},
			Audit:  &store.AuditEntry{At: now, Who: System, Action: "nudge", What: "escalated section " + st.sec.ID + " to the coordinator"}}
	}
	stepOf := map[string]step{}
	for _, st := range ready {
		stepOf[st.sec.ID] = st
	}
	recipients := coordinatorsFor(coords, ready)
	if len(recipients) == 0 {
		// Nobody to tell (the owner is the only coordinator): record it.
		return []Message{{Kind: KindEscalation, Plan: p.ID, writes: writes}}, deferred
	}
	var lead Message
	for i, c := range recipients {
		c := c
		loc := z.of(ctx, s.handle(c))
		m := Message{Kind: KindEscalation, Platform: s.platform, To: s.handle(c), Plan: p.ID, Participant: c.ID}
		for _, st := range ready {
			m.Sections = append(m.Sections, st.sec.ID) // build leaves out c's own
		}
		m.build = func(ids []string) string {
			var list []step
			for _, id := range ids {
				if st, ok := stepOf[id]; ok && st.owner.ID != c.ID {
					list = append(list, st)
				}
			}
			return escalationText(p, c, list, now, loc)
		}
		if i == 0 {
			m.writes = writes
			lead = m
			continue
		}
		lead.also = append(lead.also, m)
	}
	return []Message{lead}, deferred
}

// coordinatorsFor are the coordinators who get told about steps: all but an
// owner who is the only subject.
func coordinatorsFor(coords []plan.Participant, steps []step) []plan.Participant {
	var out []plan.Participant
	for _, c := range coords {
		for _, st := range steps {
			if st.owner.ID != c.ID {
				out = append(out, c)
				break
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// ErrNoCoordinator is returned by NotMine when the decline was recorded but
// no coordinator could be told about it.
var ErrNoCoordinator = errors.New("the plan has no coordinator who can be reached")
