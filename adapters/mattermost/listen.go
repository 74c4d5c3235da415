package mattermost

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
	"github.com/mattermost/mattermost/server/public/model"

	"github.com/planprat/planprat/internal/chat"
)

// reconnectOverlap is how far before a lost connection the catch-up starts: a
// silently cut connection is only noticed at the ping timeout (about a minute),
// and posts already answered are skipped by their claim anyway. It never reaches
// further back than the first catch-up (start minus Config.CatchUp).
const reconnectOverlap = 2 * time.Minute

// listen keeps a websocket to the server open until ctx ends, reconnecting with
// backoff, and after each (re)connect answers what was posted while it was away.
func (a *Adapter) listen(ctx context.Context, me bot, h chat.Handler, wg *sync.WaitGroup) {
	b := backoff{min: 250 * time.Millisecond, max: 30 * time.Second}
	earliest := time.Now().Add(-a.cfg.CatchUp)
	since := earliest
	dialer := &websocket.Dialer{HandshakeTimeout: 10 * time.Second, Proxy: http.ProxyFromEnvironment}
	wsURL := "ws" + strings.TrimPrefix(a.cfg.URL, "http")
	for ctx.Err() == nil {
		ws, err := model.NewWebSocketClient4WithDialer(dialer, wsURL, a.cfg.Token)
		if err != nil {
			a.log.Warn("websocket connect failed; retrying", "err", err)
			if !b.sleep(ctx) {
				return
			}
			continue
		}
		ws.Listen()
		a.read(ctx, ws, me, h, &b, since, wg)
		since = time.Now().Add(-reconnectOverlap)
		if since.Before(earliest) {
			since = earliest
		}
		ws.Close()
		go drain(ws)
		if ctx.Err() != nil {
			return
		}
		a.log.Warn("websocket lost; reconnecting")
		if !b.sleep(ctx) {
			return
		}
	}
}

// read handles events of one connection until it ends. All three channels must
// be drained, or the websocket client deadlocks.
func (a *Adapter) read(ctx context.Context, ws *model.WebSocketClient, me bot, h chat.Handler, b *backoff, since time.Time, wg *sync.WaitGroup) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-ws.EventChannel:
			if !ok {
				if ws.ListenError != nil {
					a.log.Warn("websocket closed", "err", ws.ListenError)
				}
				return
			}
			switch ev.EventType() {
			case model.WebsocketEventHello:
				// Authenticated: from here on nothing is missed, so fetch what was.
				b.reset()
				if a.hellos.Add(1) == 1 {
					a.log.Info("listening", "catch_up_since", since)
				} else {
					a.log.Info("websocket reconnected", "catch_up_since", since)
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					a.catchUp(ctx, me, h, since)
				}()
			case model.WebsocketEventPosted:
				a.onPosted(ctx, me, h, ev)
			}
		case _, ok := <-ws.ResponseChannel:
			if !ok {
				return
			}
		case <-ws.PingTimeoutChannel:
			a.log.Warn("websocket ping timeout")
			return
		}
	}
}

// drain empties a closed client's channels so its goroutines can finish.
func drain(ws *model.WebSocketClient) {
	timeout := time.After(time.Minute)
	for {
		select {
		case _, ok := <-ws.EventChannel:
			if !ok {
				return
			}
		case <-ws.ResponseChannel:
		case <-ws.PingTimeoutChannel:
		case <-timeout:
			return
		}
	}
}

// onPosted reads a "posted" event: the post is a JSON string in data["post"].
func (a *Adapter) onPosted(ctx context.Context, me bot, h chat.Handler, ev *model.WebSocketEvent) {
	data := ev.GetData()
	raw, _ := data["post"].(string)
	var p model.Post
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		a.log.Warn("unreadable posted event", "err", err)
		return
	}
	ct, _ := data["channel_type"].(string)
	a.dispatch(ctx, me, h, &p, model.ChannelType(ct))
}

// catchUp answers posts made since the given time in the bot's channels and DMs.
func (a *Adapter) catchUp(ctx context.Context, me bot, h chat.Handler, since time.Time) {
	ms := since.UnixMilli()
	chans, _, err := a.api.GetChannelsForUserWithLastDeleteAt(ctx, me.id, 0)
	if err != nil {
		a.log.Warn("catch-up: list channels", "err", err)
		return
	}
	n := 0
	for _, ch := range chans {
		if ch.LastPostAt < ms {
			continue
		}
		list, _, err := a.api.GetPostsSince(ctx, ch.Id, ms, false)
		if err != nil {
			a.log.Warn("catch-up: posts", "channel", ch.Id, "err", err)
			continue
		}
		posts := list.ToSlice()
		sort.Slice(posts, func(i, j int) bool { return posts[i].CreateAt < posts[j].CreateAt })
		for _, p := range posts {
			if p.CreateAt >= ms && a.dispatch(ctx, me, h, p, ch.Type) {
				n++
			}
		}
	}
	if n > 0 {
		// Candidates passed the guards; those answered already are skipped by their claim.
		a.log.Info("catch-up", "since", since, "candidates", n)
	}
}

// dispatch runs the guard chain and queues a post for the bot to answer.
func (a *Adapter) dispatch(ctx context.Context, me bot, h chat.Handler, p *model.Post, ct model.ChannelType) bool {
	if err := check(p, ct, me); err != nil {
		if !errors.Is(err, ErrOwnPost) {
			a.log.Debug("skipped post", "post", p.Id, "why", err)
		}
		return false
	}
	return a.work.do(ctx, p.UserId, func(ctx context.Context) { a.handle(ctx, me, h, p, ct) })
}

// handle answers one post: look the person up, claim the post, ask the engine, reply.
func (a *Adapter) handle(ctx context.Context, me bot, h chat.Handler, p *model.Post, ct model.ChannelType) {
	ctx, cancel := context.WithTimeout(ctx, handleTimeout)
	defer cancel()
	u, err := a.users.ByID(ctx, p.UserId)
	if err != nil {
		a.log.Error("post from unknown user", "post", p.Id, "err", err)
		return
	}
	if u.IsBot {
		a.log.Debug("skipped post", "post", p.Id, "why", ErrFromBot)
		return
	}
	// A handler that drops duplicates itself saves the claim's round trip.
	if d, ok := h.(chat.Deduplicator); !ok || !d.DropsDuplicates() {
		first, err := a.claims.ClaimOnce(ctx, "mattermost:post:"+p.Id, postClaimTTL)
		if err != nil {
			a.log.Error("claim post", "post", p.Id, "err", err)
			return
		}
		if !first {
			return // answered already, by us before a reconnect or by another bot process
		}
	}
	text := p.Message
	if ct != model.ChannelTypeDirect {
		text = stripMention(text, me.username)
	}
	m := chat.Message{Platform: Platform, User: u.Username, ID: p.Id, Text: text, Direct: ct == model.ChannelTypeDirect}
	replies, err := h.Handle(ctx, m)
	if err != nil {
		a.log.Error("engine failed", "post", p.Id, "user", u.Username, "err", err)
		return
	}
	if err := a.reply(ctx, originOf(p, ct), replies); err != nil {
		a.log.Error("reply failed", "post", p.Id, "err", err)
	}
}
