// Package plan is planprat's domain: the individual plan (individuell plan),
// its participants, sections, activities, consent and change history, and the
// pure rules over them (who may do what, staleness, what happens next,
// completeness). It does no I/O.
package plan

import (
	"time"
	_ "time/tzdata" // the Oslo zone must work on machines without system tzdata
)

// Oslo is the time zone planprat reasons in.
var Oslo = mustZone("Europe/Oslo")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Role is a participant's part in the plan.
type Role string

// Roles.
const (
	Family       Role = "family"
	Coordinator  Role = "coordinator"
	Professional Role = "professional"
)

// Valid tells whether r is a known role.
func (r Role) Valid() bool { return r == Family || r == Coordinator || r == Professional }

// SectionKind says which of the regulation's points a section serves.
type SectionKind string

// Section kinds.
const (
	Goals             SectionKind = "goals"
	ResourcesAndNeeds SectionKind = "resources-and-needs"
	Measure           SectionKind = "measure"
	Contribution      SectionKind = "contribution"
	Cooperation       SectionKind = "cooperation"
	Other             SectionKind = "other"
)

// SectionKinds lists every kind, in the order a plan document shows them.
var SectionKinds = []SectionKind{Goals, ResourcesAndNeeds, Measure, Contribution, Cooperation, Other}

// Valid tells whether k is a known kind.
func (k SectionKind) Valid() bool {
	for _, v := range SectionKinds {
		if v == k {
			return true
		}
	}
	return false
}

// Status is the plan's state.
type Status string

// Plan states.
const (
	Draft  Status = "draft"
	Active Status = "active"
	Closed Status = "closed"
)

// Valid tells whether s is a known status.
func (s Status) Valid() bool { return s == Draft || s == Active || s == Closed }

// ActivityStatus is the state of an activity.
type ActivityStatus string

// Activity states.
const (
	Planned   ActivityStatus = "planned"
	Done      ActivityStatus = "done"
	Cancelled ActivityStatus = "cancelled"
)

// Valid tells whether s is a known activity status.
func (s ActivityStatus) Valid() bool { return s == Planned || s == Done || s == Cancelled }

// Plan is one person's individual plan.
type Plan struct {
	ID string `json:"id"`
	// Person is the display name of the person the plan is for.
	Person string `json:"person"`
	// Language is the plan's language: "nb", "nn" or "en".
	Language     string        `json:"language"`
	Status       Status        `json:"status"`
	PeriodStart  time.Time     `json:"period_start"`
	PeriodEnd    time.Time     `json:"period_end"`
	NextRevision time.Time     `json:"next_revision"`
	Participants []Participant `json:"participants,omitempty"`
	Sections     []Section     `json:"sections,omitempty"`
	Activities   []Activity    `json:"activities,omitempty"`
	Consents     []Consent     `json:"consents,omitempty"`
	Version      int           `json:"version"`
}

// Handles are a participant's addresses on chat platforms.
type Handles struct {
	Mattermost string `json:"mattermost,omitempty"`
	Slack      string `json:"slack,omitempty"`
	Email      string `json:"email,omitempty"`
}

// Participant is a person taking part in the plan.
type Participant struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Role Role   `json:"role"`
	// Relation says how a family member relates to the person ("mor", "far").
	Relation string `json:"relation,omitempty"`
	// Title and Service describe a professional ("fysioterapeut", "Bergen kommune").
	Title    string  `json:"title,omitempty"`
	Service  string  `json:"service,omitempty"`
	Handles  Handles `json:"handles"`
	Language string  `json:"language,omitempty"`
	Version  int     `json:"version"`
}

// Section is one part of the plan, owned by one participant.
type Section struct {
	ID    string      `json:"id"`
	Title string      `json:"title"`
	Kind  SectionKind `json:"kind"`
	Owner string      `json:"owner,omitempty"`
	// ReviewDays is how often the section should be reviewed.
	ReviewDays  int       `json:"review_days"`
	Text        string    `json:"text"`
	Version     int       `json:"version"`
	UpdatedBy   string    `json:"updated_by,omitempty"`
	UpdatedAt   time.Time `json:"updated_at"`
	ConfirmedBy string    `json:"confirmed_by,omitempty"`
	ConfirmedAt time.Time `json:"confirmed_at"`
}

// Activity is something that happens next: a meeting, a test, an application.
type Activity struct {
	ID    string    `json:"id"`
	Title string    `json:"title"`
	When  time.Time `json:"when"`
	// AllDay is true when only the date is known.
	AllDay      bool           `json:"all_day,omitempty"`
	Responsible string         `json:"responsible,omitempty"`
	Section     string         `json:"section,omitempty"`
	Status      ActivityStatus `json:"status"`
	Place       string         `json:"place,omitempty"`
	Version     int            `json:"version"`
}

// Consent records that the family consented to a participant taking part
// and seeing the plan. Withdrawal takes effect at once.
type Consent struct {
	Participant string    `json:"participant"`
	GivenBy     string    `json:"given_by"`
	GivenAt     time.Time `json:"given_at"`
	Scope       string    `json:"scope,omitempty"`
	WithdrawnAt time.Time `json:"withdrawn_at"`
	Version     int       `json:"version"`
}

// Active tells whether the consent is in force.
func (c Consent) Active() bool { return !c.GivenAt.IsZero() && c.WithdrawnAt.IsZero() }

// Participant returns the participant with the given id.
func (p *Plan) Participant(id string) (Participant, bool) {
	for _, x := range p.Participants {
		if x.ID == id {
			return x, true
		}
	}
	return Participant{}, false
}

// Section returns the section with the given id.
func (p *Plan) Section(id string) (Section, bool) {
	for _, x := range p.Sections {
		if x.ID == id {
			return x, true
		}
	}
	return Section{}, false
}

// Activity returns the activity with the given id.
func (p *Plan) Activity(id string) (Activity, bool) {
	for _, x := range p.Activities {
		if x.ID == id {
			return x, true
		}
	}
	return Activity{}, false
}

// Consent returns the consent record for a participant.
func (p *Plan) Consent(participant string) (Consent, bool) {
	for _, c := range p.Consents {
		if c.Participant == participant {
			return c, true
		}
	}
	return Consent{}, false
}

// Coordinators returns the plan's coordinators.
func (p *Plan) Coordinators() []Participant {
	var out []Participant
	for _, x := range p.Participants {
		if x.Role == Coordinator {
			out = append(out, x)
		}
	}
	return out
}

// FirstName is the first word of a display name: nudges say little.
func FirstName(name string) string {
	for i, r := range name {
		if r == ' ' {
			return name[:i]
		}
	}
	return name
}

// SubjectName names a section (by title) or a participant (by name) for a
// person to read; an unknown id is returned as it is.
func (p *Plan) SubjectName(id string) string {
	if s, ok := p.Section(id); ok {
		return s.Title
	}
	if x, ok := p.Participant(id); ok {
		return x.Name
	}
	return id
}
