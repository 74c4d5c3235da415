package conversation_test

import (
	"strings"
	"testing"
	"unicode"
)

// lix is the Scandinavian readability index: words per sentence plus the
// percentage of words longer than six letters. Below about 35 reads easily.
// A sentence ends at . ! ? : or a line break (list items are sentences).
func lix(s string) float64 {
	words, long, sentences := 0, 0, 0
	inWord, letters, inSentence := false, 0, false
	end := func() {
		if inWord {
			words++
			if letters > 6 {
				long++
			}
		}
		inWord, letters = false, 0
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			inWord, inSentence = true, true
			letters++
		case strings.ContainsRune(".!?:\n", r):
			end()
			if inSentence {
				sentences++
			}
			inSentence = false
		default:
			end()
		}
	}
	end()
	if inSentence {
		sentences++
	}
	if words == 0 || sentences == 0 {
		return 0
	}
	return float64(words)/float64(sentences) + 100*float64(long)/float64(words)
}

func TestLixOfLix(t *testing.T) {
	// 11 words, 2 sentences, 3 long words: 5.5 + 27.3.
	if got := lix("Emma skal til fysioterapeuten. Hun trener sammen med assistenten hver tirsdag."); got < 32.7 || got > 32.9 {
		t.Fatalf("lix = %.1f, want 32.8", got)
	}
}

// What families read is plain: LIX at most 40, in every language.
func TestFamilyRepliesArePlain(t *testing.T) {
	h := newHarness(t)
	h.dm(fysio, "oppdater fysioterapi: Kari kommer på skolen hver tirsdag. Emma trener med ny rullator.")
	h.dm(fysio, "ja")
	asks := []string{
		"hva skjer nå?", "hva er nytt?", "hvem er med?", "hvem har sett planen?", "hjelp",
		"kva skjer no?", "kven er med?",
		"what happens next?", "who is in the plan?", "help",
	}
	for _, ask := range asks {
		got := h.dm(mor, ask)
		if l := lix(got); l > 40 {
			t.Errorf("%q: LIX %.1f > 40:\n%s", ask, l, got)
		} else {
			t.Logf("%q: LIX %.1f", ask, l)
		}
	}
}
