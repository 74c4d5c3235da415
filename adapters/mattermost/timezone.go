package mattermost

import (
	"context"
	"time"
)

// TimeZone is the person's own time zone as set in Mattermost (automatic or
// manual), so nudges reach them in their working hours; nil when they have
// set none or it is unknown. It is the nudge scheduler's optional TimeZoner.
func (a *Adapter) TimeZone(ctx context.Context, username string) (*time.Location, error) {
	u, err := a.users.ByName(ctx, username)
	if err != nil {
		return nil, err
	}
	name := u.GetPreferredTimezone()
	if name == "" {
		return nil, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, nil // a zone this machine does not know: the default applies
	}
	return loc, nil
}
