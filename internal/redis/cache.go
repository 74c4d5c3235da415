package redis

import (
	"sync"

	"github.com/planprat/planprat/internal/plan"
)

// cachedPlan is a decoded plan kept by the store; callers get clones.
type cachedPlan plan.Plan

// clone copies the plan so a caller may change its copy freely.
func (c *cachedPlan) clone() *plan.Plan {
	p := plan.Plan(*c)
	p.Participants = append([]plan.Participant(nil), c.Participants...)
	p.Sections = append([]plan.Section(nil), c.Sections...)
	p.Activities = append([]plan.Activity(nil), c.Activities...)
	p.Consents = append([]plan.Consent(nil), c.Consents...)
	return &p
}

// planCache keeps recently read plans with their revision, so an unchanged
// plan is not sent and decoded again. It is bounded; when full, an arbitrary
// entry makes room. The revision check in Redis keeps it right with any
// number of bot processes.
type planCache struct {
	mu    sync.Mutex
	max   int
	plans map[string]cacheEntry
}

type cacheEntry struct {
	rev  string
	plan *cachedPlan
}

func newPlanCache(max int) *planCache {
	return &planCache{max: max, plans: make(map[string]cacheEntry)}
}

func (c *planCache) get(id string) (*cachedPlan, string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.plans[id]
	if !ok {
		return nil, ""
	}
	return e.plan, e.rev
}

func (c *planCache) put(id, rev string, p *cachedPlan) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.plans[id]; !ok && len(c.plans) >= c.max {
		for k := range c.plans {
			delete(c.plans, k)
			break
		}
	}
	c.plans[id] = cacheEntry{rev: rev, plan: p}
}
