package nudge_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/planprat/planprat/internal/nudge"
	"github.com/planprat/planprat/internal/plan"
	store "github.com/planprat/planprat/internal/redis"
	"github.com/planprat/planprat/internal/redistest"
)

var oslo = plan.Oslo

// day is a local Oslo time.
func day(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, oslo)
}

// clock is a controllable clock shared by store and schedulers.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time)     { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// sent is one direct message the fake sender got.
type sent struct {
	At   time.Time
	To   string
	Text string
}

// sender is a fake chat.DirectSender (our own port) that records messages.
type sender struct {
	mu    sync.Mutex
	clock *clock
	msgs  []sent
	zones map[string]*time.Location
	// fail makes SendDirect panic, like a crash after the claim.
	fail bool
}

func (s *sender) SendDirect(ctx context.Context, user, text string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail {
		panic("crash between claim and send")
	}
	s.msgs = append(s.msgs, sent{At: s.clock.Now(), To: user, Text: text})
	return nil
}

func (s *sender) TimeZone(ctx context.Context, user string) (*time.Location, error) {
	if loc, ok := s.zones[user]; ok {
		return loc, nil
	}
	return nil, fmt.Errorf("no zone set")
}

func (s *sender) take() []sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.msgs
	s.msgs = nil
	return out
}

// to returns the messages sent to user.
func to(msgs []sent, user string) []sent {
	var out []sent
	for _, m := range msgs {
		if m.To == user {
			out = append(out, m)
		}
	}
	return out
}

// expecter records what the engine was told to expect.
type expecter struct {
	mu    sync.Mutex
	calls []string
}

func (e *expecter) ExpectUpdate(ctx context.Context, platform, user, planID, participantID string, sectionIDs []string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.calls = append(e.calls, fmt.Sprintf("%s %s %s %s %s", platform, user, planID, participantID, strings.Join(sectionIDs, ",")))
	return nil
}

// summarizer is a fake engine summary.
type summarizer struct{}

func (summarizer) WhatsNew(ctx context.Context, p *plan.Plan, participantID string, since time.Time) (string, bool) {
	return "Kari har oppdatert «Fysioterapi».", true
}

// fixture is a store, a clock, a sender and a scheduler on a fresh Redis.
type fixture struct {
	t      *testing.T
	rdb    goredis.UniversalClient
	clock  *clock
	store  *store.Store
	send   *sender
	expect *expecter
	sched  *nudge.Scheduler
	set    nudge.Settings
	// notices turns on families' notices (the engine's summary).
	notices bool
}

func newFixture(t *testing.T, start time.Time, set nudge.Settings) *fixture {
	t.Helper()
	f := &fixture{t: t, rdb: redistest.New(t), clock: &clock{t: start}, expect: &expecter{}, set: set}
	f.store = store.New(f.rdb, f.clock.Now)
	f.send = &sender{clock: f.clock}
	f.sched = f.scheduler(f.send)
	return f
}

func (f *fixture) scheduler(s *sender) *nudge.Scheduler {
	var sum nudge.Summarizer
	if f.notices {
		sum = summarizer{}
	}
	return nudge.New(nudge.Config{Store: store.New(f.rdb, f.clock.Now), Platform: "mattermost", Sender: s,
		Settings: f.set, Now: f.clock.Now, Expect: f.expect, Summary: sum})
}

// settings are the defaults with a given reminder spacing and maximum, and
// no digests (Sunday is never a working day) so tests see only nudges.
func settings(reminderDays, maxReminders int) nudge.Settings {
	s := nudge.DefaultSettings()
	s.ReminderDays, s.MaxReminders, s.DigestDay = reminderDays, maxReminders, time.Sunday
	return s
}

// section is a measure owned by owner, due reviewDays after updated.
func section(id, title, owner string, reviewDays int, updated time.Time, body string) plan.Section {
	return plan.Section{ID: id, Title: title, Kind: plan.Measure, Owner: owner, ReviewDays: reviewDays,
		Text: body, UpdatedBy: owner, UpdatedAt: updated}
}

const fysioText = "Fysioterapi to ganger i uka, en gang på skolen og en gang på senteret. Tøyeprogram hjemme hver kveld. Ny vurdering av ganghjelpemiddel i desember."

// emma is a small plan: family, a coordinator and two professionals.
func emma(secs ...plan.Section) *plan.Plan {
	given := day(2026, 1, 5, 10, 0)
	return &plan.Plan{ID: "emma", Person: "Emma Hansen", Language: "nb", Status: plan.Active,
		PeriodStart: day(2026, 1, 1, 0, 0), PeriodEnd: day(2028, 12, 31, 0, 0), NextRevision: day(2028, 6, 1, 0, 0),
		Participants: []plan.Participant{
			{ID: "mor", Name: "Anne Hansen", Role: plan.Family, Relation: "mor", Handles: plan.Handles{Mattermost: "anne.hansen"}},
			{ID: "koordinator", Name: "Silje Berg", Role: plan.Coordinator, Title: "barnekoordinator", Handles: plan.Handles{Mattermost: "silje.berg"}},
			{ID: "fysio", Name: "Kari Nilsen", Role: plan.Professional, Title: "fysioterapeut", Handles: plan.Handles{Mattermost: "kari.nilsen"}},
			{ID: "laerer", Name: "Lars Vik", Role: plan.Professional, Title: "kontaktlærer", Handles: plan.Handles{Mattermost: "lars.vik"}},
		},
		Sections: append([]plan.Section{{ID: "mal", Title: "Emmas mål", Kind: plan.Goals, Owner: "mor",
			Text: "Gå selv med rullator.", UpdatedBy: "mor", UpdatedAt: given}}, secs...),
		Consents: []plan.Consent{
			{Participant: "koordinator", GivenBy: "mor", GivenAt: given},
			{Participant: "fysio", GivenBy: "mor", GivenAt: given},
			{Participant: "laerer", GivenBy: "mor", GivenAt: given},
		}}
}

func (f *fixture) put(p *plan.Plan) {
	f.t.Helper()
	if err := f.store.PutPlan(context.Background(), p, "operator", "test"); err != nil {
		f.t.Fatal(err)
	}
}

// pass runs one pass at the fixture's clock.
func (f *fixture) pass() nudge.Report {
	f.t.Helper()
	rep, err := f.sched.Pass(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return rep
}

// run makes a pass every step from the clock's time until end and returns
// every message sent.
func (f *fixture) run(end time.Time, step time.Duration) []sent {
	f.t.Helper()
	for ; !f.clock.Now().After(end); f.clock.Add(step) {
		f.pass()
	}
	f.clock.Set(end)
	return f.send.take()
}

// nudgeTimes lists when messages to user were sent, as local Oslo times.
func nudgeTimes(msgs []sent, user string) []string {
	var out []string
	for _, m := range to(msgs, user) {
		out = append(out, m.At.In(oslo).Format("Mon 2006-01-02 15:04 MST"))
	}
	return out
}

// changes returns the plan's nudge log entries as "action target by".
func (f *fixture) changes(planID string) []string {
	f.t.Helper()
	cs, err := f.store.Changes(context.Background(), planID, 0)
	if err != nil {
		f.t.Fatal(err)
	}
	var out []string
	for _, c := range cs {
		if c.Kind == plan.NudgeChange {
			out = append(out, fmt.Sprintf("%s %s %s", c.Action, c.Target, c.By))
		}
	}
	return out
}
