package conversation

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/planprat/planprat/internal/intent"
	"github.com/planprat/planprat/internal/plan"
	"github.com/planprat/planprat/internal/planfile"
	"github.com/planprat/planprat/internal/text"
)

func (t *turn) when(at time.Time, allDay bool) string {
	return text.When(t.lang, at, allDay, t.e.now(), plan.Oslo)
}

// capital starts a sentence with a capital letter.
func capital(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// next answers "hva skjer nå?": the next activities, then what the family
// is waiting for.
func (t *turn) next() error {
	p, now := t.snap.Plan, t.e.now()
	var b strings.Builder
	acts := p.NextActivities(now, 5)
	if len(acts) == 0 {
		b.WriteString(t.t0("next.none"))
	} else {
		b.WriteString(t.t("next.header", plan.FirstName(p.Person)))
		for _, a := range acts {
			fmt.Fprintf(&b, "\n\n**%s:** %s.", capital(t.when(a.When, a.AllDay)), neutral(a.Title))
			if a.Responsible != "" {
				b.WriteString(" " + t.t("next.responsible", t.name(a.Responsible)))
			}
			if a.Place != "" {
				b.WriteString(" " + t.t("next.place", neutral(a.Place)))
			}
		}
	}
	var waiting []string
	for _, a := range p.Overdue(now) {
		line := t.t("next.overdue", neutral(a.Title), t.when(a.When, a.AllDay))
		if a.Responsible != "" {
			line += " " + t.t("next.ask", t.name(a.Responsible))
		}
		waiting = append(waiting, line)
	}
	for _, s := range p.Sections {
		if s.Kind == plan.Measure && s.Owner == "" {
			line := t.t("next.no-owner", neutral(s.Title))
			if c := p.Coordinators(); len(c) > 0 {
				line += " " + t.t("next.coordinator-fixes", t.name(c[0].ID))
			}
			waiting = append(waiting, line)
		}
	}
	if len(waiting) > 0 {
		b.WriteString("\n\n" + t.t0("next.waiting"))
		for _, w := range waiting {
			b.WriteString("\n- " + w)
		}
	}
	t.say(b.String())
	return nil
}

// whatsNew answers "hva er nytt?" from the change log: what others changed
// since the person last asked, grouped by section, newest first.
func (t *turn) whatsNew() error {
	now := t.e.now()
	since := t.snap.Seen
	if since.IsZero() {
		since = now.AddDate(0, 0, -30)
	}
	t.seen = true
	t.say(t.summary(t.snap.Changes, since, true))
	return nil
}

// summary writes what changed since a time, for participant t.who. withSince
// adds "since when" to the heading.
func (t *turn) summary(changes []plan.Change, since time.Time, withSince bool) string {
	p := t.snap.Plan
	news := plan.ChangesSince(changes, t.who.ID, since)
	type group struct {
		key   string
		title string
		lines []string
		text  string
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, c := range news {
		var key, title, line string
		who := t.name(c.By)
		switch c.Kind {
		case plan.SectionChange:
			s, ok := p.Section(c.Target)
			if !ok {
				continue
			}
			key, title = "s:"+s.ID, t.t("new.section", neutral(s.Title))
			switch c.Action {
			case plan.Confirmed:
				line = t.t("new.confirmed", who, t.when(c.At, false))
			case plan.Undone:
				line = t.t("new.undone", who, t.when(c.At, false))
			default:
				line = t.t("new.updated", who, t.when(c.At, false))
			}
		case plan.ActivityChange:
			a, ok := p.Activity(c.Target)
			if !ok {
				continue
			}
			key, title = "activities", t.t0("new.activities")
			line = t.t("new.activity", who, neutral(a.Title), t.when(c.At, false))
		case plan.ParticipantChange, plan.ConsentChange:
			key, title = "people", t.t0("new.people")
			line = t.t("new.participants", who, t.when(c.At, false))
		case plan.PlanChange:
			if !withSince || (c.Action != plan.Imported && c.Action != plan.Created) {
				// Nudges and bookkeeping are not news for families, and a
				// reloaded plan is not worth a notice of its own.
				continue
			}
			key, title = "plan", t.t0("new.plan")
			line = t.t("new.imported", t.when(c.At, false))
			if c.Action == plan.Created {
				line = t.t("new.created", t.when(c.At, false))
			}
		default:
			continue
		}
		g := byKey[key]
		if g == nil {
			g = &group{key: key, title: title}
			byKey[key] = g
			groups = append(groups, g)
			if c.Kind == plan.SectionChange && c.Action != plan.Confirmed {
				s, _ := p.Section(c.Target)
				g.text = s.Text
			}
		}
		if len(g.lines) < 3 {
			g.lines = append(g.lines, line)
		}
	}
	var b strings.Builder
	if len(groups) == 0 {
		if withSince {
			return t.t("new.nothing", t.when(since, false))
		}
		return ""
	}
	if withSince {
		b.WriteString(t.t("new.header", t.when(since, false)))
	}
	for _, g := range groups {
		fmt.Fprintf(&b, "\n\n**%s**", g.title)
		for _, l := range g.lines {
			b.WriteString("\n- " + l)
		}
		if g.text != "" {
			b.WriteString("\n" + t.t0("new.now-reads") + "\n" + quote(g.text, 300))
		}
	}
	return strings.TrimSpace(b.String())
}

// stale answers the coordinator's "hvilke deler er utdatert?".
func (t *turn) stale() error {
	p, now := t.snap.Plan, t.e.now()
	stale := p.StaleSections(now)
	nudges := t.nudgeStates()
	var b strings.Builder
	if len(stale) == 0 {
		b.WriteString(t.t0("stale.none"))
	} else {
		b.WriteString(t.t("stale.header", len(stale)))
		for i, st := range stale {
			s := st.Section
			owner := t.t0("stale.no-owner")
			if s.Owner != "" {
				owner = t.name(s.Owner)
			}
			fmt.Fprintf(&b, "\n%d. **%s** – %s. ", i+1, neutral(s.Title), owner)
			if st.DaysSince >= 0 {
				b.WriteString(t.t("stale.days", st.DaysSince))
			} else {
				b.WriteString(t.t0("stale.never"))
			}
			b.WriteString(" " + t.t("stale.due", t.when(st.Due, true)))
			if n, ok := nudges[s.ID]; ok {
				if line := t.nudgeLine(n); line != "" {
					b.WriteString(" " + capital(line) + ".")
				}
			}
		}
	}
	if problems := p.Check(now); len(problems) > 0 {
		b.WriteString("\n\n" + t.t0("check.header"))
		for _, pr := range problems {
			fmt.Fprintf(&b, "\n- (%s) %s", pr.Point, text.Problem(t.lang, string(pr.Code), neutral(p.SubjectName(pr.Subject))))
		}
	}
	if len(stale) > 0 {
		example := stale[0].Section
		who := plan.FirstName(t.t0("stale.them"))
		if x, ok := p.Participant(example.Owner); ok {
			who = plan.FirstName(x.Name)
		}
		b.WriteString("\n\n" + t.t("stale.next", who, strings.ToLower(example.Title)))
	}
	t.say(b.String())
	return nil
}

// showPlan gives an overview: each section, its owner and its first line.
func (t *turn) showPlan() error {
	p := t.snap.Plan
	var b strings.Builder
	b.WriteString(t.t("plan.header", p.Person))
	if !p.NextRevision.IsZero() {
		b.WriteString(" " + t.t("plan.revision", t.when(p.NextRevision, true)))
	}
	for _, s := range p.Sections {
		owner := t.t0("stale.no-owner")
		if s.Owner != "" {
			owner = t.name(s.Owner)
		}
		fmt.Fprintf(&b, "\n\n**%s** – %s\n%s", neutral(s.Title), owner, neutral(firstSentence(s.Text, 140)))
	}
	b.WriteString("\n\n" + t.t0("plan.more"))
	t.say(b.String())
	return nil
}

// findSection resolves a free-text reference among sections.
func (t *turn) findSection(target string, among []plan.Section) (plan.Section, bool) {
	target = strings.TrimSpace(target)
	if target == "" || len(among) == 0 {
		return plan.Section{}, false
	}
	var labels []string
	var idx []int
	for i, s := range among {
		add := func(l string) {
			if l != "" {
				labels = append(labels, l)
				idx = append(idx, i)
			}
		}
		add(s.Title)
		add(s.ID)
		if o, ok := t.snap.Plan.Participant(s.Owner); ok {
			add(o.Title)
			add(o.Name)
			add(o.Service)
		}
	}
	best, _ := intent.Match(target, labels)
	if best < 0 {
		return plan.Section{}, false
	}
	return among[idx[best]], true
}

// showSection shows one section in full.
func (t *turn) showSection(target string) error {
	p := t.snap.Plan
	s, ok := t.findSection(target, p.Sections)
	if !ok {
		if target == "" {
			return t.showPlan()
		}
		t.say(t.t("section.unknown", neutral(target)) + "\n" + t.sectionList(p.Sections))
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n%s", neutral(s.Title), quote(s.Text, 0))
	owner := t.t0("stale.no-owner")
	if s.Owner != "" {
		owner = t.name(s.Owner)
	}
	b.WriteString("\n\n" + t.t("section.owner", owner))
	if lt := s.LastTouched(); !lt.IsZero() {
		b.WriteString(" " + t.t("section.updated", t.when(lt, false)))
	}
	if p.IsStale(s, t.e.now()) {
		b.WriteString(" " + t.t0("section.stale"))
	}
	if p.Can(t.who.ID, plan.EditSection, s.ID) {
		b.WriteString("\n\n" + t.t("section.you-can-edit", strings.ToLower(s.Title)))
	}
	t.say(b.String())
	return nil
}

func (t *turn) sectionList(secs []plan.Section) string {
	var names []string
	for _, s := range secs {
		names = append(names, "«"+neutral(s.Title)+"»")
	}
	return t.t("section.list", strings.Join(names, ", "))
}

// participants answers "hvem er med?".
func (t *turn) participants() error {
	p := t.snap.Plan
	var b strings.Builder
	b.WriteString(t.t("people.header", plan.FirstName(p.Person)))
	for _, x := range p.Participants {
		line := x.Name + ", " + planfile.RoleLabel(t.lang, x)
		if x.Role == plan.Coordinator {
			line += " – " + t.t0("people.coordinator")
		}
		if x.Role != plan.Family && !p.HasAccess(x.ID) {
			line += " " + t.t0("people.no-consent")
		}
		b.WriteString("\n- " + line)
	}
	t.say(b.String())
	return nil
}

// audit answers "hvem har sett planen?" for family and coordinator.
func (t *turn) audit() error {
	p := t.snap.Plan
	if !p.Can(t.who.ID, plan.ViewAudit, "") {
		t.say(t.t0("audit.not-allowed"))
		return nil
	}
	type seen struct {
		who, day string
		last     time.Time
		wrote    bool
		nudged   bool
	}
	var rows []*seen
	idx := map[string]*seen{}
	entries := t.snap.Audit
	for i := len(entries) - 1; i >= 0; i-- {
		a := entries[i]
		day := a.At.In(plan.Oslo).Format("2006-01-02")
		key := a.Who + "|" + day
		r := idx[key]
		if r == nil {
			r = &seen{who: a.Who, day: day, last: a.At}
			idx[key] = r
			rows = append(rows, r)
		}
		switch a.Action {
		case "write", "import":
			r.wrote = true
		case "nudge":
			r.nudged = true
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].last.After(rows[j].last) })
	var b strings.Builder
	if len(rows) == 0 {
		b.WriteString(t.t0("audit.none"))
	} else {
		b.WriteString(t.t("audit.header", plan.FirstName(p.Person)))
		for i, r := range rows {
			if i == 15 {
				b.WriteString("\n" + t.t("audit.more", len(rows)-15))
				break
			}
			key := "audit.read"
			switch {
			case r.wrote:
				key = "audit.wrote"
			case r.nudged:
				key = "audit.nudged"
			}
			b.WriteString("\n- " + t.t(key, t.name(r.who), t.when(r.last, false)))
		}
	}
	t.say(b.String())
	return nil
}

// helpText says what the bot can do, with examples fitting the person's role.
func (t *turn) helpText() string {
	role := "family"
	if t.snap != nil {
		role = string(t.who.Role)
	}
	return t.t0("help." + role)
}
