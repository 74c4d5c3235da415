package mattermost

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/planprat/planprat/internal/chat"
	"github.com/planprat/planprat/test/e2e/mmtest"
)

// The integration tests run against a real Mattermost server started by
// test/e2e/mattermost-server.sh from its cached binary, once per test binary.
// Without the cached binary they skip: build it once with
// `test/e2e/mattermost-server.sh build` (about 4 minutes cold).

const serverScript = "../../test/e2e/mattermost-server.sh"

var (
	serverOnce sync.Once
	serverEnv  map[string]string
	serverErr  error // the server could not start: a failure
	serverSkip error // no server to start here: a skip
	serverWork string
)

// mattermost returns the env of a provisioned server (see the script), starting it once.
func mattermost(t *testing.T) map[string]string {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test against a real Mattermost server (skipped with -short)")
	}
	serverOnce.Do(func() {
		if err := exec.Command("bash", serverScript, "binary").Run(); err != nil {
			serverSkip = fmt.Errorf("no cached Mattermost server binary; build it with %s build (about 4 minutes) to run these tests", strings.TrimPrefix(serverScript, "../../"))
			return
		}
		if os.Geteuid() != 0 {
			serverSkip = fmt.Errorf("starting the throwaway PostgreSQL needs root (runuser -u postgres)")
			return
		}
		dir, err := os.MkdirTemp("", "planprat-mm-test-")
		if err != nil {
			serverErr = err
			return
		}
		os.Chmod(dir, 0o755) // PostgreSQL runs as the postgres user and must get in
		serverWork = filepath.Join(dir, "work")
		cmd := exec.Command("bash", serverScript, "start")
		cmd.Env = append(os.Environ(), "PLANPRAT_E2E_WORK="+serverWork)
		out, err := cmd.CombinedOutput()
		if err != nil {
			serverErr = fmt.Errorf("start Mattermost: %v\n%s", err, out)
			return
		}
		serverEnv, serverErr = mmtest.ReadEnv(filepath.Join(serverWork, "env"))
	})
	if serverSkip != nil {
		t.Skip(serverSkip)
	}
	if serverErr != nil {
		t.Fatal(serverErr)
	}
	testStarts.Store(t.Name(), time.Now())
	return serverEnv
}

func stopServer() {
	if serverWork == "" {
		return
	}
	cmd := exec.Command("bash", serverScript, "stop")
	cmd.Env = append(os.Environ(), "PLANPRAT_E2E_WORK="+serverWork)
	cmd.Run()
	os.RemoveAll(filepath.Dir(serverWork))
}

// engine is a fake of our own small port, chat.Handler: it records messages and
// answers the way the real engine will (channel questions answered in a DM).
type engine struct {
	mu   sync.Mutex
	msgs []chat.Message
}

func (e *engine) Handle(_ context.Context, m chat.Message) ([]chat.Reply, error) {
	e.mu.Lock()
	e.msgs = append(e.msgs, m)
	e.mu.Unlock()
	switch {
	case !m.Direct:
		return []chat.Reply{{Where: chat.Here, Text: "Jeg svarer deg i en direktemelding."}, {Where: chat.Direct, Text: "svar: " + m.Text}}, nil
	case m.Text == "velg":
		return []chat.Reply{{Text: "Vil du lagre?", Choices: []chat.Choice{{Label: "Ja", Value: "ja"}, {Label: "Nei", Value: "nei"}}}}, nil
	case m.Text == "lang":
		return []chat.Reply{{Text: strings.Repeat("Et langt avsnitt om planen.\n", 1000)}}, nil
	}
	return []chat.Reply{{Text: "svar: " + m.Text}}, nil
}

func (e *engine) got() []chat.Message {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]chat.Message(nil), e.msgs...)
}

// testStarts holds when each integration test began: a bot started by a test
// catches up on that test's posts only, not on those of earlier tests (each
// test has its own Redis, so earlier answers are not claimed there).
var testStarts sync.Map

// claimsFor returns the test's Claimer: one Redis for all bot processes of a test.
var testClaims sync.Map

func claimsFor(t *testing.T) *redisClaimer {
	if c, ok := testClaims.Load(t.Name()); ok {
		return c.(*redisClaimer)
	}
	c := testClaimer(t)
	testClaims.Store(t.Name(), c)
	return c
}

// runBot starts an adapter as the bot until the test ends, and waits for its websocket.
func runBot(t *testing.T, env map[string]string, cfg Config, h chat.Handler) (*Adapter, context.CancelFunc) {
	t.Helper()
	if cfg.URL == "" {
		cfg.URL = env["MM_URL"]
	}
	cfg.Token = env["MM_BOT_TOKEN"]
	if began, ok := testStarts.Load(t.Name()); ok && cfg.CatchUp == 0 {
		cfg.CatchUp = time.Since(began.(time.Time))
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	a, err := New(cfg, claimsFor(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, h) }()
	stop := func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
			done <- nil
		case <-time.After(10 * time.Second):
			t.Error("Run did not return after cancel")
		}
	}
	t.Cleanup(stop)
	deadline := time.Now().Add(10 * time.Second)
	for a.hellos.Load() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("bot did not connect")
		}
		time.Sleep(20 * time.Millisecond)
	}
	return a, stop
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// proxy is a TCP relay between the bot and the server that a test can cut,
// to see the bot survive a lost network.
type proxy struct {
	target string
	addr   string
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func startProxy(t *testing.T, target string) *proxy {
	p := &proxy{target: target}
	p.listen(t, "127.0.0.1:0")
	t.Cleanup(p.cut)
	return p
}

func (p *proxy) listen(t *testing.T, addr string) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
}

// cut drops every connection and refuses new ones, like a network outage.
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// resume accepts connections again on the same address.
func (p *proxy) resume(t *testing.T) { p.listen(t, p.addr) }
