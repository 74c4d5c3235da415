package nudge_test

import (
	"testing"
	"time"

	"github.com/planprat/planprat/internal/nudge"
)

// The real Norwegian public holidays of 2026 and 2027 (Easter Sunday is
// 5 April 2026 and 28 March 2027), and days around them.
func TestWorkdaysInNorway(t *testing.T) {
	cases := map[string]struct {
		date    time.Time
		workday bool
		holiday string
	}{
		"2026 new year":           {day(2026, 1, 1, 12, 0), false, "Første nyttårsdag"},
		"2026 ordinary friday":    {day(2026, 1, 2, 12, 0), true, ""},
		"2026 maundy thursday":    {day(2026, 4, 2, 12, 0), false, "Skjærtorsdag"},
		"2026 good friday":        {day(2026, 4, 3, 12, 0), false, "Langfredag"},
		"2026 easter monday":      {day(2026, 4, 6, 12, 0), false, "Andre påskedag"},
		"2026 tuesday after":      {day(2026, 4, 7, 12, 0), true, ""},
		"2026 wednesday before":   {day(2026, 4, 1, 12, 0), true, ""},
		"2026 labour day":         {day(2026, 5, 1, 12, 0), false, "Arbeidernes dag"},
		"2026 ascension":          {day(2026, 5, 14, 12, 0), false, "Kristi Himmelfartsdag"},
		"2026 17 may (sunday)":    {day(2026, 5, 17, 12, 0), false, "Grunnlovsdag"},
		"2026 whit monday":        {day(2026, 5, 25, 12, 0), false, "Andre pinsedag"},
		"2026 christmas day":      {day(2026, 12, 25, 12, 0), false, "Første juledag"},
		"2026 christmas eve":      {day(2026, 12, 24, 12, 0), true, ""},
		"2026 saturday":           {day(2026, 10, 24, 12, 0), false, ""},
		"2027 new year":           {day(2027, 1, 1, 12, 0), false, "Første nyttårsdag"},
		"2027 maundy thursday":    {day(2027, 3, 25, 12, 0), false, "Skjærtorsdag"},
		"2027 good friday":        {day(2027, 3, 26, 12, 0), false, "Langfredag"},
		"2027 easter monday":      {day(2027, 3, 29, 12, 0), false, "Andre påskedag"},
		"2027 tuesday after":      {day(2027, 3, 30, 12, 0), true, ""},
		"2027 ascension":          {day(2027, 5, 6, 12, 0), false, "Kristi Himmelfartsdag"},
		"2027 friday after":       {day(2027, 5, 7, 12, 0), true, ""},
		"2027 17 may whit monday": {day(2027, 5, 17, 12, 0), false, "Grunnlovsdag"},
		"2027 18 may":             {day(2027, 5, 18, 12, 0), true, ""},
		"2027 christmas (sat)":    {day(2027, 12, 25, 12, 0), false, "Første juledag"},
		"2027 boxing day (sun)":   {day(2027, 12, 26, 12, 0), false, "Andre juledag"},
		"2027 monday 27 dec":      {day(2027, 12, 27, 12, 0), true, ""},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if got := nudge.IsWorkday(c.date, oslo); got != c.workday {
				t.Errorf("IsWorkday(%s) = %v, want %v", c.date.Format(time.DateOnly), got, c.workday)
			}
			got, _ := nudge.Holiday(c.date, oslo)
			if c.holiday != "" && got != c.holiday {
				t.Errorf("Holiday(%s) = %q, want %q", c.date.Format(time.DateOnly), got, c.holiday)
			}
			if c.workday && got != "" {
				t.Errorf("Holiday(%s) = %q on a working day", c.date.Format(time.DateOnly), got)
			}
		})
	}
}

func TestWhitMonday2027IsAHolidayToo(t *testing.T) {
	// 17 May 2027 is both Constitution Day and Whit Monday; either way no nudge.
	if nudge.IsWorkday(day(2027, 5, 17, 9, 0), oslo) {
		t.Fatal("17 May 2027 is a working day")
	}
}

func TestSettingsFrom(t *testing.T) {
	cases := map[string]struct {
		start, end string
		days, max  int
		digest     string
		want       nudge.Settings
		err        bool
	}{
		"defaults": {want: nudge.DefaultSettings()},
		"all set": {start: "07:30", end: "15.45", days: 2, max: 4, digest: "fredag", want: func() nudge.Settings {
			s := nudge.DefaultSettings()
			s.WorkStart, s.WorkEnd, s.ReminderDays, s.MaxReminders, s.DigestDay = 7*time.Hour+30*time.Minute, 15*time.Hour+45*time.Minute, 2, 4, time.Friday
			return s
		}()},
		"bad clock":        {start: "half past eight", err: true},
		"end before start": {start: "16:00", end: "08:00", err: true},
		"bad day":          {digest: "someday", err: true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := nudge.SettingsFrom(c.start, c.end, c.days, c.max, c.digest)
			if (err != nil) != c.err {
				t.Fatalf("err = %v, want error %v", err, c.err)
			}
			if err == nil && (got.WorkStart != c.want.WorkStart || got.WorkEnd != c.want.WorkEnd ||
				got.ReminderDays != c.want.ReminderDays || got.MaxReminders != c.want.MaxReminders || got.DigestDay != c.want.DigestDay) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}
