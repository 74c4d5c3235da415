package redis_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/planprat/planprat/examples"
	"github.com/planprat/planprat/internal/plan"
	"github.com/planprat/planprat/internal/planfile"
	store "github.com/planprat/planprat/internal/redis"
	"github.com/planprat/planprat/internal/redistest"
)

var now = time.Date(2026, 12, 4, 12, 0, 0, 0, plan.Oslo)

func clock() time.Time { return now }

func emma(t testing.TB) *plan.Plan {
	t.Helper()
	p, err := planfile.Parse(examples.Emma, "plan-emma.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func newStore(t testing.TB) (*store.Store, *redistest.RoundTrips) {
	rdb := redistest.New(t)
	rt := &redistest.RoundTrips{}
	rdb.AddHook(rt)
	return store.New(rdb, clock), rt
}

func TestImportReadsBackTheSamePlan(t *testing.T) {
	ctx := context.Background()
	s, rt := newStore(t)
	want := emma(t)
	if err := s.PutPlan(ctx, want, "operator", "import"); err != nil {
		t.Fatal(err)
	}
	rt.Reset()
	got, err := s.Plan(ctx, "emma", "mor", "whole plan")
	if err != nil {
		t.Fatal(err)
	}
	if n := rt.N(); n != 1 {
		t.Errorf("reading a plan took %d round trips, want 1", n)
	}
	a, _ := planfile.YAML(want)
	b, _ := planfile.YAML(got)
	if string(a) != string(b) {
		t.Fatalf("stored plan differs from imported:\n%s\n---\n%s", a, b)
	}
	sec, _ := got.Section("fysioterapi")
	if sec.Version != 1 {
		t.Errorf("new section version = %d, want 1", sec.Version)
	}
	// Replacing keeps history and moves versions on.
	if err := s.PutPlan(ctx, want, "operator", "re-import"); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Plan(ctx, "emma", "", "")
	if sec, _ := got.Section("fysioterapi"); sec.Version != 2 {
		t.Errorf("re-imported section version = %d, want 2", sec.Version)
	}
	ch, _ := s.Changes(ctx, "emma", 0)
	if len(ch) != 2 || ch[0].Action != plan.Created || ch[1].Action != plan.Imported || ch[1].Seq != 2 {
		t.Errorf("change log after two imports: %+v", ch)
	}
}

func TestUnknownPlanIsNotFoundAndLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	_, err := s.Plan(ctx, "nobody", "outsider", "whole plan")
	if plan.ErrorCode(err) != plan.NotFound {
		t.Fatalf("got %v, want not found", err)
	}
	if n, _ := s.Client().Exists(ctx, "{plan:nobody}:audit").Result(); n != 0 {
		t.Fatalf("reading a missing plan left an audit log behind")
	}
}

func TestSectionUpdateIsOneRoundTripAndLogged(t *testing.T) {
	ctx := context.Background()
	s, rt := newStore(t)
	p := emma(t)
	if err := s.PutPlan(ctx, p, "operator", ""); err != nil {
		t.Fatal(err)
	}
	p, _ = s.Plan(ctx, "emma", "fysio", "section fysioterapi")
	sec, _ := p.Section("fysioterapi")
	old := sec.Text
	sec.Text = "Fysioterapi to ganger i uka. Ny rullator er bestilt."
	sec.UpdatedBy, sec.UpdatedAt = "fysio", now
	rt.Reset()
	saved, ch, err := s.SaveSection(ctx, p, sec, sec.Version, plan.Change{By: "fysio", Action: plan.Updated,
		Before: old, After: sec.Text, Reason: "ny rullator"})
	if err != nil {
		t.Fatal(err)
	}
	if n := rt.N(); n != 1 {
		t.Errorf("a section update took %d round trips, want 1", n)
	}
	if saved.Version != 2 || ch.Version != 2 || ch.Seq != 2 {
		t.Errorf("saved version %d, change version %d seq %d", saved.Version, ch.Version, ch.Seq)
	}
	got, _ := s.Plan(ctx, "emma", "mor", "whole plan")
	if sec, _ := got.Section("fysioterapi"); sec.Text != saved.Text || sec.Version != 2 || !sec.UpdatedAt.Equal(now) {
		t.Errorf("read back %+v", sec)
	}
	// Section order is kept.
	if got.Sections[4].ID != "fysioterapi" {
		t.Errorf("section moved to %v", got.Sections)
	}
	changes, _ := s.Changes(ctx, "emma", 1)
	if c := changes[0]; c.By != "fysio" || c.Before != old || c.After != saved.Text || c.Reason != "ny rullator" || c.Kind != plan.SectionChange || c.Target != "fysioterapi" {
		t.Errorf("logged change %+v", c)
	}
	audit, _ := s.Audit(ctx, "emma", 0)
	var actions []string
	for _, a := range audit {
		actions = append(actions, a.Who+" "+a.Action+" "+a.What)
	}
	want := []string{"operator import whole plan", "fysio read section fysioterapi", "fysio write section fysioterapi updated", "mor read whole plan"}
	if !reflect.DeepEqual(actions, want) {
		t.Errorf("audit log:\n got %q\nwant %q", actions, want)
	}
}

func TestConcurrentWritersLoseNothing(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	if err := s.PutPlan(ctx, emma(t), "operator", ""); err != nil {
		t.Fatal(err)
	}
	base, _ := s.Plan(ctx, "emma", "", "")
	const writers = 50

	// All fifty read the same version and write at once: one wins, and
	// every other is refused with the winner's change.
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sec, _ := base.Section("fysioterapi")
			sec.Text = fmt.Sprintf("versjon fra skriver %d", i)
			_, _, errs[i] = s.SaveSection(ctx, base, sec, sec.Version, plan.Change{By: fmt.Sprintf("w%d", i), Action: plan.Updated, After: sec.Text})
		}()
	}
	wg.Wait()
	won := 0
	for i, err := range errs {
		var c *plan.ConflictError
		switch {
		case err == nil:
			won++
		case errors.As(err, &c):
			if c.Base != 1 || c.Current != 2 || len(c.Between) != 1 || c.Between[0].By == fmt.Sprintf("w%d", i) {
				t.Errorf("writer %d refused without the change in between: %+v", i, c)
			}
		default:
			t.Errorf("writer %d: %v", i, err)
		}
	}
	if won != 1 {
		t.Fatalf("%d writers won, want exactly 1", won)
	}

	// Fifty writers each adding a line, retrying on conflict: every line is kept.
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				p, err := s.Plan(ctx, "emma", "", "")
				if err != nil {
					t.Error(err)
					return
				}
				sec, _ := p.Section("fysioterapi")
				sec.Text += fmt.Sprintf("\nlinje %d", i)
				_, _, err = s.SaveSection(ctx, p, sec, sec.Version, plan.Change{By: "w", Action: plan.Updated})
				if err == nil {
					return
				}
				if plan.ErrorCode(err) != plan.Conflict {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	p, _ := s.Plan(ctx, "emma", "", "")
	sec, _ := p.Section("fysioterapi")
	for i := range writers {
		if !strings.Contains(sec.Text+"\n", fmt.Sprintf("\nlinje %d\n", i)) {
			t.Errorf("line %d was lost", i)
		}
	}
	if sec.Version != 2+writers {
		t.Errorf("version %d after %d more writes, want %d", sec.Version, writers, 2+writers)
	}
}

func TestStaleIndexFollowsWrites(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	p := emma(t)
	if err := s.PutPlan(ctx, p, "operator", ""); err != nil {
		t.Fatal(err)
	}
	stale, err := s.StaleSections(ctx, now, 100)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range stale {
		got = append(got, x.Section.ID)
	}
	// The same as the domain's rule, most overdue first.
	var want []string
	for _, x := range p.StaleSections(now) {
		want = append(want, x.Section.ID)
	}
	if !reflect.DeepEqual(got, want) || len(want) < 3 {
		t.Fatalf("stale from index %v, from the plan %v", got, want)
	}
	// Confirming "no change" takes the section out.
	p, _ = s.Plan(ctx, "emma", "", "")
	sec, _ := p.Section("fysioterapi")
	sec.ConfirmedBy, sec.ConfirmedAt = "fysio", now
	if _, _, err := s.SaveSection(ctx, p, sec, sec.Version, plan.Change{By: "fysio", Action: plan.Confirmed}); err != nil {
		t.Fatal(err)
	}
	stale, _ = s.StaleSections(ctx, now, 100)
	for _, x := range stale {
		if x.Section.ID == "fysioterapi" {
			t.Fatal("confirmed section is still listed as stale")
		}
	}
	if len(stale) != len(want)-1 {
		t.Fatalf("%d stale after confirming one of %d", len(stale), len(want))
	}
}

func TestHandlesFindMemberships(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	p := emma(t)
	if err := s.PutPlan(ctx, p, "operator", ""); err != nil {
		t.Fatal(err)
	}
	q := emma(t)
	q.ID, q.Person = "jonas", "Jonas Berg"
	if err := s.PutPlan(ctx, q, "operator", ""); err != nil {
		t.Fatal(err)
	}
	m, err := s.Memberships(ctx, "mattermost", "@Kari.Nilsen")
	if err != nil {
		t.Fatal(err)
	}
	want := []store.Membership{{Plan: "emma", Participant: "fysio"}, {Plan: "jonas", Participant: "fysio"}}
	if !reflect.DeepEqual(m, want) {
		t.Fatalf("memberships %v", m)
	}
	if m, _ := s.Memberships(ctx, "mattermost", "someone.else"); len(m) != 0 {
		t.Fatalf("an outsider has memberships %v", m)
	}
	// A handle removed in a re-import no longer finds the plan.
	q.Participants[5].Handles.Mattermost = "kari.nilsen2"
	if err := s.PutPlan(ctx, q, "operator", ""); err != nil {
		t.Fatal(err)
	}
	if m, _ := s.Memberships(ctx, "mattermost", "kari.nilsen"); len(m) != 1 {
		t.Fatalf("after re-import: %v", m)
	}
	var ids []string
	_ = s.EachPlan(ctx, 1, func(sums []store.Summary) error {
		for _, x := range sums {
			ids = append(ids, x.ID+":"+x.Person)
		}
		return nil
	})
	if !reflect.DeepEqual(ids, []string{"emma:Emma Hansen", "jonas:Jonas Berg"}) {
		t.Fatalf("plans %v", ids)
	}
}

func TestClaimOnce(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	var wins atomic.Int64
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, err := s.ClaimOnce(ctx, "post:abc", time.Hour); err == nil && ok {
				wins.Add(1)
			}
		}()
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("%d claims won", wins.Load())
	}
}

func TestRedisDownIsUnavailable(t *testing.T) {
	ctx := context.Background()
	// A port nothing listens on.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()
	s := store.New(goredis.NewClient(&goredis.Options{Addr: addr, MaxRetries: -1, DialTimeout: 200 * time.Millisecond}), clock)
	_, err := s.Plan(ctx, "emma", "mor", "whole plan")
	if plan.ErrorCode(err) != plan.Unavailable {
		t.Fatalf("got %v (%s), want unavailable", err, plan.ErrorCode(err))
	}
	if err := s.PutPlan(ctx, emma(t), "operator", ""); plan.ErrorCode(err) != plan.Unavailable {
		t.Fatalf("put: got %v, want unavailable", err)
	}
}

func TestUndoWritesTheEarlierTextBack(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	if err := s.PutPlan(ctx, emma(t), "operator", ""); err != nil {
		t.Fatal(err)
	}
	p, _ := s.Plan(ctx, "emma", "", "")
	sec, _ := p.Section("fysioterapi")
	original := sec.Text
	sec.Text = "feil tekst"
	if _, _, err := s.SaveSection(ctx, p, sec, sec.Version, plan.Change{By: "fysio", Action: plan.Updated, Before: original, After: sec.Text}); err != nil {
		t.Fatal(err)
	}
	p, _ = s.Plan(ctx, "emma", "", "")
	saved, ch, err := s.UndoLast(ctx, p, "fysio")
	if err != nil {
		t.Fatal(err)
	}
	if saved.Text != original || saved.Version != 3 || ch.Action != plan.Undone || ch.UndoOf != 2 {
		t.Fatalf("undo saved %+v, change %+v", saved, ch)
	}
	changes, _ := s.Changes(ctx, "emma", 0)
	if len(changes) != 3 || changes[1].After != "feil tekst" {
		t.Fatalf("the undone change must stay in the log: %+v", changes)
	}
	// Nothing more to undo for fysio; someone else has nothing either.
	p, _ = s.Plan(ctx, "emma", "", "")
	if _, _, err := s.UndoLast(ctx, p, "fysio"); plan.ErrorCode(err) != plan.NotFound {
		t.Fatalf("second undo: %v", err)
	}
	// An undo after someone else's edit is refused, naming that edit.
	sec, _ = p.Section("fysioterapi")
	sec.Text = "fysio igjen"
	_, _, _ = s.SaveSection(ctx, p, sec, sec.Version, plan.Change{By: "fysio", Action: plan.Updated, Before: original, After: sec.Text})
	p, _ = s.Plan(ctx, "emma", "", "")
	sec, _ = p.Section("fysioterapi")
	sec.Text = "koordinator skrev"
	_, _, _ = s.SaveSection(ctx, p, sec, sec.Version, plan.Change{By: "koordinator", Action: plan.Updated, After: sec.Text})
	p, _ = s.Plan(ctx, "emma", "", "")
	_, _, err = s.UndoLast(ctx, p, "fysio")
	var c *plan.ConflictError
	if !errors.As(err, &c) || len(c.Between) != 1 || c.Between[0].By != "koordinator" {
		t.Fatalf("undo over another's edit: %v", err)
	}
}
