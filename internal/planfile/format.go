// Package planfile reads and writes plan files: YAML that round-trips with
// the store, and a Markdown document for printing or the patient record.
package planfile

// The YAML shape of a plan. Times are local Oslo time written as
// "2006-01-02" or "2006-01-02 15:04", the way people type them.

type filePlan struct {
	ID           string            `yaml:"id"`
	Person       string            `yaml:"person"`
	Language     string            `yaml:"language"`
	Status       string            `yaml:"status"`
	Period       filePeriod        `yaml:"period"`
	NextRevision string            `yaml:"next_revision,omitempty"`
	Participants []fileParticipant `yaml:"participants"`
	Sections     []fileSection     `yaml:"sections"`
	Activities   []fileActivity    `yaml:"activities,omitempty"`
	Consents     []fileConsent     `yaml:"consents,omitempty"`
}

type filePeriod struct {
	Start string `yaml:"start,omitempty"`
	End   string `yaml:"end,omitempty"`
}

type fileParticipant struct {
	ID       string      `yaml:"id"`
	Name     string      `yaml:"name"`
	Role     string      `yaml:"role"`
	Relation string      `yaml:"relation,omitempty"`
	Title    string      `yaml:"title,omitempty"`
	Service  string      `yaml:"service,omitempty"`
	Language string      `yaml:"language,omitempty"`
	Handles  fileHandles `yaml:"handles,omitempty"`
}

type fileHandles struct {
	Mattermost string `yaml:"mattermost,omitempty"`
	Slack      string `yaml:"slack,omitempty"`
	Email      string `yaml:"email,omitempty"`
}

type fileSection struct {
	ID          string `yaml:"id"`
	Title       string `yaml:"title"`
	Kind        string `yaml:"kind"`
	Owner       string `yaml:"owner,omitempty"`
	ReviewDays  int    `yaml:"review_days,omitempty"`
	Text        string `yaml:"text"`
	UpdatedBy   string `yaml:"updated_by,omitempty"`
	UpdatedAt   string `yaml:"updated_at,omitempty"`
	ConfirmedBy string `yaml:"confirmed_by,omitempty"`
	ConfirmedAt string `yaml:"confirmed_at,omitempty"`
}

type fileActivity struct {
	ID          string `yaml:"id"`
	Title       string `yaml:"title"`
	When        string `yaml:"when"`
	Responsible string `yaml:"responsible,omitempty"`
	Section     string `yaml:"section,omitempty"`
	Status      string `yaml:"status"`
	Place       string `yaml:"place,omitempty"`
}

type fileConsent struct {
	Participant string `yaml:"participant"`
	GivenBy     string `yaml:"given_by"`
	GivenAt     string `yaml:"given_at"`
	Scope       string `yaml:"scope,omitempty"`
	WithdrawnAt string `yaml:"withdrawn_at,omitempty"`
}
