package mattermost

import (
	"context"
	"errors"
	"maps"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/planprat/planprat/internal/chat"
)

func TestVerifyChoice(t *testing.T) {
	secret := []byte("s3cret")
	now := time.Unix(1_800_000_000, 0)
	base := choiceToken{User: "anne", Channel: "dm1", Root: "", Direct: true, Expires: now.Add(time.Hour).Unix()}
	// request builds a callback for the n-th button of a fresh question, edited by f.
	request := func(nonce string, f func(ctx map[string]any, req *model.PostActionIntegrationRequest)) *model.PostActionIntegrationRequest {
		tok := base
		tok.Nonce = nonce
		att := choicesAttachment([]chat.Choice{{Label: "Ja", Value: "ja"}, {Label: "Nei", Value: "nei"}}, tok, secret, "http://bot/x")
		req := &model.PostActionIntegrationRequest{UserId: "anne", ChannelId: "dm1", PostId: "post1",
			Context: maps.Clone(att.Actions[0].Integration.Context)}
		if f != nil {
			f(req.Context, req)
		}
		return req
	}
	tests := map[string]struct {
		req  *model.PostActionIntegrationRequest
		now  time.Time
		want error
	}{
		"valid":            {request("n1", nil), now, nil},
		"no context":       {request("n2", func(c map[string]any, r *model.PostActionIntegrationRequest) { r.Context = nil }), now, ErrForged},
		"no signature":     {request("n3", func(c map[string]any, _ *model.PostActionIntegrationRequest) { delete(c, ctxSig) }), now, ErrForged},
		"bad signature":    {request("n4", func(c map[string]any, _ *model.PostActionIntegrationRequest) { c[ctxSig] = "00ff" }), now, ErrForged},
		"value changed":    {request("n5", func(c map[string]any, _ *model.PostActionIntegrationRequest) { c[ctxValue] = "nei" }), now, ErrForged},
		"user changed":     {request("n6", func(c map[string]any, r *model.PostActionIntegrationRequest) { c[ctxUser] = "lars"; r.UserId = "lars" }), now, ErrForged},
		"expiry extended":  {request("n7", func(c map[string]any, _ *model.PostActionIntegrationRequest) { c[ctxExpires] = "9999999999" }), now, ErrForged},
		"expiry as number": {request("n8", func(c map[string]any, _ *model.PostActionIntegrationRequest) { c[ctxExpires] = 1.8e9 }), now, ErrForged},
		"other channel":    {request("n9", func(_ map[string]any, r *model.PostActionIntegrationRequest) { r.ChannelId = "town-square" }), now, ErrForged},
		"expired":          {request("n10", nil), now.Add(2 * time.Hour), ErrExpired},
		"someone else":     {request("n11", func(_ map[string]any, r *model.PostActionIntegrationRequest) { r.UserId = "ola" }), now, ErrWrongUser},
	}
	claims := testClaimer(t)
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := verifyChoice(context.Background(), secret, claims, tc.req, tc.now)
			if !errors.Is(err, tc.want) {
				t.Errorf("verifyChoice = %v, want %v", err, tc.want)
			}
		})
	}
}

// TestVerifyChoiceOnce checks a question is answered once: a replay of the same
// click, or a click on its other button, changes nothing; a forged callback does
// not use the question up.
func TestVerifyChoiceOnce(t *testing.T) {
	secret := []byte("s3cret")
	now := time.Now()
	tok := choiceToken{User: "anne", Channel: "dm1", Direct: true, Nonce: newNonce(), Expires: now.Add(time.Hour).Unix()}
	att := choicesAttachment([]chat.Choice{{Label: "Ja", Value: "ja"}, {Label: "Nei", Value: "nei"}}, tok, secret, "http://bot/x")
	claims := testClaimer(t)
	steps := []struct {
		name   string
		button int
		forge  bool
		want   error
	}{
		{"forged first", 0, true, ErrForged},
		{"real click", 0, false, nil},
		{"replay", 0, false, ErrReplayed},
		{"other button", 1, false, ErrReplayed},
	}
	for _, s := range steps {
		var mutate func(map[string]any)
		if s.forge {
			mutate = func(c map[string]any) { c[ctxSig] = "bad" }
		}
		c := maps.Clone(att.Actions[s.button].Integration.Context)
		if mutate != nil {
			mutate(c)
		}
		_, err := verifyChoice(context.Background(), secret, claims, &model.PostActionIntegrationRequest{UserId: "anne", ChannelId: "dm1", Context: c}, now)
		if !errors.Is(err, s.want) {
			t.Errorf("%s: verifyChoice = %v, want %v", s.name, err, s.want)
		}
	}
}

func TestChoicesAttachment(t *testing.T) {
	tok := choiceToken{User: "anne", Channel: "dm1", Nonce: "n", Expires: 1}
	att := choicesAttachment([]chat.Choice{{Label: "Lagre", Value: "ja"}, {Label: "Avbryt", Value: "nei"}}, tok, []byte("k"), "http://127.0.0.1:1/mattermost/choice")
	if len(att.Actions) != 2 {
		t.Fatalf("%d actions", len(att.Actions))
	}
	for i, a := range att.Actions {
		if err := a.IsValid(); err != nil {
			t.Errorf("action %d invalid for Mattermost: %v", i, err)
		}
	}
	if att.Actions[1].Name != "Avbryt" || att.Actions[1].Integration.Context[ctxValue] != "nei" {
		t.Errorf("second action = %+v", att.Actions[1])
	}
}
