package nudge_test

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/planprat/planprat/internal/nudge"
	"github.com/planprat/planprat/internal/plan"
	store "github.com/planprat/planprat/internal/redis"
	"github.com/planprat/planprat/internal/redistest"
)

// discard is a sender that drops messages (counting them).
type discard struct{ n int }

func (d *discard) SendDirect(ctx context.Context, user, text string) error { d.n++; return nil }

// BenchmarkPass seeds 100,000 plans of 12 sections (1.2 million sections in
// the stale index) once, with due times spread so that 0.1%, 1% and 10% of
// the sections are due at three moments of a Monday morning. For each share
// it times the first pass (every due section is nudged: plan read, record,
// send) once, then benchmarks the steady pass (everything due was already
// handled: the index and hints are read, no plan). PLANPRAT_BENCH_PLANS
// changes the number of plans.
//
//	go test -run '^$' -bench BenchmarkPass -benchtime 20x ./internal/nudge
func BenchmarkPass(b *testing.B) {
	plans := 100_000
	if v, err := strconv.Atoi(os.Getenv("PLANPRAT_BENCH_PLANS")); err == nil && v > 0 {
		plans = v
	}
	const perPlan = 12
	ctx := context.Background()
	rdb := redistest.New(b)
	base := day(2027, 1, 4, 8, 0) // Monday
	clk := &clock{t: base}
	st := store.New(rdb, clk.Now)

	// Section number r (in a random order) is due at base + r/100 seconds:
	// 12,000 distinct seconds, all inside Monday's working hours.
	total := plans * perPlan
	rank := rand.New(rand.NewSource(1)).Perm(total)
	start := time.Now()
	batch := make([]*plan.Plan, 0, 1000)
	for i := 0; i < plans; i++ {
		p := benchPlan(i)
		for j := 0; j < perPlan; j++ {
			due := base.Add(time.Duration(rank[i*perPlan+j]/100) * time.Second)
			p.Sections = append(p.Sections, plan.Section{ID: fmt.Sprintf("s%02d", j), Title: fmt.Sprintf("Del %d", j),
				Kind: plan.Measure, Owner: fmt.Sprintf("p%d", j%3), ReviewDays: 30, Text: "Tiltaket går som planlagt, med ukentlig oppfølging.",
				UpdatedBy: "k", UpdatedAt: due.AddDate(0, 0, -30)})
		}
		batch = append(batch, p)
		if len(batch) == cap(batch) || i == plans-1 {
			if err := st.LoadPlans(ctx, batch, "bench"); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	b.Logf("seeded %d plans, %d sections in %v", plans, total, time.Since(start).Round(time.Millisecond))

	set := nudge.DefaultSettings()
	set.DigestDay = time.Sunday // no digests: time the nudges alone
	for _, share := range []float64{0.001, 0.01, 0.1} {
		due := int(float64(total) * share)
		now := base.Add(time.Duration(due/100-1) * time.Second) // ranks 0 … due-1
		clk.Set(now)
		send := &discard{}
		s := nudge.New(nudge.Config{Store: st, Platform: "console", Sender: send, Settings: set, Now: clk.Now})
		t0 := time.Now()
		if _, err := s.Pass(ctx); err != nil {
			b.Fatal(err)
		}
		b.Logf("%4.1f%% due (%d sections): first pass sent %d messages in %v", share*100, due, send.n,
			time.Since(t0).Round(time.Millisecond))
		b.Run(fmt.Sprintf("due=%g%%", share*100), func(b *testing.B) {
			b.ReportMetric(float64(due), "due-sections")
			for i := 0; i < b.N; i++ {
				if _, err := s.Pass(ctx); err != nil {
					b.Fatal(err)
				}
			}
			if send.n > due {
				b.Fatalf("steady passes sent %d messages for %d due sections", send.n, due)
			}
		})
	}
}

// benchPlan is a minimal active plan: a coordinator and three owners, all
// with consent.
func benchPlan(i int) *plan.Plan {
	given := day(2026, 1, 5, 10, 0)
	p := &plan.Plan{ID: fmt.Sprintf("plan%06d", i), Person: "Emma Hansen", Language: "nb", Status: plan.Active,
		PeriodStart: day(2026, 1, 1, 0, 0), PeriodEnd: day(2028, 12, 31, 0, 0), NextRevision: day(2028, 6, 1, 0, 0),
		Participants: []plan.Participant{{ID: "k", Name: "Silje Berg", Role: plan.Coordinator}}}
	p.Consents = append(p.Consents, plan.Consent{Participant: "k", GivenBy: "mor", GivenAt: given})
	for j := 0; j < 3; j++ {
		id := fmt.Sprintf("p%d", j)
		p.Participants = append(p.Participants, plan.Participant{ID: id, Name: "Kari Nilsen", Role: plan.Professional})
		p.Consents = append(p.Consents, plan.Consent{Participant: id, GivenBy: "mor", GivenAt: given})
	}
	return p
}
