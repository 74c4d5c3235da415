package mattermost

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/planprat/planprat/internal/chat"
)

// Reasons a button callback is refused. A refused callback changes nothing.
const (
	ErrForged    = Error("button callback with a missing or wrong signature")
	ErrExpired   = Error("button callback after its buttons expired")
	ErrReplayed  = Error("button callback for a question already answered")
	ErrWrongUser = Error("button callback from someone the buttons were not for")
)

// choiceToken is what a button carries in its integration context. Mattermost
// keeps the context on the server (clients never see it) and posts it back
// unsigned when the button is clicked, so the bot signs it with an HMAC: only
// the bot can mint a token, and a token names who may use it, where, until when.
type choiceToken struct {
	Value   string // the answer the engine receives, as if typed
	Label   string // the button's text, shown on the post once chosen
	User    string // Mattermost user id the buttons were offered to
	Channel string // channel of the post with the buttons
	Root    string // thread root the answer continues in ("" for none)
	Direct  bool   // whether the question was asked in a direct message
	// Nonce is shared by all buttons of one post: the post is one question, and
	// claiming the nonce once makes a second click (or a replay) change nothing.
	// It stands in for the post id, which is not known before the post exists.
	Nonce   string
	Expires int64 // unix seconds
}

// Context keys; short because Mattermost stores them with every action.
const (
	ctxValue, ctxLabel, ctxUser, ctxChannel, ctxRoot = "v", "l", "u", "c", "r"
	ctxDirect, ctxNonce, ctxExpires, ctxSig          = "d", "n", "e", "s"
)

func newNonce() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// signature is the hex HMAC-SHA256 of t's fields under secret, each field
// length-prefixed so that no two tokens share an encoding.
func (t choiceToken) signature(secret []byte) string {
	m := hmac.New(sha256.New, secret)
	for _, f := range []string{"planprat-mattermost-choice-v1", t.Value, t.Label, t.User, t.Channel, t.Root,
		strconv.FormatBool(t.Direct), t.Nonce, strconv.FormatInt(t.Expires, 10)} {
		fmt.Fprintf(m, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(m.Sum(nil))
}

// context is the signed integration context for one button.
func (t choiceToken) context(secret []byte) map[string]any {
	return map[string]any{
		ctxValue: t.Value, ctxLabel: t.Label, ctxUser: t.User, ctxChannel: t.Channel, ctxRoot: t.Root,
		ctxDirect: strconv.FormatBool(t.Direct), ctxNonce: t.Nonce,
		// A string, not a number: JSON would turn a number into a float64.
		ctxExpires: strconv.FormatInt(t.Expires, 10), ctxSig: t.signature(secret),
	}
}

// parseToken reads a token back from a callback's context, without trusting it yet.
func parseToken(c map[string]any) (choiceToken, string, bool) {
	str := func(k string) (string, bool) { s, ok := c[k].(string); return s, ok }
	var t choiceToken
	var ok [9]bool
	var direct, expires, sig string
	t.Value, ok[0] = str(ctxValue)
	t.Label, ok[1] = str(ctxLabel)
	t.User, ok[2] = str(ctxUser)
	t.Channel, ok[3] = str(ctxChannel)
	t.Root, ok[4] = str(ctxRoot)
	direct, ok[5] = str(ctxDirect)
	t.Nonce, ok[6] = str(ctxNonce)
	expires, ok[7] = str(ctxExpires)
	sig, ok[8] = str(ctxSig)
	for _, o := range ok {
		if !o {
			return t, "", false
		}
	}
	var err1, err2 error
	t.Direct, err1 = strconv.ParseBool(direct)
	t.Expires, err2 = strconv.ParseInt(expires, 10, 64)
	return t, sig, err1 == nil && err2 == nil && t.Nonce != ""
}

// verifyChoice checks a button callback: signature, expiry, clicker, and that
// its question was not answered before (claimed once across all bot processes).
// The cheap, local checks come first so that forgeries cannot use up a nonce.
func verifyChoice(ctx context.Context, secret []byte, claims Claimer, req *model.PostActionIntegrationRequest, now time.Time) (choiceToken, error) {
	t, sig, ok := parseToken(req.Context)
	if !ok || !hmac.Equal([]byte(sig), []byte(t.signature(secret))) {
		return choiceToken{}, ErrForged
	}
	if req.ChannelId != t.Channel {
		return choiceToken{}, ErrForged
	}
	if now.Unix() > t.Expires {
		return choiceToken{}, ErrExpired
	}
	if req.UserId != t.User {
		return choiceToken{}, ErrWrongUser
	}
	ttl := time.Until(time.Unix(t.Expires, 0)) + time.Minute
	first, err := claims.ClaimOnce(ctx, "mattermost:choice:"+t.Nonce, max(ttl, time.Minute))
	if err != nil {
		return choiceToken{}, fmt.Errorf("claim button callback: %w", err)
	}
	if !first {
		return choiceToken{}, ErrReplayed
	}
	return t, nil
}

// choicesAttachment renders choices as buttons whose callbacks reach url.
func choicesAttachment(choices []chat.Choice, base choiceToken, secret []byte, url string) *model.SlackAttachment {
	att := &model.SlackAttachment{}
	for i, c := range choices {
		t := base
		t.Value, t.Label = c.Value, c.Label
		style := "default"
		if i == 0 {
			style = "primary"
		}
		att.Actions = append(att.Actions, &model.PostAction{
			Id:          "choice" + strconv.Itoa(i),
			Type:        model.PostActionTypeButton,
			Name:        c.Label,
			Style:       style,
			Integration: &model.PostActionIntegration{URL: url, Context: t.context(secret)},
		})
	}
	return att
}

// choicesAsText is the fallback when buttons are off: the answers to type.
func choicesAsText(choices []chat.Choice) string {
	labels := make([]string, len(choices))
	for i, c := range choices {
		labels[i] = "`" + strings.ReplaceAll(c.Label, "`", "'") + "`"
	}
	return strings.Join(labels, " · ")
}
