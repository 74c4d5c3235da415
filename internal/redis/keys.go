// Package redis is planprat's store: plans, their change and audit logs, and
// the indexes the bot needs, kept in Redis through go-redis.
//
// All keys of one plan share the hash tag {plan:ID}, so every plan's keys
// live in one Redis Cluster slot and a write to a plan is one atomic script.
// The few global indexes (handle → participants, plans, when sections become
// stale) are updated in the same round trip but outside the plan's slot; the
// readers of those indexes re-check the plan itself.
package redis

// All key names live here.

const prefix = "planprat:"

func planTag(id string) string { return "{plan:" + id + "}" }

// keyMeta holds the plan's header (person, language, period, status) as JSON.
func keyMeta(id string) string { return planTag(id) + ":meta" }

// keyItems is a hash of one kind of item (participants, sections,
// activities, consents), id → JSON.
func keyItems(id string, kind string) string { return planTag(id) + ":" + kind }

// keyVersions is a hash "kind:id" → version, for optimistic concurrency.
func keyVersions(id string) string { return planTag(id) + ":versions" }

// keyChanges is the plan's change log, a list of JSON changes, oldest first.
func keyChanges(id string) string { return planTag(id) + ":changes" }

// keyAudit is the plan's audit log, a list of JSON entries, oldest first.
func keyAudit(id string) string { return planTag(id) + ":audit" }

// keySeen is a hash participant → when they last looked at what is new.
func keySeen(id string) string { return planTag(id) + ":seen" }

// keyPlans is a sorted set of every plan id (all scores 0, ordered by id).
const keyPlans = prefix + "plans"

// keyStale is a sorted set "planID/sectionID" → unix time the section
// becomes stale.
const keyStale = prefix + "stale"

// keyHandle is a set of "planID/participantID" a platform handle belongs to.
// The platform "id" indexes participants by their plan-local id.
func keyHandle(platform, handle string) string { return prefix + "handle:" + platform + ":" + handle }

// keyClaim marks a thing done once (a delivered message, a button click).
func keyClaim(name string) string { return prefix + "claim:" + name }

// keyConversation holds one person's conversation state on one platform.
func keyConversation(platform, user string) string {
	return prefix + "conv:" + platform + ":" + user
}

// Item kinds, the suffixes of keyItems.
const (
	kindParticipants = "participants"
	kindSections     = "sections"
	kindActivities   = "activities"
	kindConsents     = "consents"
)

var itemKinds = []string{kindParticipants, kindSections, kindActivities, kindConsents}

// keyNudges is a hash section → JSON plan.NudgeState: what the nudge
// scheduler has done for the section's current stale period.
func keyNudges(id string) string { return planTag(id) + ":nudges" }

// keyNudgeNext is a hash section → "due next" (unix seconds): the stale
// period a section's nudge state is for and when the scheduler next needs to
// look at it, so a pass skips sections with nothing to do without reading
// their plan.
func keyNudgeNext(id string) string { return planTag(id) + ":nudge-next" }

// keyNotices is a hash of "participant:freq" → plan.NoticeFrequency and
// "participant:last" → unix nanoseconds of the last "what's new" notice.
func keyNotices(id string) string { return planTag(id) + ":notices" }

// keyDigestDay is a hash "platform:handle" → the weekday (0 = Sunday) a
// coordinator wants the weekly digest; it spans all their plans.
const keyDigestDay = prefix + "digest-day"
