// Package conversation is planprat's conversation engine: a person writes in
// their own words, and the engine answers from the plan, guides them through
// changes (preview, confirm, undo), and keeps their place in Redis so a
// restart loses nothing. It knows no chat platform; adapters feed it
// chat.Message values.
package conversation

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/planprat/planprat/internal/chat"
	"github.com/planprat/planprat/internal/intent"
	"github.com/planprat/planprat/internal/plan"
	store "github.com/planprat/planprat/internal/redis"
	"github.com/planprat/planprat/internal/text"
)

// MaxMessage is the longest message accepted, in characters.
const MaxMessage = 4000

// Nudges is what the engine asks of the nudge scheduler when a person
// answers a nudge or a coordinator asks for a reminder. It may be nil.
type Nudges interface {
	Snooze(ctx context.Context, planID, participantID string, sectionIDs []string, until time.Time) error
	NotMine(ctx context.Context, planID, participantID, sectionID string) error
	RemindNow(ctx context.Context, planID, participantID string) error
	Answered(ctx context.Context, planID, sectionID string) error
}

// Options tune an Engine.
type Options struct {
	// Now is the clock (time.Now if nil).
	Now func() time.Time
	// StateTTL is how long a conversation is remembered (24 h if zero).
	StateTTL time.Duration
	// Nudges handles snooze, "not my task" and reminders (optional).
	Nudges Nudges
	// Log receives errors users only see as "something went wrong".
	Log *slog.Logger
}

// Engine is the conversation engine. It is safe for concurrent use; all its
// state is in the store.
type Engine struct {
	store *store.Store
	now   func() time.Time
	ttl   time.Duration
	nudge Nudges
	log   *slog.Logger
}

// New returns an engine on s.
func New(s *store.Store, o Options) *Engine {
	e := &Engine{store: s, now: o.Now, ttl: o.StateTTL, nudge: o.Nudges, log: o.Log}
	if e.now == nil {
		e.now = time.Now
	}
	if e.ttl == 0 {
		e.ttl = 24 * time.Hour
	}
	if e.log == nil {
		e.log = slog.Default()
	}
	return e
}

// SetNudges connects the nudge scheduler after both are built.
func (e *Engine) SetNudges(n Nudges) { e.nudge = n }

// Steps of a conversation.
const (
	stepNone          = ""
	stepChoosePlan    = "choose-plan"
	stepChooseSection = "choose-section"
	stepAwaitText     = "await-text"
	stepConfirm       = "confirm"
	stepClarify       = "clarify"
)

// state is what the engine remembers of one person's conversation.
type state struct {
	Plan string `json:"plan,omitempty"`
	Step string `json:"step,omitempty"`
	// Pending is the message to carry on with once a plan is chosen.
	Pending string `json:"pending,omitempty"`
	// Options are the ids offered in a choice, in order.
	Options []string `json:"options,omitempty"`
	Draft   *draft   `json:"draft,omitempty"`
	// Lang is the language the person last wrote in clearly.
	Lang text.Lang `json:"lang,omitempty"`
	// Expect are sections a nudge asked this person about.
	Expect []string `json:"expect,omitempty"`
}

// draft is a change waiting for the person's yes.
type draft struct {
	Action  string `json:"action"` // "update", "confirm", "undo"
	Section string `json:"section"`
	Base    int    `json:"base"`
	Text    string `json:"text,omitempty"`
}

// Draft actions.
const (
	draftUpdate  = "update"
	draftConfirm = "confirm"
	draftUndo    = "undo"
)

// turn is one message being handled.
type turn struct {
	ctx     context.Context
	e       *Engine
	msg     chat.Message
	text    string // sanitised
	st      state
	saved   []byte // state as read, to skip saving an unchanged state
	members []store.Membership
	lang    text.Lang
	in      intent.Result
	// snap is the chosen plan, read once per turn.
	snap *store.Snapshot
	who  plan.Participant
	// seen marks that the person looked at what is new.
	seen    bool
	replies []chat.Reply
}

// Handle answers one message. It never returns plan content outside a
// direct message, and answers an outsider without revealing anything.
func (e *Engine) Handle(ctx context.Context, m chat.Message) ([]chat.Reply, error) {
	clean, ok := sanitize(m.Text)
	t := &turn{ctx: ctx, e: e, msg: m, text: clean}
	where := chat.Here
	var pre []chat.Reply
	if !m.Direct {
		// Nothing about a plan, not even whether there is one, in a shared channel.
		where = chat.Direct
	}
	if !ok {
		// Refused whole: nothing of it is stored, not even a state.
		t.lang = text.NB
		if l := intent.Parse(truncate(clean, 200)).Lang; l != "" {
			t.lang = l
		}
		if !m.Direct {
			pre = append(pre, chat.Reply{Where: chat.Here, Text: t.t0("channel.dm")})
		}
		return append(pre, chat.Reply{Where: where, Text: t.t("err.too-long", MaxMessage)}), nil
	}
	arr, err := e.store.Arrive(ctx, m.Platform, m.User, m.ID, 72*time.Hour)
	if err != nil {
		return t.failure(where, err), nil
	}
	if arr.Duplicate {
		return nil, nil
	}
	t.saved = arr.State
	if len(arr.State) > 0 {
		if err := json.Unmarshal(arr.State, &t.st); err != nil {
			t.st = state{} // an unreadable state is dropped, not fatal
		}
	}
	t.members = arr.Memberships
	t.in = intent.Parse(clean)
	t.lang = t.pickLang()
	err = t.route()
	if err == nil {
		err = t.finish()
	}
	if !m.Direct {
		if t.lang == "" {
			t.lang = text.NB
		}
		pre = append(pre, chat.Reply{Where: chat.Here, Text: t.t0("channel.dm")})
	}
	if err != nil {
		return append(pre, t.failure(where, err)...), nil
	}
	for i := range t.replies {
		t.replies[i].Where = where
	}
	return append(pre, t.replies...), nil
}

// pickLang: English or nynorsk when the person clearly writes it, else the
// language they last wrote clearly, else their own or the plan's setting.
func (t *turn) pickLang() text.Lang {
	if t.in.Lang != "" {
		t.st.Lang = t.in.Lang
		return t.in.Lang
	}
	if t.st.Lang != "" {
		return t.st.Lang
	}
	return "" // decided once the plan is known
}

// failure turns an error into a kind, safe answer; details go to the log.
func (t *turn) failure(where chat.Where, err error) []chat.Reply {
	key := "err.internal"
	switch plan.ErrorCode(err) {
	case plan.Unavailable:
		key = "err.unavailable"
	}
	if t.lang == "" {
		t.lang = text.NB
	}
	t.e.log.Error("handle message", "platform", t.msg.Platform, "err", err)
	return []chat.Reply{{Where: where, Text: t.t0(key)}}
}

// finish saves the conversation state if it changed, and the "seen" mark.
func (t *turn) finish() error {
	var b []byte
	if t.st.Plan != "" || t.st.Step != "" || t.st.Lang != "" || len(t.st.Expect) > 0 {
		var err error
		if b, err = json.Marshal(t.st); err != nil {
			return err
		}
	}
	if string(b) == string(t.saved) && !t.seen {
		return nil // nothing changed: no round trip
	}
	seenPlan, seenBy := "", ""
	if t.seen {
		seenPlan, seenBy = t.st.Plan, t.who.ID
	}
	return t.e.store.Finish(t.ctx, t.msg.Platform, t.msg.User, b, t.e.ttl, seenPlan, seenBy, t.e.now())
}

// say adds a reply.
func (t *turn) say(s string, choices ...chat.Choice) {
	t.replies = append(t.replies, chat.Reply{Text: s, Choices: choices})
}

// t formats a catalogue message in the turn's language.
func (t *turn) t(key string, args ...any) string { return text.T(t.lang, key, args...) }

// t0 is t for messages without arguments (so a '%' in them stays literal).
func (t *turn) t0(key string) string { return text.T(t.lang, key) }

// ExpectUpdate prepares a person's conversation for the answer to a nudge:
// what they write next is an update to (or "no change" for) those sections.
func (e *Engine) ExpectUpdate(ctx context.Context, platform, user, planID, participantID string, sectionIDs []string) error {
	raw, err := e.store.Conversation(ctx, platform, user)
	if err != nil {
		return err
	}
	var st state
	if len(raw) > 0 {
		_ = json.Unmarshal(raw, &st)
	}
	switch {
	case st.Step == stepConfirm || st.Step == stepAwaitText:
		// Never throw away a draft the person is working on. The nudge's
		// sections wait with it only when the draft is in the same plan;
		// otherwise the nudge text itself says how to answer later.
		if st.Plan != planID {
			return nil
		}
		st.Expect = sectionIDs
	default:
		st = state{Plan: planID, Lang: st.Lang, Expect: sectionIDs}
	}
	b, _ := json.Marshal(st)
	return e.store.SaveConversation(ctx, platform, user, b, e.ttl)
}

var errNoAccess = errors.New("no access")

// UsePlan sets which plan a person's conversation is about (the console's
// --plan), when the person takes part in it.
func (e *Engine) UsePlan(ctx context.Context, platform, user, planID string) error {
	arr, err := e.store.Arrive(ctx, platform, user, "", 0)
	if err != nil {
		return err
	}
	for _, m := range arr.Memberships {
		if m.Plan == planID {
			b, _ := json.Marshal(state{Plan: planID})
			return e.store.SaveConversation(ctx, platform, user, b, e.ttl)
		}
	}
	return plan.Errorf(plan.NotFound, "%s takes part in no plan %q", user, planID)
}

// DropsDuplicates tells adapters that Handle answers each message id once,
// across restarts and bot processes (chat.Deduplicator): the claim rides in
// the same round trip as reading the conversation.
func (e *Engine) DropsDuplicates() bool { return true }

var (
	_ chat.Handler      = (*Engine)(nil)
	_ chat.Deduplicator = (*Engine)(nil)
)
