package mattermost

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// userTTL is how long a looked-up user is trusted; usernames rarely change.
const userTTL = time.Hour

type cachedUser struct {
	user    *model.User
	fetched time.Time
}

// users looks Mattermost users up by id or username, once per userTTL.
type users struct {
	api    *model.Client4
	mu     sync.Mutex
	byID   map[string]cachedUser
	byName map[string]cachedUser
	now    func() time.Time
}

func newUsers(api *model.Client4) *users {
	return &users{api: api, byID: map[string]cachedUser{}, byName: map[string]cachedUser{}, now: time.Now}
}

func (u *users) cached(m map[string]cachedUser, key string) *model.User {
	u.mu.Lock()
	defer u.mu.Unlock()
	c, ok := m[key]
	if !ok || u.now().Sub(c.fetched) > userTTL {
		return nil
	}
	return c.user
}

func (u *users) remember(user *model.User) {
	u.mu.Lock()
	defer u.mu.Unlock()
	c := cachedUser{user: user, fetched: u.now()}
	u.byID[user.Id] = c
	u.byName[user.Username] = c
}

// ByID returns the user with the given id.
func (u *users) ByID(ctx context.Context, id string) (*model.User, error) {
	if user := u.cached(u.byID, id); user != nil {
		return user, nil
	}
	user, _, err := u.api.GetUser(ctx, id, "")
	if err != nil {
		return nil, fmt.Errorf("look up user %s: %w", id, err)
	}
	u.remember(user)
	return user, nil
}

// ByName returns the user with the given username.
func (u *users) ByName(ctx context.Context, username string) (*model.User, error) {
	if user := u.cached(u.byName, username); user != nil {
		return user, nil
	}
	user, _, err := u.api.GetUserByUsername(ctx, username, "")
	if err != nil {
		return nil, fmt.Errorf("look up user @%s: %w", username, err)
	}
	u.remember(user)
	return user, nil
}
