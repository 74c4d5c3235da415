package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
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

// readEnv reads the `export K="v"` lines that mattermost-server.sh writes.
func readEnv(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	env := map[string]string{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		k, v, ok := strings.Cut(strings.TrimPrefix(s.Text(), "export "), "=")
		if !ok {
			continue
		}
		if uq, err := strconv.Unquote(v); err == nil {
			v = uq
		}
		env[k] = v
	}
	return env, s.Err()
}

func freeAddr(t *testing.T) string {
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

// startBot starts `planprat serve` and waits until its websocket listens.
func (h *harness) startBot(name string) *bot {
	h.t.Helper()
	b := &bot{h: h, name: name, httpAddr: freeAddr(h.t), out: &syncBuffer{}, exited: make(chan struct{})}
	b.cmd = exec.Command(h.bin, "serve")
	b.cmd.Env = append(os.Environ(),
		"PLANPRAT_REDIS_URL="+h.redisURL,
		"PLANPRAT_MATTERMOST_URL="+h.env["MM_URL"],
		"PLANPRAT_MATTERMOST_TOKEN="+h.env["MM_BOT_TOKEN"],
		"PLANPRAT_HTTP_ADDR="+b.httpAddr,
		"PLANPRAT_CALLBACK_SECRET=e2e-callback-secret",
	)
	logFile, err := os.Create(filepath.Join(h.work, "bot-"+name+".log"))
	if err != nil {
		h.t.Fatal(err)
	}
	b.cmd.Stdout = &teeWriter{b.out, logFile}
	b.cmd.Stderr = b.cmd.Stdout
	if err := b.cmd.Start(); err != nil {
		h.t.Fatal(err)
	}
	go func() { b.cmd.Wait(); logFile.Close(); close(b.exited) }()
	h.t.Cleanup(b.kill)
	b.waitLog("msg=listening", 30*time.Second)
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
func (b *bot) waitLog(s string, timeout time.Duration) {
	b.h.t.Helper()
	deadline := time.Now().Add(timeout)
	for !strings.Contains(b.out.String(), s) {
		select {
		case <-b.exited:
			b.h.t.Fatalf("bot %s exited before %q:\n%s", b.name, s, b.out.String())
		default:
		}
		if time.Now().After(deadline) {
			b.h.t.Fatalf("bot %s: no %q in its log after %s:\n%s", b.name, s, timeout, b.out.String())
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

// person is a Mattermost user of the example plan, acting through the REST API.
type person struct {
	h        *harness
	key      string
	name, id string
	c        *model.Client4
	dmID     string
}

func (h *harness) person(key string) *person {
	c := model.NewAPIv4Client(h.env["MM_URL"])
	c.SetToken(h.env["MM_USER_"+key+"_TOKEN"])
	return &person{h: h, key: key, name: h.env["MM_USER_"+key+"_NAME"], id: h.env["MM_USER_"+key+"_ID"], c: c}
}

// dm is the person's direct channel with the bot.
func (p *person) dm() string {
	p.h.t.Helper()
	if p.dmID == "" {
		ch, _, err := p.c.CreateDirectChannel(context.Background(), p.id, p.h.env["MM_BOT_USER_ID"])
		if err != nil {
			p.h.t.Fatal(err)
		}
		p.dmID = ch.Id
	}
	return p.dmID
}

// say posts text in channel (in the thread of root, if any).
func (p *person) say(channel, root, text string) *model.Post {
	p.h.t.Helper()
	post, _, err := p.c.CreatePost(context.Background(), &model.Post{ChannelId: channel, RootId: root, Message: text})
	if err != nil {
		p.h.t.Fatalf("%s says %q: %v", p.name, text, err)
	}
	return post
}

// botPosts is what the person sees the bot post in channel after the given post.
func (p *person) botPosts(channel string, after *model.Post) []*model.Post {
	p.h.t.Helper()
	list, _, err := p.c.GetPostsSince(context.Background(), channel, after.CreateAt, false)
	if err != nil {
		p.h.t.Fatal(err)
	}
	var out []*model.Post
	for _, q := range list.ToSlice() {
		// Deleted posts include the old versions an edit leaves behind.
		if q.UserId == p.h.env["MM_BOT_USER_ID"] && q.CreateAt >= after.CreateAt && q.Id != after.Id && q.DeleteAt == 0 {
			out = append(out, q)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].CreateAt < out[j].CreateAt })
	return out
}

// settle is how long to keep watching after the expected answers arrived, to
// catch a duplicate.
const settle = 1500 * time.Millisecond

// waitBot waits for at least n bot posts in channel after the given post, then
// for settle more, and returns all of them.
func (p *person) waitBot(channel string, after *model.Post, n int, timeout time.Duration) []*model.Post {
	p.h.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		got := p.botPosts(channel, after)
		if len(got) >= n {
			time.Sleep(settle)
			return p.botPosts(channel, after)
		}
		if time.Now().After(deadline) {
			p.h.t.Fatalf("%s: the bot posted %d times after %q within %s, want %d", p.name, len(got), after.Message, timeout, n)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// ask writes text to the bot in a DM and returns its answer (one post).
func (p *person) ask(text string) *model.Post {
	p.h.t.Helper()
	q := p.say(p.dm(), "", text)
	got := p.waitBot(p.dm(), q, 1, 15*time.Second)
	if len(got) != 1 {
		p.h.t.Fatalf("%s asked %q and got %d answers: %q", p.name, text, len(got), texts(got))
	}
	p.h.t.Logf("%s: %s\nplanprat: %s", p.name, text, got[0].Message)
	return got[0]
}

func texts(posts []*model.Post) []string {
	out := make([]string, len(posts))
	for i, p := range posts {
		out[i] = p.Message
	}
	return out
}

// listener is a websocket as a person, timing when posts arrive.
type listener struct {
	ws      *model.WebSocketClient
	mu      sync.Mutex
	arrived map[string]time.Time     // post id -> arrival
	byRoot  map[string][]*model.Post // bot posts by channel
	cond    *sync.Cond
}

func (h *harness) listen(token string) *listener {
	h.t.Helper()
	ws, err := model.NewWebSocketClient4("ws"+strings.TrimPrefix(h.env["MM_URL"], "http"), token)
	if err != nil {
		h.t.Fatal(err)
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
		h.t.Fatal("listener websocket did not connect")
	}
	h.t.Cleanup(ws.Close)
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
