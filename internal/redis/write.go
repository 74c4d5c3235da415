package redis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/planprat/planprat/internal/plan"
)

// saveScript writes one item if its version is still the one the writer
// read, bumps the version, and appends the change and the audit entry, all
// atomically. The item keeps its position in the plan; a new item goes last.
//
// KEYS: items hash, versions hash, changes list, audit list.
// ARGV: item id, version field, base version, item JSON ("" removes it),
// change JSON, audit JSON.
// Returns {1, change seq} or {0, current version}.
var saveScript = goredis.NewScript(`
local cur = tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0')
if cur ~= tonumber(ARGV[3]) then return {0, cur} end
if ARGV[4] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  local old = redis.call('HGET', KEYS[1], ARGV[1])
  local pos
  if old then pos = cjson.decode(old).pos else pos = redis.call('HINCRBY', KEYS[2], 'pos', 1) end
  redis.call('HSET', KEYS[1], ARGV[1], '{"pos":' .. pos .. ',"item":' .. ARGV[4] .. '}')
end
redis.call('HSET', KEYS[2], ARGV[2], cur + 1)
redis.call('HINCRBY', KEYS[2], 'rev', 1)
local seq = redis.call('RPUSH', KEYS[3], ARGV[5])
redis.call('RPUSH', KEYS[4], ARGV[6])
return {1, seq}
`)

// write is one versioned write of one item.
type write struct {
	planID string
	kind   string // items hash suffix
	field  string // versions hash field
	id     string
	base   int
	item   any // nil removes the item
	change plan.Change
	// index is added to the same round trip when the write succeeds or not;
	// the caller corrects it on conflict.
	index func(p goredis.Pipeliner)
}

// save runs w in one round trip and returns the change as logged.
func (s *Store) save(ctx context.Context, w write) (plan.Change, error) {
	w.change.Version = w.base + 1
	if w.change.At.IsZero() {
		w.change.At = s.now()
	}
	itemJSON := ""
	if w.item != nil {
		itemJSON = marshal(w.item)
	}
	audit := AuditEntry{At: w.change.At, Who: w.change.By, Action: "write",
		What: fmt.Sprintf("%s %s %s", w.change.Kind, w.change.Target, w.change.Action)}
	var res *goredis.Cmd
	_, err := s.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
		res = saveScript.Eval(ctx, p,
			[]string{keyItems(w.planID, w.kind), keyVersions(w.planID), keyChanges(w.planID), keyAudit(w.planID)},
			w.id, w.field, w.base, itemJSON, marshal(w.change), marshal(audit))
		if w.index != nil {
			w.index(p)
		}
		return nil
	})
	if err != nil {
		return plan.Change{}, unavailable(err)
	}
	vals, err := res.Int64Slice()
	if err != nil || len(vals) != 2 {
		return plan.Change{}, fmt.Errorf("save %s: unexpected reply %v: %w", w.field, res.Val(), err)
	}
	if vals[0] == 0 {
		between, err := s.changesAfter(ctx, w.planID, w.change.Kind, w.change.Target, w.base)
		if err != nil {
			return plan.Change{}, err
		}
		return plan.Change{}, &plan.ConflictError{Kind: w.change.Kind, ID: w.change.Target,
			Base: w.base, Current: int(vals[1]), Between: between}
	}
	w.change.Seq = vals[1]
	return w.change, nil
}

// changesAfter returns the logged changes to one item after version base,
// oldest first, looking back over the recent log.
func (s *Store) changesAfter(ctx context.Context, planID string, kind plan.ChangeKind, target string, base int) ([]plan.Change, error) {
	recent, err := s.Changes(ctx, planID, 500)
	if err != nil {
		return nil, err
	}
	var out []plan.Change
	for _, c := range recent {
		if c.Kind == kind && c.Target == target && c.Version > base {
			out = append(out, c)
		}
	}
	return out, nil
}

// SaveSection stores sec, which the writer based on version base of the
// section (0 for a new one), and logs ch. p is the plan as the writer read
// it (its revision date decides when the section becomes stale). It returns
// the section as stored and the logged change, or a *plan.ConflictError when
// someone else changed the section since base.
func (s *Store) SaveSection(ctx context.Context, p *plan.Plan, sec plan.Section, base int, ch plan.Change) (plan.Section, plan.Change, error) {
	sec.Version = base + 1
	ch.Kind, ch.Target = plan.SectionChange, sec.ID
	due := p.DueAt(sec)
	logged, err := s.save(ctx, write{planID: p.ID, kind: kindSections, field: "section:" + sec.ID, id: sec.ID,
		base: base, item: sec, change: ch,
		index: func(pipe goredis.Pipeliner) { indexDue(ctx, pipe, p.ID, sec.ID, due) },
	})
	var conflict *plan.ConflictError
	if errors.As(err, &conflict) {
		// The index got this writer's due time; put back the stored one.
		if fresh, ferr := s.Plan(ctx, p.ID, "", ""); ferr == nil {
			if cur, ok := fresh.Section(sec.ID); ok {
				indexDue(ctx, s.rdb, p.ID, sec.ID, fresh.DueAt(cur))
			}
		}
	}
	if err != nil {
		return plan.Section{}, plan.Change{}, err
	}
	return sec, logged, nil
}

func indexDue(ctx context.Context, c goredis.Cmdable, planID, sectionID string, due time.Time) {
	if due.IsZero() {
		c.ZRem(ctx, keyStale, ref(planID, sectionID))
		return
	}
	c.ZAdd(ctx, keyStale, goredis.Z{Score: float64(due.Unix()), Member: ref(planID, sectionID)})
}

// SaveActivity stores a, based on version base (0 for a new one).
func (s *Store) SaveActivity(ctx context.Context, planID string, a plan.Activity, base int, ch plan.Change) (plan.Activity, plan.Change, error) {
	a.Version = base + 1
	ch.Kind, ch.Target = plan.ActivityChange, a.ID
	logged, err := s.save(ctx, write{planID: planID, kind: kindActivities, field: "activity:" + a.ID, id: a.ID,
		base: base, item: a, change: ch})
	if err != nil {
		return plan.Activity{}, plan.Change{}, err
	}
	return a, logged, nil
}

// SaveConsent stores c, based on version base (0 for a new one).
func (s *Store) SaveConsent(ctx context.Context, planID string, c plan.Consent, base int, ch plan.Change) (plan.Consent, plan.Change, error) {
	c.Version = base + 1
	ch.Kind, ch.Target = plan.ConsentChange, c.Participant
	logged, err := s.save(ctx, write{planID: planID, kind: kindConsents, field: "consent:" + c.Participant,
		id: c.Participant, base: base, item: c, change: ch})
	if err != nil {
		return plan.Consent{}, plan.Change{}, err
	}
	return c, logged, nil
}

// SaveParticipant stores x, based on version base (0 for a new one), and
// updates the handle index. old is the participant as read (zero if new).
func (s *Store) SaveParticipant(ctx context.Context, planID string, old, x plan.Participant, base int, ch plan.Change) (plan.Participant, plan.Change, error) {
	x.Version = base + 1
	ch.Kind, ch.Target = plan.ParticipantChange, x.ID
	logged, err := s.save(ctx, write{planID: planID, kind: kindParticipants, field: "participant:" + x.ID,
		id: x.ID, base: base, item: x, change: ch})
	if err != nil {
		return plan.Participant{}, plan.Change{}, err
	}
	_, err = s.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
		for _, h := range handlesOf(old) {
			p.SRem(ctx, keyHandle(h[0], h[1]), ref(planID, old.ID))
		}
		for _, h := range handlesOf(x) {
			p.SAdd(ctx, keyHandle(h[0], h[1]), ref(planID, x.ID))
		}
		return nil
	})
	if err != nil {
		return plan.Participant{}, plan.Change{}, unavailable(err)
	}
	return x, logged, nil
}

// NormalizeHandle puts a handle in the form the index keeps: Mattermost
// usernames and e-mail addresses are case-insensitive, Slack ids are not.
func NormalizeHandle(platform, handle string) string {
	handle = strings.TrimSpace(strings.TrimPrefix(handle, "@"))
	if platform == "slack" {
		return handle
	}
	return strings.ToLower(handle)
}

// handlesOf lists a participant's (platform, handle) pairs, including the
// plan-local id under the platform "id".
func handlesOf(x plan.Participant) [][2]string {
	if x.ID == "" {
		return nil
	}
	out := [][2]string{{"id", x.ID}}
	for _, h := range [][2]string{{"mattermost", x.Handles.Mattermost}, {"slack", x.Handles.Slack}, {"email", x.Handles.Email}} {
		if h[1] != "" {
			out = append(out, [2]string{h[0], NormalizeHandle(h[0], h[1])})
		}
	}
	return out
}

// PutPlan creates or replaces a whole plan (an import) atomically. Nothing of
// the plan's history is lost: the change and audit logs go on, every item's
// version moves forward (so a writer who read the old plan is refused), and
// the import itself is logged.
func (s *Store) PutPlan(ctx context.Context, p *plan.Plan, by, reason string) error {
	if err := p.Validate(); err != nil {
		return plan.Errorf(plan.Invalid, "%v", err)
	}
	at := s.now()
	var old *plan.Plan
	txf := func(tx *goredis.Tx) error {
		var err error
		old, err = s.Plan(ctx, p.ID, "", "")
		if plan.ErrorCode(err) == plan.NotFound {
			old, err = nil, nil
		}
		if err != nil {
			return err
		}
		vers, err := tx.HGetAll(ctx, keyVersions(p.ID)).Result()
		if err != nil {
			return err
		}
		next := func(field string) int { return atoi(vers[field]) + 1 }
		_, err = tx.TxPipelined(ctx, func(pipe goredis.Pipeliner) error {
			pipe.Del(ctx, keyMeta(p.ID), keyItems(p.ID, kindParticipants), keyItems(p.ID, kindSections),
				keyItems(p.ID, kindActivities), keyItems(p.ID, kindConsents))
			writePlan(ctx, pipe, p, next)
			action := plan.Created
			if old != nil {
				action = plan.Imported
			}
			pipe.RPush(ctx, keyChanges(p.ID), marshal(plan.Change{At: at, By: by, Kind: plan.PlanChange,
				Target: p.ID, Action: action, Version: next("plan"), Reason: reason}))
			pipe.RPush(ctx, keyAudit(p.ID), marshal(AuditEntry{At: at, Who: by, Action: "import", What: "whole plan"}))
			return nil
		})
		return err
	}
	if err := s.rdb.Watch(ctx, txf, keyVersions(p.ID)); err != nil {
		if errors.Is(err, goredis.TxFailedErr) {
			return plan.Errorf(plan.Conflict, "plan %q changed while it was being imported; try again", p.ID)
		}
		var pe *plan.Error
		if errors.As(err, &pe) {
			return err
		}
		return unavailable(err)
	}
	_, err := s.rdb.Pipelined(ctx, func(pipe goredis.Pipeliner) error {
		if old != nil {
			for _, x := range old.Participants {
				for _, h := range handlesOf(x) {
					pipe.SRem(ctx, keyHandle(h[0], h[1]), ref(p.ID, x.ID))
				}
			}
			for _, x := range old.Sections {
				pipe.ZRem(ctx, keyStale, ref(p.ID, x.ID))
			}
		}
		indexPlan(ctx, pipe, p)
		return nil
	})
	return unavailable(err)
}

// writePlan writes a whole plan's header, items and versions hash into
// pipe; next gives each version field's new value ("plan", "rev",
// "section:ID", …). The caller clears what was there.
func writePlan(ctx context.Context, pipe goredis.Pipeliner, p *plan.Plan, next func(field string) int) {
	pipe.Set(ctx, keyMeta(p.ID), marshal(headerOf(p)), 0)
	vers := map[string]any{"plan": next("plan"), "rev": next("rev")}
	pos := 0
	put := func(kind, field, id string, v any) {
		pos++
		pipe.HSet(ctx, keyItems(p.ID, kind), id, fmt.Sprintf(`{"pos":%d,"item":%s}`, pos, marshal(v)))
	}
	for _, x := range p.Participants {
		x.Version = next("participant:" + x.ID)
		vers["participant:"+x.ID] = x.Version
		put(kindParticipants, "participant:"+x.ID, x.ID, x)
	}
	for _, x := range p.Sections {
		x.Version = next("section:" + x.ID)
		vers["section:"+x.ID] = x.Version
		put(kindSections, "section:"+x.ID, x.ID, x)
	}
	for _, x := range p.Activities {
		x.Version = next("activity:" + x.ID)
		vers["activity:"+x.ID] = x.Version
		put(kindActivities, "activity:"+x.ID, x.ID, x)
	}
	for _, x := range p.Consents {
		x.Version = next("consent:" + x.Participant)
		vers["consent:"+x.Participant] = x.Version
		put(kindConsents, "consent:"+x.Participant, x.Participant, x)
	}
	vers["pos"] = pos // new items go after these
	pipe.HSet(ctx, keyVersions(p.ID), vers)
}

// indexPlan adds a plan to the global indexes: the plan list, its
// participants' handles, and when each section becomes stale.
func indexPlan(ctx context.Context, pipe goredis.Pipeliner, p *plan.Plan) {
	pipe.ZAdd(ctx, keyPlans, goredis.Z{Member: p.ID})
	for _, x := range p.Participants {
		for _, h := range handlesOf(x) {
			pipe.SAdd(ctx, keyHandle(h[0], h[1]), ref(p.ID, x.ID))
		}
	}
	for _, x := range p.Sections {
		indexDue(ctx, pipe, p.ID, x.ID, p.DueAt(x))
	}
}

// Changes returns the plan's newest n changes (all if n <= 0), oldest first,
// in one round trip.
func (s *Store) Changes(ctx context.Context, planID string, n int) ([]plan.Change, error) {
	var llen *goredis.IntCmd
	var rng *goredis.StringSliceCmd
	_, err := s.rdb.TxPipelined(ctx, func(p goredis.Pipeliner) error {
		llen = p.LLen(ctx, keyChanges(planID))
		rng = p.LRange(ctx, keyChanges(planID), int64(-max(n, 0)), -1)
		if n <= 0 {
			rng = p.LRange(ctx, keyChanges(planID), 0, -1)
		}
		return nil
	})
	if err != nil {
		return nil, unavailable(err)
	}
	return decodeChanges(llen.Val(), rng.Val())
}

func decodeChanges(llen int64, raw []string) ([]plan.Change, error) {
	out := make([]plan.Change, len(raw))
	first := llen - int64(len(raw)) + 1
	for i, r := range raw {
		if err := json.Unmarshal([]byte(r), &out[i]); err != nil {
			return nil, fmt.Errorf("decode change: %w", err)
		}
		out[i].Seq = first + int64(i)
	}
	return out, nil
}

// Audit returns the plan's newest n audit entries (all if n <= 0), oldest first.
func (s *Store) Audit(ctx context.Context, planID string, n int) ([]AuditEntry, error) {
	start := int64(-n)
	if n <= 0 {
		start = 0
	}
	raw, err := s.rdb.LRange(ctx, keyAudit(planID), start, -1).Result()
	if err != nil {
		return nil, unavailable(err)
	}
	return decodeAudit(raw)
}

func decodeAudit(raw []string) ([]AuditEntry, error) {
	out := make([]AuditEntry, len(raw))
	for i, r := range raw {
		if err := json.Unmarshal([]byte(r), &out[i]); err != nil {
			return nil, fmt.Errorf("decode audit entry: %w", err)
		}
	}
	return out, nil
}

// RecordAudit appends an entry to a plan's audit log (e.g. an export).
func (s *Store) RecordAudit(ctx context.Context, planID string, e AuditEntry) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	return unavailable(s.rdb.RPush(ctx, keyAudit(planID), marshal(e)).Err())
}
