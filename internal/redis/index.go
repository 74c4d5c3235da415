package redis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/planprat/planprat/internal/plan"
)

// Membership says that a handle is participant Participant of plan Plan.
type Membership struct {
	Plan        string
	Participant string
}

// Memberships returns the plans a platform handle takes part in, sorted.
func (s *Store) Memberships(ctx context.Context, platform, handle string) ([]Membership, error) {
	refs, err := s.rdb.SMembers(ctx, keyHandle(platform, NormalizeHandle(platform, handle))).Result()
	if err != nil {
		return nil, unavailable(err)
	}
	out := make([]Membership, 0, len(refs))
	for _, r := range refs {
		p, x := splitRef(r)
		out = append(out, Membership{Plan: p, Participant: x})
	}
	sortMemberships(out)
	return out, nil
}

func sortMemberships(m []Membership) {
	for i := 1; i < len(m); i++ {
		for j := i; j > 0 && (m[j].Plan < m[j-1].Plan || m[j].Plan == m[j-1].Plan && m[j].Participant < m[j-1].Participant); j-- {
			m[j], m[j-1] = m[j-1], m[j]
		}
	}
}

// Summary is a plan's id and who it is for.
type Summary struct {
	ID       string
	Person   string
	Language string
	Status   plan.Status
}

// Summaries returns the header of each named plan, in one round trip;
// unknown ids are left out.
func (s *Store) Summaries(ctx context.Context, ids []string) ([]Summary, error) {
	cmds := make([]*goredis.StringCmd, len(ids))
	_, err := s.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
		for i, id := range ids {
			cmds[i] = p.Get(ctx, keyMeta(id))
		}
		return nil
	})
	if err != nil && !errors.Is(err, goredis.Nil) {
		return nil, unavailable(err)
	}
	out := make([]Summary, 0, len(ids))
	for _, c := range cmds {
		if c.Err() != nil {
			continue
		}
		var h header
		if err := json.Unmarshal([]byte(c.Val()), &h); err != nil {
			return nil, fmt.Errorf("decode plan header: %w", err)
		}
		out = append(out, Summary{ID: h.ID, Person: h.Person, Language: h.Language, Status: h.Status})
	}
	return out, nil
}

// EachPlan calls fn with pages of plan summaries in id order, without ever
// holding more than one page in memory.
func (s *Store) EachPlan(ctx context.Context, page int, fn func([]Summary) error) error {
	if page <= 0 {
		page = 500
	}
	after := "-"
	for {
		ids, err := s.rdb.ZRangeArgs(ctx, goredis.ZRangeArgs{Key: keyPlans, Start: after, Stop: "+",
			ByLex: true, Count: int64(page)}).Result()
		if err != nil {
			return unavailable(err)
		}
		if len(ids) == 0 {
			return nil
		}
		sums, err := s.Summaries(ctx, ids)
		if err != nil {
			return err
		}
		if err := fn(sums); err != nil {
			return err
		}
		if len(ids) < page {
			return nil
		}
		after = "(" + ids[len(ids)-1]
	}
}

// SectionRef names a section and when it becomes (or became) stale.
type SectionRef struct {
	Plan    string
	Section string
	Due     time.Time
}

// DueSections returns up to limit sections that are stale at until, most
// overdue first, starting after offset entries. It reads only the index
// entries that are due.
func (s *Store) DueSections(ctx context.Context, until time.Time, offset, limit int) ([]SectionRef, error) {
	zs, err := s.rdb.ZRangeArgsWithScores(ctx, goredis.ZRangeArgs{Key: keyStale, Start: "-inf",
		Stop: strconv.FormatInt(until.Unix(), 10), ByScore: true, Offset: int64(offset), Count: int64(limit)}).Result()
	if err != nil {
		return nil, unavailable(err)
	}
	out := make([]SectionRef, len(zs))
	for i, z := range zs {
		p, sec := splitRef(z.Member.(string))
		out[i] = SectionRef{Plan: p, Section: sec, Due: time.Unix(int64(z.Score), 0)}
	}
	return out, nil
}

// StaleSection is a stale section with its plan's header.
type StaleSection struct {
	Plan    Summary
	Section plan.Section
	Due     time.Time
}

// StaleSections returns up to limit sections stale at now across all plans,
// most overdue first, reading only those sections (two round trips).
func (s *Store) StaleSections(ctx context.Context, now time.Time, limit int) ([]StaleSection, error) {
	refs, err := s.DueSections(ctx, now, 0, limit)
	if err != nil {
		return nil, err
	}
	secs := make([]*goredis.StringCmd, len(refs))
	metas := make([]*goredis.StringCmd, len(refs))
	_, err = s.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
		for i, r := range refs {
			secs[i] = p.HGet(ctx, keyItems(r.Plan, kindSections), r.Section)
			metas[i] = p.Get(ctx, keyMeta(r.Plan))
		}
		return nil
	})
	if err != nil && !errors.Is(err, goredis.Nil) {
		return nil, unavailable(err)
	}
	out := make([]StaleSection, 0, len(refs))
	for i, r := range refs {
		if secs[i].Err() != nil || metas[i].Err() != nil {
			continue // removed since it was indexed
		}
		var st stored[plan.Section]
		var h header
		if err := json.Unmarshal([]byte(secs[i].Val()), &st); err != nil {
			return nil, fmt.Errorf("decode section: %w", err)
		}
		if err := json.Unmarshal([]byte(metas[i].Val()), &h); err != nil {
			return nil, fmt.Errorf("decode plan header: %w", err)
		}
		out = append(out, StaleSection{Plan: Summary{ID: h.ID, Person: h.Person, Language: h.Language, Status: h.Status},
			Section: st.Item, Due: r.Due})
	}
	return out, nil
}

// ClaimOnce marks name as taken for ttl and reports whether this caller got
// it: the first of several deliveries, replicas or clicks wins.
func (s *Store) ClaimOnce(ctx context.Context, name string, ttl time.Duration) (bool, error) {
	ok, err := s.rdb.SetNX(ctx, keyClaim(name), s.now().UTC().Format(time.RFC3339Nano), ttl).Result()
	if err != nil {
		return false, unavailable(err)
	}
	return ok, nil
}

// Conversation reads one person's saved conversation state (nil if none).
func (s *Store) Conversation(ctx context.Context, platform, user string) ([]byte, error) {
	b, err := s.rdb.Get(ctx, keyConversation(platform, user)).Bytes()
	if errors.Is(err, goredis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, unavailable(err)
	}
	return b, nil
}

// SaveConversation keeps one person's conversation state for ttl; empty
// state forgets it.
func (s *Store) SaveConversation(ctx context.Context, platform, user string, state []byte, ttl time.Duration) error {
	if len(state) == 0 {
		return unavailable(s.rdb.Del(ctx, keyConversation(platform, user)).Err())
	}
	return unavailable(s.rdb.Set(ctx, keyConversation(platform, user), state, ttl).Err())
}

// Seen returns when participant last looked at what is new in a plan.
func (s *Store) Seen(ctx context.Context, planID, participant string) (time.Time, error) {
	v, err := s.rdb.HGet(ctx, keySeen(planID), participant).Int64()
	if errors.Is(err, goredis.Nil) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, unavailable(err)
	}
	return time.Unix(0, v), nil
}

// MarkSeen records that participant looked at what is new at t.
func (s *Store) MarkSeen(ctx context.Context, planID, participant string, t time.Time) error {
	return unavailable(s.rdb.HSet(ctx, keySeen(planID), participant, t.UnixNano()).Err())
}
