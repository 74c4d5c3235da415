package examples

import (
	"time"

	"github.com/planprat/planprat/internal/plan"
	"github.com/planprat/planprat/internal/planfile"
)

// Written is the day the example plans were written: their dates make sense
// as seen from this day.
var Written = time.Date(2026, 12, 4, 0, 0, 0, 0, plan.Oslo)

// EmmaAsOf returns Emma's plan with every date moved by whole days so that
// the plan looks, on now's day, as it did on the day it was written: the
// demo always has meetings ahead and a few stale sections.
func EmmaAsOf(now time.Time) (*plan.Plan, error) {
	p, err := planfile.Parse(Emma, "plan-emma.yaml")
	if err != nil {
		return nil, err
	}
	days := plan.DaysBetween(Written, now)
	if days == 0 {
		return p, nil
	}
	shift := func(t *time.Time) {
		if !t.IsZero() {
			// AddDate on the Oslo wall clock keeps "kl. 10" at 10 across DST.
			*t = t.In(plan.Oslo).AddDate(0, 0, days)
		}
	}
	shift(&p.PeriodStart)
	shift(&p.PeriodEnd)
	shift(&p.NextRevision)
	for i := range p.Sections {
		shift(&p.Sections[i].UpdatedAt)
		shift(&p.Sections[i].ConfirmedAt)
	}
	for i := range p.Activities {
		shift(&p.Activities[i].When)
	}
	for i := range p.Consents {
		shift(&p.Consents[i].GivenAt)
		shift(&p.Consents[i].WithdrawnAt)
	}
	return p, nil
}
