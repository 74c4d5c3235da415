package redis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/planprat/planprat/internal/plan"
)

// NudgeHint is the nudge scheduler's note about one section: the stale
// period (Due, as in the stale index) its state is for, and the time before
// which there is nothing to do.
type NudgeHint struct {
	Due    time.Time
	NextAt time.Time
}

func (h NudgeHint) encode() string {
	return strconv.FormatInt(h.Due.Unix(), 10) + " " + strconv.FormatInt(h.NextAt.Unix(), 10)
}

func decodeHint(s string) (NudgeHint, bool) {
	a, b, ok := strings.Cut(s, " ")
	if !ok {
		return NudgeHint{}, false
	}
	due, err1 := strconv.ParseInt(a, 10, 64)
	next, err2 := strconv.ParseInt(b, 10, 64)
	if err1 != nil || err2 != nil {
		return NudgeHint{}, false
	}
	return NudgeHint{Due: time.Unix(due, 0), NextAt: time.Unix(next, 0)}, true
}

// NudgeHints returns the hint for each ref (zero when none), in one round
// trip: one HMGET per plan.
func (s *Store) NudgeHints(ctx context.Context, refs []SectionRef) ([]NudgeHint, error) {
	type group struct {
		fields []string
		at     []int
		cmd    *goredis.SliceCmd
	}
	byPlan := map[string]*group{}
	order := []string{}
	for i, r := range refs {
		g := byPlan[r.Plan]
		if g == nil {
			g = &group{}
			byPlan[r.Plan] = g
			order = append(order, r.Plan)
		}
		g.fields = append(g.fields, r.Section)
		g.at = append(g.at, i)
	}
	_, err := s.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
		for _, id := range order {
			g := byPlan[id]
			g.cmd = p.HMGet(ctx, keyNudgeNext(id), g.fields...)
		}
		return nil
	})
	if err != nil {
		return nil, unavailable(err)
	}
	out := make([]NudgeHint, len(refs))
	for _, g := range byPlan {
		for j, v := range g.cmd.Val() {
			if str, ok := v.(string); ok {
				out[g.at[j]], _ = decodeHint(str)
			}
		}
	}
	return out, nil
}

// SetNudgeHints notes, per plan and section, when the scheduler next needs
// to look. Hints are only an optimisation: losing one costs a plan read.
func (s *Store) SetNudgeHints(ctx context.Context, hints map[string]map[string]NudgeHint) error {
	if len(hints) == 0 {
		return nil
	}
	_, err := s.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
		for planID, secs := range hints {
			vals := make([]any, 0, 2*len(secs))
			for sec, h := range secs {
				vals = append(vals, sec, h.encode())
			}
			p.HSet(ctx, keyNudgeNext(planID), vals...)
		}
		return nil
	})
	return unavailable(err)
}

// NudgeStates returns the nudge state of each section of a plan that has
// one: the coordinator's stale-sections summary shows them. A state whose
// Due or Owner no longer matches the section belongs to an earlier period
// (see plan.NudgeState.For).
func (s *Store) NudgeStates(ctx context.Context, planID string) (map[string]plan.NudgeState, error) {
	raw, err := s.rdb.HGetAll(ctx, keyNudges(planID)).Result()
	if err != nil {
		return nil, unavailable(err)
	}
	return decodeStates(raw)
}

func decodeStates(raw map[string]string) (map[string]plan.NudgeState, error) {
	out := make(map[string]plan.NudgeState, len(raw))
	for sec, v := range raw {
		var st plan.NudgeState
		if err := json.Unmarshal([]byte(v), &st); err != nil {
			return nil, fmt.Errorf("decode nudge state of %q: %w", sec, err)
		}
		out[sec] = st
	}
	return out, nil
}

// PlanNudges is a plan with the nudge states of its sections.
type PlanNudges struct {
	// Plan is shared with the store's cache: it must not be modified.
	Plan   *plan.Plan
	States map[string]plan.NudgeState
}

// PlansWithNudges reads several whole plans and their nudge states in one
// round trip, without an audit entry: the scheduler's re-check at fire time
// (what it then sends is audited when the nudge is recorded). Plans that are
// gone are left out.
func (s *Store) PlansWithNudges(ctx context.Context, ids []string) (map[string]PlanNudges, error) {
	decode := make([]func() (*plan.Plan, error), len(ids))
	nudges := make([]*goredis.MapStringStringCmd, len(ids))
	err := s.withScripts(ctx, false, func(p goredis.Pipeliner, useSha bool) {
		for i, id := range ids {
			decode[i] = s.queueRead(ctx, p, id, "", useSha)
			nudges[i] = p.HGetAll(ctx, keyNudges(id))
		}
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string]PlanNudges, len(ids))
	for i, id := range ids {
		p, err := decode[i]()
		if plan.ErrorCode(err) == plan.NotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		st, err := decodeStates(nudges[i].Val())
		if err != nil {
			return nil, err
		}
		out[id] = PlanNudges{Plan: p, States: st}
	}
	return out, nil
}

// NudgeWrite is one compare-and-set of a section's nudge state.
type NudgeWrite struct {
	Section string
	// Base is the version of the state the writer read (0 when none).
	Base  int
	State plan.NudgeState
	// Hint is stored with the state when set.
	Hint NudgeHint
	// Change and Audit are logged with the write when set.
	Change *plan.Change
	Audit  *AuditEntry
}

// nudgeScript applies compare-and-set writes to sections' nudge states and
// logs each applied one, atomically: the claim of a nudge is its record, made
// before the message is sent, so two replicas cannot both send it and a crash
// after the claim cannot send it twice.
//
// KEYS: nudges hash, nudge-next hash, changes list, audit list.
// ARGV: count, then per write: section, base version, state JSON, hint ("" =
// keep), change JSON ("" = none), audit JSON ("" = none).
// Returns one 1 (applied) or 0 (someone else wrote first) per write.
var nudgeScript = goredis.NewScript(`
local out = {}
for i = 0, tonumber(ARGV[1]) - 1 do
  local b = 2 + i * 6
  local cur = redis.call('HGET', KEYS[1], ARGV[b])
  local v = 0
  if cur then v = tonumber(cjson.decode(cur).version) or 0 end
  if v ~= tonumber(ARGV[b + 1]) then
    out[#out + 1] = 0
  else
    redis.call('HSET', KEYS[1], ARGV[b], ARGV[b + 2])
    if ARGV[b + 3] ~= '' then redis.call('HSET', KEYS[2], ARGV[b], ARGV[b + 3]) end
    if ARGV[b + 4] ~= '' then redis.call('RPUSH', KEYS[3], ARGV[b + 4]) end
    if ARGV[b + 5] ~= '' then redis.call('RPUSH', KEYS[4], ARGV[b + 5]) end
    out[#out + 1] = 1
  end
end
return out
`)

// RecordNudges applies writes to one plan's nudge states atomically, each
// only if its state is still at Base, and reports which were applied. A
// change without a time gets the store's clock; its Kind is plan.NudgeChange.
func (s *Store) RecordNudges(ctx context.Context, planID string, ws []NudgeWrite) ([]bool, error) {
	if len(ws) == 0 {
		return nil, nil
	}
	args := make([]any, 0, 1+6*len(ws))
	args = append(args, len(ws))
	at := s.now()
	for _, w := range ws {
		w.State.Version = w.Base + 1
		hint, change, audit := "", "", ""
		if !w.Hint.Due.IsZero() {
			hint = w.Hint.encode()
		}
		if w.Change != nil {
			c := *w.Change
			c.Kind = plan.NudgeChange
			if c.Target == "" {
				c.Target = w.Section
			}
			if c.At.IsZero() {
				c.At = at
			}
			change = marshal(c)
		}
		if w.Audit != nil {
			a := *w.Audit
			if a.At.IsZero() {
				a.At = at
			}
			audit = marshal(a)
		}
		args = append(args, w.Section, w.Base, marshal(w.State), hint, change, audit)
	}
	res, err := nudgeScript.Run(ctx, s.rdb,
		[]string{keyNudges(planID), keyNudgeNext(planID), keyChanges(planID), keyAudit(planID)}, args...).Int64Slice()
	if err != nil {
		return nil, unavailable(err)
	}
	if len(res) != len(ws) {
		return nil, fmt.Errorf("record nudges: %d replies for %d writes", len(res), len(ws))
	}
	out := make([]bool, len(res))
	for i, v := range res {
		out[i] = v == 1
	}
	return out, nil
}

// SetNoticeFrequency sets how often participant hears what is new in a plan.
func (s *Store) SetNoticeFrequency(ctx context.Context, planID, participant string, f plan.NoticeFrequency) error {
	if !f.Valid() {
		return plan.Errorf(plan.Invalid, "unknown notice frequency %q", f)
	}
	return unavailable(s.rdb.HSet(ctx, keyNotices(planID), participant+":freq", string(f)).Err())
}

// MarkNoticed records that participant got a "what's new" notice at t.
func (s *Store) MarkNoticed(ctx context.Context, planID, participant string, t time.Time) error {
	return unavailable(s.rdb.HSet(ctx, keyNotices(planID), participant+":last", t.UnixNano()).Err())
}

// NoticeSettings returns the notice settings of a plan's participants who
// have any; the others get the default.
func (s *Store) NoticeSettings(ctx context.Context, planID string) (map[string]plan.NoticeSettings, error) {
	raw, err := s.rdb.HGetAll(ctx, keyNotices(planID)).Result()
	if err != nil {
		return nil, unavailable(err)
	}
	return decodeNotices(raw), nil
}

func decodeNotices(raw map[string]string) map[string]plan.NoticeSettings {
	out := map[string]plan.NoticeSettings{}
	for k, v := range raw {
		i := strings.LastIndexByte(k, ':')
		if i < 0 {
			continue
		}
		who, what := k[:i], k[i+1:]
		n := out[who]
		switch what {
		case "freq":
			n.Frequency = plan.NoticeFrequency(v)
		case "last":
			if ns, err := strconv.ParseInt(v, 10, 64); err == nil {
				n.LastSent = time.Unix(0, ns)
			}
		}
		out[who] = n
	}
	return out
}

// SetDigestDay sets the weekday a coordinator (a handle on a platform) gets
// the weekly digest of all their plans.
func (s *Store) SetDigestDay(ctx context.Context, platform, handle string, day time.Weekday) error {
	if day < time.Sunday || day > time.Saturday {
		return plan.Errorf(plan.Invalid, "no such weekday")
	}
	field := platform + ":" + NormalizeHandle(platform, handle)
	return unavailable(s.rdb.HSet(ctx, keyDigestDay, field, int(day)).Err())
}

// DigestDays returns every chosen digest day, "platform:handle" → weekday.
func (s *Store) DigestDays(ctx context.Context) (map[string]time.Weekday, error) {
	raw, err := s.rdb.HGetAll(ctx, keyDigestDay).Result()
	if err != nil {
		return nil, unavailable(err)
	}
	out := make(map[string]time.Weekday, len(raw))
	for k, v := range raw {
		if d, err := strconv.Atoi(v); err == nil && d >= 0 && d <= 6 {
			out[k] = time.Weekday(d)
		}
	}
	return out, nil
}

// PlanBrief is the little the daily sweep needs to know about a plan to
// decide whether to read it: who takes part, when it last changed, and the
// participants' notice settings.
type PlanBrief struct {
	ID           string
	Participants []plan.Participant
	LastChange   time.Time
	Notices      map[string]plan.NoticeSettings
}

// PlanBriefs returns up to n plans after the id after ("" from the start)
// in id order, in two round trips; an empty result means the end.
func (s *Store) PlanBriefs(ctx context.Context, after string, n int) ([]PlanBrief, error) {
	start := "-"
	if after != "" {
		start = "(" + after
	}
	ids, err := s.rdb.ZRangeArgs(ctx, goredis.ZRangeArgs{Key: keyPlans, Start: start, Stop: "+",
		ByLex: true, Count: int64(n)}).Result()
	if err != nil {
		return nil, unavailable(err)
	}
	parts := make([]*goredis.MapStringStringCmd, len(ids))
	last := make([]*goredis.StringCmd, len(ids))
	notices := make([]*goredis.MapStringStringCmd, len(ids))
	_, err = s.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
		for i, id := range ids {
			parts[i] = p.HGetAll(ctx, keyItems(id, kindParticipants))
			last[i] = p.LIndex(ctx, keyChanges(id), -1)
			notices[i] = p.HGetAll(ctx, keyNotices(id))
		}
		return nil
	})
	if err != nil && !errors.Is(err, goredis.Nil) {
		return nil, unavailable(err)
	}
	out := make([]PlanBrief, len(ids))
	for i, id := range ids {
		b := PlanBrief{ID: id, Notices: decodeNotices(notices[i].Val())}
		if b.Participants, err = decodeItems[plan.Participant](parts[i].Val()); err != nil {
			return nil, err
		}
		if last[i].Err() == nil {
			var c plan.Change
			if json.Unmarshal([]byte(last[i].Val()), &c) == nil {
				b.LastChange = c.At
			}
		}
		out[i] = b
	}
	return out, nil
}

// LoadPlans writes many new plans into a store that does not hold them yet,
// in pipelines of a few hundred plans: a bulk load for migrations, load
// tests and benchmarks. Unlike PutPlan it neither reads nor versions what
// was there, so it must not replace plans in use.
func (s *Store) LoadPlans(ctx context.Context, ps []*plan.Plan, by string) error {
	at := s.now()
	const batch = 500
	for i := 0; i < len(ps); i += batch {
		_, err := s.rdb.Pipelined(ctx, func(pipe goredis.Pipeliner) error {
			for _, p := range ps[i:min(i+batch, len(ps))] {
				writePlan(ctx, pipe, p, func(string) int { return 1 })
				indexPlan(ctx, pipe, p)
				pipe.RPush(ctx, keyChanges(p.ID), marshal(plan.Change{At: at, By: by, Kind: plan.PlanChange,
					Target: p.ID, Action: plan.Created, Version: 1, Reason: "bulk load"}))
			}
			return nil
		})
		if err != nil {
			return unavailable(err)
		}
	}
	return nil
}

// DueCursor is where a walk over the stale index stands: after Skip entries
// with score Score. The zero cursor is the start.
type DueCursor struct {
	started bool
	score   float64
	skip    int64
}

// DueSectionsFrom returns up to limit sections stale at until, most overdue
// first, from cursor on, and the cursor after them. Unlike DueSections with
// an offset, each page costs only its own entries, so walking all due
// sections costs time in proportion to them.
func (s *Store) DueSectionsFrom(ctx context.Context, cur DueCursor, until time.Time, limit int) ([]SectionRef, DueCursor, error) {
	start := "-inf"
	if cur.started {
		start = strconv.FormatFloat(cur.score, 'f', -1, 64)
	}
	zs, err := s.rdb.ZRangeArgsWithScores(ctx, goredis.ZRangeArgs{Key: keyStale, Start: start,
		Stop: strconv.FormatInt(until.Unix(), 10), ByScore: true, Offset: cur.skip, Count: int64(limit)}).Result()
	if err != nil {
		return nil, cur, unavailable(err)
	}
	out := make([]SectionRef, len(zs))
	for i, z := range zs {
		p, sec := splitRef(z.Member.(string))
		out[i] = SectionRef{Plan: p, Section: sec, Due: time.Unix(int64(z.Score), 0)}
	}
	if len(zs) == 0 {
		return out, cur, nil
	}
	last := zs[len(zs)-1].Score
	next := DueCursor{started: true, score: last}
	if cur.started && cur.score == last {
		next.skip = cur.skip
	}
	for i := len(zs) - 1; i >= 0 && zs[i].Score == last; i-- {
		next.skip++
	}
	return out, next, nil
}
