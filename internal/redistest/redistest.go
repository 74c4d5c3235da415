// Package redistest gives tests a real Redis: a throwaway redis-server on a
// free loopback port when one is on PATH, otherwise the server named by
// PLANPRAT_TEST_REDIS_URL (flushed before each test), and only on a machine
// with neither an in-process miniredis, with a note saying so once.
package redistest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	goredis "github.com/redis/go-redis/v9"
)

var fallbackOnce sync.Once

// Server is a Redis for one test.
type Server struct {
	Addr string
	stop func()
	once sync.Once
}

// Stop kills a throwaway server (to test what happens when Redis is down).
func (s *Server) Stop() {
	if s.stop != nil {
		s.once.Do(s.stop)
	}
}

// New returns a client on a fresh, empty Redis that is gone after the test.
func New(tb testing.TB) goredis.UniversalClient {
	c, _ := Start(tb)
	return c
}

// Start is New, also returning the server.
func Start(tb testing.TB) (goredis.UniversalClient, *Server) {
	tb.Helper()
	if path, err := exec.LookPath("redis-server"); err == nil {
		srv := startServer(tb, path)
		c := goredis.NewClient(&goredis.Options{Addr: srv.Addr})
		tb.Cleanup(func() { _ = c.Close() })
		return c, srv
	}
	if url := os.Getenv("PLANPRAT_TEST_REDIS_URL"); url != "" {
		opt, err := goredis.ParseURL(url)
		if err != nil {
			tb.Fatalf("PLANPRAT_TEST_REDIS_URL: %v", err)
		}
		c := goredis.NewClient(opt)
		if err := c.FlushDB(context.Background()).Err(); err != nil {
			tb.Fatalf("flush test Redis at %s: %v", url, err)
		}
		tb.Cleanup(func() { _ = c.Close() })
		return c, &Server{Addr: opt.Addr}
	}
	fallbackOnce.Do(func() {
		fmt.Fprintln(os.Stderr, "redistest: no redis-server on PATH and no PLANPRAT_TEST_REDIS_URL; using in-process miniredis")
	})
	m := miniredis.RunT(tb)
	c := goredis.NewClient(&goredis.Options{Addr: m.Addr()})
	tb.Cleanup(func() { _ = c.Close() })
	return c, &Server{Addr: m.Addr()}
}

func freePort(tb testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("find a free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func startServer(tb testing.TB, path string) *Server {
	tb.Helper()
	for attempt := 0; attempt < 5; attempt++ {
		port := freePort(tb)
		cmd := exec.Command(path, "--port", fmt.Sprint(port), "--bind", "127.0.0.1",
			"--save", "", "--appendonly", "no", "--dir", tb.TempDir(), "--loglevel", "warning")
		if err := cmd.Start(); err != nil {
			tb.Fatalf("start redis-server: %v", err)
		}
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		srv := &Server{Addr: fmt.Sprintf("127.0.0.1:%d", port), stop: func() {
			_ = cmd.Process.Kill()
			<-exited
		}}
		deadline := time.Now().Add(5 * time.Second)
	wait:
		for time.Now().Before(deadline) {
			select {
			case <-exited: // port taken meanwhile: try another
				break wait
			default:
			}
			c, err := net.DialTimeout("tcp", srv.Addr, 100*time.Millisecond)
			if err == nil {
				c.Close()
				tb.Cleanup(srv.Stop)
				return srv
			}
			time.Sleep(5 * time.Millisecond)
		}
		srv.Stop()
	}
	tb.Fatalf("redis-server did not start")
	return nil
}

// RoundTrips counts what a client sends to Redis: each command or pipeline
// is one round trip. Add it with client.AddHook.
type RoundTrips struct{ n atomic.Int64 }

// N is the count so far.
func (r *RoundTrips) N() int64 { return r.n.Load() }

// Reset sets the count to zero.
func (r *RoundTrips) Reset() { r.n.Store(0) }

// DialHook implements goredis.Hook.
func (r *RoundTrips) DialHook(next goredis.DialHook) goredis.DialHook { return next }

// ProcessHook implements goredis.Hook.
func (r *RoundTrips) ProcessHook(next goredis.ProcessHook) goredis.ProcessHook {
	return func(ctx context.Context, cmd goredis.Cmder) error { r.n.Add(1); return next(ctx, cmd) }
}

// ProcessPipelineHook implements goredis.Hook.
func (r *RoundTrips) ProcessPipelineHook(next goredis.ProcessPipelineHook) goredis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []goredis.Cmder) error { r.n.Add(1); return next(ctx, cmds) }
}
