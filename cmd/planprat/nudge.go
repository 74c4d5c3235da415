package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/planprat/planprat/internal/nudge"
	"github.com/planprat/planprat/internal/plan"
)

// NudgeConfig is the nudge scheduler's part of the environment. Embedded
// anonymously in config, its fields keep these names (the type is exported
// because envconfig skips unexported embedded structs).
type NudgeConfig struct {
	NudgeWorkStart    string `envconfig:"NUDGE_WORK_START" default:"08:00"`
	NudgeWorkEnd      string `envconfig:"NUDGE_WORK_END" default:"16:00"`
	NudgeReminderDays int    `envconfig:"NUDGE_REMINDER_DAYS" default:"3"`
	NudgeMaxReminders int    `envconfig:"NUDGE_MAX_REMINDERS" default:"2"`
	DigestDay         string `envconfig:"DIGEST_DAY" default:"monday"`
	// NudgeEveryDay also nudges on weekends and public holidays.
	NudgeEveryDay bool `envconfig:"NUDGE_EVERY_DAY" default:"false"`
}

// settings turns the configuration into nudge.Settings.
func (c NudgeConfig) settings() (nudge.Settings, error) {
	s, err := nudge.SettingsFrom(c.NudgeWorkStart, c.NudgeWorkEnd, c.NudgeReminderDays, c.NudgeMaxReminders, c.DigestDay)
	if err != nil {
		return s, fmt.Errorf("PLANPRAT_NUDGE_*/PLANPRAT_DIGEST_DAY: %w", err)
	}
	s.EveryDay = c.NudgeEveryDay
	return s, nil
}

const nudgeUsage = `usage: planprat nudge preview [--at TIME] [--platform mattermost] [--text]

Lists the nudges, reminders, escalations, digests and notices a pass would
send at TIME (default now; "2026-10-26 09:00" in Oslo, or RFC 3339), and to
whom, without sending or recording anything. --text also prints the
messages, which may contain health information: only for the operator's eyes.
`

// runNudge is "planprat nudge …": the dry run of the nudge scheduler.
func runNudge(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "preview" {
		fmt.Fprint(stderr, nudgeUsage)
		return 2
	}
	fs := flag.NewFlagSet("preview", flag.ContinueOnError)
	fs.SetOutput(stderr)
	atFlag := fs.String("at", "", "the moment to preview")
	platform := fs.String("platform", "mattermost", "the chat platform whose handles are used")
	showText := fs.Bool("text", false, "print the messages too")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	at := time.Now()
	if *atFlag != "" {
		t, err := parseAt(*atFlag)
		if err != nil {
			fmt.Fprintln(stderr, "planprat nudge preview:", err)
			return 2
		}
		at = t
	}
	set, err := cfg.settings()
	if err != nil {
		fmt.Fprintln(stderr, "planprat:", err)
		return 2
	}
	// The preview writes nothing, so the store's own clock does not matter.
	s, closeStore, err := openStore(ctx, cfg, false, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "planprat:", err)
		return 1
	}
	defer closeStore()
	sched := nudge.New(nudge.Config{Store: s, Platform: *platform, Sender: noSender{}, Settings: set,
		Now: func() time.Time { return at }})
	msgs, err := sched.Preview(ctx, at)
	if err != nil {
		fmt.Fprintln(stderr, "planprat:", err)
		return 1
	}
	writePreview(stdout, msgs, at, set, *showText)
	return 0
}

// writePreview lists msgs one a line: kind, recipient, plan and section ids;
// never section text unless asked.
func writePreview(w io.Writer, msgs []nudge.Message, at time.Time, set nudge.Settings, showText bool) {
	when := at.In(set.Zone).Format("Monday 2006-01-02 15:04 MST")
	if len(msgs) == 0 {
		fmt.Fprintf(w, "Nothing would be sent at %s.\n", when)
		return
	}
	fmt.Fprintf(w, "At %s planprat would send %d message(s):\n", when, len(msgs))
	for _, m := range msgs {
		about := m.Plan
		if m.Participant != "" && m.Plan != "" {
			about += "/" + m.Participant
		}
		if about == "" {
			about = m.Participant
		}
		line := fmt.Sprintf("%-10s → %s:%s (%s)", m.Kind, m.Platform, m.To, about)
		if len(m.Sections) > 0 {
			line += ": " + strings.Join(m.Sections, ", ")
		}
		fmt.Fprintln(w, line)
		if showText {
			for _, l := range strings.Split(m.Text, "\n") {
				fmt.Fprintln(w, "    "+l)
			}
		}
	}
}

// parseAt reads a moment: RFC 3339, or a date and time (or a date, at
// 09:00) in Oslo.
func parseAt(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, plan.Oslo); err == nil {
			if layout == "2006-01-02" {
				t = t.Add(9 * time.Hour)
			}
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time like \"2026-10-26 09:00\"", s)
}

// noSender refuses to send: a preview must not.
type noSender struct{}

func (noSender) SendDirect(ctx context.Context, user, text string) error {
	return fmt.Errorf("preview: not sending to %s", user)
}
