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
	rdb   goredis.UniversalClient
	now   func() time.Time
	cache *planCache
}

// New returns a store on rdb. now is the clock (time.Now if nil).
func New(rdb goredis.UniversalClient, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{rdb: rdb, now: now, cache: newPlanCache(1024)}
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
// audit log as done by who for what (nothing is recorded when who is "").
func (s *Store) Plan(ctx context.Context, id, who, what string) (*plan.Plan, error) {
	snap, err := s.Read(ctx, id, who, what, ReadOptions{})
	if err != nil {
		return nil, err
	}
	return (*cachedPlan)(snap.Plan).clone(), nil
}

// ReadOptions asks Read for more than the plan.
type ReadOptions struct {
	// Changes is how many of the newest changes to read.
	Changes int
	// Audit is how many of the newest audit entries to read (before this read).
	Audit int
	// SeenBy names a participant whose "last looked" time to read.
	SeenBy string
}

// Snapshot is a plan and what was asked for with it.
type Snapshot struct {
	// Plan is shared with the store's cache and other readers: it must not
	// be modified (copy what you change; Plan returns a private copy).
	Plan    *plan.Plan
	Changes []plan.Change
	Audit   []AuditEntry
	Seen    time.Time
}

// readScript reads a whole plan unless the reader's cached copy is still
// current (the plan's "rev" counter moves on every write), and appends the
// read to the audit log when the plan exists.
//
// KEYS: meta, participants, sections, activities, consents, versions, audit.
// ARGV: the cached rev ("" for none), audit JSON ("" for none).
// Returns {rev} when the cache is current, else {rev, meta, participants,
// sections, activities, consents, versions} (hashes as flat arrays).
var readScript = goredis.NewScript(`
local meta = redis.call('GET', KEYS[1])
if not meta then return {} end
if ARGV[2] ~= '' then redis.call('RPUSH', KEYS[7], ARGV[2]) end
local rev = redis.call('HGET', KEYS[6], 'rev') or '0'
if rev == ARGV[1] then return {rev} end
return {rev, meta, redis.call('HGETALL', KEYS[2]), redis.call('HGETALL', KEYS[3]),
  redis.call('HGETALL', KEYS[4]), redis.call('HGETALL', KEYS[5]), redis.call('HGETALL', KEYS[6])}
`)

// Read reads a whole plan, and what o asks for, in one round trip, and
// records the read in the audit log as done by who for what. A plan read
// before and unchanged since comes from the store's cache: only its revision
// crosses the wire.
func (s *Store) Read(ctx context.Context, id, who, what string, o ReadOptions) (*Snapshot, error) {
	auditJSON := ""
	if who != "" {
		auditJSON = marshal(AuditEntry{At: s.now(), Who: who, Action: "read", What: what})
	}
	var decode func() (*plan.Plan, error)
	var llen *goredis.IntCmd
	var changes, audit *goredis.StringSliceCmd
	var seen *goredis.StringCmd
	err := s.withScripts(ctx, true, func(p goredis.Pipeliner, useSha bool) {
		if o.Audit > 0 {
			audit = p.LRange(ctx, keyAudit(id), int64(-o.Audit), -1)
		}
		decode = s.queueRead(ctx, p, id, auditJSON, useSha)
		if o.Changes > 0 {
			llen = p.LLen(ctx, keyChanges(id))
			changes = p.LRange(ctx, keyChanges(id), int64(-o.Changes), -1)
		}
		if o.SeenBy != "" {
			seen = p.HGet(ctx, keySeen(id), o.SeenBy)
		}
	})
	if err != nil {
		return nil, err
	}
	p, err := decode()
	if err != nil {
		return nil, err
	}
	snap := &Snapshot{Plan: p}
	if changes != nil {
		if snap.Changes, err = decodeChanges(llen.Val(), changes.Val()); err != nil {
			return nil, err
		}
	}
	if audit != nil {
		if snap.Audit, err = decodeAudit(audit.Val()); err != nil {
			return nil, err
		}
	}
	if seen != nil && seen.Err() == nil {
		if n, err := seen.Int64(); err == nil {
			snap.Seen = time.Unix(0, n)
		}
	}
	return snap, nil
}

// withScripts runs fn's commands in one pipeline (a MULTI/EXEC one when tx)
// using the scripts' SHA, and once more with their text if the server has
// not seen them yet.
func (s *Store) withScripts(ctx context.Context, tx bool, fn func(p goredis.Pipeliner, useSha bool)) error {
	run := func(useSha bool) error {
		f := func(p goredis.Pipeliner) error { fn(p, useSha); return nil }
		if tx {
			_, err := s.rdb.TxPipelined(ctx, f)
			return err
		}
		_, err := s.rdb.Pipelined(ctx, f)
		return err
	}
	err := run(true)
	if err != nil && goredis.HasErrorPrefix(err, "NOSCRIPT") {
		err = run(false) // first use on this server: send the script itself
	}
	if errors.Is(err, goredis.Nil) {
		err = nil
	}
	return unavailable(err)
}

// queueRead adds the read of plan id to p (auditJSON, if set, is appended to
// its audit log when the plan exists) and returns the function that decodes
// the reply once p has run: from the cache when the plan is unchanged.
func (s *Store) queueRead(ctx context.Context, p goredis.Pipeliner, id, auditJSON string, useSha bool) func() (*plan.Plan, error) {
	cached, cachedRev := s.cache.get(id)
	keys := []string{keyMeta(id), keyItems(id, kindParticipants), keyItems(id, kindSections),
		keyItems(id, kindActivities), keyItems(id, kindConsents), keyVersions(id), keyAudit(id)}
	var res *goredis.Cmd
	if useSha {
		res = readScript.EvalSha(ctx, p, keys, cachedRev, auditJSON)
	} else {
		res = readScript.Eval(ctx, p, keys, cachedRev, auditJSON)
	}
	return func() (*plan.Plan, error) {
		vals, _ := res.Slice()
		if len(vals) == 0 {
			return nil, plan.Errorf(plan.NotFound, "no plan %q", id)
		}
		rev, _ := vals[0].(string)
		switch {
		case len(vals) == 1 && cached != nil:
			return (*plan.Plan)(cached), nil
		case len(vals) == 7:
			items := map[string]map[string]string{
				kindParticipants: flatMap(vals[2]), kindSections: flatMap(vals[3]),
				kindActivities: flatMap(vals[4]), kindConsents: flatMap(vals[5]),
			}
			meta, _ := vals[1].(string)
			fresh, err := decodePlanMaps(meta, items, flatMap(vals[6]))
			if err != nil {
				return nil, err
			}
			s.cache.put(id, rev, (*cachedPlan)(fresh))
			return fresh, nil
		}
		return nil, fmt.Errorf("read plan %q: unexpected reply of %d values", id, len(vals))
	}
}

// flatMap turns a Lua HGETALL reply into a map.
func flatMap(v any) map[string]string {
	a, _ := v.([]any)
	m := make(map[string]string, len(a)/2)
	for i := 0; i+1 < len(a); i += 2 {
		k, _ := a[i].(string)
		x, _ := a[i+1].(string)
		m[k] = x
	}
	return m
}

func decodePlanMaps(meta string, items map[string]map[string]string, vers map[string]string) (*plan.Plan, error) {
	var h header
	if err := json.Unmarshal([]byte(meta), &h); err != nil {
		return nil, fmt.Errorf("decode plan header: %w", err)
	}
	p := &plan.Plan{ID: h.ID, Person: h.Person, Language: h.Language, Status: h.Status,
		PeriodStart: h.PeriodStart, PeriodEnd: h.PeriodEnd, NextRevision: h.NextRevision}
	var err error
	if p.Participants, err = decodeItems[plan.Participant](items[kindParticipants]); err != nil {
		return nil, err
	}
	if p.Sections, err = decodeItems[plan.Section](items[kindSections]); err != nil {
		return nil, err
	}
	if p.Activities, err = decodeItems[plan.Activity](items[kindActivities]); err != nil {
		return nil, err
	}
	if p.Consents, err = decodeItems[plan.Consent](items[kindConsents]); err != nil {
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
