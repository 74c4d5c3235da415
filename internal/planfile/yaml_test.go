package planfile_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/planprat/planprat/examples"
	. "github.com/planprat/planprat/internal/planfile"
)

func TestExampleRoundTrips(t *testing.T) {
	p, err := Parse(examples.Emma, "plan-emma.yaml")
	if err != nil {
		t.Fatalf("parse example: %v", err)
	}
	out, err := YAML(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := Parse(out, "exported.yaml")
	if err != nil {
		t.Fatalf("parse export: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(p, q) {
		t.Fatalf("round trip changed the plan:\n%+v\n%+v", p, q)
	}
	again, _ := YAML(q)
	if string(again) != string(out) {
		t.Fatalf("second export differs from the first")
	}
	if len(p.Participants) != 8 || len(p.Sections) != 10 || len(p.Activities) != 6 {
		t.Fatalf("example has %d participants, %d sections, %d activities", len(p.Participants), len(p.Sections), len(p.Activities))
	}
}

func TestParseErrorsNameFieldAndLine(t *testing.T) {
	good := string(examples.Emma)
	cases := []struct {
		name string
		file string
		want []string // all must appear in the error
	}{
		{"unknown owner", strings.Replace(good, "owner: fysio", "owner: kari", 1),
			[]string{"sections[4].owner: unknown participant \"kari\"", "plan-emma.yaml:"}},
		{"unknown field", strings.Replace(good, "review_days: 30", "review_days: 30\n    reviewer: kari", 1),
			[]string{"sections[4].reviewer: unknown field"}},
		{"bad date", strings.Replace(good, "when: 2026-12-08 10:00", "when: 8. desember kl 10", 1),
			[]string{"activities[0].when: must be a date like 2026-12-08", `got "8. desember kl 10"`}},
		{"not a number", strings.Replace(good, "review_days: 30", "review_days: monthly", 1),
			[]string{"sections[4].review_days: must be a whole number", `"monthly"`}},
		{"bad role", strings.Replace(good, "role: coordinator", "role: boss", 1),
			[]string{"participants[2].role: must be family, coordinator or professional (got \"boss\")"}},
		{"duplicate section", strings.Replace(good, "id: helse\n", "id: fysioterapi\n", 1),
			[]string{"sections[5].id: section \"fysioterapi\" appears twice"}},
		{"broken yaml", strings.Replace(good, "title: Emmas mål", "title: [Emmas mål", 1),
			[]string{"not valid YAML"}},
		{"bad kind", strings.Replace(good, "kind: cooperation", "kind: teamwork", 1),
			[]string{"sections[9].kind: must be one of goals"}},
		{"consent by professional", strings.Replace(good, "given_by: far", "given_by: fastlege", 1),
			[]string{"consents[4].given_by: consent must be given by a family member"}},
		{"unknown section in activity", strings.Replace(good, "section: skole\n", "section: school\n", 1),
			[]string{"activities[4].section: unknown section \"school\""}},
		{"empty", "", []string{"the file is empty"}},
		{"not a mapping", "- just\n- a list\n", []string{"must be a mapping"}},
		{"bad language", strings.Replace(good, "language: nb", "language: de", 1),
			[]string{"language: must be one of nb, nn, en"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.file), "plan-emma.yaml")
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("want a plan file error, got %v", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not mention %q:\n%v", w, err)
				}
			}
			for _, p := range fe.Problems {
				if p.Line == 0 && tc.name != "empty" {
					t.Errorf("problem without a line: %+v", p)
				}
			}
		})
	}
}

func TestParseReportsTheRightLine(t *testing.T) {
	file := "id: x\nperson: X\nlanguage: nb\nparticipants:\n  - id: a\n    name: A\n    role: family\nsections:\n  - id: s\n    title: S\n    kind: goals\n    owner: kari\n    text: hi\n"
	_, err := Parse([]byte(file), "f.yaml")
	if err == nil || !strings.Contains(err.Error(), "f.yaml:12: sections[0].owner: unknown participant \"kari\"") {
		t.Fatalf("got %v", err)
	}
}
