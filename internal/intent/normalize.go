package intent

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// token is one word of a message: as written, and folded for matching.
type token struct {
	raw  string // the word as written (NFC, original case)
	norm string // lower-case, accents and æøå folded, "aa"/"oe" collapsed
}

// baseLetter maps accented Latin letters to their ASCII base ("é"→"e");
// filled at init from the Unicode decompositions so Parse does no
// normalisation work per rune.
var baseLetter = map[rune]string{}

func init() {
	for r := rune(0xC0); r <= 0x24F; r++ {
		d := []rune(norm.NFD.String(string(r)))
		if len(d) > 1 && d[0] < utf8.RuneSelf && unicode.IsLetter(d[0]) {
			baseLetter[r] = strings.ToLower(string(d[0]))
		}
	}
	// Letters that do not decompose, or that Norwegians type for æøå.
	for r, s := range map[rune]string{
		'æ': "ae", 'ø': "o", 'å': "a", 'ä': "ae", 'ö': "o", 'ß': "ss",
		'œ': "oe", 'ð': "d", 'þ': "th", 'ł': "l", 'đ': "d",
	} {
		baseLetter[r] = s
	}
}

// sanitize makes any input safe to work with: invalid UTF-8 becomes U+FFFD
// and control characters other than newline and tab become spaces.
func sanitize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	clean := true
	for _, r := range s {
		if r != '\n' && r != '\t' && (unicode.IsControl(r) || r == '\u2028' || r == '\u2029') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

// fold is the canonical form of one word used for every comparison:
// lower-case, accents stripped, æ→ae, ø→o, å→a, and "aa"→"a" so people
// typing "paa" meet the same form as "på". "oe" for ø ("moete") is tried
// only when the word as written is unknown (see lookup): "noe" and "does"
// are words of their own.
func fold(word string) string {
	var b strings.Builder
	b.Grow(len(word))
	for _, r := range word {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			if r == '\'' {
				continue
			}
			b.WriteRune(r)
			continue
		}
		if unicode.Is(unicode.Mn, r) || r == '’' || r == 'ʼ' {
			continue
		}
		r = unicode.ToLower(r)
		if s, ok := baseLetter[r]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(r)
	}
	s := b.String()
	if strings.Contains(s, "aa") {
		s = strings.ReplaceAll(s, "aa", "a")
	}
	return s
}

// isWordRune reports whether r belongs inside a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isApostrophe reports whether r joins a word ("what's", "don't").
func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// maxTokens bounds the work per message; the intent of a chat message is in
// its first words, and long texts belong in a Body.
const maxTokens = 48

// tokenize splits already sanitised text into words: punctuation, emoji and
// symbols separate words; an apostrophe between letters does not. It stops
// after limit words (no limit when negative).
func tokenize(s string, limit int) []token {
	s = norm.NFC.String(s)
	toks := make([]token, 0, 8)
	start := -1
	prevApos := false
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			prevApos = false
			continue
		}
		if start >= 0 && isApostrophe(r) && !prevApos {
			prevApos = true
			continue
		}
		if start >= 0 {
			toks = appendToken(toks, strings.TrimRightFunc(s[start:i], isApostrophe))
			start = -1
			prevApos = false
			if limit >= 0 && len(toks) >= limit {
				return toks
			}
		}
	}
	if start >= 0 {
		toks = appendToken(toks, strings.TrimRightFunc(s[start:], isApostrophe))
	}
	return toks
}

func appendToken(toks []token, raw string) []token {
	n := fold(raw)
	if n == "" {
		return toks
	}
	return append(toks, token{raw: raw, norm: n})
}

// Normalize returns the folded form planprat compares text in: lower-case,
// NFC, punctuation and emoji removed, spaces collapsed, æøå folded. Exported
// so the engine can compare free text the same way Parse does.
func Normalize(s string) string {
	toks := tokenize(sanitize(s), -1)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.norm
	}
	return strings.Join(parts, " ")
}
