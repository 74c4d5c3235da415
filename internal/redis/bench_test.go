package redis_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/planprat/planprat/internal/plan"
	store "github.com/planprat/planprat/internal/redis"
)

// BenchmarkReadPlan reads Emma's plan as a participant (with the audit
// entry): the first read of each loop decodes it, later ones are served from
// the revision-checked cache, and "cold" makes every read a changed plan.
func BenchmarkReadPlan(b *testing.B) {
	ctx := context.Background()
	for _, cold := range []bool{false, true} {
		b.Run(fmt.Sprintf("cold=%v", cold), func(b *testing.B) {
			s, rt := newStore(b)
			p := emma(b)
			if err := s.PutPlan(ctx, p, "op", ""); err != nil {
				b.Fatal(err)
			}
			if cold {
				// Another process's store: its cache never has the plan.
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					fresh := store.New(s.Client(), clock)
					if _, err := fresh.Plan(ctx, "emma", "mor", "bench"); err != nil {
						b.Fatal(err)
					}
				}
			} else {
				rt.Reset()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if _, err := s.Plan(ctx, "emma", "mor", "bench"); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(rt.N())/float64(b.N), "roundtrips/op")
			}
		})
	}
}

// BenchmarkUpdateSection saves a new version of one section: one script,
// one round trip.
func BenchmarkUpdateSection(b *testing.B) {
	ctx := context.Background()
	s, rt := newStore(b)
	if err := s.PutPlan(ctx, emma(b), "op", ""); err != nil {
		b.Fatal(err)
	}
	p, _ := s.Plan(ctx, "emma", "", "")
	sec, _ := p.Section("fysioterapi")
	rt.Reset()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		base := sec.Version
		sec.Text = "versjon " + strconv.Itoa(i)
		var err error
		if sec, _, err = s.SaveSection(ctx, p, sec, base, plan.Change{By: "fysio", Action: plan.Updated, After: sec.Text}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rt.N())/float64(b.N), "roundtrips/op")
}

// BenchmarkStaleSections lists the stale sections across 10,000 plans
// (PLANPRAT_BENCH_PLANS to change) with 0.1 %, 1 % and 10 % of them stale.
// The listing reads only the stale entries of the index and those sections,
// so its time follows the number stale, not the number of plans.
func BenchmarkStaleSections(b *testing.B) {
	ctx := context.Background()
	plans := 10000
	if v, err := strconv.Atoi(os.Getenv("PLANPRAT_BENCH_PLANS")); err == nil && v > 0 {
		plans = v
	}
	s, rt := newStore(b)
	base := emma(b)
	// Every section fresh: reviewed "now", revision next year.
	base.NextRevision = now.AddDate(1, 0, 0)
	for i := range base.Sections {
		base.Sections[i].UpdatedAt, base.Sections[i].ConfirmedAt = now, time.Time{}
	}
	var batch []*plan.Plan
	for i := 0; i < plans; i++ {
		p := *base
		p.ID = fmt.Sprintf("plan%05d", i)
		p.Sections = append([]plan.Section(nil), base.Sections...)
		batch = append(batch, &p)
	}
	if err := s.LoadPlans(ctx, batch, "bench"); err != nil {
		b.Fatal(err)
	}
	// Make share·plans sections stale by moving their due time back.
	stale := 0
	for _, share := range []float64{0.001, 0.01, 0.1} {
		want := int(float64(plans) * share)
		for ; stale < want; stale++ {
			p := batch[stale]
			sec := p.Sections[4]
			sec.UpdatedAt = now.AddDate(0, 0, -100)
			if _, _, err := s.SaveSection(ctx, p, sec, 1, plan.Change{By: "bench", Action: plan.Updated}); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprintf("plans=%d/stale=%d", plans, want), func(b *testing.B) {
			rt.Reset()
			for i := 0; i < b.N; i++ {
				got, err := s.StaleSections(ctx, now, 100000)
				if err != nil {
					b.Fatal(err)
				}
				if len(got) != want {
					b.Fatalf("%d stale, want %d", len(got), want)
				}
			}
			b.ReportMetric(float64(rt.N())/float64(b.N), "roundtrips/op")
		})
	}
}
