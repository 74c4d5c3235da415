package conversation

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/planprat/planprat/internal/chat"
	"github.com/planprat/planprat/internal/intent"
	"github.com/planprat/planprat/internal/plan"
	store "github.com/planprat/planprat/internal/redis"
	"github.com/planprat/planprat/internal/text"
)

// route decides what the message is about and answers it.
func (t *turn) route() error {
	if len(t.members) == 0 {
		return t.outsider()
	}
	if t.st.Step == stepChoosePlan {
		done, err := t.answerPlanChoice()
		if done || err != nil {
			return err
		}
	}
	if t.wantsOtherPlan() || !t.isMember(t.st.Plan) {
		if len(t.members) == 1 {
			t.st.Plan = t.members[0].Plan
		} else {
			return t.askPlan(t.text)
		}
	}
	if err := t.load(t.in.Kind); err != nil {
		return err
	}
	if t.snap == nil {
		return nil
	}
	switch t.st.Step {
	case stepConfirm:
		return t.answerConfirm()
	case stepAwaitText:
		return t.answerText()
	case stepChooseSection:
		return t.answerSectionChoice()
	case stepClarify:
		return t.answerClarify()
	}
	if t.answersNudge() {
		return t.startUpdate(intent.Result{Kind: intent.Update, Body: t.text})
	}
	return t.dispatch(t.in)
}

// answersNudge tells whether a message is the update a nudge asked for: a
// nudge is waiting, and the message reads like a text rather than one of
// the short answers ("ingen endring", "snooze 1 uke", "ikke min oppgave").
func (t *turn) answersNudge() bool {
	if len(t.st.Expect) == 0 || len(strings.Fields(t.text)) < 6 {
		return false
	}
	switch t.in.Kind {
	case intent.Update:
		return t.in.Body == "" && t.in.Target == ""
	case intent.NoChange, intent.NotMine, intent.Snooze, intent.Undo, intent.Help:
		return !t.in.Sure
	}
	return true
}

func (t *turn) isMember(planID string) bool {
	for _, m := range t.members {
		if m.Plan == planID {
			return true
		}
	}
	return false
}

func (t *turn) membership() (store.Membership, bool) {
	for _, m := range t.members {
		if m.Plan == t.st.Plan {
			return m, true
		}
	}
	return store.Membership{}, false
}

// wantsOtherPlan: "bytt plan", "switch plan" for people in several plans.
func (t *turn) wantsOtherPlan() bool {
	if len(t.members) < 2 {
		return false
	}
	n := " " + strings.ToLower(t.text) + " "
	for _, w := range []string{"bytt plan", "byt plan", "annen plan", "anna plan", "andre plan", "switch plan", "other plan", "another plan", "change plan"} {
		if strings.Contains(n, w) {
			t.st.Plan, t.st.Step, t.st.Draft = "", stepNone, nil
			t.text, t.in = "", intent.Result{}
			return true
		}
	}
	return false
}

// outsider answers someone who is in no plan: politely, revealing nothing.
func (t *turn) outsider() error {
	if t.lang == "" {
		t.lang = text.NB
	}
	t.st = state{Lang: t.st.Lang}
	t.say(t.t0("outsider"))
	return nil
}

// askPlan asks a person in several plans which one they mean, and keeps the
// message to carry on with.
func (t *turn) askPlan(pending string) error {
	ids := make([]string, len(t.members))
	for i, m := range t.members {
		ids[i] = m.Plan
	}
	sums, err := t.e.store.Summaries(t.ctx, ids)
	if err != nil {
		return err
	}
	if len(sums) == 0 {
		t.st.Plan = ""
		return t.outsider()
	}
	if t.lang == "" {
		t.lang = text.Parse(sums[0].Language)
	}
	t.st.Step, t.st.Pending = stepChoosePlan, pending
	var found, labels []string
	for _, s := range sums {
		found, labels = append(found, s.ID), append(labels, s.Person)
	}
	t.offer(t.t0("plan.which"), found, labels)
	return nil
}

// offer asks the person to pick one of labels, numbered; the matching ids
// wait in the state. Typing the number, or clicking its button, answers.
func (t *turn) offer(question string, ids, labels []string) {
	t.st.Options = ids
	var b strings.Builder
	b.WriteString(question)
	choices := make([]chat.Choice, len(labels))
	for i, l := range labels {
		fmt.Fprintf(&b, "\n%d. %s", i+1, neutral(l))
		choices[i] = chat.Choice{Label: l, Value: strconv.Itoa(i + 1)}
	}
	t.say(b.String(), choices...)
}

// answerPlanChoice takes "2" or "Jonas" as the answer to askPlan. It
// reports whether the turn is done.
func (t *turn) answerPlanChoice() (bool, error) {
	opts := t.st.Options
	idx := pickNumber(t.text, len(opts))
	if idx < 0 {
		sums, err := t.e.store.Summaries(t.ctx, opts)
		if err != nil {
			return true, err
		}
		var labels []string
		for _, s := range sums {
			labels = append(labels, s.Person)
		}
		if i, _ := intent.Match(t.text, labels); i >= 0 {
			idx = i
		}
	}
	if idx < 0 {
		if t.in.Kind == intent.No {
			t.st.Step, t.st.Options, t.st.Pending = stepNone, nil, ""
			if t.lang == "" {
				t.lang = text.NB
			}
			t.say(t.t0("cancelled"))
			return true, nil
		}
		// Not an answer: ask again, keeping what they first asked.
		return true, t.askPlan(t.st.Pending)
	}
	t.st.Plan = opts[idx]
	pending := t.st.Pending
	t.st.Step, t.st.Options, t.st.Pending = stepNone, nil, ""
	if strings.TrimSpace(pending) == "" {
		t.text, t.in = "", intent.Result{Kind: intent.Greeting, Sure: true}
	} else {
		t.text, t.in = pending, intent.Parse(pending)
	}
	return false, nil
}

// pickNumber reads "2", "nr 2" or "2." as a 0-based choice, -1 otherwise.
func pickNumber(s string, n int) int {
	s = strings.Trim(strings.TrimSpace(strings.ToLower(s)), ".)")
	for _, p := range []string{"nr.", "nr", "nummer", "number", "#"} {
		s = strings.TrimSpace(strings.TrimPrefix(s, p))
	}
	i, err := strconv.Atoi(s)
	if err != nil || i < 1 || i > n {
		return -1
	}
	return i - 1
}

// readOptions says what a request needs read with the plan.
func readOptions(k intent.Kind, who string) store.ReadOptions {
	switch k {
	case intent.WhatsNew:
		return store.ReadOptions{Changes: 300, SeenBy: who}
	case intent.Audit:
		return store.ReadOptions{Audit: 300}
	}
	return store.ReadOptions{}
}

// load reads the chosen plan once for this turn, checking access.
func (t *turn) load(k intent.Kind) error {
	m, _ := t.membership()
	what := string(k)
	if what == "" {
		what = "message"
	}
	snap, err := t.e.store.Read(t.ctx, m.Plan, m.Participant, what, readOptions(k, m.Participant))
	if plan.ErrorCode(err) == plan.NotFound {
		t.st.Plan = ""
		return t.outsider()
	}
	if err != nil {
		return err
	}
	if !snap.Plan.HasAccess(m.Participant) {
		// Withdrawn consent: the same answer as for an outsider.
		t.st = state{Lang: t.st.Lang}
		return t.outsider()
	}
	t.snap = snap
	t.who, _ = snap.Plan.Participant(m.Participant)
	if t.lang == "" {
		switch {
		case t.who.Language != "":
			t.lang = text.Parse(t.who.Language)
		default:
			t.lang = text.Parse(snap.Plan.Language)
		}
	}
	return nil
}

// dispatch answers a request.
func (t *turn) dispatch(in intent.Result) error {
	if in.Kind != intent.Unknown && !in.Sure && len(in.Alternatives) > 1 {
		return t.clarify(in.Alternatives)
	}
	switch in.Kind {
	case intent.Next:
		return t.next()
	case intent.WhatsNew:
		return t.whatsNew()
	case intent.Stale:
		return t.stale()
	case intent.Update:
		return t.startUpdate(in)
	case intent.NoChange:
		return t.startNoChange(in)
	case intent.Undo:
		return t.startUndo()
	case intent.ShowPlan:
		return t.showPlan()
	case intent.ShowSection:
		return t.showSection(in.Target)
	case intent.Participants:
		return t.participants()
	case intent.Audit:
		return t.audit()
	case intent.NotMine:
		return t.notMine(in)
	case intent.Snooze:
		return t.snooze(in)
	case intent.Remind:
		return t.remind(in)
	case intent.Notices:
		return t.notices(in)
	case intent.Yes, intent.No:
		t.say(t.t0("nothing-pending"))
		return nil
	case intent.Greeting:
		t.say(t.t("greeting", plan.FirstName(t.who.Name)) + "\n\n" + t.helpText())
		return nil
	case intent.Thanks:
		t.say(t.t0("thanks"))
		return nil
	case intent.Help:
		t.say(t.helpText())
		return nil
	}
	if len(t.st.Expect) > 0 && len(strings.TrimSpace(t.text)) > 0 {
		// An answer to a nudge, in the person's own words: the update.
		return t.startUpdate(intent.Result{Kind: intent.Update, Body: t.text})
	}
	if len(in.Alternatives) > 1 {
		return t.clarify(in.Alternatives)
	}
	t.say(t.t0("not-understood") + "\n\n" + t.helpText())
	return nil
}

// clarify asks which of two or three things the person meant.
func (t *turn) clarify(kinds []intent.Kind) error {
	if len(kinds) > 3 {
		kinds = kinds[:3]
	}
	t.st.Step = stepClarify
	var ids, labels []string
	for _, k := range kinds {
		ids, labels = append(ids, string(k)), append(labels, t.t0("intent."+string(k)))
	}
	t.offer(t.t0("clarify"), ids, labels)
	return nil
}

func (t *turn) answerClarify() error {
	opts := t.st.Options
	t.st.Step, t.st.Options = stepNone, nil
	if i := pickNumber(t.text, len(opts)); i >= 0 {
		return t.dispatch(intent.Result{Kind: intent.Kind(opts[i]), Sure: true, Lang: t.in.Lang})
	}
	if t.in.Kind == intent.No {
		t.say(t.t0("cancelled"))
		return nil
	}
	return t.dispatch(t.in)
}
