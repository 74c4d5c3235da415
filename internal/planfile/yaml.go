package planfile

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/planprat/planprat/internal/plan"
)

// MaxSize is the largest plan file accepted.
const MaxSize = 4 << 20

// Problem is one thing wrong with a plan file, at a line.
type Problem struct {
	Line    int
	Path    string
	Message string
}

// Error lists what is wrong with a plan file; nothing was imported.
type Error struct {
	File     string
	Problems []Problem
}

func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		switch {
		case p.Line > 0 && p.Path != "":
			fmt.Fprintf(&b, "%s:%d: %s: %s", e.File, p.Line, p.Path, p.Message)
		case p.Path != "":
			fmt.Fprintf(&b, "%s: %s: %s", e.File, p.Path, p.Message)
		case p.Line > 0:
			fmt.Fprintf(&b, "%s:%d: %s", e.File, p.Line, p.Message)
		default:
			fmt.Fprintf(&b, "%s: %s", e.File, p.Message)
		}
	}
	return b.String()
}

const (
	dateLayout     = "2006-01-02"
	dateTimeLayout = "2006-01-02 15:04"
	secondsLayout  = "2006-01-02 15:04:05"
)

// Parse reads a plan file. name is used in error messages. Every problem
// found is reported with the field's path and line; unknown fields are
// errors.
func Parse(data []byte, name string) (*plan.Plan, error) {
	fail := func(ps ...Problem) error { return &Error{File: name, Problems: ps} }
	if len(data) > MaxSize {
		return nil, fail(Problem{Message: fmt.Sprintf("the file is larger than %d MB", MaxSize>>20)})
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fail(Problem{Message: "the file is empty"})
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fail(yamlProblem(err))
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fail(Problem{Line: 1, Message: "a plan file must be a mapping with id, person, participants and sections"})
	}
	root := doc.Content[0]
	lines := map[string]int{}
	var problems []Problem
	walk(root, reflect.TypeOf(filePlan{}), "", lines, &problems)
	if len(problems) > 0 {
		return nil, fail(problems...)
	}
	var fp filePlan
	if err := root.Decode(&fp); err != nil {
		return nil, fail(typeProblems(err, lines)...)
	}
	p, problems := toPlan(fp, lines)
	if err := p.Validate(); err != nil {
		var ve *plan.ValidationError
		if errors.As(err, &ve) {
			for _, f := range ve.Fields {
				problems = append(problems, Problem{Line: lineOf(lines, f.Path), Path: f.Path, Message: f.Message})
			}
		}
	}
	if len(problems) > 0 {
		sort.SliceStable(problems, func(i, j int) bool { return problems[i].Line < problems[j].Line })
		return nil, fail(problems...)
	}
	return p, nil
}

// lineOf finds the line of a path, or of its nearest parent.
func lineOf(lines map[string]int, path string) int {
	for path != "" {
		if l, ok := lines[path]; ok {
			return l
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func yamlProblem(err error) Problem {
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return Problem{Message: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	n, _ := strconv.Atoi(m[1])
	return Problem{Line: n, Message: "not valid YAML: " + m[2]}
}

var typeLine = regexp.MustCompile(`line (\d+): cannot unmarshal !!(\w+) ` + "`" + `?([^` + "`" + `]*)` + "`" + `? into (.*)$`)

// typeProblems turns yaml.v3's type errors into problems with paths.
func typeProblems(err error, lines map[string]int) []Problem {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return []Problem{{Message: err.Error()}}
	}
	byLine := map[int]string{}
	for path, l := range lines {
		if old, ok := byLine[l]; !ok || len(path) > len(old) {
			byLine[l] = path
		}
	}
	var out []Problem
	for _, msg := range te.Errors {
		m := typeLine.FindStringSubmatch(msg)
		if m == nil {
			out = append(out, Problem{Message: msg})
			continue
		}
		n, _ := strconv.Atoi(m[1])
		want := "a " + strings.TrimPrefix(m[4], "[]")
		switch {
		case m[4] == "int":
			want = "a whole number"
		case m[4] == "string":
			want = "text"
		case strings.HasPrefix(m[4], "[]"):
			want = "a list"
		case strings.Contains(m[4], "planfile."):
			want = "a mapping"
		}
		out = append(out, Problem{Line: n, Path: byLine[n], Message: fmt.Sprintf("must be %s (got %q)", want, m[3])})
	}
	return out
}

// walk records each path's line and reports keys the plan file format does
// not have.
func walk(n *yaml.Node, t reflect.Type, path string, lines map[string]int, problems *[]Problem) {
	if path != "" {
		lines[path] = n.Line
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return // the decoder reports the type error
		}
		fields := map[string]reflect.Type{}
		for i := 0; i < t.NumField(); i++ {
			tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
			fields[tag] = t.Field(i).Type
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			child := k.Value
			if path != "" {
				child = path + "." + k.Value
			}
			ft, ok := fields[k.Value]
			if !ok {
				*problems = append(*problems, Problem{Line: k.Line, Path: child, Message: "unknown field" + suggest(k.Value, fields)})
				continue
			}
			lines[child] = k.Line
			walk(v, ft, child, lines, problems)
			lines[child] = k.Line
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return
		}
		for i, v := range n.Content {
			walk(v, t.Elem(), fmt.Sprintf("%s[%d]", path, i), lines, problems)
		}
	}
}

func suggest(got string, fields map[string]reflect.Type) string {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names)
	return " (known fields: " + strings.Join(names, ", ") + ")"
}

// parseTime reads "2006-01-02" or "2006-01-02 15:04" in Oslo time.
func parseTime(s string) (t time.Time, allDay bool, err error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{dateTimeLayout, secondsLayout} {
		if t, err := time.ParseInLocation(layout, s, plan.Oslo); err == nil {
			return t, false, nil
		}
	}
	if t, err := time.ParseInLocation(dateLayout, s, plan.Oslo); err == nil {
		return t, true, nil
	}
	return time.Time{}, false, fmt.Errorf("must be a date like 2026-12-08 or a date and time like 2026-12-08 10:00 (got %q)", s)
}

func toPlan(fp filePlan, lines map[string]int) (*plan.Plan, []Problem) {
	var problems []Problem
	at := func(path, s string, dateOnly bool) time.Time {
		if s == "" {
			return time.Time{}
		}
		t, allDay, err := parseTime(s)
		if err == nil && dateOnly && !allDay {
			err = fmt.Errorf("must be a date like 2026-12-08 (got %q)", s)
		}
		if err != nil {
			problems = append(problems, Problem{Line: lineOf(lines, path), Path: path, Message: err.Error()})
		}
		return t
	}
	p := &plan.Plan{ID: fp.ID, Person: fp.Person, Language: fp.Language, Status: plan.Status(fp.Status),
		PeriodStart:  at("period.start", fp.Period.Start, true),
		PeriodEnd:    at("period.end", fp.Period.End, true),
		NextRevision: at("next_revision", fp.NextRevision, true)}
	if p.Status == "" {
		p.Status = plan.Active
	}
	for _, x := range fp.Participants {
		p.Participants = append(p.Participants, plan.Participant{ID: x.ID, Name: x.Name, Role: plan.Role(x.Role),
			Relation: x.Relation, Title: x.Title, Service: x.Service, Language: x.Language,
			Handles: plan.Handles{Mattermost: x.Handles.Mattermost, Slack: x.Handles.Slack, Email: x.Handles.Email}})
	}
	for i, x := range fp.Sections {
		path := fmt.Sprintf("sections[%d]", i)
		p.Sections = append(p.Sections, plan.Section{ID: x.ID, Title: x.Title, Kind: plan.SectionKind(x.Kind),
			Owner: x.Owner, ReviewDays: x.ReviewDays, Text: x.Text,
			UpdatedBy: x.UpdatedBy, UpdatedAt: at(path+".updated_at", x.UpdatedAt, false),
			ConfirmedBy: x.ConfirmedBy, ConfirmedAt: at(path+".confirmed_at", x.ConfirmedAt, false)})
	}
	for i, x := range fp.Activities {
		path := fmt.Sprintf("activities[%d].when", i)
		a := plan.Activity{ID: x.ID, Title: x.Title, Responsible: x.Responsible, Section: x.Section,
			Status: plan.ActivityStatus(x.Status), Place: x.Place}
		if x.When != "" {
			t, allDay, err := parseTime(x.When)
			if err != nil {
				problems = append(problems, Problem{Line: lineOf(lines, path), Path: path, Message: err.Error()})
			}
			a.When, a.AllDay = t, allDay
		}
		if a.Status == "" {
			a.Status = plan.Planned
		}
		p.Activities = append(p.Activities, a)
	}
	for i, x := range fp.Consents {
		path := fmt.Sprintf("consents[%d]", i)
		p.Consents = append(p.Consents, plan.Consent{Participant: x.Participant, GivenBy: x.GivenBy, Scope: x.Scope,
			GivenAt:     at(path+".given_at", x.GivenAt, false),
			WithdrawnAt: at(path+".withdrawn_at", x.WithdrawnAt, false)})
	}
	return p, problems
}

// formatTime writes a time the way Parse reads it: a date alone when it is
// midnight in Oslo.
func formatTime(t time.Time, allDay bool) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(plan.Oslo)
	switch {
	case allDay || (t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0):
		return t.Format(dateLayout)
	case t.Second() != 0:
		return t.Format(secondsLayout)
	}
	return t.Format(dateTimeLayout)
}

// YAML writes a plan as a plan file that Parse reads back to the same plan.
func YAML(p *plan.Plan) ([]byte, error) {
	fp := filePlan{ID: p.ID, Person: p.Person, Language: p.Language, Status: string(p.Status),
		Period:       filePeriod{Start: formatTime(p.PeriodStart, true), End: formatTime(p.PeriodEnd, true)},
		NextRevision: formatTime(p.NextRevision, true)}
	for _, x := range p.Participants {
		fp.Participants = append(fp.Participants, fileParticipant{ID: x.ID, Name: x.Name, Role: string(x.Role),
			Relation: x.Relation, Title: x.Title, Service: x.Service, Language: x.Language,
			Handles: fileHandles{Mattermost: x.Handles.Mattermost, Slack: x.Handles.Slack, Email: x.Handles.Email}})
	}
	for _, x := range p.Sections {
		fp.Sections = append(fp.Sections, fileSection{ID: x.ID, Title: x.Title, Kind: string(x.Kind), Owner: x.Owner,
			ReviewDays: x.ReviewDays, Text: x.Text, UpdatedBy: x.UpdatedBy, UpdatedAt: formatTime(x.UpdatedAt, false),
			ConfirmedBy: x.ConfirmedBy, ConfirmedAt: formatTime(x.ConfirmedAt, false)})
	}
	for _, x := range p.Activities {
		fp.Activities = append(fp.Activities, fileActivity{ID: x.ID, Title: x.Title, When: formatTime(x.When, x.AllDay),
			Responsible: x.Responsible, Section: x.Section, Status: string(x.Status), Place: x.Place})
	}
	for _, x := range p.Consents {
		fp.Consents = append(fp.Consents, fileConsent{Participant: x.Participant, GivenBy: x.GivenBy,
			GivenAt: formatTime(x.GivenAt, false), Scope: x.Scope, WithdrawnAt: formatTime(x.WithdrawnAt, false)})
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(fp); err != nil {
		return nil, fmt.Errorf("encode plan %q: %w", p.ID, err)
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
