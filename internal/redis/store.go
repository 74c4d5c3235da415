package redis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/planprat/planprat/internal/plan"
)

// Store keeps plans in Redis.
type Store struct {
	rdb goredis.UniversalClient
	now func() time.Time
}

// New returns a store on rdb. now is the clock (time.Now if nil).
func New(rdb goredis.UniversalClient, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{rdb: rdb, now: now}
}

// Client returns the underlying Redis client, for the store's siblings.
func (s *Store) Client() goredis.UniversalClient { return s.rdb }

// Ping checks that Redis answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.rdb.Ping(ctx).Err(); err != nil {
		return unavailable(err)
	}
	return nil
}

// unavailable turns a connection failure into an error users can be told.
func unavailable(err error) error {
	if err == nil || errors.Is(err, goredis.Nil) {
		return err
	}
	return fmt.Errorf("%w (%v)", plan.Errorf(plan.Unavailable, "the plan store cannot be reached right now"), err)
}

// header is the part of a plan kept in keyMeta.
type header struct {
	ID           string      `json:"id"`
	Person       string      `json:"person"`
	Language     string      `json:"language"`
	Status       plan.Status `json:"status"`
	PeriodStart  time.Time   `json:"period_start"`
	PeriodEnd    time.Time   `json:"period_end"`
	NextRevision time.Time   `json:"next_revision"`
}

// stored wraps an item with its position in the plan, so a plan reads back
// in the order it was written.
type stored[T any] struct {
	Pos  int `json:"pos"`
	Item T   `json:"item"`
}

// AuditEntry is one read or write of a plan.
type AuditEntry struct {
	At  time.Time `json:"at"`
	Who string    `json:"who"`
	// Action is "read", "write", "import" or "export".
	Action string `json:"action"`
	What   string `json:"what"`
}

func marshal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain structs are marshalled
	}
	return string(b)
}

func headerOf(p *plan.Plan) header {
	return header{ID: p.ID, Person: p.Person, Language: p.Language, Status: p.Status,
		PeriodStart: p.PeriodStart, PeriodEnd: p.PeriodEnd, NextRevision: p.NextRevision}
}

// Exists tells whether a plan is stored.
func (s *Store) Exists(ctx context.Context, id string) (bool, error) {
	n, err := s.rdb.Exists(ctx, keyMeta(id)).Result()
	if err != nil {
		return false, unavailable(err)
	}
	return n == 1, nil
}

// Plan reads a whole plan in one round trip and records the read in the
// audit log as done by who for what.
func (s *Store) Plan(ctx context.Context, id, who, what string) (*plan.Plan, error) {
	var meta *goredis.StringCmd
	items := map[string]*goredis.MapStringStringCmd{}
	var vers *goredis.MapStringStringCmd
	_, err := s.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
		meta = p.Get(ctx, keyMeta(id))
		for _, k := range itemKinds {
			items[k] = p.HGetAll(ctx, keyItems(id, k))
		}
		vers = p.HGetAll(ctx, keyVersions(id))
		if who != "" {
			p.RPush(ctx, keyAudit(id), marshal(AuditEntry{At: s.now(), Who: who, Action: "read", What: what}))
		}
		return nil
	})
	if errors.Is(err, goredis.Nil) {
		err = nil
	}
	if err != nil {
		return nil, unavailable(err)
	}
	if meta.Err() == goredis.Nil {
		if who != "" {
			// Nothing to audit: do not leave a log behind for a plan that isn't.
			s.rdb.Del(ctx, keyAudit(id))
		}
		return nil, plan.Errorf(plan.NotFound, "no plan %q", id)
	}
	return decodePlan(meta.Val(), items, vers.Val())
}

func decodePlan(meta string, items map[string]*goredis.MapStringStringCmd, vers map[string]string) (*plan.Plan, error) {
	var h header
	if err := json.Unmarshal([]byte(meta), &h); err != nil {
		return nil, fmt.Errorf("decode plan header: %w", err)
	}
	p := &plan.Plan{ID: h.ID, Person: h.Person, Language: h.Language, Status: h.Status,
		PeriodStart: h.PeriodStart, PeriodEnd: h.PeriodEnd, NextRevision: h.NextRevision}
	var err error
	if p.Participants, err = decodeItems[plan.Participant](items[kindParticipants].Val()); err != nil {
		return nil, err
	}
	if p.Sections, err = decodeItems[plan.Section](items[kindSections].Val()); err != nil {
		return nil, err
	}
	if p.Activities, err = decodeItems[plan.Activity](items[kindActivities].Val()); err != nil {
		return nil, err
	}
	if p.Consents, err = decodeItems[plan.Consent](items[kindConsents].Val()); err != nil {
		return nil, err
	}
	// The versions hash is the truth about versions; items carry a copy.
	for i := range p.Participants {
		p.Participants[i].Version = atoi(vers["participant:"+p.Participants[i].ID])
	}
	for i := range p.Sections {
		p.Sections[i].Version = atoi(vers["section:"+p.Sections[i].ID])
	}
	for i := range p.Activities {
		p.Activities[i].Version = atoi(vers["activity:"+p.Activities[i].ID])
	}
	for i := range p.Consents {
		p.Consents[i].Version = atoi(vers["consent:"+p.Consents[i].Participant])
	}
	p.Version = atoi(vers["plan"])
	return p, nil
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func decodeItems[T any](m map[string]string) ([]T, error) {
	all := make([]stored[T], 0, len(m))
	for id, v := range m {
		var x stored[T]
		if err := json.Unmarshal([]byte(v), &x); err != nil {
			return nil, fmt.Errorf("decode item %q: %w", id, err)
		}
		all = append(all, x)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Pos < all[j].Pos })
	out := make([]T, len(all))
	for i, x := range all {
		out[i] = x.Item
	}
	return out, nil
}

// ref is "planID/itemID", the members of the global indexes.
func ref(planID, id string) string { return planID + "/" + id }

func splitRef(r string) (string, string) {
	i := strings.IndexByte(r, '/')
	if i < 0 {
		return r, ""
	}
	return r[:i], r[i+1:]
}
