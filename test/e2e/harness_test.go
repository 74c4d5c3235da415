package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/planprat/planprat/test/e2e/mmtest"
)

// The end-to-end test drives planprat as people do: real Mattermost server
// (started by mattermost-server.sh), real Redis, real `planprat serve`
// processes, and the people of the example plan posting through the REST API
// and reading the bot's answers as they see them.

// repo is the project root, seen from this package's folder.
const repo = "../.."

// harness is one end-to-end run: the server's env, the Redis, the planprat binary.
type harness struct {
	t        *testing.T
	env      map[string]string
	work     string
	bin      string
	redisURL string
}

func freeAddr(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// planprat runs the planprat binary with the harness's Redis and returns its output.
func (h *harness) planprat(args ...string) string {
	h.t.Helper()
	cmd := exec.Command(h.bin, args...)
	cmd.Env = append(os.Environ(), "PLANPRAT_REDIS_URL="+h.redisURL)
	out, err := cmd.CombinedOutput()
	if err != nil {
		h.t.Fatalf("planprat %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// syncBuffer is a bytes.Buffer safe for a process writing and a test reading.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// bot is one `planprat serve` process.
type bot struct {
	h        *harness
	name     string
	cmd      *exec.Cmd
	httpAddr string
	out      *syncBuffer
	exited   chan struct{}
}

// startBot starts `planprat serve` and waits until its websocket listens. The
// bot lives until it is stopped or the whole run ends; t is the (sub)test
// starting it, which fails if it does not come up.
//
// Its nudge scheduler is off unless env (extra KEY=value settings) turns it
// on, so that no nudge lands in the middle of another step.
func (h *harness) startBot(t testing.TB, name string, env ...string) *bot {
	t.Helper()
	b := &bot{h: h, name: name, httpAddr: freeAddr(t), out: &syncBuffer{}, exited: make(chan struct{})}
	b.cmd = exec.Command(h.bin, "serve")
	b.cmd.Env = append(os.Environ(),
		"PLANPRAT_REDIS_URL="+h.redisURL,
		"PLANPRAT_MATTERMOST_URL="+h.env["MM_URL"],
		"PLANPRAT_MATTERMOST_TOKEN="+h.env["MM_BOT_TOKEN"],
		"PLANPRAT_HTTP_ADDR="+b.httpAddr,
		"PLANPRAT_CALLBACK_SECRET=e2e-callback-secret",
		"PLANPRAT_NUDGE_EVERY=0",
	)
	b.cmd.Env = append(b.cmd.Env, env...)
	logFile, err := os.Create(filepath.Join(h.work, "bot-"+name+".log"))
	if err != nil {
		t.Fatal(err)
	}
	b.cmd.Stdout = &teeWriter{b.out, logFile}
	b.cmd.Stderr = b.cmd.Stdout
	if err := b.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { b.cmd.Wait(); logFile.Close(); close(b.exited) }()
	h.t.Cleanup(b.kill)
	b.waitLog(t, "msg=listening", 30*time.Second)
	return b
}

type teeWriter struct {
	a *syncBuffer
	b *os.File
}

func (w *teeWriter) Write(p []byte) (int, error) {
	w.a.Write(p)
	return w.b.Write(p)
}

// waitLog waits until the bot's log contains s.
func (b *bot) waitLog(t testing.TB, s string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !strings.Contains(b.out.String(), s) {
		select {
		case <-b.exited:
			t.Fatalf("bot %s exited before %q:\n%s", b.name, s, b.out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("bot %s: no %q in its log after %s:\n%s", b.name, s, timeout, b.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop ends the bot as an operator would (SIGTERM) and waits for it.
func (b *bot) stop() {
	b.signal(syscall.SIGTERM)
	select {
	case <-b.exited:
	case <-time.After(15 * time.Second):
		b.h.t.Errorf("bot %s did not stop on SIGTERM", b.name)
		b.kill()
	}
}

// kill ends the bot at once, as a crash would.
func (b *bot) kill() {
	b.signal(syscall.SIGKILL)
	<-b.exited
}

func (b *bot) signal(sig syscall.Signal) {
	select {
	case <-b.exited:
	default:
		b.cmd.Process.Signal(sig)
	}
}

// ask writes text to the bot in p's DM and returns its answer (one post).
func ask(t *testing.T, p *mmtest.Person, text string) *model.Post {
	t.Helper()
	q := p.Say(t, p.DM(t), "", text)
	got := p.WaitBot(t, p.DM(t), q, 1, 15*time.Second)
	if len(got) != 1 {
		t.Fatalf("%s asked %q and got %d answers: %q", p.Name, text, len(got), mmtest.Texts(got))
	}
	t.Logf("%s: %s\nplanprat: %s", p.Name, text, got[0].Message)
	return got[0]
}

// listener is a websocket as a person, timing when posts arrive.
type listener struct {
	ws      *model.WebSocketClient
	mu      sync.Mutex
	arrived map[string]time.Time     // post id -> arrival
	byRoot  map[string][]*model.Post // bot posts by channel
	cond    *sync.Cond
}

func (h *harness) listen(t testing.TB, token string) *listener {
	t.Helper()
	ws, err := model.NewWebSocketClient4("ws"+strings.TrimPrefix(h.env["MM_URL"], "http"), token)
	if err != nil {
		t.Fatal(err)
	}
	l := &listener{ws: ws, arrived: map[string]time.Time{}, byRoot: map[string][]*model.Post{}}
	l.cond = sync.NewCond(&l.mu)
	ws.Listen()
	hello := make(chan struct{})
	go func() {
		once := sync.Once{}
		for {
			select {
			case ev, ok := <-ws.EventChannel:
				if !ok {
					return
				}
				now := time.Now()
				switch ev.EventType() {
				case model.WebsocketEventHello:
					once.Do(func() { close(hello) })
				case model.WebsocketEventPosted:
					var p model.Post
					if json.Unmarshal([]byte(ev.GetData()["post"].(string)), &p) != nil {
						continue
					}
					l.mu.Lock()
					l.arrived[p.Id] = now
					l.byRoot[p.ChannelId] = append(l.byRoot[p.ChannelId], &p)
					l.cond.Broadcast()
					l.mu.Unlock()
				}
			case <-ws.ResponseChannel:
			case <-ws.PingTimeoutChannel:
			}
		}
	}()
	select {
	case <-hello:
	case <-time.After(10 * time.Second):
		t.Fatal("listener websocket did not connect")
	}
	t.Cleanup(ws.Close)
	return l
}

// waitFor waits until a post matching ok has arrived and returns its arrival time.
func (l *listener) waitFor(timeout time.Duration, ok func(p *model.Post) bool) (time.Time, error) {
	deadline := time.Now().Add(timeout)
	timer := time.AfterFunc(timeout, func() { l.mu.Lock(); l.cond.Broadcast(); l.mu.Unlock() })
	defer timer.Stop()
	l.mu.Lock()
	defer l.mu.Unlock()
	for {
		for _, posts := range l.byRoot {
			for _, p := range posts {
				if ok(p) {
					return l.arrived[p.Id], nil
				}
			}
		}
		if time.Now().After(deadline) {
			return time.Time{}, fmt.Errorf("no matching post within %s", timeout)
		}
		l.cond.Wait()
	}
}
