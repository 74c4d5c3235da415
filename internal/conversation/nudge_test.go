package conversation_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/planprat/planprat/internal/nudge"
)

// sent records the direct messages the scheduler sends (our own port).
type sent struct {
	mu   sync.Mutex
	msgs map[string][]string
}

func (s *sent) SendDirect(ctx context.Context, user, text string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.msgs == nil {
		s.msgs = map[string][]string{}
	}
	s.msgs[user] = append(s.msgs[user], text)
	return nil
}

func (s *sent) to(user string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.msgs[user], "\n---\n")
}

func withScheduler(t *testing.T, h *harness) (*nudge.Scheduler, *sent) {
	out := &sent{}
	sch := nudge.New(nudge.Config{Store: h.store, Platform: "mattermost", Sender: out, Now: h.clock,
		Expect: h.e, Summary: h.e})
	h.e.SetNudges(sch)
	return sch, out
}

// A stale section's owner is nudged, answers in one message, confirms, and
// the family's next "hva er nytt?" shows it.
func TestNudgeAnsweredInOneMessage(t *testing.T) {
	h := newHarness(t)
	sch, out := withScheduler(t, h)
	if _, err := sch.Pass(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := out.to(fysio)
	contains(t, got, "Emma", "Fysioterapi", "ingen endring", "ikke min oppgave")
	lacks(t, got, "Hansen")
	if out.to(laerer) != "" || out.to(koordinator) != "" || strings.Contains(out.to(mor), "Delen din") {
		t.Fatalf("only owners of stale sections are nudged: %v", out.msgs)
	}
	// A freshly loaded plan is no news for the family.
	if out.to(mor) != "" {
		t.Fatalf("a notice about nothing: %s", out.to(mor))
	}

	h.advance(time.Hour)
	// Free text that happens to contain request words ("nye", "neste møte")
	// is still the answer to the nudge.
	answer := "Emma har fått nye øvelser. Vi tar det opp på neste møte. Ny rullator er bestilt."
	contains(t, h.dm(fysio, answer), "Slik blir «Fysioterapi»:", "> "+answer)
	contains(t, h.dm(fysio, "ja"), "Lagret. «Fysioterapi» er nå:")
	contains(t, h.dm(mor, "hva er nytt?"), "Kari Nilsen (fysioterapeut) endret teksten i dag kl. 13.", "> Emma har fått nye øvelser.")

	// The coordinator sees where the other nudges stand.
	got = h.dm(koordinator, "hvilke deler er utdatert?")
	contains(t, got, "**PPT og sakkyndig vurdering**", "**Avlastning**")
	lacks(t, got, "**Fysioterapi**")
	// The family can see the reminders in who has looked at the plan.
	contains(t, h.dm(mor, "hvem har sett planen?"), "planprat (påminnelser) sendte eller fikk svar på en påminnelse i dag kl. 12.",
		"Kari Nilsen (fysioterapeut) endret planen i dag kl. 13.")
}

func TestNudgeSnoozeNotMineAndRemind(t *testing.T) {
	h := newHarness(t)
	sch, out := withScheduler(t, h)
	if _, err := sch.Pass(context.Background()); err != nil {
		t.Fatal(err)
	}
	contains(t, h.dm(fysio, "snooze 1 uke"), "Greit. Jeg minner deg på det igjen fredag 11. desember.")
	contains(t, h.dm("ingrid.solheim", "ikke min oppgave"), "Takk for beskjed. Jeg har sagt fra til Silje Berg (koordinator)", "«PPT og sakkyndig vurdering»")
	contains(t, out.to(koordinator), "PPT og sakkyndig vurdering")
	contains(t, h.dm(koordinator, "send påminnelse til Mona"), "Jeg har sendt en påminnelse til Mona Lie (avlastningskoordinator).")
	if n := strings.Count(out.to("mona.lie"), "Avlastning"); n < 2 {
		t.Fatalf("Mona got %d messages about Avlastning, want the nudge and the reminder:\n%s", n, out.to("mona.lie"))
	}
	contains(t, h.dm(fysio, "send påminnelse til skolen"), "Bare koordinatoren kan sende påminnelser.")
	// The GP has only an e-mail address: a clear answer, not an error.
	contains(t, h.dm(koordinator, "send påminnelse til fastlegen"), "Jeg kan ikke nå Per Moe (fastlege) her i chatten.")
	contains(t, h.dm(koordinator, "hvilke deler er utdatert?"),
		"Skulle vært sett på tirsdag 8. september. Svarte «ikke min oppgave».",
		"Skulle vært sett på torsdag 15. oktober. Utsatt til fredag 11. desember.")
}

// A nudge never throws away a draft the person is writing.
func TestNudgeKeepsADraftInProgress(t *testing.T) {
	h := newHarness(t)
	contains(t, h.dm(fysio, "oppdater fysioterapi: Ny rullator er bestilt."), "Slik blir «Fysioterapi»:")
	if err := h.e.ExpectUpdate(context.Background(), "mattermost", fysio, "emma", "fysio", []string{"fysioterapi"}); err != nil {
		t.Fatal(err)
	}
	contains(t, h.dm(fysio, "ja"), "Lagret. «Fysioterapi» er nå:", "> Ny rullator er bestilt.")
}
