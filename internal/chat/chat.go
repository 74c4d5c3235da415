// Package chat is the one small port between chat platforms and planprat's
// conversation engine. Adapters (console, Mattermost, Slack) translate their
// platform into Message values and render Reply values; the engine decides.
package chat

import "context"

// Message is one thing a person wrote to the bot.
type Message struct {
	// Platform names where the message came from: "console", "mattermost", "slack".
	Platform string
	// User is the person's handle on that platform (Mattermost username,
	// Slack user id, console participant id). The engine resolves it to a
	// plan participant.
	User string
	// ID is the platform's id of the message; used to drop duplicate deliveries.
	ID string
	// Text is what the person wrote, as received.
	Text string
	// Direct is true when the message came in a direct message with the bot.
	Direct bool
}

// Where says where a reply belongs.
type Where int

const (
	// Here answers where the message came from (the DM, or the thread in a channel).
	Here Where = iota
	// Direct answers in a direct message to the person, whatever the message's origin.
	Direct
)

// Choice is an answer the person may pick. Platforms may render it as a
// button; typing Value (or Label) must work just the same.
type Choice struct {
	Label string
	Value string
}

// Reply is one message from the bot.
type Reply struct {
	Where   Where
	Text    string
	Choices []Choice
}

// Handler is what an adapter hands messages to: the conversation engine.
// Handle must not depend on the platform waiting; adapters that must answer a
// request quickly (Slack) call it on their own goroutine.
type Handler interface {
	Handle(ctx context.Context, m Message) ([]Reply, error)
}

// DirectSender is the ability to start a direct message to a person on the
// adapter's platform, on the bot's own initiative (nudges, notices).
type DirectSender interface {
	SendDirect(ctx context.Context, user string, text string) error
}

// Adapter is a running chat platform connection.
type Adapter interface {
	// Run receives messages and passes them to h until ctx ends or the
	// connection fails for good.
	Run(ctx context.Context, h Handler) error
	DirectSender
}

// Deduplicator is an optional ability of a Handler: it recognises a second
// delivery of the same message id itself (atomically, across bot processes),
// so an adapter need not claim each message before handing it over.
type Deduplicator interface {
	DropsDuplicates() bool
}
