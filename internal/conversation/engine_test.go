package conversation_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/planprat/planprat/examples"
	"github.com/planprat/planprat/internal/chat"
	"github.com/planprat/planprat/internal/conversation"
	"github.com/planprat/planprat/internal/plan"
	"github.com/planprat/planprat/internal/planfile"
	store "github.com/planprat/planprat/internal/redis"
	"github.com/planprat/planprat/internal/redistest"
)

// Friday 4 December 2026, noon in Oslo: the day the example plan describes.
var friday = time.Date(2026, 12, 4, 12, 0, 0, 0, plan.Oslo)

// Mattermost usernames from examples/plan-emma.yaml.
const (
	mor         = "anne.hansen"
	far         = "ola.hansen"
	koordinator = "silje.berg"
	fysio       = "kari.nilsen"
	laerer      = "lars.vik"
	outsider    = "per.utenfor"
)

type harness struct {
	t     testing.TB
	rdb   goredis.UniversalClient
	store *store.Store
	e     *conversation.Engine
	now   atomic.Pointer[time.Time]
	trips *redistest.RoundTrips
	seq   atomic.Int64
}

func newHarness(t testing.TB) *harness {
	t.Helper()
	h := &harness{t: t, rdb: redistest.New(t), trips: &redistest.RoundTrips{}}
	h.rdb.AddHook(h.trips)
	h.setNow(friday)
	h.store = store.New(h.rdb, h.clock)
	p, err := planfile.Parse(examples.Emma, "plan-emma.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := h.store.PutPlan(context.Background(), p, "operator (command line)", "test"); err != nil {
		t.Fatal(err)
	}
	h.e = h.engine()
	return h
}

func (h *harness) clock() time.Time        { return *h.now.Load() }
func (h *harness) setNow(t time.Time)      { h.now.Store(&t) }
func (h *harness) advance(d time.Duration) { h.setNow(h.clock().Add(d)) }

// engine builds a new engine on the same Redis: a restarted bot.
func (h *harness) engine() *conversation.Engine {
	return conversation.New(h.store, conversation.Options{Now: h.clock})
}

// dm sends a direct message and returns everything the person sees, joined.
func (h *harness) dm(user, text string) string {
	h.t.Helper()
	return join(h.send(chat.Message{Platform: "mattermost", User: user, Text: text, Direct: true,
		ID: fmt.Sprintf("m%d", h.seq.Add(1))}))
}

func (h *harness) send(m chat.Message) []chat.Reply {
	h.t.Helper()
	replies, err := h.e.Handle(context.Background(), m)
	if err != nil {
		h.t.Fatalf("handle %q: %v", m.Text, err)
	}
	return replies
}

func join(rs []chat.Reply) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.Text)
	}
	return strings.Join(parts, "\n---\n")
}

func contains(t testing.TB, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("reply lacks %q:\n%s", w, got)
		}
	}
}

func lacks(t testing.TB, got string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(got, b) {
			t.Errorf("reply must not contain %q:\n%s", b, got)
		}
	}
}

func TestWhatHappensNext(t *testing.T) {
	cases := []struct {
		name, user, ask string
		want            []string
	}{
		{"bokmål", mor, "hva skjer nå?", []string{
			"Dette skjer fremover for Emma:",
			"**Tirsdag 8. desember kl. 10:** Møte i ansvarsgruppen. Silje Berg (koordinator) har ansvaret. Sted: Fjellvang skole, møterom 2.",
			"**Torsdag 10. desember kl. 14:** Ny vurdering av ganghjelpemiddel. Kari Nilsen (fysioterapeut) har ansvaret.",
			"**Tirsdag 15. desember:** Svar på søknad om mer avlastning.",
			"**Tirsdag 12. januar 2027 kl. 13:** Evaluering av IOP.",
			"Dette venter dere på:",
			"Sakkyndig vurdering fra PPT skulle vært klar tirsdag 1. desember. Spør Ingrid Solheim (PP-rådgiver).",
			"Ingen har ansvaret for «Hjelpemidler» ennå. Silje Berg (koordinator) ordner det.",
		}},
		{"nynorsk", far, "kva skjer no?", []string{
			"Dette skjer framover for Emma:",
			"**Tysdag 8. desember kl. 10:** Møte i ansvarsgruppen.",
			"Dette ventar de på:",
		}},
		{"english", mor, "What happens next?", []string{
			"This is what happens next for Emma:",
			"**Tuesday 8 December at 10:00:** Møte i ansvarsgruppen. Silje Berg (coordinator) is responsible. Place: Fjellvang skole, møterom 2.",
			"You are waiting for:",
		}},
		{"no accents", mor, "hva skjer na", []string{"Dette skjer fremover for Emma:"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			got := h.dm(c.user, c.ask)
			contains(t, got, c.want...)
			// The cancelled and done activities are not ahead.
			lacks(t, got, "Kontroll hos fastlegen", "emma", "ansvarsgruppe-des")
		})
	}
}

func TestUpdatePreviewConfirmUndo(t *testing.T) {
	h := newHarness(t)
	got := h.dm(fysio, "oppdater fysioterapi: Fysioterapi to ganger i uka. Ny rullator er bestilt.")
	contains(t, got, "Slik blir «Fysioterapi»:", "> Fysioterapi to ganger i uka. Ny rullator er bestilt.", "Skal jeg lagre? Svar ja eller nei.")
	// Nothing is saved before the yes.
	p, _ := h.store.Plan(context.Background(), "emma", "", "")
	if s, _ := p.Section("fysioterapi"); strings.Contains(s.Text, "rullator er bestilt") {
		t.Fatal("saved before confirmation")
	}
	got = h.dm(fysio, "ja")
	contains(t, got, "Lagret. «Fysioterapi» er nå:", "> Fysioterapi to ganger i uka. Ny rullator er bestilt.", "Skriv «angre»")
	p, _ = h.store.Plan(context.Background(), "emma", "", "")
	s, _ := p.Section("fysioterapi")
	if s.Text != "Fysioterapi to ganger i uka. Ny rullator er bestilt." || s.Version != 2 || s.UpdatedBy != "fysio" {
		t.Fatalf("saved section %+v", s)
	}

	got = h.dm(fysio, "angre")
	contains(t, got, "Vil du angre den siste endringen din i «Fysioterapi»?", "> Fysioterapi to ganger i uka, en gang på skolen")
	got = h.dm(fysio, "ja")
	contains(t, got, "Angret. «Fysioterapi» er nå:", "Tøyeprogram hjemme hver kveld")
	p, _ = h.store.Plan(context.Background(), "emma", "", "")
	s, _ = p.Section("fysioterapi")
	if s.Version != 3 || !strings.HasPrefix(s.Text, "Fysioterapi to ganger i uka, en gang på skolen") {
		t.Fatalf("after undo: %+v", s)
	}
	changes, _ := h.store.Changes(context.Background(), "emma", 0)
	if n := len(changes); n != 3 || changes[1].After != "Fysioterapi to ganger i uka. Ny rullator er bestilt." {
		t.Fatalf("change log keeps the undone version: %+v", changes)
	}

	// "nei" drops a draft.
	h.dm(fysio, "oppdater fysioterapi: kladd")
	contains(t, h.dm(fysio, "nei"), "Greit, jeg har ikke lagret noe.")
	p, _ = h.store.Plan(context.Background(), "emma", "", "")
	if s, _ := p.Section("fysioterapi"); s.Version != 3 {
		t.Fatalf("cancelled draft was saved: %+v", s)
	}
}

func TestGuidedUpdateAndNoChange(t *testing.T) {
	h := newHarness(t)
	got := h.dm(fysio, "Jeg vil oppdatere min del")
	contains(t, got, "Skriv den nye teksten for «Fysioterapi». Nå står det:", "> Fysioterapi to ganger i uka")
	got = h.dm(fysio, "ingen endring")
	contains(t, got, "Du sier at «Fysioterapi» fortsatt stemmer.")
	got = h.dm(fysio, "lagre")
	contains(t, got, "Lagret. Du har sagt at «Fysioterapi» stemmer. Neste gjennomgang er søndag 3. januar 2027.")
	stale, _ := h.store.StaleSections(context.Background(), friday, 100)
	for _, s := range stale {
		if s.Section.ID == "fysioterapi" {
			t.Fatal("confirmed section still stale")
		}
	}
	// The family's next "hva er nytt?" shows it.
	contains(t, h.dm(mor, "hva er nytt?"), "**«Fysioterapi»**", "Kari Nilsen (fysioterapeut) sa at alt stemmer i dag kl. 12.")
}

func TestEnglishAndNynorskUpdate(t *testing.T) {
	h := newHarness(t)
	contains(t, h.dm(fysio, "I want to update my part"), "Write the new text for “Fysioterapi”. It now reads:")
	contains(t, h.dm(fysio, "Two sessions a week. New walker ordered."), "This is how “Fysioterapi” will read:", "Shall I save it? Answer yes or no.")
	contains(t, h.dm(fysio, "yes"), "Saved. “Fysioterapi” now reads:", "> Two sessions a week. New walker ordered.")

	contains(t, h.dm(laerer, "eg vil oppdatere skule-delen min"), "Skriv den nye teksten for «Skole og IOP». No står det:")
	contains(t, h.dm(laerer, "Emma har assistent 20 timar i veka."), "Slik blir «Skole og IOP»:", "Skal eg lagre?")
	contains(t, h.dm(laerer, "ja"), "Lagra. «Skole og IOP» er no:")
}

func TestWhatsNew(t *testing.T) {
	cases := []struct {
		name, ask string
		want      []string
		nothing   string
		ownOnly   string // after only her own change
	}{
		{"bokmål", "hva er nytt?", []string{"Dette er nytt siden", "**«Fysioterapi»**", "Kari Nilsen (fysioterapeut) endret teksten i dag kl. 12.", "Nå står det:", "> Ny rullator er bestilt."},
			"Ingen andre har endret noe siden i dag kl. 12.", "Ingen andre har endret noe siden i dag kl. 12.01."},
		{"nynorsk", "kva er nytt?", []string{"Dette er nytt sidan", "Kari Nilsen (fysioterapeut) endra teksten i dag kl. 12.", "No står det:"},
			"Ingen andre har endra noko sidan i dag kl. 12.", "Ingen andre har endra noko sidan i dag kl. 12.01."},
		{"english", "what has changed?", []string{"This is new since", "Kari Nilsen (fysioterapeut) changed the text today at 12:00.", "It now reads:"},
			"Nobody else has changed anything since today at 12:00.", "Nobody else has changed anything since today at 12:01."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			h.dm(fysio, "oppdater fysioterapi: Ny rullator er bestilt.")
			h.dm(fysio, "ja")
			got := h.dm(mor, c.ask)
			contains(t, got, c.want...)
			lacks(t, got, "fysioterapi:", "version", "seq")
			h.advance(time.Minute)
			contains(t, h.dm(mor, c.ask), c.nothing)
			// Her own changes are not news to her.
			h.dm(mor, "oppdater mål: Emma vil gå selv til bussen.")
			h.dm(mor, "ja")
			h.advance(time.Minute)
			contains(t, h.dm(mor, c.ask), c.ownOnly)
		})
	}
}

func TestStaleSummary(t *testing.T) {
	cases := []struct {
		name, ask string
		want      []string
	}{
		{"bokmål", "hvilke deler er utdatert?", []string{
			"Disse delene er utdatert (3), den eldste først:",
			"1. **PPT og sakkyndig vurdering** – Ingrid Solheim (PP-rådgiver). Sist sett på for 177 dager siden. Skulle vært sett på tirsdag 8. september.",
			"**Fysioterapi** – Kari Nilsen (fysioterapeut). Sist sett på for 80 dager siden. Skulle vært sett på torsdag 15. oktober.",
			"**Avlastning** – Mona Lie (avlastningskoordinator). Sist sett på for 75 dager siden.",
			"Dette mangler i planen:",
			"(e) Tiltaket «Hjelpemidler» har ingen ansvarlig.",
			"Hva nå? Skriv for eksempel «send påminnelse til Ingrid» eller «vis ppt og sakkyndig vurdering».",
		}},
		{"nynorsk", "kva delar er utdaterte?", []string{"Desse delane er utdaterte (3)", "Sist sett på for 177 dagar sidan.", "Kva no?"}},
		{"english", "summary of stale sections", []string{"These parts are out of date (3), oldest first:", "Last looked at 177 days ago.", "What next?"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			contains(t, h.dm(koordinator, c.ask), c.want...)
		})
	}
}

func TestRestartMidConversation(t *testing.T) {
	h := newHarness(t)
	contains(t, h.dm(fysio, "oppdater fysioterapi"), "Skriv den nye teksten for «Fysioterapi»")
	h.e = h.engine() // the bot restarts
	contains(t, h.dm(fysio, "Ny rullator er bestilt."), "Slik blir «Fysioterapi»:", "> Ny rullator er bestilt.")
	h.e = h.engine() // and again
	contains(t, h.dm(fysio, "ja"), "Lagret. «Fysioterapi» er nå:")
	p, _ := h.store.Plan(context.Background(), "emma", "", "")
	if s, _ := p.Section("fysioterapi"); s.Text != "Ny rullator er bestilt." {
		t.Fatalf("after restarts: %q", s.Text)
	}
}

func TestTwoPeopleEditTheSameSection(t *testing.T) {
	h := newHarness(t)
	h.dm(fysio, "oppdater fysioterapi: Kari sin tekst.")
	h.dm(koordinator, "oppdater fysioterapi: Siljes tekst.")
	contains(t, h.dm(fysio, "ja"), "Lagret.")
	h.advance(2 * time.Minute)
	got := h.dm(koordinator, "ja")
	contains(t, got, "Kari Nilsen (fysioterapeut) endret «Fysioterapi» i dag kl. 12, mens du skrev. Nå står det:",
		"> Kari sin tekst.", "Din tekst er ikke lagret ennå:", "> Siljes tekst.", "Vil du lagre din tekst i stedet?")
	p, _ := h.store.Plan(context.Background(), "emma", "", "")
	if s, _ := p.Section("fysioterapi"); s.Text != "Kari sin tekst." {
		t.Fatalf("the refused write changed the text: %q", s.Text)
	}
	contains(t, h.dm(koordinator, "ja"), "Lagret. «Fysioterapi» er nå:", "> Siljes tekst.")
	changes, _ := h.store.Changes(context.Background(), "emma", 0)
	if n := len(changes); n != 3 || changes[1].After != "Kari sin tekst." || changes[2].Before != "Kari sin tekst." {
		t.Fatalf("both writes must be in the log, the second based on the first: %+v", changes)
	}
}

func TestConcurrentConfirmations(t *testing.T) {
	h := newHarness(t)
	users := []string{fysio, koordinator}
	for i, u := range users {
		h.dm(u, fmt.Sprintf("oppdater fysioterapi: tekst %d", i))
	}
	var wg sync.WaitGroup
	out := make([]string, len(users))
	for i, u := range users {
		wg.Add(1)
		go func() { defer wg.Done(); out[i] = h.dm(u, "ja") }()
	}
	wg.Wait()
	saved := 0
	for _, o := range out {
		if strings.Contains(o, "Lagret.") {
			saved++
		} else if !strings.Contains(o, "mens du skrev") {
			t.Errorf("neither saved nor told why: %s", o)
		}
	}
	if saved != 1 {
		t.Fatalf("%d saved at once, want exactly 1: %q", saved, out)
	}
}

func TestOutsiderLearnsNothing(t *testing.T) {
	h := newHarness(t)
	for _, ask := range []string{"hva skjer nå?", "vis planen til Emma", "hvem er med?", "oppdater fysioterapi: hei", "hjelp"} {
		got := h.dm(outsider, ask)
		contains(t, got, "Jeg finner ingen plan du har tilgang til.")
		lacks(t, got, "Emma", "Hansen", "Fysioterapi", "Silje")
	}
	// Withdrawn consent: the same answer, at once.
	p, _ := h.store.Plan(context.Background(), "emma", "", "")
	c, _ := p.Consent("fysio")
	c.WithdrawnAt = friday
	if _, _, err := h.store.SaveConsent(context.Background(), "emma", c, c.Version, plan.Change{By: "mor", Action: plan.Withdrawn}); err != nil {
		t.Fatal(err)
	}
	got := h.dm(fysio, "hva skjer nå?")
	contains(t, got, "Jeg finner ingen plan du har tilgang til.")
	lacks(t, got, "Emma", "ansvarsgruppen")
}

func TestSharedChannelAnswersInDM(t *testing.T) {
	h := newHarness(t)
	for _, user := range []string{mor, outsider} {
		rs := h.send(chat.Message{Platform: "mattermost", User: user, Text: "@planprat hva skjer nå?", ID: "c-" + user})
		if len(rs) < 2 {
			t.Fatalf("%s: want a note in the channel and a DM, got %+v", user, rs)
		}
		if rs[0].Where != chat.Here || rs[0].Text != "Jeg svarer deg i en direktemelding." {
			t.Errorf("%s: channel reply %+v", user, rs[0])
		}
		for _, r := range rs[1:] {
			if r.Where != chat.Direct {
				t.Errorf("%s: plan content outside the DM: %+v", user, r)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	h := newHarness(t)
	long := strings.Repeat("Dette er en lang tekst. ", 200)
	got := h.dm(fysio, "oppdater fysioterapi: "+long)
	contains(t, got, "Meldingen er for lang. Jeg tar imot opptil 4000 tegn. Jeg har ikke lagret noe av den.")
	if b, _ := h.store.Conversation(context.Background(), "mattermost", fysio); b != nil {
		t.Fatalf("state kept from an oversized message: %s", b)
	}
	// Garbled bytes and control characters get an answer, not a crash: what
	// is left of the message is understood, or the person hears what works.
	contains(t, h.dm(mor, "\xff\xfe\x00hva skjer"), "Dette skjer fremover for Emma:")
	for _, s := range []string{"\x1b[31m\x07", "   ", "\u202e\u0000"} {
		contains(t, h.dm(mor, s), "Det forsto jeg ikke helt.", "«Hva skjer nå?»")
	}
	// Mentions and markup in repeated text are defused.
	got = h.dm(fysio, "oppdater fysioterapi: Hei @channel og @here, se `kode` og **fet**")
	contains(t, got, "@\u2060channel", "@\u2060here", "\\`kode\\`", "\\*\\*fet\\*\\*")
	lacks(t, got, " @channel", " @here")
	// A duplicate delivery is answered once.
	m := chat.Message{Platform: "mattermost", User: mor, Text: "hva skjer nå?", Direct: true, ID: "same"}
	if first := h.send(m); len(first) == 0 {
		t.Fatal("first delivery unanswered")
	}
	if again := h.send(m); len(again) != 0 {
		t.Fatalf("duplicate answered: %+v", again)
	}
}

func TestRedisDownIsExplained(t *testing.T) {
	rdb, srv := redistest.Start(t)
	s := store.New(rdb, func() time.Time { return friday })
	p, _ := planfile.Parse(examples.Emma, "plan-emma.yaml")
	if err := s.PutPlan(context.Background(), p, "op", ""); err != nil {
		t.Fatal(err)
	}
	e := conversation.New(s, conversation.Options{Now: func() time.Time { return friday }})
	srv.Stop()
	rs, err := e.Handle(context.Background(), chat.Message{Platform: "mattermost", User: mor, Text: "hva skjer nå?", Direct: true, ID: "x"})
	if err != nil {
		t.Fatal(err)
	}
	contains(t, join(rs), "jeg får ikke tak i planen akkurat nå. Ingenting er tapt.")
}

func TestParticipantsAndAudit(t *testing.T) {
	h := newHarness(t)
	contains(t, h.dm(mor, "hvem er med?"), "Disse er med i planen for Emma:", "- Silje Berg, barnekoordinator, Bergen kommune – koordinator", "- Kari Nilsen, fysioterapeut, Bergen kommune")
	contains(t, h.dm(mor, "who is in the plan?"), "These take part in the plan for Emma:")
	h.dm(fysio, "vis planen")
	got := h.dm(mor, "hvem har sett planen?")
	contains(t, got, "Dette er de som har sett planen for Emma, sist først:", "Kari Nilsen (fysioterapeut) leste planen i dag kl. 12.", "systemansvarlig endret planen i dag kl. 12.")
	contains(t, h.dm(fysio, "hvem har sett planen?"), "Bare familien og koordinatoren kan se hvem som har lest planen.")
	contains(t, h.dm(koordinator, "kven har sett planen?"), "Dette er dei som har sett planen for Emma")
}

func TestShowPlanAndSection(t *testing.T) {
	h := newHarness(t)
	contains(t, h.dm(mor, "vis planen"), "**Planen for Emma Hansen**", "**Fysioterapi** – Kari Nilsen (fysioterapeut)", "**Hjelpemidler** – ingen ansvarlig")
	contains(t, h.dm(mor, "vis fysioterapi"), "**Fysioterapi**", "> Tøyeprogram hjemme hver kveld.", "Ansvarlig: Kari Nilsen (fysioterapeut).", "Denne delen bør sees på igjen.")
	contains(t, h.dm(fysio, "show the physio section"), "Responsible: Kari Nilsen (fysioterapeut).", "You can change it.")
}

func TestProfessionalCannotEditOthersSections(t *testing.T) {
	h := newHarness(t)
	contains(t, h.dm(fysio, "oppdater skole: Emma slutter på skolen"), "Du kan ikke endre «Skole og IOP». Det er Lars Vik (kontaktlærer) som har ansvaret.")
	p, _ := h.store.Plan(context.Background(), "emma", "", "")
	if s, _ := p.Section("skole"); s.Version != 1 {
		t.Fatal("section changed")
	}
}

func TestSeveralPlansAsksWhich(t *testing.T) {
	h := newHarness(t)
	q, _ := planfile.Parse(examples.Emma, "plan-emma.yaml")
	q.ID, q.Person = "jonas", "Jonas Berg"
	if err := h.store.PutPlan(context.Background(), q, "op", ""); err != nil {
		t.Fatal(err)
	}
	got := h.dm(fysio, "hva skjer nå?")
	contains(t, got, "Du er med i flere planer. Hvilken gjelder det?", "1. Emma Hansen", "2. Jonas Berg")
	contains(t, h.dm(fysio, "2"), "Dette skjer fremover for Jonas:")
	// The choice is remembered.
	contains(t, h.dm(fysio, "hva skjer nå?"), "Dette skjer fremover for Jonas:")
	contains(t, h.dm(fysio, "bytt plan"), "Hvilken gjelder det?")
	contains(t, h.dm(fysio, "Emma"), "Hei Kari!")
}

func TestHelpAndUnknown(t *testing.T) {
	h := newHarness(t)
	contains(t, h.dm(mor, "hjelp"), "«Hva skjer nå?»")
	contains(t, h.dm(fysio, "help"), "“No change” when your part is still right")
	contains(t, h.dm(mor, "xqzv plonk"), "Det forsto jeg ikke helt.", "«Hva er nytt?»")
}

// A question costs at most three round trips to Redis.
func TestRoundTripsPerQuestion(t *testing.T) {
	h := newHarness(t)
	h.dm(mor, "hei") // the first message picks the plan
	for _, ask := range []string{"hva skjer nå?", "hva er nytt?", "hvem er med?", "vis planen", "hvem har sett planen?"} {
		h.trips.Reset()
		h.dm(mor, ask)
		if n := h.trips.N(); n > 3 {
			t.Errorf("%q took %d round trips, want at most 3", ask, n)
		}
	}
}
