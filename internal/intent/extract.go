package intent

import (
	"strconv"
	"time"
)

const day = 24 * time.Hour

// numberWords are counts people spell out ("om to dager", "in three days").
var numberWords = []struct {
	word string
	n    int
}{
	{"en", 1}, {"ett", 1}, {"ein", 1}, {"eit", 1}, {"ei", 1}, {"one", 1}, {"a", 1}, {"an", 1},
	{"to", 2}, {"two", 2}, {"par", 2}, {"couple", 2}, {"tre", 3}, {"three", 3}, {"few", 3},
	{"fire", 4}, {"four", 4}, {"fem", 5}, {"five", 5}, {"seks", 6}, {"six", 6},
	{"sju", 7}, {"syv", 7}, {"seven", 7}, {"atte", 8}, {"eight", 8}, {"ni", 9}, {"nine", 9},
	{"ti", 10}, {"ten", 10}, {"elleve", 11}, {"tolv", 12}, {"fjorten", 14}, {"fourteen", 14},
}

var numberOf = map[string]int{}

// unitWords are the lengths of time a snooze or notice is counted in.
var unitWords = map[string]time.Duration{
	"dag": day, "dager": day, "dagar": day, "dagen": day, "dogn": day, "day": day, "days": day, "d": day,
	"uke": 7 * day, "uker": 7 * day, "uka": 7 * day, "uken": 7 * day, "veke": 7 * day, "veker": 7 * day,
	"veka": 7 * day, "week": 7 * day, "weeks": 7 * day, "w": 7 * day, "u": 7 * day,
	"time": time.Hour, "timer": time.Hour, "timar": time.Hour, "hour": time.Hour, "hours": time.Hour,
	"h": time.Hour, "t": time.Hour,
	"maned": 30 * day, "maneder": 30 * day, "manad": 30 * day, "manader": 30 * day, "maneden": 30 * day,
	"manaden": 30 * day, "month": 30 * day, "months": 30 * day, "mnd": 30 * day,
}

// weekdayWords name the days of the week in the three languages, folded
// ("måndag" and "mandag" are both "mandag").
var weekdayWords = map[string]time.Weekday{
	"mandag": time.Monday, "tirsdag": time.Tuesday, "tysdag": time.Tuesday, "onsdag": time.Wednesday,
	"torsdag": time.Thursday, "fredag": time.Friday, "lordag": time.Saturday, "laurdag": time.Saturday,
	"sondag": time.Sunday, "sundag": time.Sunday,
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
}

func init() {
	for _, w := range numberWords {
		numberOf[w.word] = w.n
	}
}

// number reads a count written in digits or words; 0, false when w is none.
func number(w string) (int, bool) {
	if n, ok := numberOf[w]; ok {
		return n, true
	}
	if len(w) == 0 || len(w) > 3 {
		return 0, false
	}
	n, err := strconv.Atoi(w)
	return n, err == nil && n > 0
}

// gluedDuration reads "3d", "2uker", "24h".
func gluedDuration(w string) (time.Duration, bool) {
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	if i == 0 || i == len(w) || i > 3 {
		return 0, false
	}
	u, ok := unitWords[w[i:]]
	if !ok {
		return 0, false
	}
	n, _ := strconv.Atoi(w[:i])
	return time.Duration(n) * u, n > 0
}

// words returns what token i may stand for: as written, and the
// vocabulary words it is a typo of.
func (a *analysis) words(i int) []string {
	ws := a.wbuf[:0]
	ws = append(ws, a.toks[i].norm)
	for _, h := range a.hits[i] {
		if h.q < 1 && !isStem[h.id] {
			ws = append(ws, vocab[h.id])
		}
	}
	a.wbuf = ws
	return ws
}

// unitAt is the unit token i stands for, if any.
func (a *analysis) unitAt(i int) (time.Duration, bool) {
	if i >= len(a.toks) {
		return 0, false
	}
	for _, w := range a.words(i) {
		if u, ok := unitWords[w]; ok {
			return u, true
		}
	}
	return 0, false
}

// snoozeTime finds how long to wait ("1 uke", "om to dager", "neste uke",
// "i morgen") or until which weekday ("på mandag").
func (a *analysis) snoozeTime() (d time.Duration, wd time.Weekday, wdSet bool) {
	for i, t := range a.toks {
		if g, ok := gluedDuration(t.norm); ok && d == 0 {
			d = g
			continue
		}
		if n, ok := number(t.norm); ok && d == 0 {
			if u, ok := a.unitAt(i + 1); ok && (n < 100 || u <= time.Hour) {
				d = time.Duration(n) * u
				continue
			}
		}
		switch t.norm {
		case "neste", "next", "naste", "kommende", "komande":
			if u, ok := a.unitAt(i + 1); ok && d == 0 && u > time.Hour {
				d = u
			}
		case "imorgen", "tomorrow", "imorra":
			if d == 0 {
				d = day
			}
		case "morgen", "morgon":
			if i > 0 && a.toks[i-1].norm == "i" && d == 0 {
				d = day
			}
		case "overmorgen", "overmorgon":
			d = 2 * day
		}
		if !wdSet {
			for _, w := range a.words(i) {
				if x, ok := weekdayWords[w]; ok {
					wd, wdSet = x, true
					break
				}
			}
		}
	}
	return d, wd, wdSet
}

// noticeSetting finds whether notices should stop (Off) and how often
// they are wanted (Every: daily, weekly or monthly).
func (a *analysis) noticeSetting() (off bool, every time.Duration) {
	on := false
	for i, t := range a.toks {
		switch t.norm {
		case "daglig", "dagleg", "daily":
			every = day
		case "ukentlig", "ukentleg", "vekentleg", "weekly", "ukesvis", "vekevis":
			every = 7 * day
		case "manedlig", "manadleg", "monthly":
			every = 30 * day
		case "hver", "kvar", "every", "each", "per", "i", "om", "a", "once", "pr":
			if u, ok := a.unitAt(i + 1); ok && u >= day {
				every = u
			}
		case "off", "mute", "stop", "stopp", "slutt", "unsubscribe", "demp", "disable", "deaktiver",
			"ingen", "inga", "no", "ikke", "ikkje", "dont", "not", "never", "aldri", "avslutt":
			off = true
		case "av":
			if i > 0 {
				switch a.toks[i-1].norm {
				case "sla", "skru", "slaa", "sett", "turn":
					off = true
				}
			}
		case "pa", "on":
			if i > 0 {
				switch a.toks[i-1].norm {
				case "sla", "skru", "turn", "sett":
					on = true
				}
			}
		}
	}
	if every != 0 || on {
		off = false
	}
	return off, every
}
