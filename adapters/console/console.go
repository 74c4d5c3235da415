// Package console is the terminal adapter: one person talks to planprat in
// a terminal, or a script pipes messages in, one per line.
package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/planprat/planprat/internal/chat"
	"github.com/planprat/planprat/internal/text"
)

// Platform is the console's platform name; users are plan participant ids.
const Platform = "console"

// Adapter reads messages from In and writes replies to Out.
type Adapter struct {
	In  io.Reader
	Out io.Writer
	// User is the participant id the person speaks as.
	User string
	// Interactive shows a prompt; otherwise each reply is printed plainly
	// after its message, so the console can be scripted.
	Interactive bool
	// Switch is called for "/som ID" (or "/as ID") to change who speaks.
	Switch func(id string) bool
	// Lang is the language of the console's own words (bokmål if empty).
	Lang text.Lang

	mu sync.Mutex
}

// Run reads one message per line until In ends or ctx is done.
func (a *Adapter) Run(ctx context.Context, h chat.Handler) error {
	sc := bufio.NewScanner(a.In)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	a.prompt()
	for sc.Scan() {
		if ctx.Err() != nil {
			return nil
		}
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			a.prompt()
			continue
		}
		if a.command(line) {
			a.prompt()
			continue
		}
		m := chat.Message{Platform: Platform, User: a.User, Text: line, Direct: true}
		replies, err := h.Handle(ctx, m)
		if err != nil {
			fmt.Fprintf(a.Out, "(error: %v)\n", err)
		}
		for _, r := range replies {
			a.write(r)
		}
		a.prompt()
	}
	if err := sc.Err(); err != nil && err != bufio.ErrTooLong {
		return err
	}
	return nil
}

// command handles the console's own commands: /som ID, /as ID, /quit.
func (a *Adapter) command(line string) bool {
	f := strings.Fields(line)
	switch strings.ToLower(f[0]) {
	case "/som", "/as":
		if len(f) != 2 || a.Switch == nil || !a.Switch(f[1]) {
			fmt.Fprintln(a.Out, a.t("console.switch-usage"))
			return true
		}
		a.User = f[1]
		fmt.Fprintln(a.Out, a.t("console.now-as", f[1]))
		return true
	}
	return false
}

func (a *Adapter) prompt() {
	if a.Interactive {
		fmt.Fprintf(a.Out, "%s> ", a.User)
	}
}

// SendDirect prints a message the bot starts on its own (a nudge).
func (a *Adapter) SendDirect(ctx context.Context, user, text string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	fmt.Fprintf(a.Out, "\n%s %s\n", a.t("console.to", user), Plain(text))
	return nil
}

func (a *Adapter) write(r chat.Reply) {
	a.mu.Lock()
	defer a.mu.Unlock()
	fmt.Fprintln(a.Out, Plain(r.Text))
	if len(r.Choices) > 0 {
		var opts []string
		for _, c := range r.Choices {
			if _, err := strconv.Atoi(c.Value); err == nil {
				continue // numbered choices are in the text already
			}
			opts = append(opts, a.t("console.choice", c.Label, c.Value))
		}
		if len(opts) > 0 {
			fmt.Fprintln(a.Out, "  → "+strings.Join(opts, " · "))
		}
	}
	fmt.Fprintln(a.Out)
}

func (a *Adapter) t(key string, args ...any) string {
	l := a.Lang
	if l == "" {
		l = text.NB
	}
	return text.T(l, key, args...)
}

// Plain turns the bot's light Markdown into terminal text.
func Plain(s string) string {
	s = strings.ReplaceAll(s, "**", "")
	s = strings.ReplaceAll(s, "\u2060", "")
	var b strings.Builder
	esc := false
	for _, r := range s {
		if r == '\\' && !esc {
			esc = true
			continue
		}
		esc = false
		b.WriteRune(r)
	}
	return b.String()
}
