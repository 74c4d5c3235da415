package intent

// cue is a word or phrase that points to a kind of request, with how
// strongly. A phrase matches when its words come in order with at most two
// other words between them ("hva er det som skjer" still has "hva … skjer").
// A word ending in '*' is a stem and matches any word it begins.
type cue struct {
	weight float64
	text   string
}

// cues are written as people write, in bokmål, nynorsk and English, without
// accents (the table is folded at init like every message, so "nå" and "na"
// are the same). Weights: 1 a hint, 2 a clear word, 3 a typical phrase,
// 4–6 a phrase that settles it even against other cues in the message.
var cues = map[Kind][]cue{
	Next: {
		{3, "hva skjer"}, {3, "kva skjer"}, {3, "hvat skjer"}, {2, "skjer"}, {2.5, "skal skje"},
		{3, "hva na"}, {3.5, "hva skal skje"}, {3.5, "kva skal skje"}, {1.5, "denne uka"}, {1.5, "denne veka"}, {1.5, "this week"}, {3, "whats the plan for"}, {3, "hva er planen for"}, {3, "kva er planen for"}, {3, "kva no"}, {1, "na"},
		{2, "fremover"}, {2, "framover"}, {1.5, "videre"}, {1.5, "vidare"}, {1.5, "etterpa"},
		{1.5, "neste"}, {3, "neste mote"}, {3, "neste avtale"}, {3, "neste time"}, {2.5, "neste gang"},
		{1.5, "mote"}, {1.5, "moter"}, {1.5, "motet"}, {1.5, "avtale"}, {1.5, "avtaler"}, {1.5, "avtalar"},
		{3, "hva er planlagt"}, {3, "kva er planlagt"}, {1, "nar"}, {1, "snart"}, {1.5, "planlagt"}, {1.5, "kalender"}, {1.5, "kalenderen"},
		{1.5, "venter"}, {1.5, "ventar"}, {2, "hva venter"},
		{3, "what happens"}, {3, "whats next"}, {3, "what next"}, {3, "what is next"}, {2.5, "what now"},
		{2, "happens"}, {2, "happening"}, {3, "coming up"}, {2.5, "upcoming"}, {1.5, "next"},
		{3, "next meeting"}, {3, "next appointment"}, {3, "next step"}, {3, "next steps"},
		{1.5, "meeting"}, {1.5, "meetings"}, {1.5, "appointment"}, {1.5, "appointments"},
		{1, "soon"}, {1, "when"}, {1.5, "calendar"}, {1.5, "schedule"}, {1.5, "scheduled"}, {1.5, "ahead"},
		{1.5, "waiting for"}, {1.5, "planned"},
	},
	WhatsNew: {
		{2.5, "nytt"}, {3, "hva er nytt"}, {3, "kva er nytt"}, {3, "noe nytt"}, {3, "noko nytt"},
		{1.5, "nye"}, {2.5, "nyheter"}, {2.5, "nyhende"}, {1.5, "nylig"}, {1.5, "nyleg"},
		{2.5, "endret"}, {3, "endret seg"}, {3, "endra seg"}, {3.5, "kva er endra"}, {3, "er endra"}, {3, "har endra"}, {3, "vorte endra"}, {3, "blitt endret"}, {3, "blitt endra"}, {2.5, "endringer"}, {2.5, "endringar"},
		{2.5, "siden sist"}, {2.5, "sidan sist"}, {2, "oppdateringer"}, {2, "oppdateringar"},
		{2, "skjedd"}, {3, "hva har skjedd"}, {3, "kva har skjedd"}, {2, "i det siste"},
		{2, "new"}, {3, "whats new"}, {3, "anything new"}, {3, "what is new"}, {2, "news"},
		{2.5, "changed"}, {2.5, "changes"}, {3, "any updates"}, {2, "updates"},
		{1.5, "oppdatering"}, {1.5, "endring"}, {1.5, "update"},
		{2.5, "since last"}, {2.5, "has happened"}, {2.5, "what happened"}, {1.5, "lately"}, {1.5, "recently"},
	},
	Stale: {
		{3, "utdatert"}, {3, "utdaterte"}, {5, "ikke oppdatert"}, {5, "ikkje oppdatert"}, {5, "ikke oppdaterte"},
		{2, "gammel"}, {2, "gamle"}, {2.5, "gammelt"}, {2.5, "gammalt"}, {2, "gammal"},
		{3, "foreldet"}, {3, "forelda"}, {2, "forfalt"}, {2, "forfalne"}, {2, "forsinket"}, {2, "forseinka"},
		{2.5, "oppsummering"}, {2.5, "sammendrag"}, {2.5, "samandrag"}, {2.5, "for motet"},
		{2, "mangler"}, {2, "manglar"}, {3, "hva mangler"}, {3, "kva manglar"}, {3, "what is missing"}, {1.5, "status"}, {2.5, "status pa"}, {2.5, "status for"}, {1.5, "oversikt"}, {1.5, "oversyn"},
		{3.5, "trenger oppdatering"}, {3.5, "treng oppdatering"}, {2, "lenge siden"}, {2, "lenge sidan"},
		{2, "hvilke deler"}, {2, "kva delar"}, {2, "kva for delar"}, {1.5, "revisjon"}, {1.5, "gjennomgang"},
		{4, "out of date"}, {3, "outdated"}, {3, "stale"}, {3, "overdue"}, {2.5, "summary"},
		{2.5, "before the meeting"}, {4, "not updated"}, {4, "not been updated"}, {3.5, "needs updating"},
		{3.5, "need updating"}, {3.5, "needs an update"}, {2, "which sections"}, {2, "which parts"},
		{1, "oppdatering"}, {2, "missing"}, {1.5, "overview"}, {1.5, "review"}, {2, "behind"},
	},
	Update: {
		{3, "oppdater"}, {3, "oppdatere"}, {3, "oppdatera"}, {2.5, "oppdat*"}, {3, "endre"}, {2.5, "endra"}, {3, "endra pa"},
		{3, "redigere"}, {3, "rediger"}, {3, "korriger"}, {3, "korrigere"}, {2, "rette"}, {2.5, "rett opp"},
		{2.5, "legg til"}, {2.5, "legge til"}, {2.5, "leggje til"}, {2, "skrive"}, {1.5, "skriv"},
		{2.5, "ny tekst"}, {4, "skrive inn"}, {4, "skrive noe nytt"}, {4, "skrive nytt"}, {4, "legge inn"}, {4, "leggje inn"}, {4, "skriva inn"}, {4, "add something"}, {3, "add a note"}, {2, "erstatt"}, {2, "bytt ut"}, {2, "min del"}, {2, "mi del"}, {2, "min seksjon"},
		{1.5, "oppdatering"}, {1.5, "endring"},
		{3, "update"}, {3, "edit"}, {2.5, "change"}, {2, "add"}, {2, "fix"}, {2, "replace"}, {1.5, "write"},
		{2.5, "new text"}, {2, "my part"}, {2, "my section"}, {2.5, "rewrite"},
	},
	NoChange: {
		{6, "ingen endring"}, {6, "ingen endringer"}, {6, "inga endring"}, {6, "ingen endringar"},
		{6, "ingenting nytt"}, {6, "ikke noe nytt"}, {6, "ikkje noko nytt"}, {6, "ingen nye"},
		{5, "ingenting a melde"}, {6, "ingenting a oppdatere"}, {6, "ingen oppdatering"},
		{5, "fortsatt riktig"}, {5, "fortsatt rett"}, {5, "fremdeles riktig"}, {5, "framleis rett"},
		{5, "framleis riktig"}, {5, "stemmer fortsatt"}, {5, "stemmer framleis"}, {5, "alt stemmer"},
		{4, "alt er riktig"}, {4, "alt er rett"}, {4, "som for"}, {5, "uendret"}, {5, "uendra"},
		{4, "ikke endret"}, {4, "ikkje endra"}, {4, "er gjeldende"}, {4, "gjeld framleis"}, {4, "gjelder fortsatt"},
		{6, "no change"}, {6, "no changes"}, {6, "nothing new"}, {6, "nothing changed"}, {6, "nothing to update"},
		{5, "still correct"}, {5, "still right"}, {5, "still valid"}, {5, "still accurate"}, {5, "still true"},
		{5, "unchanged"}, {4, "same as before"}, {4, "not changed"}, {4, "up to date"}, {4, "all good"},
		{4, "nothing to report"},
	},
	ShowPlan: {
		{1, "plan"}, {1, "planen"}, {1, "plana"}, {3, "vis planen"}, {3, "vis plana"}, {3, "hele planen"},
		{3, "heile planen"}, {3, "heile plana"}, {2.5, "se planen"}, {2.5, "sja planen"}, {2.5, "les planen"},
		{1.5, "vis"}, {1.5, "vise"}, {2, "skriv ut"},
		{1, "the plan"}, {3, "show the plan"}, {3, "whole plan"}, {3, "full plan"}, {3, "show me everything"}, {3, "show everything"}, {3, "vis alt"}, {3, "vis meg alt"}, {3, "vis meg alt"}, {1.5, "our plan"},
		{2.5, "see the plan"}, {2.5, "open the plan"}, {1.5, "show"}, {1.5, "print"},
	},
	ShowSection: {
		{1.5, "vis"}, {1.5, "vise"}, {3, "hva star det"}, {3, "kva star det"}, {2.5, "star det"},
		{2.5, "hva star"}, {2.5, "kva star"}, {1.5, "delen"}, {1.5, "seksjonen"}, {1.5, "les"}, {1.5, "se pa"},
		{1.5, "apne"}, {1.5, "show"}, {1, "section"}, {1, "part"}, {2, "what does"}, {1.5, "say"}, {1.5, "says"},
		{1.5, "read"}, {1.5, "look at"}, {1.5, "open"}, {1, "what about"}, {1, "hva med"}, {1, "kva med"},
	},
	Participants: {
		{4, "hvem er med"}, {4, "kven er med"}, {4, "hvem deltar"}, {4, "kven deltek"}, {4, "hvem er i"},
		{3.5, "hvem er koordinator"}, {3.5, "kven er koordinator"}, {3, "hvem jobber"}, {3, "kven jobbar"},
		{3, "deltakere"}, {3, "deltakerne"}, {3, "deltagere"}, {3, "deltakarar"}, {3, "deltakarane"},
		{2, "teamet"}, {2, "ansvarsgruppa"}, {2, "ansvarsgruppen"}, {2, "roller"}, {2, "involvert"},
		{1.5, "koordinator"}, {1.5, "koordinatoren"}, {1, "hvem"}, {1, "kven"}, {1.5, "kontaktinfo"},
		{4, "who is on"}, {3.5, "whos on"}, {3.5, "whos in"}, {3.5, "who is in"}, {4.5, "who is in the plan"}, {4.5, "who is part of"}, {4, "who are in"}, {2, "who are"}, {4, "who takes part"}, {3, "who is involved"},
		{3.5, "who is the coordinator"}, {4, "who can see"}, {4, "hvem kan se"}, {4, "kven kan sja"}, {3.5, "who has access"}, {3, "who works"}, {3, "participants"}, {2.5, "members"},
		{2, "team"}, {2, "roles"}, {2, "involved"}, {1.5, "coordinator"}, {1, "who"}, {1.5, "contact"},
	},
	Audit: {
		{4.5, "hvem har sett"}, {4.5, "kven har sett"}, {4.5, "hvem har lest"}, {4.5, "kven har lest"},
		{4.5, "kven har lese"}, {4, "hvem har vaert inne"}, {4, "kven har vore inne"}, {4, "hvem har apnet"},
		{4, "kven har opna"}, {3.5, "hvem har tilgang"}, {4.5, "tilgangslogg"}, {4.5, "tilgangsloggen"},
		{2.5, "logg"}, {2.5, "loggen"}, {3, "innsyn"}, {1.5, "sett"}, {1.5, "lest"}, {1.5, "apnet"},
		{2, "sett pa"}, {2, "kikket"}, {2, "kikka"}, {2, "snoket"}, {2, "tilgang"},
		{4.5, "who has looked"}, {4.5, "who has seen"}, {4.5, "who has read"}, {4.5, "who has accessed"},
		{4.5, "whos seen"}, {4.5, "whos looked"}, {4.5, "whos read"}, {4.5, "whos accessed"}, {4, "who looked"}, {4, "who viewed"}, {4, "who accessed"}, {4, "who opened"}, {4, "who saw"},
		{4, "who read"}, {4.5, "access log"}, {2, "log"}, {2.5, "accessed"}, {2, "access"},
		{1, "hvem"}, {1, "kven"}, {1, "who"}, {1.5, "looked"}, {1.5, "seen"}, {1.5, "viewed"}, {1.5, "opened"},
	},
	Help: {
		{3, "hjelp"}, {3, "hjelpe"}, {4, "hva kan du"}, {4, "kva kan du"}, {3, "hva kan jeg"}, {3, "kva kan eg"},
		{3, "kommandoer"}, {3, "kommandoar"}, {2.5, "meny"}, {2.5, "menyen"}, {2, "instruksjoner"},
		{1.5, "hvordan"}, {1.5, "korleis"}, {3, "hvordan virker"}, {3, "hvordan funker"}, {3, "korleis verkar"},
		{3, "hvordan bruker"}, {3, "korleis bruker"}, {2, "forstar ikke"}, {2, "skjonner ikke"},
		{2, "forstar ikkje"}, {1.5, "info"}, {1.5, "hva gjor du"}, {2, "alternativer"},
		{3, "help"}, {4, "what can you"}, {3, "what can i"}, {3, "commands"}, {2.5, "menu"}, {2, "options"},
		{1.5, "how"}, {3, "how does this work"}, {2, "how do i"}, {2, "dont understand"}, {2, "instructions"},
	},
	Yes: {
		{3, "gjor det"}, {3, "gjer det"}, {3, "ja takk"}, {3, "ja lagre"}, {3, "kjor pa"}, {3, "det stemmer"},
		{3, "do it"}, {3, "send det"}, {3, "send it"}, {3, "lagre det"}, {3, "ser bra ut"}, {3, "ser fint ut"}, {3, "ser riktig ut"}, {3, "looks good"}, {3, "looks right"}, {3, "ser greit ut"}, {3, "go ahead"}, {3, "sounds good"}, {3, "yes please"}, {3, "thats right"},
	},
	No: {
		{3, "glem det"}, {3, "gloym det"}, {3, "ikke lagre"}, {3, "ikkje lagre"}, {2.5, "avbryt"}, {2.5, "avbrot"},
		{3, "forget it"}, {3, "dont save"}, {3, "never mind"}, {3, "nevermind"}, {2.5, "cancel"}, {2.5, "abort"},
		{3, "nei takk"}, {3, "no thanks"}, {2, "drop it"},
	},
	Undo: {
		{3, "angre"}, {3, "angra"}, {2.5, "angr*"}, {4, "angre siste"}, {3, "gjor om"}, {3, "gjer om"},
		{3, "tilbakestill"}, {3, "tilbakestille"}, {3, "rull tilbake"}, {2.5, "ta tilbake"},
		{3, "forrige versjon"}, {3, "forrige utgave"}, {2, "tilbake"},
		{3, "undo"}, {3, "revert"}, {3, "roll back"}, {3, "rollback"}, {2, "go back"}, {2, "reverse"},
		{3, "previous version"}, {3.5, "fjern siste"}, {3.5, "slett siste"}, {3.5, "remove last"}, {3.5, "delete last"}, {3.5, "remove the last"}, {2.5, "last change"}, {2.5, "siste endring"}, {2.5, "siste endringa"}, {2, "take back"},
	},
	NotMine: {
		{5, "ikke min oppgave"}, {5, "ikkje mi oppgave"}, {5, "ikkje min oppgave"}, {5, "ikke mitt ansvar"},
		{5, "ikkje mitt ansvar"}, {3.5, "ikke min"}, {3.5, "ikkje min"}, {3, "ikkje mi"}, {4, "ikke meg"},
		{4, "ikkje meg"}, {5, "feil person"}, {4, "feil mottaker"}, {4, "feil mottakar"}, {3, "noen andre"},
		{3, "nokon andre"}, {4, "ikke ansvarlig"}, {4, "ikkje ansvarleg"}, {4, "ikke mitt"}, {4, "ikke ansvar"}, {4, "ikke ansvar*"}, {4, "ikkje ansvar*"}, {4, "ikke jeg"}, {4, "ikkje eg"}, {4.5, "isnt my"}, {4.5, "isnt mine"}, {4, "not for me"}, {4, "ikke for meg"}, {4, "ikkje for meg"}, {4, "isnt for me"}, {4, "ikkje ansvar"}, {4.5, "ikke mitt bord"}, {4.5, "ikkje mitt bord"}, {3.5, "gjelder ikke meg"},
		{5, "not my task"}, {5, "not my job"}, {5, "not my responsibility"}, {4, "not mine"}, {4, "not me"},
		{5, "wrong person"}, {4, "wrong recipient"}, {3, "someone else"}, {4, "not responsible"},
		{4, "not my"},
	},
	Snooze: {
		{3.5, "snooze"}, {3.5, "snoze"}, {3, "utsett"}, {3, "utsette"}, {3, "utsetje"}, {3, "minn meg"},
		{2, "minn"}, {2, "seinare"}, {2, "senere"}, {3, "ikke na"}, {3, "ikkje no"}, {2.5, "vent med"},
		{2, "senere"}, {2.5, "pause"},
		{3.5, "remind me"}, {2, "later"}, {3, "not now"}, {3, "postpone"}, {3, "delay"}, {2.5, "ask me"}, {3.5, "ask me again"}, {3, "spor meg igjen"}, {3, "spor meg"}, {2.5, "sporr meg"},
	},
	Remind: {
		{3, "send paminnelse"}, {2.5, "paminnelse"}, {3, "send paminning"}, {2.5, "paminning"},
		{3, "purr"}, {3, "purre"}, {3, "purra"}, {3, "purring"}, {2, "mas pa"}, {2, "mase"},
		{2.5, "gi beskjed til"}, {2.5, "si fra til"}, {2, "folg opp"}, {2, "fylg opp"},
		{3, "remind"}, {3, "send reminder"}, {2.5, "reminder"}, {3, "nudge"}, {2, "chase"}, {2, "poke"},
		{2, "follow up"}, {2, "ping"},
	},
	Notices: {
		{2.5, "varsler"}, {2.5, "varsel"}, {2.5, "varsling"}, {2.5, "varslinger"}, {2.5, "varslar"},
		{2.5, "varslingar"}, {2.5, "varsla"}, {2, "varsle"}, {2.5, "varsle meg"}, {2.5, "varsla meg"},
		{2, "sla av"}, {2, "skru av"}, {2, "sla pa"}, {2, "meldinger"}, {2, "meldingar"}, {4, "ikke send"}, {4, "ikkje send"}, {4, "flere meldinger"}, {4, "fleire meldingar"}, {4, "no more messages"}, {4, "dont send"}, {3, "stop sending"},
		{2, "ukentlig"}, {2, "ukentleg"}, {2, "vekentleg"}, {2, "daglig"}, {2, "dagleg"},
		{2.5, "hver dag"}, {2.5, "kvar dag"}, {2.5, "hver uke"}, {2.5, "kvar veke"}, {2.5, "gang i uka"},
		{2.5, "gang i uken"}, {2.5, "gang i veka"}, {2.5, "gang i veke"}, {2, "mindre"}, {2, "faerre"},
		{2.5, "notifications"}, {2.5, "notification"}, {2.5, "notify"}, {2.5, "notices"}, {2, "alerts"},
		{2, "messages"}, {2.5, "mute"}, {2, "turn off"}, {2, "weekly"}, {2, "daily"}, {2.5, "every day"},
		{2.5, "every week"}, {2.5, "once a week"}, {2, "fewer"}, {2, "unsubscribe"}, {2, "less often"},
		{2, "monthly"}, {2, "manedlig"}, {2, "manadleg"},
	},
	Greeting: {
		{2, "hei"}, {2, "heisann"}, {2, "hallo"}, {2, "halla"}, {2, "heia"}, {2, "morn"}, {2, "hoi"},
		{3, "god morgen"}, {3, "god dag"}, {3, "goddag"}, {3, "god kveld"}, {3, "god ettermiddag"},
		{2, "hello"}, {2, "hi"}, {2, "hey"}, {2, "heya"}, {3, "good morning"}, {3, "good evening"},
		{3, "good afternoon"},
	},
	Thanks: {
		{2.5, "takk"}, {3, "tusen takk"}, {3, "mange takk"}, {2.5, "takker"}, {3, "takk for hjelpen"}, {3.5, "takk for hjelpa"}, {3.5, "takk for hjelp"}, {3.5, "thanks for the help"}, {3.5, "thanks for your help"},
		{2.5, "thanks"}, {2.5, "thank"}, {3, "thank you"}, {2.5, "thx"}, {2, "cheers"}, {2.5, "tack"},
	},
}

// answers are the short words that answer a question ("ja", "nei", "ok").
// They only count when the message is basically just that answer, so "no"
// in "no change" or "kva skjer no" does not read as a refusal.
var answers = map[Kind][]string{
	Yes: {"ja", "jo", "jepp", "jada", "joda", "jup", "ok", "okei", "okey", "okay", "greit", "lagre", "lagr", "lagra",
		"stemmer", "stemmer det", "riktig", "korrekt", "bekreft", "bekrefter", "fint", "flott", "perfekt", "supert",
		"yes", "yep", "yeah", "yup", "ya", "sure", "save", "confirm", "correct", "right", "fine", "great", "perfect",
		"k", "y", "j", "bra"},
	No: {"nei", "feil", "vent", "wait", "hold on", "nope", "no", "nah", "stopp", "stop", "niks", "neppe", "nix", "n"},
}

// answerFiller are words that may stand next to an answer without making
// the message more than an answer ("ja takk", "ok, lagre det", "yes please").
var answerFiller = []string{
	"det", "da", "bare", "berre", "takk", "gjerne", "please", "it", "that", "thats", "do", "the", "er",
	"den", "du", "so", "sa", "og", "and", "thanks", "thank", "you", "veldig", "very", "all", "alt", "kjempe",
	"hei", "hi", "ja", "yes", "no", "nei", "det er", "men", "vel", "nok", "is",
}

// stopwords carry no name: what is left of a message without its cue words
// and these is the Target ("oppdater min del om skolen" → "skolen").
var stopwords = []string{
	"min", "mi", "mitt", "mine", "my", "mine", "the", "a", "an", "del", "delen", "delene", "part", "parts",
	"section", "sections", "seksjon", "seksjonen", "om", "about", "for", "til", "to", "pa", "on", "of",
	"i", "in", "det", "den", "dei", "de", "er", "is", "are", "av", "fra", "from", "med", "with", "og",
	"and", "vil", "will", "want", "wanna", "would", "like", "jeg", "eg", "please", "gjerne", "bare", "berre",
	"just", "du", "kan", "can", "could", "you", "meg", "me", "oss", "us", "our", "var", "vart", "plan",
	"planen", "plana", "hva", "kva", "what", "say", "says", "does", "star", "tekst", "text", "teksten",
	"hos", "at", "hei", "hi", "hello", "hallo", "takk", "thanks", "ogsa", "also", "her", "here", "it",
	"this", "denne", "dette", "that", "ny", "new", "who", "hvem", "kven", "alle", "all", "everyone", "seg",
	"sin", "sitt", "sine", "litt", "noe", "noko", "something", "some", "nytt", "nye", "ei", "en", "ett",
	"ein", "eit", "et", "everything", "alt", "be", "get", "got", "skal", "ska", "need", "need", "trenger", "treng", "ma", "must",
	"so", "sa", "da", "nar", "when", "now", "na", "no", "igjen", "again", "lite", "little", "your", "din",
	"di", "ditt", "siste", "last", "som", "which", "hvilken", "kva", "kor", "hvor", "where", "gi", "give", "gjor", "gjer",
}
