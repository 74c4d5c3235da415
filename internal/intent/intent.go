// Package intent understands what a person writes to planprat, without any
// LLM: bokmål, nynorsk and English, everyday phrasing, small typos, missing
// accents and mixed case.
package intent

import (
	"time"

	"github.com/planprat/planprat/internal/text"
)

// Kind is what a person wants.
type Kind string

// Kinds of request.
const (
	Unknown      Kind = ""
	Next         Kind = "next"         // "hva skjer nå?", "what happens next?"
	WhatsNew     Kind = "whats-new"    // "hva er nytt?", "what has changed?"
	Stale        Kind = "stale"        // "hvilke deler er utdatert?", "summary of stale sections"
	Update       Kind = "update"       // "oppdater fysioterapi: …", "I want to update my part"
	NoChange     Kind = "no-change"    // "ingen endring", "no change", "fortsatt riktig"
	ShowPlan     Kind = "show-plan"    // "vis planen", "show the plan"
	ShowSection  Kind = "show-section" // "vis fysioterapi", "what does the school part say?"
	Participants Kind = "participants" // "hvem er med?", "who is in the plan?"
	Audit        Kind = "audit"        // "hvem har sett planen?", "who has looked at our plan?"
	Help         Kind = "help"         // "hjelp", "help", "hva kan du?"
	Yes          Kind = "yes"          // "ja", "lagre", "yes", "ok"
	No           Kind = "no"           // "nei", "avbryt", "cancel"
	Undo         Kind = "undo"         // "angre", "undo"
	NotMine      Kind = "not-mine"     // "ikke min oppgave", "not my task"
	Snooze       Kind = "snooze"       // "snooze 1 uke", "minn meg på mandag"
	Remind       Kind = "remind"       // coordinator: "send påminnelse til skolen"
	Notices      Kind = "notices"      // family: "slå av varsler", "varsle meg en gang i uka"
	Greeting     Kind = "greeting"     // "hei", "hello"
	Thanks       Kind = "thanks"       // "takk", "thanks"
)

// Result is what Parse understood.
type Result struct {
	Kind Kind
	// Sure is false when the message was understood only weakly; then
	// Alternatives holds two or three likely kinds, best first, to ask back.
	Sure         bool
	Alternatives []Kind
	// Lang is the language the message is written in, when it is clear
	// ("" when it is not, e.g. "ok").
	Lang text.Lang
	// Target is the free-text name of a section or person the message is
	// about ("fysioterapi", "skolen", "Kari"), as written.
	Target string
	// Body is the new text of an update ("oppdater fysioterapi: <Body>").
	Body string
	// For Snooze: how long (For) or until which weekday (Until, with
	// UntilSet true). The engine turns these into a time in Oslo.
	For      time.Duration
	Until    time.Weekday
	UntilSet bool
	// For Notices: Off is true to turn notices off; Every is the wanted
	// interval (24h daily, 168h weekly), 0 when not said.
	Off   bool
	Every time.Duration
}
