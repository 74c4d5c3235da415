package nudge

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/planprat/planprat/internal/plan"
	"github.com/planprat/planprat/internal/text"
)

// The words live in internal/text (nudge_nb.go, nudge_nn.go, nudge_en.go);
// this file only puts them together.

// shortLen is how much of a section's text a nudge quotes.
const shortLen = 160

// short is the start of s on one line, cut at a word and marked with "…".
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= shortLen {
		return s
	}
	r := []rune(s)[:shortLen]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > shortLen/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + " …"
}

// touched says how long since a section was last touched.
func touched(l text.Lang, sec plan.Section, now time.Time) string {
	t := sec.LastTouched()
	if t.IsZero() {
		return text.T(l, "nudge.touched.never")
	}
	switch d := plan.DaysBetween(t, now); {
	case d <= 0:
		return text.T(l, "nudge.touched.today")
	case d == 1:
		return text.T(l, "nudge.touched.one")
	default:
		return text.T(l, "nudge.touched.days", d)
	}
}

// quote shows a section's text in short as a quote.
func quote(l text.Lang, sec plan.Section) string {
	s := short(sec.Text)
	if s == "" {
		s = text.T(l, "nudge.empty")
	}
	return "> " + s
}

// who names a participant with their title: "Kari Nilsen (fysioterapeut)".
func who(x plan.Participant) string {
	if x.Title != "" {
		return x.Name + " (" + x.Title + ")"
	}
	return x.Name
}

// asked says how many times someone was asked.
func asked(l text.Lang, n int) string {
	if n == 1 {
		return text.T(l, "nudge.asked.one")
	}
	return text.T(l, "nudge.asked.many", n)
}

// nudgeText asks owner about sections ids of plan p. It goes only in a
// direct message to the section's owner, who may see the text.
func nudgeText(p *plan.Plan, owner plan.Participant, ids []string, reminder bool, now time.Time, loc *time.Location) string {
	l := text.Parse(lang(p, owner))
	person := plan.FirstName(p.Person)
	var b strings.Builder
	hello := "nudge.hello"
	if reminder {
		hello = "nudge.hello-again"
	}
	b.WriteString(text.T(l, hello, plan.FirstName(owner.Name)))
	b.WriteString(" ")
	var secs []plan.Section
	for _, id := range ids {
		if sec, ok := p.Section(id); ok {
			secs = append(secs, sec)
		}
	}
	intro := "nudge.intro"
	if reminder {
		intro = "nudge.intro-reminder"
	}
	if len(secs) == 1 {
		sec := secs[0]
		b.WriteString(text.T(l, intro+".one", person, sec.Title, touched(l, sec, now)))
		b.WriteString("\n" + quote(l, sec) + "\n\n")
		b.WriteString(text.T(l, "nudge.how.one"))
		return b.String()
	}
	b.WriteString(text.T(l, intro+".many", person))
	b.WriteString("\n")
	for _, sec := range secs {
		b.WriteString("\n" + text.T(l, "nudge.item", sec.Title, touched(l, sec, now)))
		b.WriteString("\n" + quote(l, sec) + "\n")
	}
	b.WriteString("\n" + text.T(l, "nudge.how.many"))
	return b.String()
}

// escalationText tells coordinator c who has not answered what. It names
// sections, never their text.
func escalationText(p *plan.Plan, c plan.Participant, steps []step, now time.Time, loc *time.Location) string {
	if len(steps) == 0 {
		return ""
	}
	l := text.Parse(lang(p, c))
	var b strings.Builder
	b.WriteString(text.T(l, "escalate.intro", plan.FirstName(c.Name), plan.FirstName(p.Person)))
	b.WriteString("\n")
	for _, st := range steps {
		first := text.Date(l, st.state.FirstNudged, now, loc)
		b.WriteString("- " + text.T(l, "escalate.item", who(st.owner), st.sec.Title, first,
			asked(l, 1+st.state.Reminders)) + "\n")
	}
	b.WriteString("\n" + text.T(l, "escalate.how", plan.FirstName(steps[0].owner.Name)))
	return b.String()
}

// reassignText tells coordinator c that owner said a section is not theirs.
func reassignText(p *plan.Plan, c, owner plan.Participant, sec plan.Section) string {
	l := text.Parse(lang(p, c))
	return text.T(l, "reassign.text", plan.FirstName(c.Name), who(owner), sec.Title,
		plan.FirstName(p.Person), plan.FirstName(owner.Name))
}
