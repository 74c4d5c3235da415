package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/planprat/planprat/internal/plan"
	"github.com/planprat/planprat/internal/planfile"
	store "github.com/planprat/planprat/internal/redis"
	"github.com/planprat/planprat/internal/text"
)

// operator is who the audit log names for command-line access.
const operator = "operator (command line)"

func runPlan(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, "planprat plan: say import, export, list or check\n\n"+usage)
		return 2
	}
	rdb, err := redisClient(cfg.RedisURL)
	if err != nil {
		fmt.Fprintln(stderr, "planprat:", err)
		return 2
	}
	defer rdb.Close()
	s := store.New(rdb, nil)
	if err := s.Ping(ctx); err != nil {
		fmt.Fprintln(stderr, "planprat: cannot reach Redis at PLANPRAT_REDIS_URL:", err)
		return 1
	}
	switch args[0] {
	case "import":
		return planImport(ctx, s, args[1:], stdout, stderr)
	case "export":
		return planExport(ctx, s, args[1:], stdout, stderr)
	case "list":
		return planList(ctx, s, stdout, stderr)
	case "check":
		return planCheck(ctx, s, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "planprat plan: unknown command %q\n", args[0])
	return 2
}

func planImport(ctx context.Context, s *store.Store, args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: planprat plan import FILE.yaml")
		return 2
	}
	data, err := readLimited(args[0], planfile.MaxSize)
	if err != nil {
		fmt.Fprintln(stderr, "planprat:", err)
		return 1
	}
	p, err := planfile.Parse(data, filepath.Base(args[0]))
	if err != nil {
		fmt.Fprintln(stderr, err)
		fmt.Fprintln(stderr, "Nothing was imported.")
		return 1
	}
	existed, err := s.Exists(ctx, p.ID)
	if err != nil {
		fmt.Fprintln(stderr, "planprat:", err)
		return 1
	}
	if err := s.PutPlan(ctx, p, operator, "import "+filepath.Base(args[0])); err != nil {
		fmt.Fprintln(stderr, "planprat:", err)
		return 1
	}
	verb := "created"
	if existed {
		verb = "replaced (the earlier versions stay in the change log)"
	}
	fmt.Fprintf(stdout, "Plan %q for %s %s: %d participants, %d sections, %d activities.\n",
		p.ID, p.Person, verb, len(p.Participants), len(p.Sections), len(p.Activities))
	return 0
}

// readLimited reads a file, refusing one larger than limit.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %d MB; nothing was imported", path, limit>>20)
	}
	return data, nil
}

func planExport(ctx context.Context, s *store.Store, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "yaml", "yaml or markdown")
	id, rest := splitID(args)
	if err := fs.Parse(rest); err != nil {
		return 2
	}
	if id == "" && fs.NArg() == 1 {
		id = fs.Arg(0)
	}
	if id == "" {
		fmt.Fprintln(stderr, "usage: planprat plan export ID [--format yaml|markdown]")
		return 2
	}
	p, err := s.Plan(ctx, id, operator, "export ("+*format+")")
	if err != nil {
		return storeError(stderr, id, err)
	}
	switch *format {
	case "yaml", "yml":
		out, err := planfile.YAML(p)
		if err != nil {
			fmt.Fprintln(stderr, "planprat:", err)
			return 1
		}
		_, _ = stdout.Write(out)
	case "markdown", "md":
		_, _ = stdout.Write(planfile.Markdown(p, time.Now()))
	default:
		fmt.Fprintf(stderr, "planprat: unknown format %q (yaml or markdown)\n", *format)
		return 2
	}
	return 0
}

// splitID takes a leading positional id off args so flags may follow it.
func splitID(args []string) (string, []string) {
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		return args[0], args[1:]
	}
	return "", args
}

func planList(ctx context.Context, s *store.Store, stdout, stderr io.Writer) int {
	n := 0
	err := s.EachPlan(ctx, 500, func(sums []store.Summary) error {
		for _, x := range sums {
			fmt.Fprintf(stdout, "%-20s %-30s %-3s %s\n", x.ID, x.Person, x.Language, x.Status)
			n++
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(stderr, "planprat:", err)
		return 1
	}
	if n == 0 {
		fmt.Fprintln(stdout, "No plans yet. Import one with: planprat plan import examples/plan-emma.yaml")
	}
	return 0
}

func planCheck(ctx context.Context, s *store.Store, args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: planprat plan check ID")
		return 2
	}
	p, err := s.Plan(ctx, args[0], operator, "completeness check")
	if err != nil {
		return storeError(stderr, args[0], err)
	}
	l := text.Parse(p.Language)
	problems := p.Check(time.Now())
	if len(problems) == 0 {
		fmt.Fprintln(stdout, text.T(l, "check.ok"))
		return 0
	}
	fmt.Fprintln(stdout, text.T(l, "check.header"))
	for _, pr := range problems {
		fmt.Fprintf(stdout, "- (%s) %s\n", pr.Point, text.Problem(l, string(pr.Code), p.SubjectName(pr.Subject)))
	}
	return 0
}

func storeError(stderr io.Writer, id string, err error) int {
	var pe *plan.Error
	if errors.As(err, &pe) && pe.Code == plan.NotFound {
		fmt.Fprintf(stderr, "planprat: there is no plan %q (see: planprat plan list)\n", id)
		return 1
	}
	fmt.Fprintln(stderr, "planprat:", err)
	return 1
}
