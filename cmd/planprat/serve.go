package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/planprat/planprat/adapters/mattermost"
	"github.com/planprat/planprat/internal/chat"
	"github.com/planprat/planprat/internal/conversation"
	"github.com/planprat/planprat/internal/nudge"
)

// platformOf names an adapter's platform, the handle kind nudges use.
func platformOf(a chat.Adapter) string {
	switch a.(type) {
	case *mattermost.Adapter:
		return mattermost.Platform
	}
	return ""
}

// runServe runs the bot on every configured chat platform until stopped.
func runServe(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) int {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	s, closeStore, err := openStore(ctx, cfg, false, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "planprat:", err)
		return 1
	}
	defer closeStore()
	e := conversation.New(s, conversation.Options{Log: log})

	var adapters []chat.Adapter
	if cfg.MattermostURL != "" {
		if cfg.MattermostToken == "" {
			fmt.Fprintln(stderr, "planprat: PLANPRAT_MATTERMOST_TOKEN is not set (the bot account's access token)")
			return 2
		}
		if cfg.HTTPAddr != "" && cfg.CallbackSecret == "" {
			fmt.Fprintln(stderr, "planprat: PLANPRAT_CALLBACK_SECRET is required with PLANPRAT_HTTP_ADDR (it signs the buttons)")
			return 2
		}
		mm, err := mattermost.New(mattermost.Config{URL: cfg.MattermostURL, Token: cfg.MattermostToken,
			HTTPAddr: cfg.HTTPAddr, PublicURL: cfg.PublicURL, Secret: cfg.CallbackSecret, Logger: log}, s)
		if err != nil {
			fmt.Fprintln(stderr, "planprat:", err)
			return 2
		}
		adapters = append(adapters, mm)
	}
	if len(adapters) == 0 {
		fmt.Fprintln(stderr, "planprat serve: no chat platform is configured. Set PLANPRAT_MATTERMOST_URL and PLANPRAT_MATTERMOST_TOKEN, or try the console: planprat chat --as mor")
		return 2
	}
	set, err := cfg.settings()
	if err != nil {
		fmt.Fprintln(stderr, "planprat:", err)
		return 2
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// One scheduler per platform: it reaches people by their handle there.
	for _, a := range adapters {
		sch := nudge.New(nudge.Config{Store: s, Platform: platformOf(a), Sender: a, Settings: set,
			Expect: e, Summary: e, Log: log})
		e.SetNudges(sch)
		if cfg.NudgeEvery <= 0 {
			continue // nudging switched off; answers to nudges still work
		}
		go func() {
			if err := sch.Run(ctx, cfg.NudgeEvery); err != nil && !errors.Is(err, context.Canceled) {
				log.Error("nudge scheduler stopped", "err", err)
			}
		}()
	}
	errs := make(chan error, len(adapters))
	for _, a := range adapters {
		go func() { errs <- a.Run(ctx, e) }()
	}
	fmt.Fprintln(stdout, "planprat is running. Stop it with Ctrl-C.")
	var first error
	for range adapters {
		if err := <-errs; err != nil && !errors.Is(err, context.Canceled) && first == nil {
			first = err
			cancel()
		}
	}
	if first != nil {
		fmt.Fprintln(stderr, "planprat:", first)
		return 1
	}
	return 0
}
