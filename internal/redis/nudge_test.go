package redis_test

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/planprat/planprat/internal/plan"
	store "github.com/planprat/planprat/internal/redis"
)

func TestRecordNudgesIsACompareAndSetWithItsLog(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	if err := s.PutPlan(ctx, emma(t), "operator", "import"); err != nil {
		t.Fatal(err)
	}
	due := now.Add(-48 * time.Hour)
	st := plan.NudgeState{Due: due, Owner: "fysio", FirstNudged: now, LastNudged: now, Window: "2026-12-04"}
	w := store.NudgeWrite{Section: "fysioterapi", Base: 0, State: st,
		Hint:   store.NudgeHint{Due: due, NextAt: now.Add(72 * time.Hour)},
		Change: &plan.Change{By: "planprat", Action: plan.Nudged},
		Audit:  &store.AuditEntry{Who: "planprat", Action: "nudge", What: "section fysioterapi sent to fysio"}}
	cases := []struct {
		name string
		base int
		want bool
	}{
		{"first claim wins", 0, true},
		{"same base again loses", 0, false},
		{"stale base loses", 5, false},
		{"current base wins", 1, true},
	}
	for _, c := range cases {
		w.Base = c.base
		got, err := s.RecordNudges(ctx, "emma", []store.NudgeWrite{w})
		if err != nil {
			t.Fatal(err)
		}
		if got[0] != c.want {
			t.Errorf("%s: applied = %v, want %v", c.name, got[0], c.want)
		}
	}
	states, err := s.NudgeStates(ctx, "emma")
	if err != nil {
		t.Fatal(err)
	}
	got := states["fysioterapi"]
	if got.Version != 2 || got.Owner != "fysio" || !got.For(due, "fysio") || !got.Pending() {
		t.Errorf("state = %+v", got)
	}
	changes, _ := s.Changes(ctx, "emma", 0)
	var nudges []plan.Change
	for _, c := range changes {
		if c.Kind == plan.NudgeChange {
			nudges = append(nudges, c)
		}
	}
	if len(nudges) != 2 || nudges[0].Target != "fysioterapi" || nudges[0].Action != plan.Nudged || !nudges[0].At.Equal(now) {
		t.Errorf("nudge log = %+v", nudges)
	}
	hints, err := s.NudgeHints(ctx, []store.SectionRef{{Plan: "emma", Section: "fysioterapi"}, {Plan: "emma", Section: "skole"}})
	if err != nil {
		t.Fatal(err)
	}
	if !hints[0].Due.Equal(due.Truncate(time.Second)) || !hints[0].NextAt.Equal(now.Add(72*time.Hour)) || !hints[1].Due.IsZero() {
		t.Errorf("hints = %+v", hints)
	}
}

func TestRecordNudgesOnceUnderConcurrency(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := s.RecordNudges(ctx, "emma", []store.NudgeWrite{{Section: "fysioterapi",
				State: plan.NudgeState{Owner: "fysio", LastNudged: now}, Change: &plan.Change{By: "planprat", Action: plan.Nudged}}})
			if err != nil {
				t.Error(err)
				return
			}
			if ok[0] {
				mu.Lock()
				wins++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if wins != 1 {
		t.Errorf("%d claims won, want 1", wins)
	}
}

func TestNoticeSettingsAndDigestDays(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	if err := s.SetNoticeFrequency(ctx, "emma", "mor", plan.NoticesWeekly); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkNoticed(ctx, "emma", "mor", now); err != nil {
		t.Fatal(err)
	}
	if err := s.SetNoticeFrequency(ctx, "emma", "far", "hourly"); plan.ErrorCode(err) != plan.Invalid {
		t.Errorf("unknown frequency: err = %v", err)
	}
	got, err := s.NoticeSettings(ctx, "emma")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]plan.NoticeSettings{"mor": {Frequency: plan.NoticesWeekly, LastSent: now}}
	if len(got) != 1 || got["mor"].Frequency != want["mor"].Frequency || !got["mor"].LastSent.Equal(now) {
		t.Errorf("notice settings = %+v", got)
	}
	if err := s.SetDigestDay(ctx, "mattermost", "@Silje.Berg", time.Wednesday); err != nil {
		t.Fatal(err)
	}
	days, err := s.DigestDays(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(days, map[string]time.Weekday{"mattermost:silje.berg": time.Wednesday}) {
		t.Errorf("digest days = %v", days)
	}
}

func TestPlanBriefsPageThroughPlans(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	for _, id := range []string{"a", "b", "c"} {
		p := emma(t)
		p.ID = id
		if err := s.PutPlan(ctx, p, "operator", "import"); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	for after := ""; ; {
		page, err := s.PlanBriefs(ctx, after, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, b := range page {
			ids = append(ids, b.ID)
			if len(b.Participants) == 0 || !b.LastChange.Equal(now) {
				t.Errorf("brief %s = %+v", b.ID, b)
			}
		}
		after = page[len(page)-1].ID
	}
	if !reflect.DeepEqual(ids, []string{"a", "b", "c"}) {
		t.Errorf("ids = %v", ids)
	}
}

func TestDueSectionsFromWalksEveryDueSectionOnce(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	var ps []*plan.Plan
	for i := 0; i < 7; i++ {
		p := &plan.Plan{ID: string(rune('a' + i)), Person: "Emma Hansen", Language: "nb", Status: plan.Active}
		for j := 0; j < 3; j++ {
			// Many sections share a due second, more than a page holds.
			p.Sections = append(p.Sections, plan.Section{ID: string(rune('x' + j)), Title: "Del", Kind: plan.Other,
				ReviewDays: 10, UpdatedAt: now.Add(-time.Duration(20+j%2) * 24 * time.Hour)})
		}
		ps = append(ps, p)
	}
	// One not yet due.
	ps[0].Sections[0].UpdatedAt = now
	if err := s.LoadPlans(ctx, ps, "test"); err != nil {
		t.Fatal(err)
	}
	want, err := s.DueSections(ctx, now, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 20 {
		t.Fatalf("%d due sections, want 20", len(want))
	}
	for _, page := range []int{1, 2, 3, 5, 100} {
		var got []store.SectionRef
		var cur store.DueCursor
		for {
			refs, next, err := s.DueSectionsFrom(ctx, cur, now, page)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, refs...)
			cur = next
			if len(refs) < page {
				break
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("page %d: walked %v\nwant %v", page, got, want)
		}
	}
}
