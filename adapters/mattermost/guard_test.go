package mattermost

import (
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
)

func TestCheck(t *testing.T) {
	me := bot{id: "botid", username: "planprat"}
	post := func(f func(p *model.Post)) *model.Post {
		p := &model.Post{Id: "p1", UserId: "anne", ChannelId: "c1", Message: "hva skjer nå?"}
		if f != nil {
			f(p)
		}
		return p
	}
	tests := map[string]struct {
		post *model.Post
		ct   model.ChannelType
		want error
	}{
		"direct message":          {post(nil), model.ChannelTypeDirect, nil},
		"own post":                {post(func(p *model.Post) { p.UserId = "botid" }), model.ChannelTypeDirect, ErrOwnPost},
		"other bot":               {post(func(p *model.Post) { p.AddProp("from_bot", "true") }), model.ChannelTypeDirect, ErrFromBot},
		"webhook":                 {post(func(p *model.Post) { p.AddProp("from_webhook", "true") }), model.ChannelTypeDirect, ErrFromWebhook},
		"webhook prop false":      {post(func(p *model.Post) { p.AddProp("from_webhook", "false") }), model.ChannelTypeDirect, nil},
		"system join message":     {post(func(p *model.Post) { p.Type = model.PostTypeJoinChannel }), model.ChannelTypeOpen, ErrSystem},
		"system header change":    {post(func(p *model.Post) { p.Type = model.PostTypeHeaderChange }), model.ChannelTypeDirect, ErrSystem},
		"deleted":                 {post(func(p *model.Post) { p.DeleteAt = 1 }), model.ChannelTypeDirect, ErrDeleted},
		"empty":                   {post(func(p *model.Post) { p.Message = "  \n" }), model.ChannelTypeDirect, ErrEmpty},
		"channel without mention": {post(nil), model.ChannelTypeOpen, ErrNotAddressed},
		"channel with mention":    {post(func(p *model.Post) { p.Message = "@planprat hva skjer?" }), model.ChannelTypeOpen, nil},
		"private with mention":    {post(func(p *model.Post) { p.Message = "hei @PlanPrat!" }), model.ChannelTypePrivate, nil},
		"group without mention":   {post(nil), model.ChannelTypeGroup, ErrNotAddressed},
		"mention of another name": {post(func(p *model.Post) { p.Message = "@planprat2 hei" }), model.ChannelTypeOpen, ErrNotAddressed},
		"own post wins over bot":  {post(func(p *model.Post) { p.UserId = "botid"; p.AddProp("from_bot", "true") }), model.ChannelTypeDirect, ErrOwnPost},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := check(tc.post, tc.ct, me); got != tc.want {
				t.Errorf("check = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestMentions(t *testing.T) {
	tests := map[string]struct {
		text string
		want bool
	}{
		"start":              {"@planprat hei", true},
		"end":                {"hei @planprat", true},
		"end of sentence":    {"spør @planprat.", true},
		"comma":              {"@planprat, hva skjer?", true},
		"upper case":         {"@PLANPRAT hei", true},
		"longer name":        {"@planprat2 hei", false},
		"dotted longer name": {"@planprat.dev hei", false},
		"dash longer name":   {"@planprat-test hei", false},
		"email":              {"skriv til post@planprat", false},
		"no at":              {"planprat hei", false},
		"non-ascii after":    {"@planpratø", false},
		"second occurrence":  {"@planprat2 og @planprat", true},
		"only at":            {"@", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := mentions(tc.text, "planprat"); got != tc.want {
				t.Errorf("mentions(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestStripMention(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"leading":        {"@planprat hva skjer nå?", "hva skjer nå?"},
		"leading comma":  {"@planprat, hva skjer nå?", "hva skjer nå?"},
		"leading colon":  {"@planprat: hjelp", "hjelp"},
		"trailing":       {"hva er nytt @planprat", "hva er nytt"},
		"middle":         {"hei @planprat hva skjer", "hei hva skjer"},
		"keeps lines":    {"@planprat oppdater fysioterapi:\nlinje 1\n\nlinje 2", "oppdater fysioterapi:\nlinje 1\n\nlinje 2"},
		"other mentions": {"@planprat spør @kari.fysio", "spør @kari.fysio"},
		"only mention":   {"@planprat", ""},
		"case":           {"@PlanPrat hjelp", "hjelp"},
		"not whole word": {"@planprat2 hei", "@planprat2 hei"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := stripMention(tc.in, "planprat"); got != tc.want {
				t.Errorf("stripMention(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestOriginOf(t *testing.T) {
	tests := map[string]struct {
		post     *model.Post
		ct       model.ChannelType
		wantRoot string
		direct   bool
	}{
		"dm top level":        {&model.Post{Id: "p", ChannelId: "c"}, model.ChannelTypeDirect, "", true},
		"dm in thread":        {&model.Post{Id: "p", RootId: "r", ChannelId: "c"}, model.ChannelTypeDirect, "r", true},
		"channel top level":   {&model.Post{Id: "p", ChannelId: "c"}, model.ChannelTypeOpen, "p", false},
		"channel in thread":   {&model.Post{Id: "p", RootId: "r", ChannelId: "c"}, model.ChannelTypeOpen, "r", false},
		"group is no dm":      {&model.Post{Id: "p", ChannelId: "c"}, model.ChannelTypeGroup, "p", false},
		"private in a thread": {&model.Post{Id: "p", RootId: "r", ChannelId: "c"}, model.ChannelTypePrivate, "r", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			o := originOf(tc.post, tc.ct)
			if o.root != tc.wantRoot || o.direct != tc.direct || o.channel != "c" {
				t.Errorf("originOf = %+v, want root %q direct %v", o, tc.wantRoot, tc.direct)
			}
		})
	}
}
