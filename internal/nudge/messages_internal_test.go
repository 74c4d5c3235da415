package nudge

import (
	"strings"
	"testing"
)

func TestShortQuotesTheStartOnOneLine(t *testing.T) {
	long := strings.Repeat("Emma trener balanse og gange med fysioterapeut. ", 6)
	cases := map[string]struct{ in, want string }{
		"short stays":       {"Kort tekst.", "Kort tekst."},
		"lines are joined":  {"Første linje.\n\nAndre   linje.", "Første linje. Andre linje."},
		"long is cut":       {long, "Emma trener balanse og gange med fysioterapeut. Emma trener balanse og gange med fysioterapeut. Emma trener balanse og gange med fysioterapeut. Emma trener …"},
		"empty stays empty": {"  ", ""},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if got := short(c.in); got != c.want {
				t.Errorf("short = %q, want %q", got, c.want)
			}
		})
	}
}
