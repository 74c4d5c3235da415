package nudge

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/planprat/planprat/internal/plan"
	store "github.com/planprat/planprat/internal/redis"
	"github.com/planprat/planprat/internal/text"
)

// The daily sweep: coordinators' weekly digests and families' "what's new"
// notices. It runs once a day (claimed, so one replica does it) during the
// working window in Settings.Zone, and walks the plans page by page, reading
// a whole plan only when someone in it is due a digest or a notice.

// sweepPage is how many plans the sweep looks at per round trip.
const sweepPage = 500

// sweep sends (or, without send, lists) today's digests and notices.
func (s *Scheduler) sweep(ctx context.Context, now time.Time, send bool) (Report, error) {
	var rep Report
	loc := s.set.Zone
	if now.Before(at(now, s.set.WorkStart, loc)) || !now.Before(at(now, s.set.WorkEnd, loc)) {
		return rep, nil
	}
	if send {
		ok, err := s.store.ClaimOnce(ctx, "nudge-sweep:"+localDate(now, loc), 26*time.Hour)
		if err != nil || !ok {
			return rep, err
		}
	}
	days, err := s.store.DigestDays(ctx)
	if err != nil || !s.anyDue(days, now) {
		return rep, err
	}
	digests := map[string]*digest{}
	var order []string
	for after := ""; ; {
		briefs, err := s.store.PlanBriefs(ctx, after, sweepPage)
		if err != nil {
			return rep, err
		}
		if len(briefs) == 0 {
			break
		}
		after = briefs[len(briefs)-1].ID
		var read []string
		for _, b := range briefs {
			for _, x := range b.Participants {
				if s.digestDue(x, days, now) || s.noticeDue(x, b, now) {
					read = append(read, b.ID)
					break
				}
			}
		}
		plans, err := s.store.PlansWithNudges(ctx, read)
		if err != nil {
			return rep, err
		}
		for _, b := range briefs {
			pn, ok := plans[b.ID]
			if !ok || pn.Plan.Status != plan.Active {
				continue
			}
			for _, x := range pn.Plan.Participants {
				if !pn.Plan.HasAccess(x.ID) {
					continue
				}
				if s.digestDue(x, days, now) {
					h := s.handle(x)
					d := digests[h]
					if d == nil {
						d = &digest{to: x, lang: text.Parse(lang(pn.Plan, x))}
						digests[h] = d
						order = append(order, h)
					}
					if part := digestPart(d.lang, pn, now, loc); part != "" {
						d.parts = append(d.parts, part)
					}
				}
				if s.noticeDue(x, b, now) {
					if m, ok := s.notice(ctx, pn.Plan, x, b.Notices[x.ID], now); ok {
						rep.add(s.sendSwept(ctx, m, send, now))
					}
				}
			}
		}
		if len(briefs) < sweepPage {
			break
		}
	}
	for _, h := range order {
		d := digests[h]
		if len(d.parts) == 0 {
			continue
		}
		y, w := now.In(loc).ISOWeek()
		m := Message{Kind: KindDigest, Platform: s.platform, To: h, Participant: d.to.ID,
			Text: d.text(now, loc)}
		m.claim = fmt.Sprintf("digest:%s:%s:%d-W%02d", s.platform, h, y, w)
		rep.add(s.sendSwept(ctx, m, send, now))
	}
	return rep, nil
}

func (r *Report) add(m *Message, err error) {
	if err != nil {
		r.Failed++
	}
	if m != nil {
		r.Sent = append(r.Sent, *m)
	}
}

// sendSwept claims and sends a digest or notice (record before send).
func (s *Scheduler) sendSwept(ctx context.Context, m Message, send bool, now time.Time) (*Message, error) {
	if !send {
		return &m, nil
	}
	ok, err := s.store.ClaimOnce(ctx, m.claim, 8*24*time.Hour)
	if err != nil || !ok {
		return nil, err
	}
	if m.Kind == KindNotice {
		if err := s.store.MarkNoticed(ctx, m.Plan, m.Participant, now); err != nil {
			return nil, err
		}
		_ = s.store.RecordAudit(ctx, m.Plan, store.AuditEntry{At: now, Who: m.Participant, Action: "read",
			What: "what's new notice"})
	}
	if err := s.send.SendDirect(ctx, m.To, m.Text); err != nil {
		s.log.Warn("notice not delivered", "kind", m.Kind, "plan", m.Plan, "to", m.Participant, "err", err)
		return nil, err
	}
	return &m, nil
}

// digestDue tells whether coordinator x gets the weekly digest today: on
// their chosen day, or the first working day after it in the same week when
// that day is a holiday. The claim per week stops a second one.
func (s *Scheduler) digestDue(x plan.Participant, days map[string]time.Weekday, now time.Time) bool {
	h := s.handle(x)
	if x.Role != plan.Coordinator || h == "" || !IsWorkday(now, s.set.Zone) {
		return false
	}
	day, ok := days[s.platform+":"+store.NormalizeHandle(s.platform, h)]
	if !ok {
		day = s.set.DigestDay
	}
	return s.digestOn(day, now)
}

// digestOn tells whether a digest chosen for weekday day goes out on now's
// date: that day, or the first working day after it in the same week.
func (s *Scheduler) digestOn(day time.Weekday, now time.Time) bool {
	today := now.In(s.set.Zone)
	monday := func(d time.Weekday) int { return (int(d) + 6) % 7 } // Monday = 0
	offset := monday(day) - monday(today.Weekday())
	if offset > 0 || !IsWorkday(today, s.set.Zone) {
		return false
	}
	y, m, d := today.Date()
	first := time.Date(y, m, d+offset, 12, 0, 0, 0, s.set.Zone)
	for !IsWorkday(first, s.set.Zone) {
		first = nextDay(first, s.set.Zone)
	}
	return localDate(first, s.set.Zone) == localDate(today, s.set.Zone)
}

// anyDue tells whether the sweep may have anything to do today; when not,
// it does not walk the plans.
func (s *Scheduler) anyDue(days map[string]time.Weekday, now time.Time) bool {
	if s.summary != nil || s.digestOn(s.set.DigestDay, now) {
		return true
	}
	for _, d := range days {
		if s.digestOn(d, now) {
			return true
		}
	}
	return false
}

// noticeDue tells whether family member x may get a "what's new" notice now:
// notices are on (daily unless they chose otherwise), the last one is a day
// (or a week) old, and the plan changed since.
func (s *Scheduler) noticeDue(x plan.Participant, b store.PlanBrief, now time.Time) bool {
	if x.Role != plan.Family || s.handle(x) == "" || s.summary == nil {
		return false
	}
	n := b.Notices[x.ID]
	since := noticeSince(n, now)
	if since.IsZero() || !b.LastChange.After(since) {
		return false
	}
	switch n.Frequency {
	case plan.NoticesWeekly:
		return n.LastSent.IsZero() || now.Sub(n.LastSent) >= 7*24*time.Hour-12*time.Hour
	default:
		return localDate(n.LastSent, s.set.Zone) != localDate(now, s.set.Zone)
	}
}

// noticeSince is what a notice covers from: the last notice, or one period
// back for someone who never got one; zero when notices are off.
func noticeSince(n plan.NoticeSettings, now time.Time) time.Time {
	f := n.Frequency
	if f == "" {
		f = plan.NoticesDaily
	}
	if f == plan.NoticesOff {
		return time.Time{}
	}
	if !n.LastSent.IsZero() {
		return n.LastSent
	}
	return now.Add(-f.Every())
}

// notice builds a family member's "what's new" from the engine's summary.
func (s *Scheduler) notice(ctx context.Context, p *plan.Plan, x plan.Participant, n plan.NoticeSettings, now time.Time) (Message, bool) {
	sum, ok := s.summary.WhatsNew(ctx, p, x.ID, noticeSince(n, now))
	if !ok || strings.TrimSpace(sum) == "" {
		return Message{}, false
	}
	l := text.Parse(lang(p, x))
	m := Message{Kind: KindNotice, Platform: s.platform, To: s.handle(x), Plan: p.ID, Participant: x.ID,
		Text: text.T(l, "notice.text", plan.FirstName(p.Person), sum)}
	m.claim = "notice:" + p.ID + ":" + x.ID + ":" + localDate(now, s.set.Zone)
	return m, true
}

// digest is one coordinator's weekly overview across their plans.
type digest struct {
	to    plan.Participant
	lang  text.Lang
	parts []string
}

func (d *digest) text(now time.Time, loc *time.Location) string {
	head := text.T(d.lang, "digest.title", plan.FirstName(d.to.Name), text.Date(d.lang, now, now, loc))
	return head + "\n\n" + strings.Join(d.parts, "\n\n") + "\n\n" + text.T(d.lang, "digest.how")
}

// digestPart is one plan's part of a digest: stale sections with what the
// nudges got, sections answered this week, completeness problems. It names
// sections but quotes none. Empty when there is nothing to tell.
func digestPart(l text.Lang, pn store.PlanNudges, now time.Time, loc *time.Location) string {
	p := pn.Plan
	var lines []string
	stale := p.StaleSections(now)
	if len(stale) > 0 {
		lines = append(lines, text.T(l, "digest.stale"))
		for _, st := range stale {
			owner := text.T(l, "digest.no-owner")
			if x, ok := p.Participant(st.Section.Owner); ok {
				owner = who(x)
			}
			line := "- " + text.T(l, "digest.stale-item", st.Section.Title, owner, touched(l, st.Section, now))
			if ns := pn.States[st.Section.ID]; ns.For(st.Due, st.Section.Owner) {
				if state := nudgeStatus(l, ns, now, loc); state != "" {
					line += "; " + state
				}
			}
			lines = append(lines, line)
		}
	}
	var answered []string
	ids := make([]string, 0, len(pn.States))
	for id := range pn.States {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		ns := pn.States[id]
		if !ns.Answered.IsZero() && now.Sub(ns.Answered) < 7*24*time.Hour {
			if sec, ok := p.Section(id); ok {
				answered = append(answered, "«"+sec.Title+"»")
			}
		}
	}
	if len(answered) > 0 {
		lines = append(lines, text.T(l, "digest.answered", strings.Join(answered, ", ")))
	}
	if probs := p.Check(now); len(probs) > 0 {
		lines = append(lines, text.T(l, "digest.problems"))
		for _, pr := range probs {
			lines = append(lines, "- "+text.Problem(l, string(pr.Code), p.SubjectName(pr.Subject)))
		}
	}
	if len(lines) == 0 {
		return ""
	}
	return text.T(l, "digest.plan", plan.FirstName(p.Person)) + "\n" + strings.Join(lines, "\n")
}

// Status says in a few words where a section's nudges stand ("spurt 2
// ganger, ikke svart"), for the coordinator's stale-sections summary; empty
// when there is nothing to say. Pass only a state that is For the section's
// current period and owner.
func Status(l text.Lang, ns plan.NudgeState, now time.Time) string {
	return nudgeStatus(l, ns, now, plan.Oslo)
}

// nudgeStatus says in a few words where a section's nudges stand.
func nudgeStatus(l text.Lang, ns plan.NudgeState, now time.Time, loc *time.Location) string {
	switch {
	case ns.NotMine:
		return text.T(l, "digest.state.not-mine")
	case ns.Escalated:
		return text.T(l, "digest.state.escalated", asked(l, 1+ns.Reminders))
	case ns.SnoozedUntil.After(now):
		return text.T(l, "digest.state.snoozed", text.Date(l, ns.SnoozedUntil, now, loc))
	case ns.Pending():
		return text.T(l, "digest.state.waiting", asked(l, 1+ns.Reminders))
	}
	return ""
}
