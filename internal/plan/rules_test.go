package plan_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/planprat/planprat/internal/plan"
)

var now = time.Date(2026, 12, 4, 12, 0, 0, 0, plan.Oslo)

func day(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, plan.Oslo) }

func testPlan() *plan.Plan {
	return &plan.Plan{ID: "p", Person: "Emma", Language: "nb", Status: plan.Active,
		NextRevision: day(2027, 1, 20, 0),
		Participants: []plan.Participant{
			{ID: "mor", Name: "Anne", Role: plan.Family},
			{ID: "koord", Name: "Silje", Role: plan.Coordinator},
			{ID: "fysio", Name: "Kari", Role: plan.Professional},
			{ID: "laerer", Name: "Lars", Role: plan.Professional},
			{ID: "ny", Name: "Uten samtykke", Role: plan.Professional},
		},
		Sections: []plan.Section{
			{ID: "mal", Title: "Mål", Kind: plan.Goals, Owner: "mor", ReviewDays: 90, UpdatedAt: day(2026, 11, 2, 20)},
			{ID: "fysioterapi", Title: "Fysioterapi", Kind: plan.Measure, Owner: "fysio", ReviewDays: 30, UpdatedAt: day(2026, 9, 15, 9)},
			{ID: "skole", Title: "Skole", Kind: plan.Measure, Owner: "laerer", ReviewDays: 60, UpdatedAt: day(2026, 6, 1, 9), ConfirmedAt: day(2026, 11, 1, 9)},
		},
		Activities: []plan.Activity{
			{ID: "mote", Title: "Møte", When: day(2026, 12, 8, 10), Responsible: "koord", Status: plan.Planned},
			{ID: "vurdering", Title: "Vurdering", When: day(2026, 12, 10, 14), Responsible: "fysio", Status: plan.Planned},
			{ID: "svar", Title: "Svar", When: day(2026, 12, 4, 0), AllDay: true, Responsible: "fysio", Status: plan.Planned},
			{ID: "gammel", Title: "Sakkyndig", When: day(2026, 12, 1, 0), AllDay: true, Status: plan.Planned},
			{ID: "avlyst", Title: "Avlyst", When: day(2026, 12, 9, 0), Status: plan.Cancelled},
		},
		Consents: []plan.Consent{
			{Participant: "koord", GivenBy: "mor", GivenAt: day(2026, 8, 5, 0)},
			{Participant: "fysio", GivenBy: "mor", GivenAt: day(2026, 8, 5, 0)},
			{Participant: "laerer", GivenBy: "mor", GivenAt: day(2026, 8, 5, 0), WithdrawnAt: day(2026, 12, 1, 0)},
		},
	}
}

func TestPermissionMatrix(t *testing.T) {
	p := testPlan()
	type row struct {
		who    string
		perm   plan.Permission
		target string
		want   bool
	}
	var rows []row
	add := func(who string, perm plan.Permission, target string, want bool) {
		rows = append(rows, row{who, perm, target, want})
	}
	// family
	add("mor", plan.Read, "", true)
	add("mor", plan.EditSection, "mal", true)
	add("mor", plan.EditSection, "fysioterapi", false)
	add("mor", plan.Comment, "fysioterapi", true)
	add("mor", plan.AddSection, "goals", true)
	add("mor", plan.AddSection, "measure", false)
	add("mor", plan.EditActivity, "mote", false)
	add("mor", plan.ManageParticipants, "", false)
	add("mor", plan.ManageConsent, "", true)
	add("mor", plan.ViewAudit, "", true)
	// coordinator: everything
	for _, perm := range plan.Permissions {
		add("koord", perm, map[plan.Permission]string{plan.EditSection: "fysioterapi", plan.Comment: "mal", plan.AddSection: "measure", plan.EditActivity: "vurdering"}[perm], true)
	}
	// professional
	add("fysio", plan.Read, "", true)
	add("fysio", plan.EditSection, "fysioterapi", true)
	add("fysio", plan.EditSection, "mal", false)
	add("fysio", plan.Comment, "mal", true)
	add("fysio", plan.AddSection, "goals", false)
	add("fysio", plan.EditActivity, "vurdering", true)
	add("fysio", plan.EditActivity, "mote", false)
	add("fysio", plan.ManageParticipants, "", false)
	add("fysio", plan.ManageConsent, "", false)
	add("fysio", plan.ViewAudit, "", false)
	// withdrawn consent, no consent, and an outsider: nothing at all
	for _, who := range []string{"laerer", "ny", "outsider"} {
		for _, perm := range plan.Permissions {
			add(who, perm, map[plan.Permission]string{plan.EditSection: "skole", plan.Comment: "skole", plan.AddSection: "goals", plan.EditActivity: "mote"}[perm], false)
		}
	}
	for _, r := range rows {
		if got := p.Can(r.who, r.perm, r.target); got != r.want {
			t.Errorf("%s %s %q = %v, want %v", r.who, r.perm, r.target, got, r.want)
		}
	}
}

func TestWithdrawnConsentRemovesAccessAtOnce(t *testing.T) {
	p := testPlan()
	if !p.Can("fysio", plan.Read, "") {
		t.Fatal("fysio should read before withdrawal")
	}
	p.Consents[1].WithdrawnAt = now
	if p.Can("fysio", plan.Read, "") || p.Can("fysio", plan.EditSection, "fysioterapi") {
		t.Fatal("fysio still has access after withdrawal")
	}
}

func TestStaleness(t *testing.T) {
	p := testPlan()
	var got []string
	for _, s := range p.StaleSections(now) {
		got = append(got, s.Section.ID)
	}
	if !reflect.DeepEqual(got, []string{"fysioterapi"}) {
		t.Fatalf("stale at %v: %v", now, got)
	}
	st := p.StaleSections(now)[0]
	if st.DaysSince != 80 || !st.Due.Equal(day(2026, 10, 15, 9)) {
		t.Errorf("fysioterapi: %d days since, due %v", st.DaysSince, st.Due)
	}
	// The confirmation counts: skole is due 60 days after 1 November.
	if s, _ := p.Section("skole"); !p.DueAt(s).Equal(day(2026, 12, 31, 9)) {
		t.Errorf("skole due %v", p.DueAt(s))
	}
	// After the revision date every section is stale.
	after := day(2027, 1, 20, 0)
	if n := len(p.StaleSections(after)); n != 3 {
		t.Errorf("%d stale after the revision date, want 3", n)
	}
	// Across the DST change (25 October) a day is still a day.
	if d := plan.DaysBetween(day(2026, 10, 24, 23), day(2026, 10, 26, 0)); d != 2 {
		t.Errorf("days across DST = %d", d)
	}
}

func TestNextActivitiesAndOverdue(t *testing.T) {
	p := testPlan()
	var next []string
	for _, a := range p.NextActivities(now, 3) {
		next = append(next, a.ID)
	}
	// The all-day activity today is still ahead; cancelled ones are not.
	if !reflect.DeepEqual(next, []string{"svar", "mote", "vurdering"}) {
		t.Errorf("next: %v", next)
	}
	if n := len(p.NextActivities(now, 1)); n != 1 {
		t.Errorf("limit 1 gave %d", n)
	}
	var over []string
	for _, a := range p.Overdue(now) {
		over = append(over, a.ID)
	}
	if !reflect.DeepEqual(over, []string{"gammel"}) {
		t.Errorf("overdue: %v", over)
	}
}

func TestCompleteness(t *testing.T) {
	p := testPlan()
	codes := func(p *plan.Plan) []plan.ProblemCode {
		var out []plan.ProblemCode
		for _, x := range p.Check(now) {
			out = append(out, x.Code)
		}
		return out
	}
	if got := codes(p); !reflect.DeepEqual(got, []plan.ProblemCode{plan.ParticipantNoCons, plan.ParticipantNoCons}) {
		t.Errorf("example problems: %v", got)
	}
	empty := &plan.Plan{ID: "e", Participants: []plan.Participant{{ID: "mor", Role: plan.Family}},
		Sections: []plan.Section{{ID: "t", Kind: plan.Measure}}}
	want := []plan.ProblemCode{plan.NoGoal, plan.NoCoordinator, plan.MeasureNoOwner, plan.NoRevisionDate, plan.NoConsent}
	if got := codes(empty); !reflect.DeepEqual(got, want) {
		t.Errorf("empty plan problems: %v, want %v", got, want)
	}
}

func TestChangesSinceAndUndoable(t *testing.T) {
	ch := []plan.Change{
		{Seq: 1, At: day(2026, 12, 1, 9), By: "fysio", Kind: plan.SectionChange, Action: plan.Updated},
		{Seq: 2, At: day(2026, 12, 2, 9), By: "mor", Kind: plan.SectionChange, Action: plan.Updated},
		{Seq: 3, At: day(2026, 12, 3, 9), By: "koord", Kind: plan.SectionChange, Action: plan.Updated},
		{Seq: 4, At: day(2026, 12, 3, 10), By: "fysio", Kind: plan.SectionChange, Action: plan.Updated},
		{Seq: 5, At: day(2026, 12, 3, 11), By: "fysio", Kind: plan.SectionChange, Action: plan.Undone, UndoOf: 4},
	}
	var got []int64
	for _, c := range plan.ChangesSince(ch, "mor", day(2026, 12, 1, 12)) {
		got = append(got, c.Seq)
	}
	if !reflect.DeepEqual(got, []int64{5, 4, 3}) {
		t.Errorf("since: %v", got)
	}
	if c, ok := plan.LastUndoable(ch, "fysio"); !ok || c.Seq != 1 {
		t.Errorf("undoable for fysio: %v %v", c.Seq, ok)
	}
	if _, ok := plan.LastUndoable(ch, "outsider"); ok {
		t.Error("outsider has something to undo")
	}
}
