package mattermost

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/planprat/planprat/test/e2e/mmtest"
)

func TestIntegrationDirectMessage(t *testing.T) {
	env := mattermost(t)
	e := &engine{}
	runBot(t, env, Config{}, e)
	mor := mmtest.As(env, "MOR")
	dm := mor.DM(t)
	q := mor.Say(t, dm, "", "hva skjer nå?")
	got := mor.WaitBot(t, dm, q, 1, 15*time.Second)
	if len(got) != 1 || got[0].Message != "svar: hva skjer nå?" || got[0].RootId != "" {
		t.Fatalf("bot posts = %v, want one top-level %q", messages(got), "svar: hva skjer nå?")
	}
	m := e.got()[0]
	if m.User != mor.Name || !m.Direct || m.ID != q.Id || m.Platform != Platform {
		t.Errorf("engine got %+v", m)
	}
	// A reply in a thread of the DM is answered in that thread.
	q2 := mor.Say(t, dm, q.Id, "og så?")
	got = mor.WaitBot(t, dm, q2, 1, 15*time.Second)
	if len(got) != 1 || got[0].RootId != q.Id {
		t.Fatalf("thread reply = %v (root %q), want in thread %s", messages(got), got[0].RootId, q.Id)
	}
}

func TestIntegrationChannel(t *testing.T) {
	env := mattermost(t)
	e := &engine{}
	runBot(t, env, Config{}, e)
	fysio := mmtest.As(env, "FYSIO")
	ch := env["MM_CHANNEL_ID"]

	quiet := fysio.Say(t, ch, "", "hei alle sammen")
	q := fysio.Say(t, ch, "", "@planprat, hva skjer nå?")
	inChannel := fysio.WaitBot(t, ch, quiet, 1, 15*time.Second)
	if len(inChannel) != 1 || inChannel[0].RootId != q.Id || inChannel[0].Message != "Jeg svarer deg i en direktemelding." {
		t.Fatalf("channel = %v, want only the DM notice, in the question's thread", messages(inChannel))
	}
	dm := fysio.DM(t)
	inDM := fysio.WaitBot(t, dm, q, 1, 15*time.Second)
	if len(inDM) != 1 || inDM[0].Message != "svar: hva skjer nå?" {
		t.Fatalf("DM = %v", messages(inDM))
	}
	msgs := e.got()
	if len(msgs) != 1 || msgs[0].Direct || msgs[0].Text != "hva skjer nå?" {
		t.Errorf("engine got %+v, want one channel message without the mention", msgs)
	}
}

func TestIntegrationButtons(t *testing.T) {
	env := mattermost(t)
	e := &engine{}
	addr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	runBot(t, env, Config{HTTPAddr: addr, Secret: "test-secret"}, e)
	laerer := mmtest.As(env, "LAERER")
	dm := laerer.DM(t)
	q := laerer.Say(t, dm, "", "velg")
	asked := laerer.WaitBot(t, dm, q, 1, 15*time.Second)[0]
	atts := asked.Attachments()
	if len(atts) != 1 || len(atts[0].Actions) != 2 || atts[0].Actions[0].Name != "Ja" {
		t.Fatalf("question post attachments = %+v", atts)
	}
	if atts[0].Actions[0].Integration != nil {
		t.Error("the integration context reached the client; it must stay on the server")
	}

	// A forged callback straight to the bot changes nothing.
	forged := model.PostActionIntegrationRequest{UserId: laerer.ID, ChannelId: dm, PostId: asked.Id,
		Context: map[string]any{ctxValue: "ja", ctxUser: laerer.ID, ctxChannel: dm, ctxNonce: "x", ctxExpires: "9999999999", ctxSig: "bad"}}
	body, _ := json.Marshal(forged)
	resp, err := http.Post("http://"+addr+ChoicePath, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("forged callback: status %d, want 403", resp.StatusCode)
	}

	// The person clicks "Ja": the engine hears "ja", the answer follows, the buttons go.
	if _, err := laerer.C.DoPostAction(context.Background(), asked.Id, atts[0].Actions[0].Id); err != nil {
		t.Fatalf("click: %v", err)
	}
	after := laerer.WaitBot(t, dm, asked, 1, 15*time.Second)
	if len(after) != 1 || after[0].Message != "svar: ja" {
		t.Fatalf("after click: %v", messages(after))
	}
	updated, _, err := laerer.C.GetPost(context.Background(), asked.Id, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(updated.Attachments()) != 0 || !strings.Contains(updated.Message, "✔ **Ja**") {
		t.Errorf("question after click: %q with %d attachments, want the choice and no buttons", updated.Message, len(updated.Attachments()))
	}
	msgs := e.got()
	if last := msgs[len(msgs)-1]; last.Text != "ja" || !last.Direct || last.User != laerer.Name {
		t.Errorf("engine got %+v for the click", last)
	}
	// Clicking again (the buttons are gone) does nothing.
	if _, err := laerer.C.DoPostAction(context.Background(), asked.Id, atts[0].Actions[1].Id); err == nil {
		t.Error("second click accepted")
	}
	time.Sleep(500 * time.Millisecond)
	if n := len(e.got()); n != len(msgs) {
		t.Errorf("engine heard %d more messages after the second click", n-len(msgs))
	}
}

// TestIntegrationReplayedCallback replays a real, signed callback that the
// server sent: the second delivery changes nothing.
func TestIntegrationReplayedCallback(t *testing.T) {
	env := mattermost(t)
	e := &engine{}
	addr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	a, _ := runBot(t, env, Config{HTTPAddr: addr, Secret: "test-secret"}, e)
	koord := mmtest.As(env, "KOORDINATOR")
	dm := koord.DM(t)
	// Mint a signed click the way the bot does, and deliver it twice.
	tok := choiceToken{User: koord.ID, Channel: dm, Direct: true, Nonce: newNonce(), Expires: time.Now().Add(time.Hour).Unix()}
	tok.Value, tok.Label = "ja", "Ja"
	req := model.PostActionIntegrationRequest{UserId: koord.ID, ChannelId: dm, Context: maps.Clone(tok.context([]byte(a.cfg.Secret)))}
	body, _ := json.Marshal(req)
	var codes []int
	for range 2 {
		resp, err := http.Post("http://"+addr+ChoicePath, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		codes = append(codes, resp.StatusCode)
	}
	if codes[0] != http.StatusOK || codes[1] != http.StatusConflict {
		t.Errorf("statuses %v, want [200 409]", codes)
	}
	if n := len(e.got()); n != 1 {
		t.Errorf("engine heard %d messages, want 1", n)
	}
}

func TestIntegrationTwoBots(t *testing.T) {
	env := mattermost(t)
	e1, e2 := &engine{}, &engine{}
	runBot(t, env, Config{}, e1)
	runBot(t, env, Config{}, e2)
	koord := mmtest.As(env, "KOORDINATOR")
	dm := koord.DM(t)
	first := koord.Say(t, dm, "", "melding 0")
	for i := 1; i < 10; i++ {
		koord.Say(t, dm, "", fmt.Sprintf("melding %d", i))
	}
	got := koord.WaitBot(t, dm, first, 10, 15*time.Second)
	if len(got) != 10 {
		t.Fatalf("%d answers to 10 posts: %v", len(got), messages(got))
	}
	if n1, n2 := len(e1.got()), len(e2.got()); n1+n2 != 10 {
		t.Errorf("engines heard %d + %d messages, want 10 in all", n1, n2)
	}
}

func TestIntegrationRestart(t *testing.T) {
	env := mattermost(t)
	mor := mmtest.As(env, "MOR")
	dm := mor.DM(t)
	_, stop := runBot(t, env, Config{}, &engine{})
	before := mor.Say(t, dm, "", "før omstart")
	mor.WaitBot(t, dm, before, 1, 15*time.Second)
	stop()

	while := mor.Say(t, dm, "", "mens boten var borte")
	time.Sleep(300 * time.Millisecond)
	e := &engine{}
	runBot(t, env, Config{}, e)
	got := mor.WaitBot(t, dm, before, 2, 15*time.Second)
	if len(got) != 2 || got[1].Message != "svar: mens boten var borte" {
		t.Fatalf("after restart: %v, want the earlier answer and one for the missed post", messages(got))
	}
	if msgs := e.got(); len(msgs) != 1 || msgs[0].ID != while.Id {
		t.Errorf("restarted engine heard %+v, want only the missed post", msgs)
	}
}

func TestIntegrationNetworkCut(t *testing.T) {
	env := mattermost(t)
	p := startProxy(t, strings.TrimPrefix(env["MM_URL"], "http://"))
	e := &engine{}
	a, _ := runBot(t, env, Config{URL: "http://" + p.addr}, e)
	lars := mmtest.As(env, "LAERER")
	dm := lars.DM(t)
	q := lars.Say(t, dm, "", "før bruddet")
	lars.WaitBot(t, dm, q, 1, 15*time.Second)

	p.cut()
	missed := lars.Say(t, dm, "", "under bruddet")
	time.Sleep(1500 * time.Millisecond)
	p.resume(t)
	got := lars.WaitBot(t, dm, missed, 1, 15*time.Second)
	if len(got) != 1 || got[0].Message != "svar: under bruddet" {
		t.Fatalf("after the cut: %v", messages(got))
	}
	if a.hellos.Load() < 2 {
		t.Errorf("websocket connected %d times, want a reconnect", a.hellos.Load())
	}
}

func TestIntegrationSendDirectAndLongReply(t *testing.T) {
	env := mattermost(t)
	a, _ := runBot(t, env, Config{}, &engine{})
	ola := mmtest.As(env, "OUTSIDER")
	dm := ola.DM(t)
	mark := ola.Say(t, dm, "", "lang")
	long := ola.WaitBot(t, dm, mark, 2, 15*time.Second) // 28,000 runes: two posts
	total := 0
	for _, p := range long {
		if n := utf8.RuneCountInString(p.Message); n > maxPostRunes {
			t.Errorf("piece of %d runes", n)
		}
		total += strings.Count(p.Message, "Et langt avsnitt")
	}
	if len(long) < 2 || total != 1000 {
		t.Errorf("long reply in %d pieces with %d of 1000 lines", len(long), total)
	}

	mark = ola.Say(t, dm, "", "merke")
	ola.WaitBot(t, dm, mark, 1, 15*time.Second)
	if err := a.SendDirect(context.Background(), ola.Name, "Husk møtet i morgen."); err != nil {
		t.Fatal(err)
	}
	got := ola.WaitBot(t, dm, mark, 2, 15*time.Second)
	if got[len(got)-1].Message != "Husk møtet i morgen." {
		t.Errorf("direct message = %v", messages(got))
	}
}

func messages(posts []*model.Post) []string {
	out := make([]string, len(posts))
	for i, p := range posts {
		m := p.Message
		if len(m) > 60 {
			m = m[:60] + "…"
		}
		out[i] = m
	}
	return out
}

// A person's own time zone in Mattermost decides their nudges' working hours.
func TestIntegrationTimeZone(t *testing.T) {
	env := mattermost(t)
	a, _ := runBot(t, env, Config{}, &engine{})
	lars := mmtest.As(env, "LAERER")
	patch := &model.UserPatch{Timezone: model.StringMap{"useAutomaticTimezone": "false", "manualTimezone": "America/New_York", "automaticTimezone": ""}}
	if _, _, err := lars.C.PatchUser(context.Background(), lars.ID, patch); err != nil {
		t.Fatal(err)
	}
	loc, err := a.TimeZone(context.Background(), lars.Name)
	if err != nil || loc == nil || loc.String() != "America/New_York" {
		t.Fatalf("time zone %v, %v; want America/New_York", loc, err)
	}
	reset := &model.UserPatch{Timezone: model.StringMap{"useAutomaticTimezone": "true", "manualTimezone": "", "automaticTimezone": ""}}
	if _, _, err := lars.C.PatchUser(context.Background(), lars.ID, reset); err != nil {
		t.Fatal(err)
	}
}
