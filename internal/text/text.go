// Package text holds every user-facing word planprat says, one catalogue per
// language (nb, nn, en), and the way it writes dates and times.
package text

import (
	"fmt"
	"strings"
	"time"
)

// Lang is a language code: "nb", "nn" or "en".
type Lang string

// Languages.
const (
	NB Lang = "nb"
	NN Lang = "nn"
	EN Lang = "en"
)

// Parse returns the language for a code, bokmål when unknown.
func Parse(code string) Lang {
	switch strings.ToLower(strings.TrimSpace(code)) {
	case "nn", "nno", "nynorsk":
		return NN
	case "en", "eng", "english":
		return EN
	}
	return NB
}

// Catalogue is one language's messages, key → fmt format.
type Catalogue map[string]string

var catalogues = map[Lang]Catalogue{}

// register adds messages to a language's catalogue; each language file
// calls it from init.
func register(l Lang, c Catalogue) {
	if catalogues[l] == nil {
		catalogues[l] = Catalogue{}
	}
	for k, v := range c {
		catalogues[l][k] = v
	}
}

// T returns message key in language l, formatted with args. A key missing in
// nn falls back to nb, and any other miss to English, then to the key.
func T(l Lang, key string, args ...any) string {
	f, ok := catalogues[l][key]
	if !ok && l == NN {
		f, ok = catalogues[NB][key]
	}
	if !ok {
		f, ok = catalogues[EN][key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// Keys returns every key in a language's catalogue, for tests.
func Keys(l Lang) []string {
	out := make([]string, 0, len(catalogues[l]))
	for k := range catalogues[l] {
		out = append(out, k)
	}
	return out
}

var weekdays = map[Lang][7]string{
	NB: {"søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"},
	NN: {"sundag", "måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag"},
	EN: {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
}

var months = map[Lang][12]string{
	NB: {"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"},
	NN: {"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"},
	EN: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// Date writes a day the way people say it: "tirsdag 8. desember", with the
// year only when it is not the year of now. t is shown in zone loc.
func Date(l Lang, t, now time.Time, loc *time.Location) string {
	t = t.In(loc)
	wd := weekdays[l][t.Weekday()]
	mo := months[l][t.Month()-1]
	var s string
	if l == EN {
		s = fmt.Sprintf("%s %d %s", wd, t.Day(), mo)
	} else {
		s = fmt.Sprintf("%s %d. %s", wd, t.Day(), mo)
	}
	if t.Year() != now.In(loc).Year() {
		s += fmt.Sprintf(" %d", t.Year())
	}
	return s
}

// Clock writes a time of day: "kl. 10", "kl. 10.30", "at 10:30".
func Clock(l Lang, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if l == EN {
		return fmt.Sprintf("at %d:%02d", t.Hour(), t.Minute())
	}
	if t.Minute() == 0 {
		return fmt.Sprintf("kl. %d", t.Hour())
	}
	return fmt.Sprintf("kl. %d.%02d", t.Hour(), t.Minute())
}

// DateTime writes a day and time: "tirsdag 8. desember kl. 10".
func DateTime(l Lang, t, now time.Time, loc *time.Location) string {
	return Date(l, t, now, loc) + " " + Clock(l, t, loc)
}

// When writes a moment relative to now in plain words where that is
// clearer: "i dag kl. 10", "i morgen kl. 9", else DateTime or Date.
func When(l Lang, t time.Time, allDay bool, now time.Time, loc *time.Location) string {
	ty, tm, td := t.In(loc).Date()
	ny, nm, nd := now.In(loc).Date()
	day := ""
	today := time.Date(ny, nm, nd, 0, 0, 0, 0, loc)
	switch time.Date(ty, tm, td, 0, 0, 0, 0, loc) {
	case today:
		day = T(l, "date.today")
	case today.AddDate(0, 0, 1):
		day = T(l, "date.tomorrow")
	case today.AddDate(0, 0, -1):
		day = T(l, "date.yesterday")
	default:
		day = Date(l, t, now, loc)
	}
	if allDay {
		return day
	}
	return day + " " + Clock(l, t, loc)
}

// Problem describes a completeness problem in plain words. subject is the
// name of the section or participant concerned, if any.
func Problem(l Lang, code, subject string) string {
	if subject != "" {
		return T(l, "problem."+code, subject)
	}
	return T(l, "problem."+code)
}
