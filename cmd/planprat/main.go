// Command planprat is the individual-plan chat assistant: the bot, and the
// operator's commands to import, export and check plans.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

const usage = `planprat: a chat assistant for the individual plan (individuell plan)

Usage:
  planprat                          start the demo: an in-memory plan and a console chat
  planprat chat --as ID [--plan ID] talk to the bot in this terminal
  planprat serve                    run the bot on the configured chat platforms
  planprat plan import FILE.yaml    create or replace a plan from a plan file
  planprat plan export ID [--format yaml|markdown]
  planprat plan list                list the plans
  planprat plan check ID            what the plan is missing (points a–i)
  planprat nudge preview [--at TIME] what the nudge scheduler would send then, and to whom

Configuration (environment):
  PLANPRAT_REDIS_URL   redis://host:6379/0, or host1:6379,host2:6379 for a cluster
`

// gcPercent is the garbage collector's target when GOGC is not set: the
// bot's live heap is small (a bounded cache of plans), so letting it grow
// four times before collecting costs little memory and keeps answer times
// even under load.
const gcPercent = 400

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program, so tests can drive it like a user at a shell.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := loadConfig()
	if err != nil {
		fmt.Fprintln(stderr, "planprat:", err)
		return 2
	}
	if len(args) == 0 {
		return runDemo(ctx, cfg, stdin, stdout, stderr)
	}
	switch args[0] {
	case "plan":
		return runPlan(ctx, cfg, args[1:], stdout, stderr)
	case "chat":
		return runChat(ctx, cfg, args[1:], stdin, stdout, stderr)
	case "nudge":
		return runNudge(ctx, cfg, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, cfg, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "planprat: unknown command %q\n\n%s", args[0], usage)
	return 2
}
