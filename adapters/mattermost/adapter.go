// Package mattermost connects planprat to a Mattermost server as a bot: it
// listens on the websocket for posts addressed to the bot, hands them to the
// conversation engine as chat.Message values, and posts the engine's replies,
// with choices as interactive buttons.
package mattermost

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/planprat/planprat/internal/chat"
)

// Platform is the chat.Message.Platform of messages from Mattermost.
const Platform = "mattermost"

// ChoicePath is the path of the bot's HTTP endpoint for button callbacks.
const ChoicePath = "/mattermost/choice"

// Claimer remembers that something happened, once across all bot processes.
// The Redis store implements it with SET NX; the adapter claims each post id
// before answering, so two bots (or a bot catching up after a reconnect) never
// answer the same post twice, and each button question once.
type Claimer interface {
	// ClaimOnce reports true the first time key is claimed within ttl, and false after.
	ClaimOnce(ctx context.Context, key string, ttl time.Duration) (bool, error)
}

// Config is what the adapter needs to know; cmd/ reads it from the environment.
type Config struct {
	// URL is the Mattermost server, e.g. https://chat.example.no.
	URL string
	// Token is the bot account's access token.
	Token string
	// HTTPAddr is where the bot listens for button callbacks, e.g. 127.0.0.1:8080.
	// Empty means no buttons: choices are listed as text to type.
	HTTPAddr string
	// PublicURL is how the Mattermost server reaches HTTPAddr (default http://HTTPAddr).
	PublicURL string
	// Secret signs button callbacks; required with HTTPAddr.
	Secret string
	// CatchUp is how far back, at start, the bot answers posts sent while it was
	// away (default 15 minutes).
	CatchUp time.Duration
	// ChoiceTTL is how long buttons can be used (default 24 hours).
	ChoiceTTL time.Duration
	// Logger receives the adapter's log (default slog.Default()).
	Logger *slog.Logger
}

// postClaimTTL is how long a handled post id is remembered; longer than any catch-up.
const postClaimTTL = 72 * time.Hour

// handleTimeout bounds the engine and the replies for one message.
const handleTimeout = 30 * time.Second

// Adapter is a connection to one Mattermost server as the bot. It implements chat.Adapter.
type Adapter struct {
	cfg    Config
	claims Claimer
	api    *model.Client4
	log    *slog.Logger
	users  *users
	work   *workers

	meMu sync.Mutex
	me   bot

	dmMu sync.Mutex
	dms  map[string]string // user id -> DM channel id with the bot

	// hellos counts authenticated websocket connections (for logs and tests).
	hellos atomic.Int64
}

var _ chat.Adapter = (*Adapter)(nil)

// New returns an adapter for cfg; it does not connect until Run or SendDirect.
func New(cfg Config, claims Claimer) (*Adapter, error) {
	if cfg.URL == "" || cfg.Token == "" {
		return nil, errors.New("mattermost: URL and Token are required")
	}
	if claims == nil {
		return nil, errors.New("mattermost: a Claimer is required to answer each post once")
	}
	if cfg.HTTPAddr != "" && cfg.Secret == "" {
		return nil, errors.New("mattermost: Secret is required with HTTPAddr (it signs button callbacks)")
	}
	if cfg.HTTPAddr != "" && cfg.PublicURL == "" {
		cfg.PublicURL = "http://" + cfg.HTTPAddr
	}
	cfg.URL = strings.TrimRight(cfg.URL, "/")
	cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	if cfg.CatchUp == 0 {
		cfg.CatchUp = 15 * time.Minute
	}
	if cfg.ChoiceTTL == 0 {
		cfg.ChoiceTTL = 24 * time.Hour
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	api := model.NewAPIv4Client(cfg.URL)
	api.SetToken(cfg.Token)
	api.HTTPClient = &http.Client{Transport: newRetry429(nil), Timeout: time.Minute}
	return &Adapter{
		cfg:    cfg,
		claims: claims,
		api:    api,
		log:    cfg.Logger.With("adapter", Platform),
		users:  newUsers(api),
		work:   newWorkers(8),
		dms:    map[string]string{},
	}, nil
}

// self returns the bot's own user, asking the server once.
func (a *Adapter) self(ctx context.Context) (bot, error) {
	a.meMu.Lock()
	defer a.meMu.Unlock()
	if a.me.id != "" {
		return a.me, nil
	}
	u, _, err := a.api.GetMe(ctx, "")
	if err != nil {
		return bot{}, fmt.Errorf("mattermost: who am I: %w", err)
	}
	a.me = bot{id: u.Id, username: u.Username}
	return a.me, nil
}

// Run receives posts for the bot and answers them until ctx ends. It fails only
// when the server refuses the token; network failures are retried with backoff.
func (a *Adapter) Run(ctx context.Context, h chat.Handler) error {
	me, err := a.waitForSelf(ctx)
	if err != nil {
		return err
	}
	a.log.Info("connected", "bot", me.username, "url", a.cfg.URL)
	var wg sync.WaitGroup
	ctx, cancel := context.WithCancel(ctx)
	defer func() { cancel(); wg.Wait() }()
	a.work.start(ctx, &wg)
	errc := make(chan error, 1)
	if a.cfg.HTTPAddr != "" {
		srv := &http.Server{Addr: a.cfg.HTTPAddr, Handler: a.choiceHandler(ctx, h), ReadHeaderTimeout: 10 * time.Second}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-ctx.Done()
			shut, done := context.WithTimeout(context.Background(), 5*time.Second)
			defer done()
			srv.Shutdown(shut)
		}()
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("mattermost: button callbacks on %s: %w", a.cfg.HTTPAddr, err)
				cancel()
			}
		}()
	}
	a.listen(ctx, me, h, &wg)
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}

// waitForSelf asks the server who the bot is, retrying while the server is unreachable.
func (a *Adapter) waitForSelf(ctx context.Context) (bot, error) {
	b := backoff{min: 250 * time.Millisecond, max: 30 * time.Second}
	for {
		me, err := a.self(ctx)
		if err == nil {
			return me, nil
		}
		var appErr *model.AppError
		if errors.As(err, &appErr) && (appErr.StatusCode == http.StatusUnauthorized || appErr.StatusCode == http.StatusForbidden) {
			return bot{}, err
		}
		a.log.Warn("server not reachable; retrying", "err", err)
		if !b.sleep(ctx) {
			return bot{}, ctx.Err()
		}
	}
}

// SendDirect posts text to username in a direct message with the bot.
func (a *Adapter) SendDirect(ctx context.Context, username, text string) error {
	u, err := a.users.ByName(ctx, username)
	if err != nil {
		return err
	}
	ch, err := a.directChannel(ctx, u.Id)
	if err != nil {
		return err
	}
	return a.post(ctx, ch, "", chat.Reply{Where: chat.Direct, Text: text}, choiceToken{})
}

// directChannel returns the DM channel between the bot and a user, creating it if needed.
func (a *Adapter) directChannel(ctx context.Context, userID string) (string, error) {
	a.dmMu.Lock()
	id, ok := a.dms[userID]
	a.dmMu.Unlock()
	if ok {
		return id, nil
	}
	me, err := a.self(ctx)
	if err != nil {
		return "", err
	}
	ch, _, err := a.api.CreateDirectChannel(ctx, me.id, userID)
	if err != nil {
		return "", fmt.Errorf("mattermost: direct channel with %s: %w", userID, err)
	}
	a.dmMu.Lock()
	a.dms[userID] = ch.Id
	a.dmMu.Unlock()
	return ch.Id, nil
}

// origin is where a message came from, which decides where its replies go.
type origin struct {
	userID  string
	channel string
	root    string // thread the replies belong in ("" for none)
	direct  bool
}

// originOf places replies: in a DM, in the thread if the post was in one; in a
// channel, always in the post's thread, so the channel stays quiet.
func originOf(p *model.Post, ct model.ChannelType) origin {
	o := origin{userID: p.UserId, channel: p.ChannelId, root: p.RootId, direct: ct == model.ChannelTypeDirect}
	if !o.direct && o.root == "" {
		o.root = p.Id
	}
	return o
}

// reply posts the engine's replies for a message from o.
func (a *Adapter) reply(ctx context.Context, o origin, replies []chat.Reply) error {
	var errs []error
	for _, r := range replies {
		ch, root, direct := o.channel, o.root, o.direct
		if r.Where == chat.Direct && !o.direct {
			dm, err := a.directChannel(ctx, o.userID)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			ch, root, direct = dm, "", true
		}
		base := choiceToken{User: o.userID, Channel: ch, Root: root, Direct: direct}
		if err := a.post(ctx, ch, root, r, base); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// post sends one reply to a channel, split under the size limit, with its
// choices as buttons on the last piece (or as text when buttons are off).
func (a *Adapter) post(ctx context.Context, channel, root string, r chat.Reply, base choiceToken) error {
	text := r.Text
	buttons := len(r.Choices) > 0 && a.cfg.HTTPAddr != ""
	if len(r.Choices) > 0 && !buttons {
		text = strings.TrimRight(text, "\n") + "\n\n" + choicesAsText(r.Choices)
	}
	pieces := split(text, maxPostRunes)
	if len(pieces) == 0 {
		if !buttons {
			return nil
		}
		pieces = []string{""} // buttons alone
	}
	for i, piece := range pieces {
		p := &model.Post{ChannelId: channel, RootId: root, Message: piece}
		if buttons && i == len(pieces)-1 {
			base.Nonce = newNonce()
			base.Expires = time.Now().Add(a.cfg.ChoiceTTL).Unix()
			p.AddProp(model.PostPropsAttachments, []*model.SlackAttachment{
				choicesAttachment(r.Choices, base, []byte(a.cfg.Secret), a.cfg.PublicURL+ChoicePath),
			})
		}
		if _, _, err := a.api.CreatePost(ctx, p); err != nil {
			return fmt.Errorf("mattermost: post reply in %s: %w", channel, err)
		}
	}
	return nil
}
