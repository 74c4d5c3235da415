// Command provision prepares a fresh Mattermost server for planprat's end-to-end tests:
// an admin, a team, the example plan's people, a public channel and the planprat bot
// with an access token. It writes a shell env file that later steps source.
//
//	provision freeport [PORT]       print PORT if free on 127.0.0.1, else a free port
//	provision wait URL [TIMEOUT [PID]]  wait until URL answers /api/v4/system/ping with OK
//	                                    (giving up early if process PID exits)
//	provision setup -url URL -env FILE [-users key=username,...]
//
// It is a Go program rather than curl and jq so that a machine with only Go can run it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// defaultUsers are people of the example plan (examples/plan-emma.yaml: the mother,
// the coordinator, two professionals) plus one outsider, as key=username.
// The key names the env variables (MM_USER_<KEY>_...); the username is the person's
// Mattermost handle, which the plan's participants refer to.
const defaultUsers = "mor=anne.hansen,koordinator=silje.berg,fysio=kari.nilsen,laerer=lars.vik,outsider=per.utenfor"

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: provision freeport|wait|setup ...")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "freeport":
		err = freePort(os.Args[2:])
	case "wait":
		err = wait(os.Args[2:])
	case "setup":
		err = setup(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "provision:", err)
		os.Exit(1)
	}
}

func freePort(args []string) error {
	if len(args) > 0 && args[0] != "0" {
		if l, err := net.Listen("tcp", "127.0.0.1:"+args[0]); err == nil {
			l.Close()
			fmt.Println(args[0])
			return nil
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer l.Close()
	fmt.Println(l.Addr().(*net.TCPAddr).Port)
	return nil
}

func wait(args []string) error {
	if len(args) < 1 {
		return errors.New("usage: provision wait URL [TIMEOUT [PID]]")
	}
	timeout := 120 * time.Second
	if len(args) > 1 {
		d, err := time.ParseDuration(args[1])
		if err != nil {
			return err
		}
		timeout = d
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	c := model.NewAPIv4Client(args[0])
	for {
		status, _, err := c.GetPing(ctx)
		if err == nil && status == model.StatusOk {
			return nil
		}
		if len(args) > 2 {
			if _, serr := os.Stat("/proc/" + args[2]); serr != nil {
				return fmt.Errorf("server process %s exited", args[2])
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("server at %s not ready after %s (last error: %v)", args[0], timeout, err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// person is one provisioned Mattermost user.
type person struct {
	key, username, id, token string
}

func setup(args []string) error {
	fs := flag.NewFlagSet("setup", flag.ContinueOnError)
	url := fs.String("url", "", "Mattermost URL, e.g. http://127.0.0.1:8065")
	envFile := fs.String("env", "", "env file to write")
	users := fs.String("users", defaultUsers, "people as key=username,...")
	team := fs.String("team", "planprat", "team name")
	channel := fs.String("channel", "familie-og-hjelpere", "public channel name")
	bot := fs.String("bot", "planprat", "bot username")
	password := fs.String("password", "Planprat-e2e-1!", "password of every user")
	callbackHosts := fs.String("callback-hosts", "127.0.0.1 localhost", "AllowedUntrustedInternalConnections")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *url == "" || *envFile == "" {
		return errors.New("setup needs -url and -env")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	admin := model.NewAPIv4Client(*url)
	if _, _, err := admin.CreateUser(ctx, &model.User{Username: "sysadmin", Email: "sysadmin@example.com", Password: *password}); err != nil {
		return fmt.Errorf("create admin: %w", err)
	}
	if _, _, err := admin.Login(ctx, "sysadmin", *password); err != nil {
		return fmt.Errorf("login admin: %w", err)
	}
	_, _, err := admin.PatchConfig(ctx, &model.Config{ServiceSettings: model.ServiceSettings{
		EnableBotAccountCreation:            model.NewPointer(true),
		EnableUserAccessTokens:              model.NewPointer(true),
		AllowedUntrustedInternalConnections: callbackHosts,
	}})
	if err != nil {
		return fmt.Errorf("enable bots and tokens: %w", err)
	}
	t, _, err := admin.CreateTeam(ctx, &model.Team{Name: *team, DisplayName: "Planprat", Type: model.TeamOpen})
	if err != nil {
		return fmt.Errorf("create team: %w", err)
	}
	ch, _, err := admin.CreateChannel(ctx, &model.Channel{TeamId: t.Id, Name: *channel, DisplayName: "Familie og hjelpere", Type: model.ChannelTypeOpen})
	if err != nil {
		return fmt.Errorf("create channel: %w", err)
	}

	var people []person
	for _, kv := range strings.Split(*users, ",") {
		key, username, ok := strings.Cut(strings.TrimSpace(kv), "=")
		if !ok {
			return fmt.Errorf("bad -users entry %q (want key=username)", kv)
		}
		p := person{key: strings.ToUpper(key), username: username}
		first, last, _ := strings.Cut(username, ".")
		u, _, err := admin.CreateUser(ctx, &model.User{
			Username: username, Email: username + "@example.com", Password: *password,
			FirstName: strings.ToUpper(first[:1]) + first[1:], LastName: last,
		})
		if err != nil {
			return fmt.Errorf("create user %s: %w", username, err)
		}
		p.id = u.Id
		if err := join(ctx, admin, t.Id, ch.Id, u.Id); err != nil {
			return err
		}
		c := model.NewAPIv4Client(*url)
		if _, _, err := c.Login(ctx, username, *password); err != nil {
			return fmt.Errorf("login %s: %w", username, err)
		}
		p.token = c.AuthToken
		people = append(people, p)
	}

	b, _, err := admin.CreateBot(ctx, &model.Bot{Username: *bot, DisplayName: "Planprat", Description: "planprat: the shared plan, in the chat"})
	if err != nil {
		return fmt.Errorf("create bot: %w", err)
	}
	if err := join(ctx, admin, t.Id, ch.Id, b.UserId); err != nil {
		return err
	}
	tok, _, err := admin.CreateUserAccessToken(ctx, b.UserId, "planprat e2e")
	if err != nil {
		return fmt.Errorf("bot token: %w", err)
	}
	// Prove the token works before anyone relies on it.
	bc := model.NewAPIv4Client(*url)
	bc.SetToken(tok.Token)
	if me, _, err := bc.GetMe(ctx, ""); err != nil || me.Id != b.UserId {
		return fmt.Errorf("bot token unusable: %v", err)
	}

	var sb strings.Builder
	w := func(k, v string) { fmt.Fprintf(&sb, "export %s=%s\n", k, strconv.Quote(v)) }
	w("MM_URL", *url)
	w("MM_ADMIN_TOKEN", admin.AuthToken)
	w("MM_PASSWORD", *password)
	w("MM_TEAM_ID", t.Id)
	w("MM_TEAM_NAME", t.Name)
	w("MM_CHANNEL_ID", ch.Id)
	w("MM_CHANNEL_NAME", ch.Name)
	w("MM_BOT_USER_ID", b.UserId)
	w("MM_BOT_USERNAME", b.Username)
	w("MM_BOT_TOKEN", tok.Token)
	w("PLANPRAT_MATTERMOST_URL", *url)
	w("PLANPRAT_MATTERMOST_TOKEN", tok.Token)
	var keys []string
	for _, p := range people {
		keys = append(keys, p.key)
		w("MM_USER_"+p.key+"_NAME", p.username)
		w("MM_USER_"+p.key+"_ID", p.id)
		w("MM_USER_"+p.key+"_TOKEN", p.token)
	}
	w("MM_USERS", strings.Join(keys, " "))
	if err := os.WriteFile(*envFile, []byte(sb.String()), 0o600); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "provisioned team %s, channel %s, %d people and bot @%s; env in %s\n",
		t.Name, ch.Name, len(people), b.Username, *envFile)
	return nil
}

func join(ctx context.Context, admin *model.Client4, teamID, channelID, userID string) error {
	if _, _, err := admin.AddTeamMember(ctx, teamID, userID); err != nil {
		return fmt.Errorf("add %s to team: %w", userID, err)
	}
	if _, _, err := admin.AddChannelMember(ctx, channelID, userID); err != nil {
		return fmt.Errorf("add %s to channel: %w", userID, err)
	}
	return nil
}
