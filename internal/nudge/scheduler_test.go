package nudge_test

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/planprat/planprat/internal/plan"
)

// Passes every 15 minutes around a section's due time: the nudge (and
// reminder) go out only in working hours on Norwegian working days, once,
// at 08:00 local time on both sides of a daylight-saving change.
func TestNudgesOnlyInWorkingHours(t *testing.T) {
	cases := map[string]struct {
		updated   time.Time // the section is due 30 days later
		until     time.Time
		reminders int
		want      []string
		wantSilje []string
	}{
		"due on a weekday morning": {
			updated: day(2026, 9, 9, 10, 0), until: day(2026, 10, 9, 17, 0),
			want: []string{"Fri 2026-10-09 10:00 CEST"},
		},
		"due in the evening waits for the morning": {
			updated: day(2026, 9, 6, 18, 0), until: day(2026, 10, 7, 17, 0),
			want: []string{"Wed 2026-10-07 08:00 CEST"},
		},
		"due on saturday waits for monday across the autumn DST change": {
			updated: day(2026, 9, 24, 11, 0), until: day(2026, 10, 27, 12, 0), reminders: 1,
			want: []string{"Mon 2026-10-26 08:00 CET", "Tue 2026-10-27 08:00 CET"},
		},
		"easter 2026": {
			updated: day(2026, 3, 2, 17, 0), until: day(2026, 4, 7, 12, 0),
			want: []string{"Tue 2026-04-07 08:00 CEST"},
		},
		"ascension 2026": {
			updated: day(2026, 4, 13, 16, 30), until: day(2026, 5, 15, 12, 0),
			want: []string{"Fri 2026-05-15 08:00 CEST"},
		},
		"christmas 2026": {
			updated: day(2026, 11, 24, 16, 30), until: day(2026, 12, 28, 12, 0),
			want: []string{"Mon 2026-12-28 08:00 CET"},
		},
		"spring DST change at easter 2027": {
			updated: day(2027, 2, 22, 9, 0), until: day(2027, 3, 30, 12, 0), reminders: 1,
			want: []string{"Wed 2027-03-24 09:00 CET", "Tue 2027-03-30 08:00 CEST"},
		},
		"17 may and whit monday 2027": {
			updated: day(2027, 4, 15, 10, 0), until: day(2027, 5, 18, 12, 0),
			want: []string{"Tue 2027-05-18 08:00 CEST"},
		},
		"escalation after the last reminder": {
			updated: day(2026, 9, 5, 10, 0), until: day(2026, 10, 14, 17, 0), reminders: 1,
			want:      []string{"Mon 2026-10-05 10:00 CEST", "Thu 2026-10-08 08:00 CEST"},
			wantSilje: []string{"Tue 2026-10-13 08:00 CEST"},
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			reminderDays := 1
			if name == "escalation after the last reminder" {
				reminderDays = 3
			}
			p := emma(section("fysioterapi", "Fysioterapi", "fysio", 30, c.updated, fysioText))
			due := p.DueAt(p.Sections[1])
			f := newFixture(t, due.Add(-time.Hour).Truncate(15*time.Minute), settings(reminderDays, c.reminders))
			f.put(p)
			msgs := f.run(c.until, 15*time.Minute)
			if got := nudgeTimes(msgs, "kari.nilsen"); !reflect.DeepEqual(got, c.want) {
				t.Errorf("nudges to Kari at\n%q\nwant\n%q", got, c.want)
			}
			if got := nudgeTimes(msgs, "silje.berg"); !reflect.DeepEqual(got, c.wantSilje) {
				t.Errorf("escalations to Silje at %q, want %q", got, c.wantSilje)
			}
		})
	}
}

func TestNudgeTellsWhoseSectionHowOldAndHowToAnswer(t *testing.T) {
	f := newFixture(t, day(2026, 10, 19, 9, 0), settings(3, 2))
	f.put(emma(section("fysioterapi", "Fysioterapi", "fysio", 30, day(2026, 9, 1, 9, 0), fysioText)))
	f.pass()
	msgs := f.send.take()
	if len(msgs) != 1 || msgs[0].To != "kari.nilsen" {
		t.Fatalf("sent %+v, want one message to kari.nilsen", msgs)
	}
	want := "Hei, Kari! Jeg hjelper til med å holde planen til Emma oppdatert. Delen din «Fysioterapi» ble sist oppdatert for 48 dager siden. Nå står det:\n" +
		"> Fysioterapi to ganger i uka, en gang på skolen og en gang på senteret. Tøyeprogram hjemme hver kveld. Ny vurdering av ganghjelpemiddel i desember.\n\n" +
		"Stemmer det fortsatt? Skriv oppdateringen her, eller «ingen endring», eller «ikke min oppgave». Vil du vente, skriv for eksempel «snooze 1 uke»."
	if msgs[0].Text != want {
		t.Errorf("nudge text:\n%s\nwant:\n%s", msgs[0].Text, want)
	}
	if strings.Contains(msgs[0].Text, "Hansen") {
		t.Error("the nudge names the person with more than the first name")
	}
	if got := f.expect.calls; !reflect.DeepEqual(got, []string{"mattermost kari.nilsen emma fysio fysioterapi"}) {
		t.Errorf("engine told to expect %q", got)
	}
	if got := f.changes("emma"); !reflect.DeepEqual(got, []string{"nudged fysioterapi planprat"}) {
		t.Errorf("log = %q", got)
	}
	audit, _ := f.store.Audit(context.Background(), "emma", 0)
	if last := audit[len(audit)-1]; last.Action != "nudge" || !strings.Contains(last.What, "fysioterapi sent to fysio") {
		t.Errorf("last audit entry = %+v", last)
	}
}

func TestSeveralStaleSectionsOfOneOwnerGoInOneMessage(t *testing.T) {
	f := newFixture(t, day(2026, 10, 19, 9, 0), settings(3, 2))
	f.put(emma(
		section("fysioterapi", "Fysioterapi", "fysio", 30, day(2026, 9, 1, 9, 0), fysioText),
		section("svomming", "Svømming", "fysio", 30, day(2026, 9, 10, 9, 0), "Svømming med klassen hver fredag."),
		section("skole", "Skole og IOP", "laerer", 60, day(2026, 8, 10, 9, 0), "Assistent 20 timer i uka."),
		section("fersk", "Fersk del", "fysio", 30, day(2026, 10, 10, 9, 0), "Ikke utdatert ennå."),
	))
	f.pass()
	msgs := f.send.take()
	kari, lars := to(msgs, "kari.nilsen"), to(msgs, "lars.vik")
	if len(kari) != 1 || len(lars) != 1 || len(msgs) != 2 {
		t.Fatalf("sent %d messages (%d to Kari, %d to Lars), want one each", len(msgs), len(kari), len(lars))
	}
	for _, want := range []string{"Disse delene dine er ikke oppdatert på en stund",
		"«Fysioterapi» ble sist oppdatert for 48 dager siden. Nå står det:",
		"«Svømming» ble sist oppdatert for 39 dager siden. Nå står det:\n> Svømming med klassen hver fredag.",
		"Skriv oppdateringen her og si hvilken del det gjelder"} {
		if !strings.Contains(kari[0].Text, want) {
			t.Errorf("Kari's message lacks %q:\n%s", want, kari[0].Text)
		}
	}
	if strings.Contains(kari[0].Text, "Fersk") || strings.Contains(kari[0].Text, "Skole") {
		t.Errorf("Kari's message names a section that is not hers or not stale:\n%s", kari[0].Text)
	}
	// Another pass the same day sends nothing more.
	f.clock.Add(2 * time.Hour)
	f.pass()
	if more := f.send.take(); len(more) != 0 {
		t.Errorf("second pass sent %d messages", len(more))
	}
}

func TestRemindersThenEscalationNamesWhoHasNotAnswered(t *testing.T) {
	f := newFixture(t, day(2026, 10, 19, 9, 0), settings(3, 2))
	f.put(emma(section("fysioterapi", "Fysioterapi", "fysio", 30, day(2026, 9, 1, 9, 0), fysioText)))
	msgs := f.run(day(2026, 11, 2, 17, 0), time.Hour)
	if got, want := nudgeTimes(msgs, "kari.nilsen"), []string{"Mon 2026-10-19 09:00 CEST", "Thu 2026-10-22 08:00 CEST",
		"Tue 2026-10-27 08:00 CET"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Kari asked at %q, want %q", got, want)
	}
	kari := to(msgs, "kari.nilsen")
	if !strings.HasPrefix(kari[1].Text, "Hei igjen, Kari! En vennlig påminnelse om planen til Emma: delen din «Fysioterapi»") {
		t.Errorf("reminder text:\n%s", kari[1].Text)
	}
	silje := to(msgs, "silje.berg")
	if len(silje) != 1 {
		t.Fatalf("Silje got %d messages, want one escalation", len(silje))
	}
	if got := silje[0].At.In(oslo).Format("Mon 2006-01-02 15:04"); got != "Fri 2026-10-30 08:00" {
		t.Errorf("escalated at %s", got)
	}
	want := "Hei, Silje! Noen har ikke svart på påminnelser om planen til Emma:\n" +
		"- Kari Nilsen (fysioterapeut): «Fysioterapi», spurt første gang mandag 19. oktober, spurt 3 ganger i alt\n\n" +
		"Du kan be meg sende en ny påminnelse (for eksempel «send påminnelse til Kari»), eller gi delen en ny ansvarlig."
	if silje[0].Text != want {
		t.Errorf("escalation:\n%s\nwant:\n%s", silje[0].Text, want)
	}
	if strings.Contains(silje[0].Text, "ganger i uka") {
		t.Error("the escalation quotes the section's text")
	}
	if got, want := f.changes("emma"), []string{"nudged fysioterapi planprat", "reminded fysioterapi planprat",
		"reminded fysioterapi planprat", "escalated fysioterapi planprat"}; !reflect.DeepEqual(got, want) {
		t.Errorf("log = %q, want %q", got, want)
	}
	states, err := f.store.NudgeStates(context.Background(), "emma")
	if err != nil {
		t.Fatal(err)
	}
	if st := states["fysioterapi"]; !st.Escalated || st.Reminders != 2 || !st.Pending() {
		t.Errorf("state = %+v", st)
	}
}

func TestSnoozePostponesAndIsLogged(t *testing.T) {
	f := newFixture(t, day(2026, 10, 19, 9, 0), settings(1, 2))
	f.put(emma(section("fysioterapi", "Fysioterapi", "fysio", 30, day(2026, 9, 1, 9, 0), fysioText)))
	f.pass()
	f.send.take()
	until := day(2026, 10, 26, 0, 0) // "minn meg på mandag"
	if err := f.sched.Snooze(context.Background(), "emma", "fysio", nil, until); err != nil {
		t.Fatal(err)
	}
	msgs := f.run(day(2026, 10, 26, 12, 0), time.Hour)
	if got, want := nudgeTimes(msgs, "kari.nilsen"), []string{"Mon 2026-10-26 08:00 CET"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after snoozing Kari was asked at %q, want %q", got, want)
	}
	if got, want := f.changes("emma"), []string{"nudged fysioterapi planprat", "snoozed fysioterapi fysio",
		"reminded fysioterapi planprat"}; !reflect.DeepEqual(got, want) {
		t.Errorf("log = %q, want %q", got, want)
	}
	if err := f.sched.Snooze(context.Background(), "emma", "laerer", []string{"fysioterapi"}, until); plan.ErrorCode(err) != plan.Unauthorized {
		t.Errorf("snoozing someone else's section: err = %v", err)
	}
}

func TestNotMyTaskTellsTheCoordinatorAndStopsNudges(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, day(2026, 10, 19, 9, 0), settings(1, 2))
	p := emma(section("fysioterapi", "Fysioterapi", "fysio", 30, day(2026, 9, 1, 9, 0), fysioText))
	f.put(p)
	f.pass()
	f.send.take()
	if err := f.sched.NotMine(ctx, "emma", "fysio", "fysioterapi"); err != nil {
		t.Fatal(err)
	}
	msgs := f.send.take()
	want := "Hei, Silje! Kari Nilsen (fysioterapeut) har svart «ikke min oppgave» om delen «Fysioterapi» i planen til Emma. " +
		"Gi delen en ny ansvarlig, så spør jeg den nye. Jeg sender ikke flere påminnelser om den til Kari."
	if len(msgs) != 1 || msgs[0].To != "silje.berg" || msgs[0].Text != want {
		t.Fatalf("sent %+v\nwant to silje.berg:\n%s", msgs, want)
	}
	if err := f.sched.NotMine(ctx, "emma", "fysio", "fysioterapi"); err != nil {
		t.Fatal(err)
	}
	if more := f.send.take(); len(more) != 0 {
		t.Errorf("saying it twice told the coordinator again: %+v", more)
	}
	msgs = f.run(day(2026, 10, 23, 17, 0), time.Hour)
	if len(msgs) != 0 {
		t.Errorf("after 'not my task' the scheduler sent %+v", msgs)
	}
	// The coordinator gives the section to Lars: he is asked within a day.
	cur, _ := f.store.Plan(ctx, "emma", "", "")
	sec, _ := cur.Section("fysioterapi")
	sec.Owner = "laerer"
	if _, _, err := f.store.SaveSection(ctx, cur, sec, sec.Version, plan.Change{By: "koordinator", Action: plan.Updated}); err != nil {
		t.Fatal(err)
	}
	msgs = f.run(day(2026, 10, 26, 17, 0), time.Hour)
	if len(to(msgs, "lars.vik")) != 1 || len(to(msgs, "kari.nilsen")) != 0 {
		t.Errorf("after reassigning: %+v", msgs)
	}
	if got := f.changes("emma"); got[1] != "declined fysioterapi fysio" {
		t.Errorf("log = %q", got)
	}
}

func TestAnsweredStopsReminders(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, day(2026, 10, 19, 9, 0), settings(1, 2))
	f.put(emma(section("fysioterapi", "Fysioterapi", "fysio", 30, day(2026, 9, 1, 9, 0), fysioText)))
	f.pass()
	f.send.take()
	// Kari answers "ingen endring": the engine confirms the section, then tells us.
	f.clock.Add(time.Hour)
	cur, _ := f.store.Plan(ctx, "emma", "", "")
	sec, _ := cur.Section("fysioterapi")
	sec.ConfirmedBy, sec.ConfirmedAt = "fysio", f.clock.Now()
	if _, _, err := f.store.SaveSection(ctx, cur, sec, sec.Version, plan.Change{By: "fysio", Action: plan.Confirmed}); err != nil {
		t.Fatal(err)
	}
	if err := f.sched.Answered(ctx, "emma", "fysioterapi"); err != nil {
		t.Fatal(err)
	}
	if msgs := f.run(day(2026, 10, 30, 17, 0), time.Hour); len(msgs) != 0 {
		t.Errorf("after the answer: %+v", msgs)
	}
	if got, want := f.changes("emma"), []string{"nudged fysioterapi planprat", "answered fysioterapi fysio"}; !reflect.DeepEqual(got, want) {
		t.Errorf("log = %q, want %q", got, want)
	}
	// Answering again, with nothing pending, does nothing.
	if err := f.sched.Answered(ctx, "emma", "fysioterapi"); err != nil {
		t.Fatal(err)
	}
	if got := f.changes("emma"); len(got) != 2 {
		t.Errorf("log = %q", got)
	}
}

func TestRemindNowOnTheCoordinatorsRequest(t *testing.T) {
	ctx := context.Background()
	// Saturday evening: outside working hours, but the coordinator asked.
	f := newFixture(t, day(2026, 10, 24, 19, 0), settings(3, 2))
	f.put(emma(section("skole", "Skole og IOP", "laerer", 60, day(2026, 10, 1, 9, 0), "Assistent 20 timer i uka.")))
	if err := f.sched.RemindNow(ctx, "emma", "laerer"); err != nil {
		t.Fatal(err)
	}
	msgs := f.send.take()
	if len(msgs) != 1 || msgs[0].To != "lars.vik" || !strings.Contains(msgs[0].Text, "«Skole og IOP» ble sist oppdatert for 23 dager siden") {
		t.Fatalf("sent %+v", msgs)
	}
	if err := f.sched.RemindNow(ctx, "emma", "mor"); err != nil {
		t.Errorf("reminding the family about their goals: %v", err)
	}
	if err := f.sched.RemindNow(ctx, "emma", "nobody"); plan.ErrorCode(err) != plan.NotFound {
		t.Errorf("unknown participant: err = %v", err)
	}
	if got := f.changes("emma"); got[0] != "nudged skole planprat" {
		t.Errorf("log = %q", got)
	}
}

// Two replicas on one Redis, passing at the same moments: every nudge goes
// out once.
func TestTwoReplicasSendEachNudgeOnce(t *testing.T) {
	f := newFixture(t, day(2026, 10, 19, 9, 0), settings(1, 1))
	var secs []plan.Section
	owners := []string{"fysio", "laerer"}
	for i := 0; i < 20; i++ {
		id := "del-" + string(rune('a'+i))
		secs = append(secs, section(id, "Del "+strings.ToUpper(id[4:]), owners[i%2], 30, day(2026, 9, 1+i, 9, 0), "Tekst."))
	}
	f.put(emma(secs...))
	a, b := f.send, &sender{clock: f.clock}
	ra, rb := f.sched, f.scheduler(b)
	for now := day(2026, 10, 19, 9, 0); now.Before(day(2026, 10, 23, 17, 0)); now = now.Add(time.Hour) {
		f.clock.Set(now)
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); _, _ = ra.Pass(context.Background()) }()
		go func() { defer wg.Done(); _, _ = rb.Pass(context.Background()) }()
		wg.Wait()
	}
	all := append(a.take(), b.take()...)
	// Each section: one nudge and one reminder; each escalation once.
	count := map[string]int{}
	for _, m := range all {
		for i := 0; i < 20; i++ {
			title := "«Del " + strings.ToUpper(string(rune('a'+i))) + "»"
			if strings.Contains(m.Text, title) {
				count[m.To+" "+title]++
			}
		}
	}
	for i := 0; i < 20; i++ {
		title := "«Del " + strings.ToUpper(string(rune('a'+i))) + "»"
		owner := map[string]string{"fysio": "kari.nilsen", "laerer": "lars.vik"}[owners[i%2]]
		if n := count[owner+" "+title]; n != 2 {
			t.Errorf("%s asked about %s %d times, want 2 (nudge and reminder)", owner, title, n)
		}
		if n := count["silje.berg "+title]; n != 1 {
			t.Errorf("Silje told about %s %d times, want once", title, n)
		}
	}
	log := f.changes("emma")
	if len(log) != 60 {
		t.Errorf("log has %d nudge entries, want 60 (nudge, reminder, escalation × 20)", len(log))
	}
}

// A crash after the nudge is recorded but before it is sent loses that
// message; the next pass does not send it again (the reminder follows).
func TestCrashBetweenClaimAndSendDoesNotSendTwice(t *testing.T) {
	f := newFixture(t, day(2026, 10, 19, 9, 0), settings(3, 2))
	f.put(emma(section("fysioterapi", "Fysioterapi", "fysio", 30, day(2026, 9, 1, 9, 0), fysioText)))
	crashing := &sender{clock: f.clock, fail: true}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the crashing sender did not crash")
			}
		}()
		_, _ = f.scheduler(crashing).Pass(context.Background())
	}()
	states, _ := f.store.NudgeStates(context.Background(), "emma")
	if st := states["fysioterapi"]; st.LastNudged.IsZero() {
		t.Fatal("the nudge was not recorded before sending")
	}
	msgs := f.run(day(2026, 10, 21, 17, 0), 15*time.Minute)
	if len(msgs) != 0 {
		t.Errorf("after the crash the nudge went out again: %+v", msgs)
	}
	msgs = f.run(day(2026, 10, 22, 9, 0), 15*time.Minute)
	if got := nudgeTimes(msgs, "kari.nilsen"); !reflect.DeepEqual(got, []string{"Thu 2026-10-22 08:00 CEST"}) {
		t.Errorf("reminder at %q", got)
	}
}

func TestRecipientsOwnTimeZone(t *testing.T) {
	f := newFixture(t, day(2026, 10, 19, 7, 0), settings(3, 2))
	ny, _ := time.LoadLocation("America/New_York")
	f.send.zones = map[string]*time.Location{"kari.nilsen": ny}
	f.put(emma(section("fysioterapi", "Fysioterapi", "fysio", 30, day(2026, 9, 1, 9, 0), fysioText)))
	msgs := f.run(day(2026, 10, 19, 23, 0), 30*time.Minute)
	kari := to(msgs, "kari.nilsen")
	if len(kari) != 1 || kari[0].At.In(ny).Hour() != 8 {
		t.Errorf("Kari in New York asked at %v", nudgeTimes(msgs, "kari.nilsen"))
	}
}

func TestNoNudgeWithoutConsentOrHandle(t *testing.T) {
	f := newFixture(t, day(2026, 10, 19, 9, 0), settings(3, 2))
	p := emma(section("fysioterapi", "Fysioterapi", "fysio", 30, day(2026, 9, 1, 9, 0), fysioText),
		section("skole", "Skole og IOP", "laerer", 30, day(2026, 9, 1, 9, 0), "Assistent."))
	p.Consents[1].WithdrawnAt = day(2026, 10, 1, 9, 0) // fysio's consent withdrawn
	p.Participants[3].Handles.Mattermost = ""          // laerer not on Mattermost
	f.put(p)
	if msgs := f.run(day(2026, 10, 20, 17, 0), time.Hour); len(msgs) != 0 {
		t.Errorf("sent %+v", msgs)
	}
}

func TestPreviewSendsAndRecordsNothing(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, day(2026, 10, 17, 9, 0), settings(3, 2))
	f.put(emma(section("fysioterapi", "Fysioterapi", "fysio", 30, day(2026, 9, 1, 9, 0), fysioText)))
	msgs, err := f.sched.Preview(ctx, day(2026, 10, 19, 9, 0))
	if err != nil {
		t.Fatal(err)
	}
	var nudges int
	for _, m := range msgs {
		if m.Kind == "nudge" {
			nudges++
			if m.To != "kari.nilsen" || !strings.Contains(m.Text, "«Fysioterapi»") {
				t.Errorf("preview %+v", m)
			}
		}
	}
	if nudges != 1 {
		t.Errorf("preview has %d nudges, want 1: %+v", nudges, msgs)
	}
	if sent := f.send.take(); len(sent) != 0 {
		t.Errorf("preview sent %+v", sent)
	}
	if got := f.changes("emma"); len(got) != 0 {
		t.Errorf("preview logged %q", got)
	}
	// At a Saturday nothing would go out.
	msgs, _ = f.sched.Preview(ctx, day(2026, 10, 24, 9, 0))
	for _, m := range msgs {
		if m.Kind == "nudge" {
			t.Errorf("preview on a Saturday: %+v", m)
		}
	}
}

// Round-the-clock services may be nudged on weekends and holidays too.
func TestEveryDayNudgesOnWeekendsAndHolidays(t *testing.T) {
	for name, c := range map[string]struct {
		updated, until time.Time
		everyDay       bool
		want           []string
	}{
		"christmas day, normal settings": {updated: day(2026, 11, 25, 10, 0), until: day(2026, 12, 27, 17, 0), want: nil},
		"christmas day, every day":       {updated: day(2026, 11, 25, 10, 0), until: day(2026, 12, 27, 17, 0), everyDay: true, want: []string{"Fri 2026-12-25 10:00 CET"}},
		"a saturday, every day":          {updated: day(2026, 9, 3, 11, 0), until: day(2026, 10, 3, 17, 0), everyDay: true, want: []string{"Sat 2026-10-03 11:00 CEST"}},
	} {
		t.Run(name, func(t *testing.T) {
			p := emma(section("fysioterapi", "Fysioterapi", "fysio", 30, c.updated, fysioText))
			due := p.DueAt(p.Sections[1])
			set := settings(3, 0)
			set.EveryDay = c.everyDay
			f := newFixture(t, due.Add(-time.Hour).Truncate(15*time.Minute), set)
			f.put(p)
			msgs := f.run(c.until, 15*time.Minute)
			if got := nudgeTimes(msgs, "kari.nilsen"); !reflect.DeepEqual(got, c.want) {
				t.Errorf("nudges to Kari at %q, want %q", got, c.want)
			}
		})
	}
}
