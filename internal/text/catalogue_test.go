package text

import (
	"sort"
	"strings"
	"testing"
	"time"
)

// Every message exists in every language, with the same placeholders.
func TestCataloguesAreComplete(t *testing.T) {
	keys := Keys(NB)
	sort.Strings(keys)
	for _, l := range []Lang{NN, EN} {
		for _, k := range keys {
			v, ok := catalogues[l][k]
			if !ok {
				t.Errorf("%s: missing %q", l, k)
				continue
			}
			if a, b := strings.Count(catalogues[NB][k], "%"), strings.Count(v, "%"); a != b {
				t.Errorf("%s %q: %d placeholders, nb has %d", l, k, b, a)
			}
		}
	}
}

func TestDates(t *testing.T) {
	oslo, _ := time.LoadLocation("Europe/Oslo")
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, oslo)
	cases := []struct {
		l    Lang
		at   time.Time
		all  bool
		want string
	}{
		{NB, time.Date(2026, 12, 8, 10, 0, 0, 0, oslo), false, "tirsdag 8. desember kl. 10"},
		{NN, time.Date(2026, 12, 8, 10, 30, 0, 0, oslo), false, "tysdag 8. desember kl. 10.30"},
		{EN, time.Date(2026, 12, 8, 10, 0, 0, 0, oslo), false, "Tuesday 8 December at 10:00"},
		{NB, time.Date(2027, 1, 12, 13, 0, 0, 0, oslo), false, "tirsdag 12. januar 2027 kl. 13"},
		{NB, time.Date(2026, 12, 5, 0, 0, 0, 0, oslo), true, "i morgen"},
		{NN, time.Date(2026, 12, 4, 9, 0, 0, 0, oslo), false, "i dag kl. 9"},
		{EN, time.Date(2026, 12, 3, 9, 0, 0, 0, oslo), false, "yesterday at 9:00"},
		// UTC input is shown in Oslo time, summer time included.
		{NB, time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC), false, "onsdag 10. juni kl. 11"},
	}
	for _, c := range cases {
		if got := When(c.l, c.at, c.all, now, oslo); got != c.want {
			t.Errorf("%s %v: got %q, want %q", c.l, c.at, got, c.want)
		}
	}
}
