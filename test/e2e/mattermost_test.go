package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/planprat/planprat/examples"
	"github.com/planprat/planprat/internal/planfile"
	"github.com/planprat/planprat/internal/redistest"
	"github.com/planprat/planprat/test/e2e/mmtest"
)

// TestMattermost is the end-to-end test of issue 4. It needs a provisioned
// server: run it with test/e2e/mattermost.sh (which starts one and sets
// PLANPRAT_E2E_ENV); plain `go test ./...` skips it.
func TestMattermost(t *testing.T) {
	envFile := os.Getenv("PLANPRAT_E2E_ENV")
	if envFile == "" {
		t.Skip("end-to-end test against Mattermost: run test/e2e/mattermost.sh")
	}
	env, err := mmtest.ReadEnv(envFile)
	if err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(env["MM_WORK"], "e2e")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	_, srv := redistest.Start(t)
	h := &harness{t: t, env: env, work: work, bin: filepath.Join(work, "planprat"), redisURL: "redis://" + srv.Addr + "/0"}

	t0 := time.Now()
	build := exec.Command("go", "build", "-o", h.bin, "./cmd/planprat")
	build.Dir = repo
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build planprat: %v\n%s", err, out)
	}
	t.Logf("built planprat in %s", time.Since(t0).Round(time.Millisecond))

	// Import the example plan, its dates moved to today, with the command line.
	p, err := examples.EmmaAsOf(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	data, err := planfile.YAML(p)
	if err != nil {
		t.Fatal(err)
	}
	planFile := filepath.Join(work, "plan-emma.yaml")
	if err := os.WriteFile(planFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Log(strings.TrimSpace(h.planprat("plan", "import", planFile)))

	a := h.startBot(t, "a")
	mor, koord, fysio, laerer, outsider := mmtest.As(env, "MOR"), mmtest.As(env, "KOORDINATOR"), mmtest.As(env, "FYSIO"), mmtest.As(env, "LAERER"), mmtest.As(env, "OUTSIDER")
	channel := env["MM_CHANNEL_ID"]

	step := func(name string, f func(t *testing.T)) {
		if !t.Run(name, f) {
			t.FailNow() // later steps build on earlier ones
		}
	}

	step("family asks what happens next", func(t *testing.T) {
		nb := ask(t, mor, "hva skjer nå?")
		mustContain(t, nb.Message, "Møte i ansvarsgruppen", "Silje Berg (koordinator)")
		en := ask(t, mor, "what happens next?")
		mustContain(t, en.Message, "Silje Berg", "coordinator")
		nn := ask(t, mor, "kva skjer no?")
		mustContain(t, nn.Message, "Silje Berg")
	})

	step("coordinator asks for stale sections", func(t *testing.T) {
		r := ask(t, koord, "hvilke deler er utdatert?")
		mustContain(t, r.Message, "PPT og sakkyndig vurdering", "Fysioterapi", "Ingrid Solheim")
		en := ask(t, koord, "summary of stale sections")
		mustContain(t, en.Message, "Fysioterapi")
	})

	step("professional updates and confirms with a typed ja", func(t *testing.T) {
		preview := ask(t, fysio, "oppdater fysioterapi: Emma går nå 200 meter med rullator.")
		mustContain(t, preview.Message, "200 meter med rullator")
		if n := buttons(preview); n < 2 {
			t.Errorf("the preview has %d buttons, want confirm and cancel", n)
		}
		saved := ask(t, fysio, "ja")
		mustContain(t, saved.Message, "200 meter med rullator")
	})

	step("professional updates and confirms with a button", func(t *testing.T) {
		preview := ask(t, laerer, "oppdater skole og iop: Emma har fått ny assistent i klassen.")
		mustContain(t, preview.Message, "ny assistent i klassen")
		atts := preview.Attachments()
		if len(atts) != 1 || len(atts[0].Actions) < 2 {
			t.Fatalf("preview attachments: %+v", atts)
		}
		// A forged click, straight to the bot's endpoint, changes nothing.
		forged, _ := json.Marshal(model.PostActionIntegrationRequest{UserId: laerer.ID, ChannelId: laerer.DM(t), PostId: preview.Id,
			Context: map[string]any{"v": "ja", "u": laerer.ID, "c": laerer.DM(t), "n": "forged", "e": "9999999999", "d": "true", "r": "", "l": "Lagre", "s": "00"}})
		resp, err := http.Post("http://"+a.httpAddr+"/mattermost/choice", "application/json", bytes.NewReader(forged))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("forged click answered %d, want 403", resp.StatusCode)
		}
		if got := laerer.BotPosts(t, laerer.DM(t), preview); len(got) != 0 {
			t.Fatalf("the forged click made the bot post %q", mmtest.Texts(got))
		}
		// The real click, through Mattermost.
		if _, err := laerer.C.DoPostAction(context.Background(), preview.Id, atts[0].Actions[0].Id); err != nil {
			t.Fatalf("click %q: %v", atts[0].Actions[0].Name, err)
		}
		got := laerer.WaitBot(t, laerer.DM(t), preview, 1, 15*time.Second)
		if len(got) != 1 {
			t.Fatalf("after the click: %q", mmtest.Texts(got))
		}
		t.Logf("%s clicks %q\nplanprat: %s", laerer.Name, atts[0].Actions[0].Name, got[0].Message)
		mustContain(t, got[0].Message, "ny assistent i klassen")
		updated, _, err := laerer.C.GetPost(context.Background(), preview.Id, "")
		if err != nil {
			t.Fatal(err)
		}
		if buttons(updated) != 0 {
			t.Error("the buttons are still there after the click")
		}
		// Clicking again changes nothing.
		if _, err := laerer.C.DoPostAction(context.Background(), preview.Id, atts[0].Actions[0].Id); err == nil {
			t.Error("a second click was accepted")
		}
		if got := laerer.WaitBot(t, laerer.DM(t), preview, 1, time.Second); len(got) != 1 {
			t.Errorf("after a second click the bot posted %q", mmtest.Texts(got))
		}
	})

	step("family sees what is new", func(t *testing.T) {
		r := ask(t, mor, "hva er nytt?")
		mustContain(t, r.Message, "Fysioterapi", "Kari Nilsen", "Skole og IOP")
	})

	step("an outsider learns nothing", func(t *testing.T) {
		secrets := []string{"Emma", "Silje", "Kari", "Anne", "Lars", "Møte", "Fysioterapi", "rullator", "assistent"}
		for _, q := range []string{"hva skjer nå?", "vis planen", "hvem er med?", "hva er nytt?", "oppdater fysioterapi: tull"} {
			r := ask(t, outsider, q)
			mustNotContain(t, r.Message, secrets...)
		}
		q := outsider.Say(t, channel, "", "@planprat hva skjer med Emma?")
		for _, p := range outsider.WaitBot(t, channel, q, 1, 15*time.Second) {
			mustNotContain(t, p.Message, secrets...)
		}
		for _, p := range outsider.BotPosts(t, outsider.DM(t), q) {
			mustNotContain(t, p.Message, secrets...)
		}
	})

	step("a question in the public channel is answered in a DM", func(t *testing.T) {
		q := mor.Say(t, channel, "", "@planprat hva skjer nå?")
		inChannel := mor.WaitBot(t, channel, q, 1, 15*time.Second)
		if len(inChannel) != 1 || inChannel[0].RootId != q.Id {
			t.Fatalf("in the channel: %q, want one reply in the question's thread", mmtest.Texts(inChannel))
		}
		mustNotContain(t, inChannel[0].Message, "Møte i ansvarsgruppen", "Silje Berg", "Emma")
		inDM := mor.WaitBot(t, mor.DM(t), q, 1, 15*time.Second)
		if len(inDM) != 1 {
			t.Fatalf("in the DM: %q", mmtest.Texts(inDM))
		}
		mustContain(t, inDM[0].Message, "Møte i ansvarsgruppen")
		t.Logf("channel: %s\nDM: %s", inChannel[0].Message, firstLine(inDM[0].Message))
	})

	step("the bot restarts mid-conversation", func(t *testing.T) {
		preview := ask(t, fysio, "oppdater fysioterapi: Emma sykler nå med støttehjul.")
		mustContain(t, preview.Message, "sykler nå med støttehjul")
		a.stop()
		a = h.startBot(t, "a2")
		saved := ask(t, fysio, "ja")
		mustContain(t, saved.Message, "sykler nå med støttehjul")
	})

	step("a message sent while the bot is down is answered once", func(t *testing.T) {
		a.kill()
		q := mor.Say(t, mor.DM(t), "", "hva skjer nå?")
		time.Sleep(time.Second)
		a = h.startBot(t, "a3")
		got := mor.WaitBot(t, mor.DM(t), q, 1, 15*time.Second)
		if len(got) != 1 {
			t.Fatalf("answers: %d, want exactly 1: %q", len(got), mmtest.Texts(got))
		}
		mustContain(t, got[0].Message, "Møte i ansvarsgruppen")
	})

	step("the server restarts and the bot comes back", func(t *testing.T) {
		before := mor.Say(t, mor.DM(t), "", "hva skjer nå?")
		mor.WaitBot(t, mor.DM(t), before, 1, 15*time.Second)
		t0 := time.Now()
		restart := exec.Command("bash", "mattermost-server.sh", "restart")
		restart.Env = append(os.Environ(), "PLANPRAT_E2E_WORK="+env["MM_WORK"])
		if out, err := restart.CombinedOutput(); err != nil {
			t.Fatalf("restart Mattermost: %v\n%s", err, out)
		}
		t.Logf("Mattermost restarted in %s", time.Since(t0).Round(time.Millisecond))
		// Posted at once, most likely before the bot's websocket is back.
		q := mor.Say(t, mor.DM(t), "", "hva er nytt?")
		got := mor.WaitBot(t, mor.DM(t), q, 1, 60*time.Second)
		if len(got) != 1 {
			t.Fatalf("answers: %d, want exactly 1: %q", len(got), mmtest.Texts(got))
		}
		a.waitLog(t, "websocket reconnected", 5*time.Second)
		q2 := mor.Say(t, mor.DM(t), "", "hva skjer nå?")
		if got := mor.WaitBot(t, mor.DM(t), q2, 1, 15*time.Second); len(got) != 1 {
			t.Fatalf("after the reconnect: %q", mmtest.Texts(got))
		}
	})

	step("two bot processes answer each post exactly once", func(t *testing.T) {
		b := h.startBot(t, "b")
		defer b.stop()
		dm := koord.DM(t)
		first := koord.Say(t, dm, "", "hva skjer nå? (1)")
		for i := 2; i <= 20; i++ {
			koord.Say(t, dm, "", fmt.Sprintf("hva skjer nå? (%d)", i))
		}
		got := koord.WaitBot(t, dm, first, 20, 60*time.Second)
		if len(got) != 20 {
			t.Fatalf("%d answers to 20 posts", len(got))
		}
		// The channel too: a mention is answered once, in the thread and in the DM.
		q := fysio.Say(t, channel, "", "@planprat hva skjer nå?")
		if got := fysio.WaitBot(t, channel, q, 1, 15*time.Second); len(got) != 1 {
			t.Fatalf("channel answers: %q", mmtest.Texts(got))
		}
		if got := fysio.WaitBot(t, fysio.DM(t), q, 1, 15*time.Second); len(got) != 1 {
			t.Fatalf("DM answers: %q", mmtest.Texts(got))
		}
	})

	step("a stale section nudges its owner, who answers in one message", func(t *testing.T) {
		marker := fysio.Say(t, fysio.DM(t), "", "hei")
		fysio.WaitBot(t, fysio.DM(t), marker, 1, 15*time.Second)
		// Loading the example again makes "Fysioterapi" stale again (80 days).
		t.Log(strings.TrimSpace(h.planprat("plan", "import", planFile)))
		// A bot that nudges any day, at any hour, and looks every second.
		n := h.startBot(t, "nudger", "PLANPRAT_NUDGE_EVERY=1s", "PLANPRAT_NUDGE_EVERY_DAY=true",
			"PLANPRAT_NUDGE_WORK_START=00:00", "PLANPRAT_NUDGE_WORK_END=23:59")
		got := fysio.WaitBot(t, fysio.DM(t), marker, 2, 30*time.Second)
		if len(got) != 2 {
			t.Fatalf("after the greeting, want one nudge: %q", mmtest.Texts(got))
		}
		nudge := got[1].Message
		t.Logf("nudge to %s: %s", fysio.Name, nudge)
		mustContain(t, nudge, "Emma", "Fysioterapi", "80 dager", "ingen endring", "ikke min oppgave")
		mustNotContain(t, nudge, "Hansen")
		n.stop() // no family notice may land while the family asks below

		answer := "Emma går nå 300 meter med rullator, og vi øver i trapper hver uke."
		preview := ask(t, fysio, answer)
		mustContain(t, preview.Message, "Slik blir «Fysioterapi»:", answer)
		saved := ask(t, fysio, "ja")
		mustContain(t, saved.Message, "Lagret. «Fysioterapi» er nå:", answer)
		news := ask(t, mor, "hva er nytt?")
		mustContain(t, news.Message, "«Fysioterapi»", "Kari Nilsen (fysioterapeut) endret teksten", "300 meter med rullator")
	})

	step("latency", func(t *testing.T) {
		latency(t, h, mor, os.Getenv("PLANPRAT_E2E_LATENCY_FILE"))
	})
}

// latency posts 100 questions and compares, for each, the time until the bot's
// answer reaches the asker's websocket with the platform's own floor: the time
// until the question itself reaches a second listener (the asker's websocket).
func latency(t *testing.T, h *harness, p *mmtest.Person, outFile string) {
	const n = 100
	l := h.listen(t, p.Token)
	botID := h.env["MM_BOT_USER_ID"]
	dm := p.DM(t)
	var floor, bot []time.Duration
	for i := range n {
		sent := time.Now()
		q, _, err := p.C.CreatePost(context.Background(), &model.Post{ChannelId: dm, Message: "hva skjer nå?"})
		if err != nil {
			t.Fatal(err)
		}
		own, err := l.waitFor(10*time.Second, func(x *model.Post) bool { return x.Id == q.Id })
		if err != nil {
			t.Fatalf("message %d: own post: %v", i, err)
		}
		answer, err := l.waitFor(10*time.Second, func(x *model.Post) bool {
			return x.UserId == botID && x.ChannelId == dm && x.CreateAt >= q.CreateAt
		})
		if err != nil {
			t.Fatalf("message %d: answer: %v", i, err)
		}
		floor = append(floor, own.Sub(sent))
		bot = append(bot, answer.Sub(sent))
		l.forget()
	}
	fm, fp := quantiles(floor)
	bm, bp := quantiles(bot)
	rm, rp := float64(bm)/float64(fm), float64(bp)/float64(fp)
	verdict := "target met"
	if rm > 2.5 || rp > 2.5 {
		verdict = "target missed"
	}
	report := fmt.Sprintf("latency over %d messages (post -> arrival at the asker's websocket):\n"+
		"  platform floor (the post's own event): median %s, p95 %s\n"+
		"  bot answer:                            median %s, p95 %s\n"+
		"  ratio bot/floor:                       median %.2f, p95 %.2f (target <= 2.5: %s)\n",
		n, fm.Round(10*time.Microsecond), fp.Round(10*time.Microsecond), bm.Round(10*time.Microsecond), bp.Round(10*time.Microsecond), rm, rp, verdict)
	t.Log("\n" + report)
	if outFile != "" {
		os.WriteFile(outFile, []byte(report), 0o644)
	}
	// The bot's answer is inherently two platform round trips (the question's
	// event, the answer's post and event), so about 2 plus the bot's own work;
	// on a shared 2-core machine the ratio wanders around 2.5. Fail only on what
	// is clearly a regression (an extra round trip or a wait), not on noise.
	if rm > 4 {
		t.Errorf("median ratio %.2f > 4: the bot adds more than one platform round trip", rm)
	}
}

func quantiles(ds []time.Duration) (median, p95 time.Duration) {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2], s[(len(s)*95+99)/100-1]
}

func (l *listener) forget() {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.arrived)
	clear(l.byRoot)
}

func buttons(p *model.Post) int {
	n := 0
	for _, a := range p.Attachments() {
		n += len(a.Actions)
	}
	return n
}

func mustContain(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("reply lacks %q:\n%s", w, text)
		}
	}
}

func mustNotContain(t *testing.T, text string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Errorf("reply reveals %q:\n%s", s, text)
		}
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
