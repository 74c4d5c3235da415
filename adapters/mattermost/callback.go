package mattermost

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/planprat/planprat/internal/chat"
)

// choiceHandler serves the button callbacks that Mattermost posts to ChoicePath.
// A verified click is handed to the engine as if the person had typed the
// choice's value; the answer to Mattermost replaces the buttons with the choice.
// run is the adapter's Run context: when it ends, waiting requests are let go.
func (a *Adapter) choiceHandler(run context.Context, h chat.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+ChoicePath, func(w http.ResponseWriter, r *http.Request) {
		var req model.PostActionIntegrationRequest
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		t, err := verifyChoice(r.Context(), []byte(a.cfg.Secret), a.claims, &req, time.Now())
		if err != nil {
			a.log.Warn("refused button callback", "user", req.UserId, "post", req.PostId, "why", err)
			http.Error(w, http.StatusText(choiceStatus(err)), choiceStatus(err))
			return
		}
		// In the person's queue, so a click and their typed messages keep their order.
		done := make(chan *model.PostActionIntegrationResponse, 1)
		if !a.work.do(r.Context(), t.User, func(ctx context.Context) { done <- a.choose(ctx, h, req.PostId, t) }) {
			return // the server gave up on the request
		}
		select {
		case resp := <-done:
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(resp)
		case <-r.Context().Done():
		case <-run.Done():
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
		}
	})
	return mux
}

// choiceStatus is the HTTP status for a refused callback.
func choiceStatus(err error) int {
	switch {
	case errors.Is(err, ErrForged), errors.Is(err, ErrWrongUser):
		return http.StatusForbidden
	case errors.Is(err, ErrExpired):
		return http.StatusGone
	case errors.Is(err, ErrReplayed):
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}

// choose hands a verified choice to the engine, posts the replies, and returns
// the update that replaces the buttons on postID with the choice made.
func (a *Adapter) choose(ctx context.Context, h chat.Handler, postID string, t choiceToken) *model.PostActionIntegrationResponse {
	ctx, cancel := context.WithTimeout(ctx, handleTimeout)
	defer cancel()
	resp := &model.PostActionIntegrationResponse{}
	u, err := a.users.ByID(ctx, t.User)
	if err != nil {
		a.log.Error("button from unknown user", "user", t.User, "err", err)
		return resp
	}
	m := chat.Message{Platform: Platform, User: u.Username, ID: "choice:" + t.Nonce, Text: t.Value, Direct: t.Direct}
	replies, err := h.Handle(ctx, m)
	if err != nil {
		a.log.Error("engine failed", "choice", t.Nonce, "user", u.Username, "err", err)
		return resp
	}
	if orig, _, err := a.api.GetPost(ctx, postID, ""); err == nil {
		// Props without attachments remove the buttons; keep the bot marker.
		resp.Update = &model.Post{
			Message: orig.Message + "\n\n✔ **" + t.Label + "**",
			Props:   model.StringInterface{model.PostPropsFromBot: "true", "planprat_choice": t.Value},
		}
	} else {
		a.log.Warn("button post not found; buttons stay", "post", postID, "err", err)
	}
	o := origin{userID: t.User, channel: t.Channel, root: t.Root, direct: t.Direct}
	if err := a.reply(ctx, o, replies); err != nil {
		a.log.Error("reply failed", "choice", t.Nonce, "err", err)
	}
	return resp
}
