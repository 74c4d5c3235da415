package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/planprat/planprat/examples"
	"github.com/planprat/planprat/internal/redistest"
)

// sh runs planprat like a shell would (configured by the environment),
// returning exit code, stdout and stderr.
func sh(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestPlanCommands(t *testing.T) {
	_, srv := redistest.Start(t)
	t.Setenv("PLANPRAT_REDIS_URL", "redis://"+srv.Addr)
	dir := t.TempDir()
	good := filepath.Join(dir, "plan-emma.yaml")
	if err := os.WriteFile(good, examples.Emma, 0o600); err != nil {
		t.Fatal(err)
	}

	code, out, errs := sh(t, "", "plan", "import", good)
	if code != 0 || !strings.Contains(out, `Plan "emma" for Emma Hansen created: 8 participants, 10 sections, 6 activities.`) {
		t.Fatalf("import: %d %q %q", code, out, errs)
	}
	code, out, _ = sh(t, "", "plan", "list")
	if code != 0 || !strings.Contains(out, "emma") || !strings.Contains(out, "Emma Hansen") {
		t.Fatalf("list: %d %q", code, out)
	}
	code, out, _ = sh(t, "", "plan", "check", "emma")
	if code != 0 || !strings.Contains(out, "- (e) Tiltaket «Hjelpemidler» har ingen ansvarlig.") {
		t.Fatalf("check: %d %q", code, out)
	}
	code, out, _ = sh(t, "", "plan", "export", "emma", "--format", "markdown")
	if code != 0 || !strings.Contains(out, "# Individuell plan for Emma Hansen") || !strings.Contains(out, "| Kari Nilsen | fysioterapeut, Bergen kommune | gitt onsdag 5. august 2026 |") {
		t.Fatalf("markdown: %d %q", code, out)
	}

	// Export → import → export gives the same file.
	code, exported, _ := sh(t, "", "plan", "export", "emma")
	again := filepath.Join(dir, "again.yaml")
	_ = os.WriteFile(again, []byte(exported), 0o600)
	if code, out, errs := sh(t, "", "plan", "import", again); code != 0 || !strings.Contains(out, "replaced") {
		t.Fatalf("re-import: %d %q %q", code, out, errs)
	}
	if _, second, _ := sh(t, "", "plan", "export", "emma"); second != exported {
		t.Fatalf("export after re-import differs:\n%s\n---\n%s", exported, second)
	}

	// A bad file changes nothing and names the field and line.
	bad := filepath.Join(dir, "bad.yaml")
	_ = os.WriteFile(bad, []byte(strings.Replace(string(examples.Emma), "owner: fysio", "owner: kari", 1)), 0o600)
	code, _, errs = sh(t, "", "plan", "import", bad)
	if code != 1 || !strings.Contains(errs, `bad.yaml:113: sections[4].owner: unknown participant "kari"`) || !strings.Contains(errs, "Nothing was imported.") {
		t.Fatalf("bad import: %d %q", code, errs)
	}
	if _, after, _ := sh(t, "", "plan", "export", "emma"); after != exported {
		t.Fatal("a bad import changed the plan")
	}
	code, _, errs = sh(t, "", "plan", "export", "nobody")
	if code != 1 || !strings.Contains(errs, `there is no plan "nobody"`) {
		t.Fatalf("missing plan: %d %q", code, errs)
	}
}

func TestWithoutRedisSaysHowToSetIt(t *testing.T) {
	t.Setenv("PLANPRAT_REDIS_URL", "")
	code, _, errs := sh(t, "", "plan", "list")
	if code != 2 || !strings.Contains(errs, "export PLANPRAT_REDIS_URL=redis://127.0.0.1:6379/0") {
		t.Fatalf("%d %q", code, errs)
	}
}

// The demo and `chat` work with no Redis configured, scripted one line at a time.
func TestScriptedChatOnTheDemo(t *testing.T) {
	t.Setenv("PLANPRAT_REDIS_URL", "")
	code, out, errs := sh(t, "hva skjer nå?\n/som fysio\noppdater min del\nNy rullator er bestilt.\nja\n", "chat", "--as", "mor")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Dette skjer fremover for Emma:", "Møte i ansvarsgruppen", "(nå snakker du som fysio)",
		"Skriv den nye teksten for «Fysioterapi».", "Slik blir «Fysioterapi»:", "Lagret. «Fysioterapi» er nå:"} {
		if !strings.Contains(out, want) {
			t.Errorf("chat output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "Demo: Emmas plan ligger bare i minnet") {
		t.Errorf("no demo notice: %q", errs)
	}
}

// The nudge settings come from the environment (a regression: envconfig
// skipped them when their struct type was unexported).
func TestNudgeSettingsFromEnvironment(t *testing.T) {
	t.Setenv("PLANPRAT_NUDGE_WORK_START", "07:30")
	t.Setenv("PLANPRAT_NUDGE_EVERY_DAY", "true")
	t.Setenv("PLANPRAT_NUDGE_EVERY", "1m")
	cfg, err := loadConfig()
	if err != nil {
		t.Fatal(err)
	}
	set, err := cfg.settings()
	if err != nil {
		t.Fatal(err)
	}
	if set.WorkStart != 7*time.Hour+30*time.Minute || !set.EveryDay || set.WorkEnd != 16*time.Hour || cfg.NudgeEvery != time.Minute {
		t.Fatalf("settings %+v, every %s", set, cfg.NudgeEvery)
	}
}
