package conversation

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planprat/planprat/internal/nudge"
	"github.com/planprat/planprat/internal/plan"
	"github.com/planprat/planprat/internal/planfile"
)

// sanitize makes a message safe to work with: valid UTF-8, no control
// characters but newlines and tabs, trimmed. ok is false when the message is
// longer than MaxMessage characters; then nothing of it may be stored.
func sanitize(s string) (string, bool) {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return -1
		case unicode.IsControl(r), r == '\u200b', r == '\u2060', r == '\ufeff':
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	return s, utf8.RuneCountInString(s) <= MaxMessage
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}

// neutral defuses text a person wrote before the bot repeats it: no live
// @-mentions (@channel, @here, @all, @someone) and no markup that could
// break the bot's own message (code fences, headings, links, HTML).
func neutral(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	lineStart := true
	for _, r := range s {
		switch r {
		case '@':
			b.WriteString("@\u2060") // word joiner: shown as @, never a mention
		case '`', '*', '_', '~', '[', ']', '<', '>', '|':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '#':
			if lineStart {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
		lineStart = r == '\n'
	}
	return b.String()
}

// quote shows a person's text as a quotation, defused, shortened to n
// characters (0: whole).
func quote(s string, n int) string {
	s = strings.TrimSpace(s)
	if n > 0 && utf8.RuneCountInString(s) > n {
		s = strings.TrimSpace(truncate(s, n)) + " …"
	}
	lines := strings.Split(neutral(s), "\n")
	for i, l := range lines {
		lines[i] = "> " + l
	}
	return strings.Join(lines, "\n")
}

// firstSentence is the start of a text, for overviews.
func firstSentence(s string, n int) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ".!?\n"); i > 0 {
		s = s[:i+1]
	}
	if utf8.RuneCountInString(s) > n {
		s = strings.TrimSpace(truncate(s, n)) + " …"
	}
	return strings.TrimRight(s, "\n")
}

// name says who a participant is, for people: "Kari Nilsen (fysioterapeut)".
func (t *turn) name(id string) string {
	x, ok := t.snap.Plan.Participant(id)
	if !ok {
		switch id {
		case "operator (command line)":
			return t.t0("who.operator")
		case nudge.System:
			return t.t0("who.system")
		}
		return t.t0("who.unknown")
	}
	return x.Name + " (" + t.roleWord(x) + ")"
}

// roleWord is a participant's role in one or two plain words.
func (t *turn) roleWord(x plan.Participant) string {
	switch {
	case x.Role == plan.Family && x.Relation != "":
		return x.Relation
	case x.Role == plan.Coordinator:
		return t.t0("role.coordinator")
	case x.Title != "":
		return x.Title
	}
	return planfile.RoleLabel(t.lang, x)
}
