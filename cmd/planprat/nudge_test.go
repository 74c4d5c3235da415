package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/planprat/planprat/examples"
	"github.com/planprat/planprat/internal/planfile"
	store "github.com/planprat/planprat/internal/redis"
	"github.com/planprat/planprat/internal/redistest"
)

func TestNudgePreviewListsWithoutSectionText(t *testing.T) {
	ctx := context.Background()
	rdb, srv := redistest.Start(t)
	p, err := planfile.Parse(examples.Emma, "plan-emma.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := store.New(rdb, func() time.Time { return time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC) })
	if err := s.PutPlan(ctx, p, "operator", "test"); err != nil {
		t.Fatal(err)
	}
	cfg := config{RedisURL: "redis://" + srv.Addr}
	cases := map[string]struct {
		args     []string
		want     []string
		wantText bool
	}{
		"a monday morning": {args: []string{"preview", "--at", "2026-12-07 09:00"},
			want: []string{"At Monday 2026-12-07 09:00 CET planprat would send", "nudge      → mattermost:kari.nilsen (emma/fysio): fysioterapi"}},
		"with text": {args: []string{"preview", "--at", "2026-12-07 09:00", "--text"},
			want: []string{"Hei, Kari!"}, wantText: true},
		"a sunday": {args: []string{"preview", "--at", "2026-12-06 09:00"},
			want: []string{"Nothing would be sent at Sunday 2026-12-06 09:00 CET."}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := runNudge(ctx, cfg, c.args, &out, &errOut); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			for _, w := range c.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			if has := strings.Contains(out.String(), "to ganger i uka"); has != c.wantText {
				t.Errorf("section text shown = %v, want %v:\n%s", has, c.wantText, out.String())
			}
		})
	}
	changes, _ := s.Changes(ctx, "emma", 0)
	if len(changes) != 1 {
		t.Errorf("the preview wrote %d changes", len(changes)-1)
	}
}
