package intent

import (
	"strings"

	"github.com/planprat/planprat/internal/text"
)

// Marker words, folded, that tell the three languages apart. Words shared by
// bokmål and nynorsk ("skjer", "er", "takk") are in neither list; "no" is
// nynorsk for "now" but also English, so it is weighed separately.
var (
	markersEN = []string{
		"what", "whats", "the", "is", "my", "who", "has", "have", "please", "update", "next", "any", "show",
		"change", "changed", "changes", "help", "thanks", "thank", "yes", "happens", "happening", "coming",
		"of", "to", "me", "you", "can", "does", "our", "remind", "days", "day", "week", "weeks", "cancel",
		"undo", "hello", "hi", "hey", "save", "sure", "notifications", "new", "part", "section", "correct",
		"still", "nothing", "wrong", "task", "not", "out", "date", "up", "soon", "appointments",
		"appointment", "summary", "stale", "sections", "looked", "access", "log", "about", "when",
		"weekly", "daily", "want", "are", "it", "this", "that", "how", "why", "where", "with", "from",
		"stop", "yep", "yeah", "good", "morning", "meeting", "in", "on", "school", "physio", "doctor",
		"which", "do", "dont", "been", "seen", "read", "off", "turn", "snooze", "tomorrow", "monday",
		"tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "and", "be", "there", "an",
		"again", "revert", "previous", "version", "job", "let", "know", "everyone", "someone",
		"whos", "commands", "overdue", "participants", "never", "mind", "list", "anything", "something",
		"last", "were", "was", "did", "could", "would", "should", "will", "your", "its", "thats",
		"changes", "outdated", "parts", "missing", "members", "coordinator", "nudge", "mute", "once",
		"every", "later", "now", "today", "tonight", "please", "thx", "cheers", "okay", "nope", "abort",
		"forget", "take", "see", "look", "tell", "give", "unchanged", "nobody", "anyone",
	}
	markersNN = []string{
		"kva", "kven", "korleis", "kvifor", "kvar", "kor", "ikkje", "eg", "mi", "vidare", "berre", "ein",
		"eit", "nokon", "noko", "gammalt", "gammal", "uendra", "endra", "dagleg", "veke", "veka", "veker",
		"dagar", "vekentleg", "ukentleg", "framleis", "sidan", "deltek", "oppgava", "avbrot", "gjer",
		"korleis", "ho", "dei", "deira", "vere", "vore", "lese", "inga", "fylg", "seinare",
		"paminning", "varslar", "meldingar", "endringar", "samandrag", "oversyn", "forseinka", "manglar",
		"deltakarar", "jobbar", "verkar", "treng", "gloym", "oppdatera", "mykje", "tysdag", "laurdag",
		"sundag", "heile", "sja", "opna", "nyleg", "nyhende", "kvarandre", "utsetje", "leggje", "ansvarleg",
		"mottakar", "manadleg", "gong", "morgon", "imorgon", "hjelpa", "endringa", "varslinga", "ansvaret", "dykk", "me", "vart",
	}
	markersNB = []string{
		"hva", "hvem", "hvordan", "hvorfor", "hvor", "hvilke", "hvilken", "ikke", "jeg", "videre", "na",
		"noe", "noen", "fremover", "gammelt", "endret", "endringer", "daglig", "ukentlig", "uke", "uka",
		"uker", "dager", "fremdeles", "siden", "deltar", "avbryt", "gjor", "hun", "de", "deres", "vaere",
		"vaert", "fra", "ingen", "folg", "senere", "paminnelse", "varsler", "meldinger", "sammendrag",
		"oversikt", "forsinket", "mangler", "deltakere", "deltagere", "jobber", "virker", "funker", "trenger",
		"glem", "mye", "tirsdag", "lordag", "sondag", "hele", "apnet", "nylig", "nyheter", "utsett",
		"utsette", "legge", "ansvarlig", "mottaker", "manedlig", "gang", "dere", "vi", "ogsa", "skjonner",
		"uendret", "hjelpe", "enda", "mitt", "min",
	}
	markerLang = map[string]text.Lang{}
	// rawMarkers are told apart only by their accents, which folding
	// removes: "frå" is nynorsk, "fra" bokmål.
	rawMarkers = map[string]text.Lang{
		"frå": text.NN, "oppgåve": text.NN, "oppgåva": text.NN, "nå": text.NB, "fra": text.NB, "så": "",
		"måndag": text.NN, "gå": "", "også": "", "på": "",
	}
	// weakMarkers count half: they are common in the other language too
	// ("min del" is fine nynorsk, "vi" and "me" are both used).
	weakMarkers = map[string]bool{"ingen": true, "to": true, "min": true, "mitt": true, "me": true, "nye": true, "i": true, "in": true, "on": true, "de": true, "ho": true, "vart": true}
)

func init() {
	for _, w := range markersNB {
		markerLang[fold(w)] = text.NB
	}
	for _, w := range markersNN {
		markerLang[fold(w)] = text.NN
	}
	for _, w := range markersEN {
		markerLang[fold(w)] = text.EN
	}
}

// detectLang guesses the language of the folded words, "" when unclear.
// Nynorsk wins over bokmål on a tie: its markers are the rarer, more telling
// words, and a nynorsk writer often uses a few bokmål-looking ones.
func detectLang(toks []token) text.Lang {
	var en, nn, nb float64
	hasNo := false
	for _, t := range toks {
		if t.norm == "no" {
			hasNo = true
			continue
		}
		l, ok := rawMarkers[strings.ToLower(t.raw)]
		if !ok {
			l, ok = markerLang[t.norm]
		}
		if !ok || l == "" {
			continue
		}
		w := 1.0
		if weakMarkers[t.norm] {
			w = 0.5
		}
		switch l {
		case text.EN:
			en += w
		case text.NN:
			nn += w
		case text.NB:
			nb += w
		}
	}
	if hasNo {
		// "kva skjer no" is nynorsk, "no change" and a bare "no" English.
		if nn+nb > en {
			nn++
		} else {
			en++
		}
	}
	switch {
	case en == 0 && nn == 0 && nb == 0:
		return ""
	case en > nn+nb:
		return text.EN
	case nn > 0 && nn >= nb:
		return text.NN
	case nb > nn:
		return text.NB
	}
	return ""
}
