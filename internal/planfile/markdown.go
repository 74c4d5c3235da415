package planfile

import (
	"fmt"
	"strings"
	"time"

	"github.com/planprat/planprat/internal/plan"
	"github.com/planprat/planprat/internal/text"
)

// Markdown writes the plan as a readable document in the plan's language,
// for printing or archiving in the patient record. now dates the document.
func Markdown(p *plan.Plan, now time.Time) []byte {
	l := text.Parse(p.Language)
	t := func(key string, args ...any) string { return text.T(l, key, args...) }
	day := func(x time.Time) string {
		if x.IsZero() {
			return t("md.not-set")
		}
		return text.Date(l, x, time.Time{}, plan.Oslo)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", t("md.title", p.Person))
	fmt.Fprintf(&b, "- %s: %s – %s\n", t("md.period"), day(p.PeriodStart), day(p.PeriodEnd))
	fmt.Fprintf(&b, "- %s: %s\n", t("md.revision"), day(p.NextRevision))
	fmt.Fprintf(&b, "- %s: %s\n", t("md.status"), t("status."+string(p.Status)))
	fmt.Fprintf(&b, "- %s: %s\n\n", t("md.printed"), text.DateTime(l, now, time.Time{}, plan.Oslo))

	fmt.Fprintf(&b, "## %s\n\n", t("md.participants"))
	fmt.Fprintf(&b, "| %s | %s | %s |\n|---|---|---|\n", t("md.name"), t("md.role"), t("md.consent"))
	for _, x := range p.Participants {
		consent := "–"
		if x.Role != plan.Family {
			consent = t("md.consent-missing")
			if c, ok := p.Consent(x.ID); ok {
				if c.Active() {
					consent = t("md.consent-given", day(c.GivenAt))
				} else {
					consent = t("md.consent-withdrawn", day(c.WithdrawnAt))
				}
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", mdCell(x.Name), mdCell(RoleLabel(l, x)), mdCell(consent))
	}
	b.WriteString("\n")

	for _, kind := range plan.SectionKinds {
		first := true
		for _, s := range p.Sections {
			if s.Kind != kind {
				continue
			}
			if first {
				fmt.Fprintf(&b, "## %s\n\n", t("kind."+string(kind)))
				first = false
			}
			fmt.Fprintf(&b, "### %s\n\n", s.Title)
			owner := t("md.no-owner")
			if o, ok := p.Participant(s.Owner); ok {
				owner = o.Name + " (" + RoleLabel(l, o) + ")"
			}
			fmt.Fprintf(&b, "*%s: %s. %s: %s.*\n\n", t("md.owner"), owner, t("md.updated"), day(s.LastTouched()))
			b.WriteString(strings.TrimSpace(s.Text))
			b.WriteString("\n\n")
		}
	}

	if len(p.Activities) > 0 {
		fmt.Fprintf(&b, "## %s\n\n", t("md.activities"))
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n|---|---|---|---|\n", t("md.when"), t("md.what"), t("md.who"), t("md.state"))
		for _, a := range p.Activities {
			who := "–"
			if r, ok := p.Participant(a.Responsible); ok {
				who = r.Name
			}
			what := a.Title
			if a.Place != "" {
				what += " (" + a.Place + ")"
			}
			when := text.Date(l, a.When, time.Time{}, plan.Oslo)
			if !a.AllDay {
				when = text.DateTime(l, a.When, time.Time{}, plan.Oslo)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", mdCell(when), mdCell(what), mdCell(who), t("activity."+string(a.Status)))
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}

// RoleLabel describes a participant in plain words: "mor", "fysioterapeut,
// Bergen kommune", "koordinator".
func RoleLabel(l text.Lang, x plan.Participant) string {
	switch {
	case x.Role == plan.Family && x.Relation != "":
		return x.Relation
	case x.Title != "" && x.Service != "":
		return x.Title + ", " + x.Service
	case x.Title != "":
		return x.Title
	}
	return text.T(l, "role."+string(x.Role))
}

func mdCell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}
