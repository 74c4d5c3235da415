package plan

import (
	"fmt"
	"regexp"
	"strings"
)

// FieldError is one problem with one field, named by its path in the plan
// file ("sections[3].owner").
type FieldError struct {
	Path    string
	Message string
}

func (e FieldError) Error() string { return e.Path + ": " + e.Message }

// ValidationError lists everything wrong with a plan.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(f.Error())
	}
	return b.String()
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,62}$`)

// ValidID tells whether s may be used as an id: lower-case letters, digits,
// '-' and '_', so ids are safe in keys, URLs and file names.
func ValidID(s string) bool { return idPattern.MatchString(s) }

// Languages planprat speaks.
var Languages = []string{"nb", "nn", "en"}

// ValidLanguage tells whether l is one of Languages.
func ValidLanguage(l string) bool {
	for _, x := range Languages {
		if x == l {
			return true
		}
	}
	return false
}

// Validate checks the plan's internal consistency: ids, references between
// its parts, and known values. It returns a *ValidationError or nil.
func (p *Plan) Validate() error {
	var errs []FieldError
	add := func(path, format string, args ...any) {
		errs = append(errs, FieldError{Path: path, Message: fmt.Sprintf(format, args...)})
	}
	if !ValidID(p.ID) {
		add("id", "must be lower-case letters, digits, '-' or '_' (got %q)", p.ID)
	}
	if strings.TrimSpace(p.Person) == "" {
		add("person", "the name of the person the plan is for is missing")
	}
	if !ValidLanguage(p.Language) {
		add("language", "must be one of nb, nn, en (got %q)", p.Language)
	}
	if !p.Status.Valid() {
		add("status", "must be draft, active or closed (got %q)", p.Status)
	}
	if !p.PeriodStart.IsZero() && !p.PeriodEnd.IsZero() && p.PeriodEnd.Before(p.PeriodStart) {
		add("period.end", "the plan period ends before it starts")
	}
	people := map[string]bool{}
	for i, x := range p.Participants {
		path := fmt.Sprintf("participants[%d]", i)
		switch {
		case !ValidID(x.ID):
			add(path+".id", "must be lower-case letters, digits, '-' or '_' (got %q)", x.ID)
		case people[x.ID]:
			add(path+".id", "participant %q appears twice", x.ID)
		}
		people[x.ID] = true
		if strings.TrimSpace(x.Name) == "" {
			add(path+".name", "the participant's name is missing")
		}
		if !x.Role.Valid() {
			add(path+".role", "must be family, coordinator or professional (got %q)", x.Role)
		}
		if x.Language != "" && !ValidLanguage(x.Language) {
			add(path+".language", "must be one of nb, nn, en (got %q)", x.Language)
		}
	}
	sections := map[string]bool{}
	for i, s := range p.Sections {
		path := fmt.Sprintf("sections[%d]", i)
		switch {
		case !ValidID(s.ID):
			add(path+".id", "must be lower-case letters, digits, '-' or '_' (got %q)", s.ID)
		case sections[s.ID]:
			add(path+".id", "section %q appears twice", s.ID)
		}
		sections[s.ID] = true
		if strings.TrimSpace(s.Title) == "" {
			add(path+".title", "the section's title is missing")
		}
		if !s.Kind.Valid() {
			add(path+".kind", "must be one of goals, resources-and-needs, measure, contribution, cooperation, other (got %q)", s.Kind)
		}
		if s.Owner != "" && !people[s.Owner] {
			add(path+".owner", "unknown participant %q", s.Owner)
		}
		if s.ReviewDays < 0 {
			add(path+".review_days", "must be zero or more days (got %d)", s.ReviewDays)
		}
		if s.UpdatedBy != "" && !people[s.UpdatedBy] {
			add(path+".updated_by", "unknown participant %q", s.UpdatedBy)
		}
		if s.ConfirmedBy != "" && !people[s.ConfirmedBy] {
			add(path+".confirmed_by", "unknown participant %q", s.ConfirmedBy)
		}
	}
	acts := map[string]bool{}
	for i, a := range p.Activities {
		path := fmt.Sprintf("activities[%d]", i)
		switch {
		case !ValidID(a.ID):
			add(path+".id", "must be lower-case letters, digits, '-' or '_' (got %q)", a.ID)
		case acts[a.ID]:
			add(path+".id", "activity %q appears twice", a.ID)
		}
		acts[a.ID] = true
		if strings.TrimSpace(a.Title) == "" {
			add(path+".title", "the activity's title is missing")
		}
		if a.When.IsZero() {
			add(path+".when", "the date is missing")
		}
		if a.Responsible != "" && !people[a.Responsible] {
			add(path+".responsible", "unknown participant %q", a.Responsible)
		}
		if a.Section != "" && !sections[a.Section] {
			add(path+".section", "unknown section %q", a.Section)
		}
		if !a.Status.Valid() {
			add(path+".status", "must be planned, done or cancelled (got %q)", a.Status)
		}
	}
	consented := map[string]bool{}
	for i, c := range p.Consents {
		path := fmt.Sprintf("consents[%d]", i)
		switch {
		case !people[c.Participant]:
			add(path+".participant", "unknown participant %q", c.Participant)
		case consented[c.Participant]:
			add(path+".participant", "consent for %q appears twice", c.Participant)
		}
		consented[c.Participant] = true
		if g, ok := p.Participant(c.GivenBy); !ok || g.Role != Family {
			add(path+".given_by", "consent must be given by a family member (got %q)", c.GivenBy)
		}
		if c.GivenAt.IsZero() {
			add(path+".given_at", "the date consent was given is missing")
		}
	}
	if len(errs) > 0 {
		return &ValidationError{Fields: errs}
	}
	return nil
}
