package mattermost

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mattermost/mattermost/server/public/model"
)

// Error is a constant error of this package.
type Error string

func (e Error) Error() string { return string(e) }

// Reasons a post is not ours to answer. The guard chain returns one of these
// so that logs and tests can tell why a post was skipped.
const (
	ErrOwnPost      = Error("the bot's own post")
	ErrFromBot      = Error("a post from another bot")
	ErrFromWebhook  = Error("a post from a webhook")
	ErrSystem       = Error("a system message")
	ErrDeleted      = Error("a deleted post")
	ErrEmpty        = Error("an empty post")
	ErrNotAddressed = Error("a channel post that does not mention the bot")
)

// bot is who the adapter is on the server.
type bot struct {
	id       string
	username string
}

// guard is one link of the guard chain: it returns a reason to skip p, or nil.
type guard func(p *model.Post, channelType model.ChannelType, me bot) error

// guards decide, cheapest first and before any lookup, whether a post is ours to answer.
var guards = []guard{
	func(p *model.Post, _ model.ChannelType, me bot) error {
		if p.UserId == me.id {
			return ErrOwnPost
		}
		return nil
	},
	func(p *model.Post, _ model.ChannelType, _ bot) error {
		if p.DeleteAt != 0 {
			return ErrDeleted
		}
		return nil
	},
	func(p *model.Post, _ model.ChannelType, _ bot) error {
		// Join/leave notices, header changes and the like all carry a type;
		// people's posts have none.
		if p.Type != "" {
			return ErrSystem
		}
		return nil
	},
	func(p *model.Post, _ model.ChannelType, _ bot) error {
		if propTrue(p, model.PostPropsFromWebhook) {
			return ErrFromWebhook
		}
		return nil
	},
	func(p *model.Post, _ model.ChannelType, _ bot) error {
		if propTrue(p, model.PostPropsFromBot) {
			return ErrFromBot
		}
		return nil
	},
	func(p *model.Post, _ model.ChannelType, _ bot) error {
		if strings.TrimSpace(p.Message) == "" {
			return ErrEmpty
		}
		return nil
	},
	func(p *model.Post, ct model.ChannelType, me bot) error {
		// In a direct message everything is for the bot; elsewhere (public,
		// private and group channels) only what mentions it.
		if ct != model.ChannelTypeDirect && !mentions(p.Message, me.username) {
			return ErrNotAddressed
		}
		return nil
	},
}

// check runs the guard chain: nil means the post is for the bot to answer.
func check(p *model.Post, ct model.ChannelType, me bot) error {
	for _, g := range guards {
		if err := g(p, ct, me); err != nil {
			return err
		}
	}
	return nil
}

func propTrue(p *model.Post, key string) bool {
	switch v := p.GetProp(key).(type) {
	case string:
		return v == "true"
	case bool:
		return v
	}
	return false
}

// mentions reports whether text mentions @username as a whole word.
func mentions(text, username string) bool {
	_, ok := findMention(text, username)
	return ok
}

// findMention returns the byte index of the first whole-word @username in text.
// Mattermost usernames are ASCII, so a case-insensitive byte comparison is exact.
func findMention(text, username string) (int, bool) {
	n := len(username)
	for i := 0; i < len(text); i++ {
		if text[i] != '@' || i+1+n > len(text) || !strings.EqualFold(text[i+1:i+1+n], username) {
			continue
		}
		if (i == 0 || !nameRuneBefore(text[:i])) && !nameRuneAt(text[i+1+n:]) {
			return i, true
		}
	}
	return 0, false
}

// nameRuneAt reports whether s starts with a rune that continues a username.
// A dot continues it only when more name follows ("@planprat.dev"), so that
// "@planprat." at the end of a sentence still counts.
func nameRuneAt(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return false
	}
	if r == '.' {
		r, n = utf8.DecodeRuneInString(s[n:])
		return n > 0 && isNameRune(r)
	}
	return isNameRune(r)
}

func nameRuneBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return isNameRune(r) || r == '.'
}

func isNameRune(r rune) bool {
	return r == '_' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// stripMention removes whole-word @username mentions and the punctuation that
// addresses the bot ("@planprat, hva skjer?" -> "hva skjer?"), so the engine
// sees only what the person asked. Line breaks elsewhere are kept.
func stripMention(text, username string) string {
	var b strings.Builder
	rest := text
	for {
		i, ok := findMention(rest, username)
		if !ok {
			b.WriteString(rest)
			break
		}
		before := strings.TrimRight(rest[:i], " \t")
		b.WriteString(before)
		rest = strings.TrimLeft(rest[i+1+len(username):], ",:;")
		if before != "" && !strings.HasSuffix(before, "\n") && rest != "" && rest[0] != '\n' {
			b.WriteByte(' ')
		}
		rest = strings.TrimLeft(rest, " \t")
	}
	return strings.TrimSpace(b.String())
}
