package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/alicebob/miniredis/v2"
	goredis "github.com/redis/go-redis/v9"
	"golang.org/x/term"

	"github.com/planprat/planprat/adapters/console"
	"github.com/planprat/planprat/examples"
	"github.com/planprat/planprat/internal/conversation"
	store "github.com/planprat/planprat/internal/redis"
	"github.com/planprat/planprat/internal/text"
)

// openStore connects to the configured Redis, or, with none configured and
// demo allowed, starts an in-process one loaded with the example plan.
// The returned func releases everything.
func openStore(ctx context.Context, cfg config, demo bool, stderr io.Writer) (*store.Store, func(), error) {
	if cfg.RedisURL == "" && demo {
		m, err := miniredis.Run()
		if err != nil {
			return nil, nil, fmt.Errorf("start the demo store: %w", err)
		}
		rdb := goredis.NewClient(&goredis.Options{Addr: m.Addr()})
		s := store.New(rdb, nil)
		if err := loadExample(ctx, s); err != nil {
			m.Close()
			return nil, nil, err
		}
		fmt.Fprintln(stderr, text.T(text.NB, "console.demo"))
		return s, func() { rdb.Close(); m.Close() }, nil
	}
	rdb, err := redisClient(cfg.RedisURL)
	if err != nil {
		return nil, nil, err
	}
	s := store.New(rdb, nil)
	if err := s.Ping(ctx); err != nil {
		rdb.Close()
		return nil, nil, fmt.Errorf("cannot reach Redis at PLANPRAT_REDIS_URL: %w", err)
	}
	return s, func() { rdb.Close() }, nil
}

// loadExample puts Emma's plan, dated as of today, in the store.
func loadExample(ctx context.Context, s *store.Store) error {
	p, err := examples.EmmaAsOf(time.Now())
	if err != nil {
		return err
	}
	return s.PutPlan(ctx, p, operator, "demo")
}

// runDemo is `make run`: the demo store (or the configured Redis) and a
// console chat as Emma's mother.
func runDemo(ctx context.Context, cfg config, stdin io.Reader, stdout, stderr io.Writer) int {
	if cfg.RedisURL != "" {
		s, closeStore, err := openStore(ctx, cfg, false, stderr)
		if err != nil {
			fmt.Fprintln(stderr, "planprat:", err)
			return 1
		}
		ok, err := s.Exists(ctx, "emma")
		if err == nil && !ok {
			err = loadExample(ctx, s)
			fmt.Fprintln(stderr, "Loaded the example plan \"emma\" into PLANPRAT_REDIS_URL.")
		}
		closeStore()
		if err != nil {
			fmt.Fprintln(stderr, "planprat:", err)
			return 1
		}
	}
	return runChat(ctx, cfg, []string{"--as", "mor"}, stdin, stdout, stderr)
}

func runChat(ctx context.Context, cfg config, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	fs.SetOutput(stderr)
	as := fs.String("as", "", "the participant id to speak as (e.g. mor, fysio, koordinator)")
	planID := fs.String("plan", "", "the plan to talk about, for someone in several plans")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *as == "" {
		fmt.Fprintln(stderr, "usage: planprat chat --as PARTICIPANT [--plan ID]")
		return 2
	}
	s, closeStore, err := openStore(ctx, cfg, true, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "planprat:", err)
		return 1
	}
	defer closeStore()
	e := conversation.New(s, conversation.Options{})
	if *planID != "" {
		if err := e.UsePlan(ctx, console.Platform, *as, *planID); err != nil {
			fmt.Fprintln(stderr, "planprat:", err)
			return 1
		}
	}
	interactive := false
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		interactive = true
	}
	a := &console.Adapter{In: stdin, Out: stdout, User: *as, Interactive: interactive,
		Switch: func(id string) bool {
			m, err := s.Memberships(ctx, "id", id)
			return err == nil && len(m) > 0
		}}
	if interactive {
		fmt.Fprintln(stdout, text.T(text.NB, "console.welcome", *as))
	}
	if err := a.Run(ctx, e); err != nil {
		fmt.Fprintln(stderr, "planprat:", err)
		return 1
	}
	return 0
}
