package intent

import "testing"

func TestMatch(t *testing.T) {
	labels := []string{
		"Mål", "mal",
		"Fysioterapi", "fysioterapi", "fysioterapeut, Bergen kommune",
		"Skole og SFO", "skole", "kontaktlærer, Nordnes skole",
		"Avlastning", "avlastning",
		"Fastlege", "fastlege", "fastlege, Sentrum legekontor",
		"Pedagogisk-psykologisk tjeneste", "ppt",
		"Hjelpemidler", "Samarbeid", "Helse",
	}
	tests := map[string]struct {
		query string
		want  string // the label that must win; "" for no match
	}{
		"exact":           {"fysioterapi", "Fysioterapi"},
		"prefix":          {"fysio", "Fysioterapi"},
		"english physio":  {"physio", "Fysioterapi"},
		"physiotherapy":   {"physiotherapy", "Fysioterapi"},
		"definite":        {"skolen", "Skole og SFO"},
		"school part":     {"the school part", "Skole og SFO"},
		"school english":  {"school", "Skole og SFO"},
		"ppt":             {"ppt", "ppt"},
		"PPT caps":        {"PPT", "ppt"},
		"gp":              {"GP", "Fastlege"},
		"doctor":          {"the doctor", "Fastlege"},
		"legen":           {"legen", "Fastlege"},
		"goals":           {"goals", "Mål"},
		"maal":            {"målene", "Mål"},
		"respite":         {"respite care", "Avlastning"},
		"relief":          {"relief", "Avlastning"},
		"aids":            {"equipment", "Hjelpemidler"},
		"cooperation":     {"cooperation", "Samarbeid"},
		"health":          {"health", "Helse"},
		"typo":            {"fysoterapi", "Fysioterapi"},
		"typo avlastning": {"avlasning", "Avlastning"},
		"therapist":       {"fysioterapeuten", "fysioterapeut, Bergen kommune"},
		"nothing":         {"bilen", ""},
		"nothing english": {"weather", ""},
		"empty":           {"", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			i, s := Match(tc.query, labels)
			if tc.want == "" {
				if i != -1 {
					t.Fatalf("Match(%q) = %q (%.2f), want no match", tc.query, labels[i], s)
				}
				return
			}
			if i < 0 {
				t.Fatalf("Match(%q) = no match, want %q", tc.query, tc.want)
			}
			if labels[i] != tc.want && Normalize(labels[i]) != Normalize(tc.want) {
				t.Fatalf("Match(%q) = %q (%.2f), want %q", tc.query, labels[i], s, tc.want)
			}
			if s <= 0 || s > 1 {
				t.Errorf("score %v out of (0, 1]", s)
			}
		})
	}
}

func BenchmarkMatch(b *testing.B) {
	labels := []string{"Mål", "Fysioterapi", "fysioterapeut, Bergen kommune", "Skole og SFO", "Avlastning", "Fastlege", "ppt"}
	for i := 0; i < b.N; i++ {
		Match("the physio part", labels)
	}
}
