package mattermost

import (
	"strings"
	"unicode/utf8"

	"github.com/mattermost/mattermost/server/public/model"
)

// maxPostRunes is Mattermost's limit on a post's message.
const maxPostRunes = model.PostMessageMaxRunesV2

// separators are where a long text may be cut, most natural first.
var separators = []string{"\n\n", "\n", " "}

// split cuts text into pieces of at most limit runes, preferring paragraph
// breaks, then line breaks, then spaces; only a single word longer than limit is
// cut mid-word (on a rune boundary). The separator at a cut is dropped.
func split(text string, limit int) []string {
	if limit <= 0 || utf8.RuneCountInString(text) <= limit {
		return []string{text}
	}
	var out []string
	for _, piece := range splitAt(text, limit, 0) {
		if strings.TrimSpace(piece) != "" {
			out = append(out, piece)
		}
	}
	return out
}

func splitAt(text string, limit, level int) []string {
	if utf8.RuneCountInString(text) <= limit {
		return []string{text}
	}
	if level == len(separators) {
		return cutRunes(text, limit)
	}
	sep := separators[level]
	var out []string
	var cur strings.Builder
	curRunes := 0
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
			curRunes = 0
		}
	}
	for _, part := range strings.Split(text, sep) {
		n := utf8.RuneCountInString(part)
		switch {
		case n > limit:
			flush()
			out = append(out, splitAt(part, limit, level+1)...)
		case cur.Len() == 0:
			cur.WriteString(part)
			curRunes = n
		case curRunes+len(sep)+n <= limit:
			cur.WriteString(sep)
			cur.WriteString(part)
			curRunes += len(sep) + n
		default:
			flush()
			cur.WriteString(part)
			curRunes = n
		}
	}
	flush()
	return out
}

func cutRunes(text string, limit int) []string {
	var out []string
	for text != "" {
		i, n := 0, 0
		for i < len(text) && n < limit {
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			n++
		}
		out = append(out, text[:i])
		text = text[i:]
	}
	return out
}
