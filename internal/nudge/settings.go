package nudge

import (
	"fmt"
	"strings"
	"time"

	"github.com/planprat/planprat/internal/plan"
)

// Settings say when and how often the scheduler asks.
type Settings struct {
	// WorkStart and WorkEnd bound the working day, as time since local
	// midnight in the recipient's zone.
	WorkStart time.Duration
	WorkEnd   time.Duration
	// ReminderDays is how many working days pass between a nudge and the next.
	ReminderDays int
	// MaxReminders is how many reminders follow the first nudge before the
	// coordinator is told.
	MaxReminders int
	// DigestDay is the coordinators' weekly digest day unless they chose one.
	DigestDay time.Weekday
	// Zone is the recipients' time zone when their platform does not say.
	Zone *time.Location
	// Page is how many index entries a pass reads per round trip.
	Page int
	// EveryDay lets nudges go out on weekends and public holidays too, for
	// round-the-clock services (and end-to-end tests run on any day).
	EveryDay bool
}

// DefaultSettings are 08:00–16:00 in Oslo, a reminder after 3 working days,
// at most 2 reminders, and the digest on Monday.
func DefaultSettings() Settings {
	return Settings{WorkStart: 8 * time.Hour, WorkEnd: 16 * time.Hour, ReminderDays: 3, MaxReminders: 2,
		DigestDay: time.Monday, Zone: plan.Oslo, Page: 5000}
}

// SettingsFrom makes Settings from configuration strings ("08:00", "16:00",
// "monday"); empty or zero values keep the defaults.
func SettingsFrom(workStart, workEnd string, reminderDays, maxReminders int, digestDay string) (Settings, error) {
	s := DefaultSettings()
	var err error
	if workStart != "" {
		if s.WorkStart, err = ParseClock(workStart); err != nil {
			return s, fmt.Errorf("work start: %w", err)
		}
	}
	if workEnd != "" {
		if s.WorkEnd, err = ParseClock(workEnd); err != nil {
			return s, fmt.Errorf("work end: %w", err)
		}
	}
	if s.WorkEnd <= s.WorkStart {
		return s, fmt.Errorf("the working day must end after it starts")
	}
	if reminderDays > 0 {
		s.ReminderDays = reminderDays
	}
	if maxReminders > 0 {
		s.MaxReminders = maxReminders
	}
	if digestDay != "" {
		if s.DigestDay, err = ParseWeekday(digestDay); err != nil {
			return s, fmt.Errorf("digest day: %w", err)
		}
	}
	return s, nil
}

// ParseClock reads a time of day, "08:00" or "8.30", as time since midnight.
func ParseClock(s string) (time.Duration, error) {
	var h, m int
	s = strings.ReplaceAll(strings.TrimSpace(s), ".", ":")
	if _, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil {
		if _, err := fmt.Sscanf(s, "%d", &h); err != nil {
			return 0, fmt.Errorf("%q is not a time of day like 08:00", s)
		}
	}
	if h < 0 || h > 24 || m < 0 || m > 59 || h == 24 && m > 0 {
		return 0, fmt.Errorf("%q is not a time of day like 08:00", s)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, nil
}

var weekdayNames = map[string]time.Weekday{
	"sunday": time.Sunday, "søndag": time.Sunday, "sundag": time.Sunday,
	"monday": time.Monday, "mandag": time.Monday, "måndag": time.Monday,
	"tuesday": time.Tuesday, "tirsdag": time.Tuesday, "tysdag": time.Tuesday,
	"wednesday": time.Wednesday, "onsdag": time.Wednesday,
	"thursday": time.Thursday, "torsdag": time.Thursday,
	"friday": time.Friday, "fredag": time.Friday,
	"saturday": time.Saturday, "lørdag": time.Saturday, "laurdag": time.Saturday,
}

// ParseWeekday reads a weekday in English, bokmål or nynorsk.
func ParseWeekday(s string) (time.Weekday, error) {
	if d, ok := weekdayNames[strings.ToLower(strings.TrimSpace(s))]; ok {
		return d, nil
	}
	return 0, fmt.Errorf("%q is not a weekday", s)
}
