package intent

import "strings"

// minMatch is the lowest score Match accepts: below it the reference is
// too far from every candidate to guess.
const minMatch = 0.6

// synonymGroups are words for the same part of a plan in English and
// Norwegian; a reference in one finds a label in the other.
var synonymGroups = [][]string{
	{"fysioterapi", "fysioterapeut", "fysio", "physio", "physiotherapy", "physiotherapist", "physical therapy", "pt"},
	{"skole", "school", "skule"},
	{"fastlege", "lege", "doctor", "gp", "physician", "legen"},
	{"mal", "goal", "goals", "aim", "aims"},
	{"avlastning", "avlasting", "relief", "respite", "relief care", "respite care"},
	{"hjelpemidler", "hjelpemiddel", "hjelpemiddel", "aids", "equipment", "assistive"},
	{"samarbeid", "cooperation", "collaboration", "co operation"},
	{"helse", "health"},
	{"barnehage", "kindergarten", "preschool", "nursery"},
	{"helsesykepleier", "helsesoster", "sykepleier", "nurse", "school nurse"},
	{"logoped", "speech", "speech therapist", "speech therapy"},
	{"ergoterapi", "ergoterapeut", "occupational", "occupational therapy", "ot"},
	{"laerer", "kontaktlaerer", "teacher"},
	{"behov", "needs", "need"},
	{"ressurser", "resources", "resource"},
	{"tiltak", "measures", "measure"},
	{"koordinator", "coordinator", "barnekoordinator"},
	{"barnevern", "barnevernet", "child welfare", "cps"},
	{"habilitering", "habiliteringstjenesten", "habilitation", "hab"},
	{"sfo", "after school", "aks", "afterschool"},
	{"foreldre", "foresatte", "parents", "guardians", "familie", "family"},
	{"mor", "mamma", "mother", "mum", "mom"},
	{"far", "pappa", "father", "dad"},
	{"ppt", "pedagogisk psykologisk tjeneste", "ped psyk"},
	{"bidrag", "contribution", "contributions"},
	{"nav", "welfare"},
}

// synonyms maps a folded word to the other words of its group.
var synonyms = map[string][]string{}

// matchNoise are words that only say "a part of the plan".
var matchNoise = map[string]bool{}

func init() {
	for _, g := range synonymGroups {
		var folded []string
		for _, w := range g {
			folded = append(folded, strings.Join(foldPhrase(w), " "))
		}
		for _, w := range folded {
			synonyms[w] = append(synonyms[w], folded...)
		}
	}
	for _, w := range []string{"del", "delen", "part", "section", "seksjon", "seksjonen", "the", "a", "om",
		"about", "for", "til", "min", "mi", "my", "our", "var", "vart", "vis", "show", "i", "in", "og", "and"} {
		matchNoise[w] = true
	}
}

// Match finds the candidate label a free-text reference means ("fysio",
// "physio", "skolen", "the school part", "ppt") among labels such as section
// titles, ids and owners ("Fysioterapi", "fysioterapi", "fysioterapeut,
// Bergen kommune"). It returns the index of the best candidate and a score
// in (0, 1], or -1 and 0 when nothing is a reasonable match.
func Match(query string, candidates []string) (best int, score float64) {
	qs := matchWords(query)
	if len(qs) == 0 {
		return -1, 0
	}
	whole := strings.Join(qs, " ")
	best = -1
	for ci, c := range candidates {
		cs := matchWords(c)
		if len(cs) == 0 {
			continue
		}
		s := 0.0
		if whole == strings.Join(cs, " ") {
			s = 1
		} else {
			for _, q := range qs {
				s += bestWordSim(q, whole, cs)
			}
			s /= float64(len(qs))
			if a := acronym(cs); len(qs) == 1 && len(a) >= 2 && a == qs[0] && s < 0.9 {
				s = 0.9
			}
		}
		if s > score {
			best, score = ci, s
		}
	}
	if score < minMatch {
		return -1, 0
	}
	return best, score
}

// matchWords folds a label or reference into its telling words.
func matchWords(s string) []string {
	toks := tokenize(sanitize(s), maxTokens)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if !matchNoise[t.norm] {
			out = append(out, t.norm)
		}
	}
	if len(out) == 0 {
		for _, t := range toks {
			out = append(out, t.norm)
		}
	}
	return out
}

// bestWordSim is how well q (or a synonym of it, or the two-word phrase it
// starts) matches any word of a candidate.
func bestWordSim(q, whole string, cs []string) float64 {
	best := 0.0
	try := func(w string, factor float64) {
		for _, c := range cs {
			if s := wordSim(w, c) * factor; s > best {
				best = s
			}
		}
		// A synonym phrase ("relief care") against the candidate as a whole.
		if strings.Contains(w, " ") && strings.Contains(" "+strings.Join(cs, " ")+" ", " "+w+" ") && factor > best {
			best = factor
		}
	}
	try(q, 1)
	if best == 1 {
		return 1
	}
	alts := synonyms[q]
	if len(alts) == 0 {
		// "relief care", "speech therapist": synonyms of the whole query.
		alts = synonyms[whole]
	}
	for _, s := range alts {
		if s != q {
			try(s, 0.95)
		}
	}
	return best
}

// wordSim compares two folded words: equal, same stem, one the start of
// the other, or a small typo apart.
func wordSim(q, c string) float64 {
	if q == c {
		return 1
	}
	if stem(q) == stem(c) && len(stem(q)) >= 3 {
		return 0.95
	}
	short, long := q, c
	if len(short) > len(long) {
		short, long = long, short
	}
	if len(short) >= 3 && strings.HasPrefix(long, short) {
		return 0.7 + 0.25*float64(len(short))/float64(len(long))
	}
	p := commonPrefix(q, c)
	if p >= 5 && float64(p) >= 0.7*float64(len(short)) {
		return 0.8
	}
	if tol := tolerance(len(short)); tol > 0 {
		if d := distance(q, c, tol); d <= tol {
			return 0.85 - 0.1*float64(d)
		}
	}
	return 0
}

// stem cuts the common Norwegian and English endings ("skolen" → "skol",
// "skole" → "skol", "goals" → "goal").
func stem(w string) string {
	for _, suf := range []string{"ene", "ane", "en", "et", "er", "ar", "a", "e", "s"} {
		if len(w)-len(suf) >= 3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// acronym is the initials of a label's words ("pedagogisk-psykologisk
// tjeneste" → "ppt").
func acronym(ws []string) string {
	if len(ws) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range ws {
		b.WriteByte(w[0])
	}
	return b.String()
}
