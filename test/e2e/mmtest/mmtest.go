// Package mmtest lets tests act as the people of a Mattermost server that
// test/e2e/mattermost-server.sh provisioned: post through the REST API and
// read the bot's answers as those people see them.
package mmtest

import (
	"bufio"
	"context"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// ReadEnv reads the `export K="v"` lines of the server's env file.
func ReadEnv(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	env := map[string]string{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		k, v, ok := strings.Cut(strings.TrimPrefix(s.Text(), "export "), "=")
		if !ok {
			continue
		}
		if uq, err := strconv.Unquote(v); err == nil {
			v = uq
		}
		env[k] = v
	}
	return env, s.Err()
}

// Person is a provisioned user. Methods take the running test, so that a
// person made in a test can act in its subtests.
type Person struct {
	Key   string // MOR, KOORDINATOR, FYSIO, LAERER, OUTSIDER
	Name  string // Mattermost username
	ID    string
	Token string
	C     *model.Client4
	botID string
	dm    string
}

// As returns the person provisioned under key.
func As(env map[string]string, key string) *Person {
	c := model.NewAPIv4Client(env["MM_URL"])
	c.SetToken(env["MM_USER_"+key+"_TOKEN"])
	return &Person{Key: key, Name: env["MM_USER_"+key+"_NAME"], ID: env["MM_USER_"+key+"_ID"],
		Token: env["MM_USER_"+key+"_TOKEN"], C: c, botID: env["MM_BOT_USER_ID"]}
}

// DM is the person's direct channel with the bot.
func (p *Person) DM(t testing.TB) string {
	t.Helper()
	if p.dm == "" {
		ch, _, err := p.C.CreateDirectChannel(context.Background(), p.ID, p.botID)
		if err != nil {
			t.Fatal(err)
		}
		p.dm = ch.Id
	}
	return p.dm
}

// Say posts text in channel (in the thread of root, if any).
func (p *Person) Say(t testing.TB, channel, root, text string) *model.Post {
	t.Helper()
	post, _, err := p.C.CreatePost(context.Background(), &model.Post{ChannelId: channel, RootId: root, Message: text})
	if err != nil {
		t.Fatalf("%s says %q: %v", p.Name, text, err)
	}
	return post
}

// BotPosts is what the person sees the bot post in channel after the given post, oldest first.
func (p *Person) BotPosts(t testing.TB, channel string, after *model.Post) []*model.Post {
	t.Helper()
	list, _, err := p.C.GetPostsSince(context.Background(), channel, after.CreateAt, false)
	if err != nil {
		t.Fatal(err)
	}
	var out []*model.Post
	for _, q := range list.ToSlice() {
		// Deleted posts include the old versions that an edit leaves behind.
		if q.UserId == p.botID && q.CreateAt >= after.CreateAt && q.Id != after.Id && q.DeleteAt == 0 {
			out = append(out, q)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].CreateAt < out[j].CreateAt })
	return out
}

// Settle is how long WaitBot keeps watching after the expected answers
// arrived, to catch a duplicate.
const Settle = 1500 * time.Millisecond

// WaitBot waits for at least n bot posts in channel after the given post, then
// Settle more, and returns all of them.
func (p *Person) WaitBot(t testing.TB, channel string, after *model.Post, n int, timeout time.Duration) []*model.Post {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		got := p.BotPosts(t, channel, after)
		if len(got) >= n {
			time.Sleep(Settle)
			return p.BotPosts(t, channel, after)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: the bot posted %d times after %q within %s, want %d", p.Name, len(got), after.Message, timeout, n)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// Texts are the posts' messages.
func Texts(posts []*model.Post) []string {
	out := make([]string, len(posts))
	for i, p := range posts {
		out[i] = p.Message
	}
	return out
}
