package intent

import (
	"strings"
)

// kinds lists every kind Parse can answer, in a fixed order: ties are won
// by the earlier kind.
var kinds = []Kind{
	Next, WhatsNew, Stale, Update, NoChange, ShowPlan, ShowSection, Participants, Audit, Help,
	Yes, No, Undo, NotMine, Snooze, Remind, Notices, Greeting, Thanks,
}

// kindIndex is the position of a kind in kinds.
var kindIndex = map[Kind]int{}

// compiledCue is a cue with its words turned into vocabulary ids.
type compiledCue struct {
	kind   int
	ids    []int32
	weight float64
	answer bool // counts only when the message is just an answer
}

// hit is one vocabulary word a message word stands for, and how surely
// (1 written as in the table, less for a typo).
type hit struct {
	id int32
	q  float64
}

// The index, built once at init; Parse only reads it.
var (
	vocab       []string // id → folded word (a stem without its '*')
	vocabID     = map[string]int32{}
	maxVocabLen int     // the longest vocabulary word, in bytes
	stemIDs     []int32 // ids of stems, matched by prefix
	isStem      []bool  // id → is a stem
	deleteIdx   = map[string][]int32{}
	compiled    []compiledCue // every cue
	byFirst     [][]int32     // id → cues starting with that word
	answerWord  = map[string]bool{}
	fillerWord  = map[string]bool{}
	stopWord    = map[string]bool{}
)

// intern returns the id of a folded vocabulary word, adding it when new.
func intern(w string) int32 {
	stem := strings.HasSuffix(w, "*")
	w = strings.TrimSuffix(w, "*")
	key := w
	if stem {
		key += "*"
	}
	if id, ok := vocabID[key]; ok {
		return id
	}
	id := int32(len(vocab))
	vocab = append(vocab, w)
	if len(w) > maxVocabLen {
		maxVocabLen = len(w)
	}
	isStem = append(isStem, stem)
	vocabID[key] = id
	byFirst = append(byFirst, nil)
	if stem {
		stemIDs = append(stemIDs, id)
		return id
	}
	if tol := tolerance(len(w)); tol > 0 {
		deletes(w, tol, func(d string) { deleteIdx[d] = append(deleteIdx[d], id) })
	}
	return id
}

// foldPhrase folds each word of a table phrase the way messages are folded.
func foldPhrase(p string) []string {
	var out []string
	for _, t := range tokenize(p, -1) {
		out = append(out, t.norm)
	}
	if strings.HasSuffix(p, "*") && len(out) > 0 {
		out[len(out)-1] += "*"
	}
	return out
}

func addCue(k int, words []string, weight float64, answer bool) {
	c := compiledCue{kind: k, weight: weight, answer: answer}
	for _, w := range words {
		c.ids = append(c.ids, intern(w))
	}
	byFirst[c.ids[0]] = append(byFirst[c.ids[0]], int32(len(compiled)))
	compiled = append(compiled, c)
}

func init() {
	for i, k := range kinds {
		kindIndex[k] = i
	}
	for _, k := range kinds {
		for _, c := range cues[k] {
			addCue(kindIndex[k], foldPhrase(c.text), c.weight, false)
		}
		for _, a := range answers[k] {
			words := foldPhrase(a)
			addCue(kindIndex[k], words, 2.5, true)
			answerWord[strings.Join(words, " ")] = true
			for _, w := range words {
				answerWord[w] = true
			}
		}
	}
	// Known words that are no cue still go in the vocabulary: a word found
	// as written is never read as a typo of another ("hvor" is not "hver").
	for _, w := range answerFiller {
		for _, f := range foldPhrase(w) {
			fillerWord[f] = true
			intern(f)
		}
	}
	for _, w := range stopwords {
		for _, f := range foldPhrase(w) {
			stopWord[f] = true
			intern(f)
		}
	}
	for _, w := range knownWords {
		intern(fold(w))
	}
	for w := range markerLang {
		intern(w)
	}
	for _, w := range numberWords {
		intern(w.word)
	}
	for w := range unitWords {
		intern(w)
	}
	for w := range weekdayWords {
		intern(w)
	}
}

// knownWords are common words that look like a typo of a cue word but are
// not one; knowing them keeps fuzzy matching honest.
var knownWords = []string{
	"har", "hvor", "hver", "kvar", "hjelpen", "seg", "sier", "skal", "skole", "skolen", "lege", "legen",
	"mal", "malet", "malene", "helse", "hele", "mor", "far", "barn", "barnet", "time", "timer", "tid",
	"have", "here", "there", "then", "than", "this", "that", "they", "them", "mine", "line", "lines",
	"vet", "veit", "ser", "god", "godt", "bra", "dag", "dagen", "uke", "uken", "uka", "mote", "mate",
	"tekst", "kari", "ola", "emma", "sett", "satt", "mitt", "sin", "sitt", "alle", "ingen", "inga",
	"noen", "nokon", "ting", "tingen", "fysio", "fysioterapi", "fysioterapeut", "fysioterapeuten",
	"physio", "school", "doctor", "lege", "fastlege", "fastlegen", "ppt", "sfo", "nav", "barnehage",
	"barnehagen", "avlastning", "hjelpemidler", "samarbeid", "ressurser", "behov", "tiltak",
	"sykepleier", "helsesykepleier", "logoped", "ergoterapeut", "pedagog", "laerer", "laereren",
	"kontakt", "kontaktlaerer", "some", "come", "home", "same", "save", "have", "gave", "nose",
	"vite", "veit", "bor", "ha", "hatt", "fikk", "fatt", "ga", "gikk", "kom", "kommer", "komme", "sitter",
	"si", "sier", "tenke", "tror", "trur", "lurer", "spor", "sporre", "svar", "svare", "ut", "inn", "opp",
	"ned", "over", "under", "etter", "foran", "bak", "bil", "bilen", "hus", "huset", "kjope", "melk", "pris",
	"vaer", "veret", "weather", "bruke", "bruk", "lage", "lag", "finne", "finn", "sende", "tenk", "dette",
	"gjore", "gjort", "vite", "mener", "meiner", "bare", "her", "der", "hit", "dit", "also", "very", "well",
	"know", "think", "said", "says", "make", "made", "find", "found", "give", "gave", "look", "took", "take",
	"aldri", "alltid", "ofte", "mer", "mest", "enn", "bedre", "best", "hvis", "viss", "dersom",
}

// numKinds is len(kinds), as a constant for fixed-size score arrays.
const numKinds = 19

func init() {
	if len(kinds) != numKinds {
		panic("intent: numKinds does not match kinds")
	}
}
