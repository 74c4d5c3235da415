package mattermost

import (
	"context"
	"testing"
	"time"
)

func TestNew(t *testing.T) {
	claims := &redisClaimer{}
	tests := map[string]struct {
		cfg        Config
		claims     Claimer
		ok         bool
		wantPublic string
	}{
		"minimal":                 {Config{URL: "http://mm", Token: "t"}, claims, true, ""},
		"no url":                  {Config{Token: "t"}, claims, false, ""},
		"no token":                {Config{URL: "http://mm"}, claims, false, ""},
		"no claimer":              {Config{URL: "http://mm", Token: "t"}, nil, false, ""},
		"buttons without secret":  {Config{URL: "http://mm", Token: "t", HTTPAddr: "127.0.0.1:8080"}, claims, false, ""},
		"buttons, default public": {Config{URL: "http://mm", Token: "t", HTTPAddr: "127.0.0.1:8080", Secret: "s"}, claims, true, "http://127.0.0.1:8080"},
		"buttons, public url":     {Config{URL: "http://mm", Token: "t", HTTPAddr: ":8080", Secret: "s", PublicURL: "https://bot.example.no/"}, claims, true, "https://bot.example.no"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			a, err := New(tc.cfg, tc.claims)
			if (err == nil) != tc.ok {
				t.Fatalf("New: err = %v, want ok %v", err, tc.ok)
			}
			if err == nil && a.cfg.PublicURL != tc.wantPublic {
				t.Errorf("PublicURL = %q, want %q", a.cfg.PublicURL, tc.wantPublic)
			}
		})
	}
}

// TestIntegrationBadToken: a refused token ends Run at once instead of retrying forever.
func TestIntegrationBadToken(t *testing.T) {
	env := mattermost(t)
	a, err := New(Config{URL: env["MM_URL"], Token: "not-a-token"}, testClaimer(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.Run(ctx, &engine{}); err == nil || ctx.Err() != nil {
		t.Fatalf("Run = %v (ctx %v), want a prompt refusal", err, ctx.Err())
	}
}
