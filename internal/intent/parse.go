package intent

import (
	"sort"
	"strings"
)

// Thresholds for how sure Parse is. A clear cue word scores 2–3, a typical
// phrase 3–6; a runner-up within 70 % of the best makes the answer unsure.
const (
	minScore  = 1.0 // below this nothing was understood: Unknown
	sureScore = 2.0 // at least this for Sure
	closeness = 0.7 // second/best above this: too close to call
	// maxHead bounds the part of a message Parse reads for its meaning;
	// anything longer is text for a Body, not a request.
	maxHead = 1000
)

// Typo quality: a word one or two edits away still counts, a little less.
const (
	qExact = 1.0
	qStem  = 0.95
	qTypo1 = 0.8
	qTypo2 = 0.7
)

// Parse understands one chat message. It never fails: a message it does
// not understand at all comes back as Kind Unknown, with the words it could
// not place in Target (a bare "skolen" may be a section's name).
//
// Update messages are split at the first ':' or line break: the words
// before name the section (Target), the rest is the new text (Body), kept
// exactly as written. "Min del" / "my part" leaves Target empty: the
// engine then takes the section the writer is responsible for.
func Parse(msg string) Result {
	msg = strings.TrimSpace(sanitize(msg))
	if msg == "" {
		return Result{}
	}
	if strings.Trim(msg, "?¿ \t\n") == "" {
		return Result{Kind: Help, Sure: true}
	}
	head, body, split := splitBody(msg)
	if !split {
		return understand(head).result
	}
	a := understand(head)
	switch {
	case a.result.Kind == Update:
		a.result.Body = body
		if a.result.Target != "" || a.best >= sureScore+1 {
			a.result.Sure = true
			a.result.Alternatives = nil
		}
		return a.result
	case a.best < sureScore && a.target != "":
		// "fysioterapi: ny tekst" – a section name and a text is an update.
		r := Result{Kind: Update, Sure: true, Lang: a.result.Lang, Target: a.target, Body: body}
		if r.Lang == "" {
			r.Lang = detectLang(tokenize(body, maxTokens))
		}
		return r
	}
	// Not an update: the colon or line break was just punctuation.
	return understand(msg).result
}

// splitBody cuts a message at its first ':' or line break into the request
// and the text that follows it.
func splitBody(msg string) (head, body string, ok bool) {
	i := strings.IndexAny(msg, ":\n")
	if i < 0 {
		return msg, "", false
	}
	body = strings.TrimSpace(msg[i+1:])
	if body == "" {
		return strings.TrimSpace(msg[:i]), "", false
	}
	return strings.TrimSpace(msg[:i]), body, true
}

// analysis is the working state of one understanding.
type analysis struct {
	toks     []token
	hits     [][]hit
	score    [numKinds]float64
	consumed [numKinds]uint64 // per kind, the tokens its cues used
	used     uint64           // tokens used by any cue
	wbuf     []string
	best     float64
	target   string
	result   Result
}

func understand(s string) *analysis {
	if len(s) > maxHead {
		s = s[:maxHead] // tokenize copes with a cut rune: sanitize runs again below
		s = sanitize(s)
	}
	a := &analysis{toks: tokenize(s, maxTokens)}
	a.hits = make([][]hit, len(a.toks))
	for i, t := range a.toks {
		a.hits[i] = lookup(t.norm)
	}
	a.scoreCues()
	a.adjust()
	a.decide()
	return a
}

// lookup finds the vocabulary words a folded message word stands for:
// itself when known, else the stems it begins with and the words it is a
// small typo of.
func lookup(w string) []hit {
	if id, ok := vocabID[w]; ok {
		return []hit{{id, qExact}}
	}
	if strings.Contains(w, "oe") {
		// "moete", "foer": ø typed as "oe".
		if id, ok := vocabID[strings.ReplaceAll(w, "oe", "o")]; ok {
			return []hit{{id, qExact}}
		}
	}
	var hs []hit
	for _, id := range stemIDs {
		p := vocab[id]
		if strings.HasPrefix(w, p) {
			hs = append(hs, hit{id, qStem})
			continue
		}
		if len(p) >= 5 && len(w) >= len(p) {
			// A typo inside the stem: "opdaterer", "oppdaetring".
			for _, n := range []int{len(p) - 1, len(p), len(p) + 1} {
				if n <= len(w) && distance(w[:n], p, 1) <= 1 {
					hs = append(hs, hit{id, qTypo1})
					break
				}
			}
		}
	}
	if len(w) < 3 || len(w) > maxVocabLen+2 || hasDigit(w) {
		return hs // too short to guess at, or longer than any typo of a cue word
	}
	n := 1
	if len(w) >= 6 {
		n = 2
	}
	seen := map[int32]bool{}
	deletes(w, n, func(d string) {
		for _, id := range deleteIdx[d] {
			if seen[id] {
				continue
			}
			seen[id] = true
			v := vocab[id]
			if dist := distance(w, v, tolerance(len(v))); dist <= tolerance(len(v)) {
				q := qTypo1
				if dist == 2 {
					q = qTypo2
				}
				hs = append(hs, hit{id, q})
			}
		}
	})
	return hs
}

func hasDigit(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= '0' && w[i] <= '9' {
			return true
		}
	}
	return false
}

// quality is how well token i stands for vocabulary word id (0: not).
func (a *analysis) quality(i int, id int32) float64 {
	for _, h := range a.hits[i] {
		if h.id == id {
			return h.q
		}
	}
	return 0
}

// answerOnly reports whether the message is just an answer ("ja",
// "ok, lagre det", "nei takk").
func (a *analysis) answerOnly() bool {
	if len(a.toks) == 0 || len(a.toks) > 5 {
		return false
	}
	any := false
	for _, t := range a.toks {
		switch {
		case answerWord[t.norm]:
			any = true
		case fillerWord[t.norm]:
		default:
			return false
		}
	}
	return any
}

// scoreCues adds up the cues found in the message, per kind. A phrase's
// words must come in order, at most two other words apart; each cue counts
// once, weighed by how well its worst word matched.
func (a *analysis) scoreCues() {
	answer := a.answerOnly()
	var fired map[int32]bool
	for i := range a.toks {
		for _, h := range a.hits[i] {
			for _, ci := range byFirst[h.id] {
				c := &compiled[ci]
				if c.answer && !answer {
					continue
				}
				if fired[ci] {
					continue
				}
				q, mask, ok := a.matchFrom(c, i, h.q)
				if !ok {
					continue
				}
				if fired == nil {
					fired = map[int32]bool{}
				}
				fired[ci] = true
				a.score[c.kind] += c.weight * q
				a.consumed[c.kind] |= mask
				a.used |= mask
			}
		}
	}
}

func (a *analysis) matchFrom(c *compiledCue, i int, q float64) (float64, uint64, bool) {
	mask := uint64(1) << uint(i)
	at := i
	for _, id := range c.ids[1:] {
		found := false
		for j := at + 1; j < len(a.toks) && j <= at+3; j++ {
			if wq := a.quality(j, id); wq > 0 {
				if wq < q {
					q = wq
				}
				mask |= 1 << uint(j)
				at = j
				found = true
				break
			}
		}
		if !found {
			return 0, 0, false
		}
	}
	return q, mask, true
}

// leftover is the words no cue used and that are no stopword, as written:
// the name of a section or person ("vis fysioterapi" → "fysioterapi").
func (a *analysis) leftover() string {
	var parts []string
	for i, t := range a.toks {
		if a.used&(1<<uint(i)) != 0 || stopWord[t.norm] || isTimeWord(t.norm) {
			continue
		}
		parts = append(parts, t.raw)
	}
	return strings.Join(parts, " ")
}

// adjust applies what single cues cannot see: a named section, a length
// of time, answers next to greetings.
func (a *analysis) adjust() {
	s := &a.score
	a.target = a.leftover()
	// A named target makes "vis …" a section, and "oppdater …" / "purr …"
	// concrete; without one, "vis" is the whole plan.
	if a.target != "" {
		for _, k := range []Kind{Update, ShowSection, Remind} {
			if s[kindIndex[k]] >= 1.5 {
				s[kindIndex[k]] += 1.5
			}
		}
		s[kindIndex[ShowPlan]] *= 0.5
	} else {
		s[kindIndex[ShowSection]] *= 0.5
	}
	// A length of time or a weekday is what a snooze is about.
	// Alone ("om to dager") it is one; inside a longer question ("what's
	// the plan for next week") only a hint.
	d, _, wdSet := a.snoozeTime()
	switch {
	case d > 0 && (s[kindIndex[Snooze]] > 0 || len(a.toks) <= 4):
		s[kindIndex[Snooze]] += 2.5
	case wdSet && s[kindIndex[Snooze]] > 0:
		s[kindIndex[Snooze]] += 1.5
	case d > 0 || wdSet:
		s[kindIndex[Snooze]] += 1
	}
	if _, every := a.noticeSetting(); every > 0 && s[kindIndex[Notices]] > 0 {
		s[kindIndex[Notices]]++
	}
	// Evidence wholly inside a stronger kind's is explained by it: "ikke
	// noe nytt" is no change, though "noe nytt" alone asks what is new.
	orig := *s
	for b := range s {
		if orig[b] == 0 || a.consumed[b] == 0 {
			continue
		}
		for k := range s {
			if k != b && orig[k] > orig[b] && orig[k] >= sureScore && a.consumed[b]&^a.consumed[k] == 0 {
				s[b] *= 0.5
				break
			}
		}
	}
	// "ja takk" is a yes; "hei, hva skjer?" is a question.
	yes, no := s[kindIndex[Yes]], s[kindIndex[No]]
	if yes > 0 || no > 0 {
		s[kindIndex[Thanks]], s[kindIndex[Greeting]] = 0, 0
	}
	for i, k := range kinds {
		if k != Greeting && k != Thanks && s[i] >= sureScore {
			s[kindIndex[Thanks]], s[kindIndex[Greeting]] = 0, 0
			break
		}
	}
}

// decide picks the kind, how sure, the alternatives and the details.
func (a *analysis) decide() {
	type ranked struct {
		k int
		s float64
	}
	var rs []ranked
	for i, v := range a.score {
		if v > 0 {
			rs = append(rs, ranked{i, v})
		}
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].s > rs[j].s })
	r := &a.result
	r.Lang = detectLang(a.toks)
	if len(rs) == 0 || rs[0].s < minScore {
		// The engine may still find a section or person by this name.
		r.Target = a.target
		return
	}
	a.best = rs[0].s
	r.Kind = kinds[rs[0].k]
	second := 0.0
	if len(rs) > 1 {
		second = rs[1].s
	}
	r.Sure = a.best >= sureScore && second <= closeness*a.best
	if !r.Sure {
		for i := 0; i < len(rs) && i < 3; i++ {
			if i > 0 && rs[i].s < 0.4*a.best {
				break
			}
			r.Alternatives = append(r.Alternatives, kinds[rs[i].k])
		}
	}
	switch r.Kind {
	case Update, ShowSection, Remind:
		r.Target = a.target
	case Snooze:
		r.For, r.Until, r.UntilSet = a.snoozeTime()
	case Notices:
		r.Off, r.Every = a.noticeSetting()
	}
}

// isTimeWord reports whether w is part of a time ("3", "dager", "mandag"),
// which is never the name of a section or person.
func isTimeWord(w string) bool {
	if _, ok := unitWords[w]; ok {
		return true
	}
	if _, ok := weekdayWords[w]; ok {
		return true
	}
	if _, ok := gluedDuration(w); ok {
		return true
	}
	_, ok := number(w)
	return ok && hasDigit(w)
}
