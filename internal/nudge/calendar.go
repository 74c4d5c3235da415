package nudge

import (
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/no"
)

// workdays is Monday–Friday without Norway's public holidays (including the
// movable ones around Easter and Whitsun), from a maintained calendar rather
// than a hand-typed list. Its cache is safe for concurrent use.
var workdays = func() *cal.BusinessCalendar {
	c := cal.NewBusinessCalendar()
	c.AddHoliday(no.Holidays...)
	c.Cacheable = true
	return c
}()

// IsWorkday tells whether the local date of t in loc is a working day in Norway.
func IsWorkday(t time.Time, loc *time.Location) bool {
	return workdays.IsWorkday(t.In(loc))
}

// Holiday names the Norwegian public holiday on the local date of t, if any.
func Holiday(t time.Time, loc *time.Location) (string, bool) {
	_, obs, h := workdays.IsHoliday(t.In(loc))
	if !obs || h == nil {
		return "", false
	}
	return h.Name, true
}

// at is the moment clock (since midnight) on t's local date in loc. Building
// it from the date, not by adding hours, keeps 08:00 at 08:00 across
// daylight-saving changes.
func at(t time.Time, clock time.Duration, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, int(clock/time.Hour), int(clock%time.Hour/time.Minute), 0, 0, loc)
}

// nextDay is noon on the local day after t's, a safe handle for a date.
func nextDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d+1, 12, 0, 0, 0, loc)
}

// workday tells whether nudges may go out on t's local date.
func (s Settings) workday(t time.Time, loc *time.Location) bool {
	return s.EveryDay || IsWorkday(t, loc)
}

// working tells whether t is inside working hours in loc.
func (s Settings) working(t time.Time, loc *time.Location) bool {
	if !s.workday(t, loc) {
		return false
	}
	return !t.Before(at(t, s.WorkStart, loc)) && t.Before(at(t, s.WorkEnd, loc))
}

// nextWorkStart is the first moment at or after t inside working hours in
// loc: t itself when it is inside.
func (s Settings) nextWorkStart(t time.Time, loc *time.Location) time.Time {
	if s.working(t, loc) {
		return t
	}
	day := t
	for i := 0; i < 30; i++ {
		if start := at(day, s.WorkStart, loc); s.workday(day, loc) && !start.Before(t) {
			return start
		}
		day = nextDay(day, loc)
	}
	return at(day, s.WorkStart, loc) // unreachable with Norway's calendar
}

// afterWorkdays is the start of the n-th working day after t's local date.
func (s Settings) afterWorkdays(t time.Time, n int, loc *time.Location) time.Time {
	day := t
	for n > 0 {
		day = nextDay(day, loc)
		if s.workday(day, loc) {
			n--
		}
	}
	return at(day, s.WorkStart, loc)
}

// localDate is t's date in loc, "2026-10-26": the window a nudge belongs to.
func localDate(t time.Time, loc *time.Location) string {
	return t.In(loc).Format(time.DateOnly)
}
