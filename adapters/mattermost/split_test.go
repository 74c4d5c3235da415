package mattermost

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplit(t *testing.T) {
	tests := map[string]struct {
		text  string
		limit int
		want  []string
	}{
		"short":                {"hei", 10, []string{"hei"}},
		"exactly the limit":    {"abcdefghij", 10, []string{"abcdefghij"}},
		"paragraphs":           {"aaaa\n\nbbbb\n\ncccc", 10, []string{"aaaa\n\nbbbb", "cccc"}},
		"lines in paragraph":   {"aaaa\nbbbb\ncccc", 10, []string{"aaaa\nbbbb", "cccc"}},
		"words in a line":      {"aaa bbb ccc ddd", 7, []string{"aaa bbb", "ccc ddd"}},
		"one long word":        {"abcdefghijkl", 5, []string{"abcde", "fghij", "kl"}},
		"runes not bytes":      {"ææææ øøøø åååå", 9, []string{"ææææ øøøø", "åååå"}},
		"long word in a line":  {"ab abcdefgh cd", 4, []string{"ab", "abcd", "efgh", "cd"}},
		"paragraph then long":  {"kort\n\n" + strings.Repeat("x", 12), 10, []string{"kort", "xxxxxxxxxx", "xx"}},
		"blank pieces dropped": {"aaaa\n\n\n\n\n\nbbbb", 5, []string{"aaaa", "bbbb"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := split(tc.text, tc.limit)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
				t.Errorf("split = %q, want %q", got, tc.want)
			}
			for _, p := range got {
				if n := utf8.RuneCountInString(p); n > tc.limit {
					t.Errorf("piece of %d runes > %d", n, tc.limit)
				}
			}
		})
	}
}

// TestSplitRealLimit checks a reply far over Mattermost's limit keeps every
// line and no piece exceeds the limit.
func TestSplitRealLimit(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 3*maxPostRunes*2; i++ {
		b.WriteString("Linje med æøå og litt tekst om planen, nummer ")
		b.WriteString(strings.Repeat("9", i%7))
		b.WriteString("\n")
	}
	text := strings.TrimRight(b.String(), "\n")
	pieces := split(text, maxPostRunes)
	if len(pieces) < 3 {
		t.Fatalf("got %d pieces, want at least 3", len(pieces))
	}
	for _, p := range pieces {
		if n := utf8.RuneCountInString(p); n > maxPostRunes {
			t.Fatalf("piece of %d runes", n)
		}
	}
	if strings.Join(pieces, "\n") != text {
		t.Fatal("pieces do not add up to the text")
	}
}
