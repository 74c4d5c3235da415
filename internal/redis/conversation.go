package redis

import (
	"context"
	"errors"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// Arrival is what the engine needs to know when a message arrives.
type Arrival struct {
	// Duplicate is true when this message id was seen before.
	Duplicate bool
	// State is the person's saved conversation state (nil if none).
	State []byte
	// Memberships are the plans the person takes part in.
	Memberships []Membership
}

// Arrive records a message id (so a second delivery is recognised), and
// reads the sender's conversation state and plans, in one round trip.
// An empty msgID is never a duplicate.
func (s *Store) Arrive(ctx context.Context, platform, user, msgID string, dedupe time.Duration) (Arrival, error) {
	var claim *goredis.BoolCmd
	var state *goredis.StringCmd
	var refs *goredis.StringSliceCmd
	_, err := s.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
		if msgID != "" {
			claim = p.SetNX(ctx, keyClaim("msg:"+platform+":"+msgID), "1", dedupe)
		}
		state = p.Get(ctx, keyConversation(platform, user))
		refs = p.SMembers(ctx, keyHandle(handlePlatform(platform), NormalizeHandle(platform, user)))
		return nil
	})
	if err != nil && !errors.Is(err, goredis.Nil) {
		return Arrival{}, unavailable(err)
	}
	var a Arrival
	if claim != nil && !claim.Val() {
		a.Duplicate = true
	}
	if state.Err() == nil {
		a.State = []byte(state.Val())
	}
	for _, r := range refs.Val() {
		p, x := splitRef(r)
		a.Memberships = append(a.Memberships, Membership{Plan: p, Participant: x})
	}
	sortMemberships(a.Memberships)
	return a, nil
}

// Finish saves the conversation state (nil: forget it) and, if seenPlan is
// set, marks that the participant has seen what is new, in one round trip.
func (s *Store) Finish(ctx context.Context, platform, user string, state []byte, ttl time.Duration, seenPlan, seenBy string, seenAt time.Time) error {
	_, err := s.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
		if state == nil {
			p.Del(ctx, keyConversation(platform, user))
		} else {
			p.Set(ctx, keyConversation(platform, user), state, ttl)
		}
		if seenPlan != "" {
			p.HSet(ctx, keySeen(seenPlan), seenBy, seenAt.UnixNano())
		}
		return nil
	})
	return unavailable(err)
}

// handlePlatform is the handle index a platform's users are found in: the
// console names participants by their plan-local id.
func handlePlatform(platform string) string {
	if platform == "console" {
		return "id"
	}
	return platform
}
