package nudge_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/planprat/planprat/internal/plan"
)

func TestWeeklyDigestOnTheCoordinatorsDay(t *testing.T) {
	cases := map[string]struct {
		chosen time.Weekday // 0 = the default (Monday)
		from   time.Time
		until  time.Time
		want   []string
	}{
		"default monday": {from: day(2026, 10, 19, 7, 0), until: day(2026, 10, 25, 20, 0),
			want: []string{"Mon 2026-10-19 08:00 CEST"}},
		"chosen wednesday": {chosen: time.Wednesday, from: day(2026, 10, 19, 7, 0), until: day(2026, 10, 25, 20, 0),
			want: []string{"Wed 2026-10-21 08:00 CEST"}},
		"easter monday moves it to tuesday": {from: day(2026, 4, 6, 7, 0), until: day(2026, 4, 12, 20, 0),
			want: []string{"Tue 2026-04-07 08:00 CEST"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			set := settings(3, 2)
			set.DigestDay = time.Monday
			f := newFixture(t, c.from, set)
			p := emma(section("fysioterapi", "Fysioterapi", "fysio", 30, c.from.AddDate(0, 0, -45), fysioText),
				section("hjelpemidler", "Hjelpemidler", "", 90, c.from.AddDate(0, 0, -10), "Ny arbeidsstol."))
			f.put(p)
			if c.chosen != 0 {
				if err := f.store.SetDigestDay(context.Background(), "mattermost", "silje.berg", c.chosen); err != nil {
					t.Fatal(err)
				}
			}
			msgs := f.run(c.until, time.Hour)
			var digests []sent
			for _, m := range to(msgs, "silje.berg") {
				if strings.Contains(m.Text, "ukeoversikten") {
					digests = append(digests, m)
				}
			}
			if got := nudgeTimes(digests, "silje.berg"); strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Fatalf("digests at %q, want %q", got, c.want)
			}
			d := digests[0].Text
			for _, want := range []string{"Hei, Silje! Her er ukeoversikten for planene dine,", "**Planen til Emma**",
				"- «Fysioterapi» (Kari Nilsen (fysioterapeut)) ble sist oppdatert for",
				"Mangler i planen:\n- Tiltaket «Hjelpemidler» har ingen ansvarlig."} {
				if !strings.Contains(d, want) {
					t.Errorf("digest lacks %q:\n%s", want, d)
				}
			}
			if strings.Contains(d, "ganger i uka") {
				t.Errorf("the digest quotes a section's text:\n%s", d)
			}
		})
	}
}

func TestFamiliesGetAtMostOneNoticeADay(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, day(2026, 10, 19, 7, 0), settings(3, 2))
	f.notices = true
	f.sched = f.scheduler(f.send)
	f.put(emma(section("fysioterapi", "Fysioterapi", "fysio", 30, day(2026, 10, 10, 9, 0), fysioText)))
	change := func() {
		cur, _ := f.store.Plan(ctx, "emma", "", "")
		sec, _ := cur.Section("fysioterapi")
		sec.Text += " Mer."
		sec.UpdatedBy, sec.UpdatedAt = "fysio", f.clock.Now()
		if _, _, err := f.store.SaveSection(ctx, cur, sec, sec.Version, plan.Change{By: "fysio", Action: plan.Updated}); err != nil {
			t.Fatal(err)
		}
	}
	msgs := f.run(day(2026, 10, 19, 20, 0), time.Hour)
	anne := to(msgs, "anne.hansen")
	if len(anne) != 1 || !strings.HasPrefix(anne[0].Text, "Nytt i planen til Emma:\n\nKari har oppdatert «Fysioterapi».") {
		t.Fatalf("Anne got %+v, want one notice", anne)
	}
	// Two changes the next day: still one notice that day; none on a day without changes.
	f.clock.Set(day(2026, 10, 20, 7, 0))
	change()
	f.clock.Set(day(2026, 10, 20, 10, 30))
	change()
	msgs = f.run(day(2026, 10, 21, 20, 0), time.Hour)
	if got := nudgeTimes(msgs, "anne.hansen"); strings.Join(got, ",") != "Tue 2026-10-20 10:30 CEST" {
		t.Errorf("notices at %q", got)
	}
	// Turned off: nothing.
	if err := f.store.SetNoticeFrequency(ctx, "emma", "mor", plan.NoticesOff); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(day(2026, 10, 22, 7, 0))
	change()
	if msgs := f.run(day(2026, 10, 23, 20, 0), time.Hour); len(to(msgs, "anne.hansen")) != 0 {
		t.Errorf("notices after turning them off: %+v", to(msgs, "anne.hansen"))
	}
	audit, _ := f.store.Audit(ctx, "emma", 0)
	found := false
	for _, a := range audit {
		found = found || a.Who == "mor" && a.What == "what's new notice"
	}
	if !found {
		t.Error("the notice is not in the audit log")
	}
}
