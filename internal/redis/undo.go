package redis

import (
	"context"

	"github.com/planprat/planprat/internal/plan"
)

// UndoLast reverts who's newest section change in plan p by writing the
// earlier text back as a new version; nothing is deleted. It is refused with
// a *plan.ConflictError when someone changed the section after it, and with
// a NotFound error when who has nothing to undo.
func (s *Store) UndoLast(ctx context.Context, p *plan.Plan, who string) (plan.Section, plan.Change, error) {
	changes, err := s.Changes(ctx, p.ID, 500)
	if err != nil {
		return plan.Section{}, plan.Change{}, err
	}
	last, ok := plan.LastUndoable(changes, who)
	if !ok {
		return plan.Section{}, plan.Change{}, plan.Errorf(plan.NotFound, "nothing to undo")
	}
	sec, ok := p.Section(last.Target)
	if !ok {
		return plan.Section{}, plan.Change{}, plan.Errorf(plan.NotFound, "the section is gone")
	}
	if sec.Version != last.Version {
		var between []plan.Change
		for _, c := range changes {
			if c.Kind == plan.SectionChange && c.Target == sec.ID && c.Version > last.Version {
				between = append(between, c)
			}
		}
		return plan.Section{}, plan.Change{}, &plan.ConflictError{Kind: plan.SectionChange, ID: sec.ID,
			Base: last.Version, Current: sec.Version, Between: between}
	}
	undone := sec
	undone.Text = last.Before
	undone.UpdatedBy, undone.UpdatedAt = who, s.now()
	return s.SaveSection(ctx, p, undone, sec.Version, plan.Change{By: who, Action: plan.Undone,
		Before: sec.Text, After: last.Before, UndoOf: last.Seq, Reason: "angret"})
}
