package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kelseyhightower/envconfig"
	goredis "github.com/redis/go-redis/v9"
)

// config is everything planprat reads from its environment (PLANPRAT_*).
type config struct {
	RedisURL string `envconfig:"REDIS_URL"`

	// Mattermost: the server and the bot account's access token.
	MattermostURL   string `envconfig:"MATTERMOST_URL"`
	MattermostToken string `envconfig:"MATTERMOST_TOKEN"`
	// HTTPAddr is where the bot listens for button clicks; PublicURL is how
	// the chat server reaches it; CallbackSecret signs the buttons.
	HTTPAddr       string `envconfig:"HTTP_ADDR"`
	PublicURL      string `envconfig:"PUBLIC_URL"`
	CallbackSecret string `envconfig:"CALLBACK_SECRET"`

	// NudgeEvery is how often the nudge scheduler looks for due sections.
	NudgeEvery time.Duration `envconfig:"NUDGE_EVERY" default:"5m"`
	NudgeConfig
}

func loadConfig() (config, error) {
	var c config
	if err := envconfig.Process("planprat", &c); err != nil {
		return c, fmt.Errorf("configuration: %w", err)
	}
	return c, nil
}

var errNoRedis = errors.New(`no plan store is configured.
Set PLANPRAT_REDIS_URL to a Redis, for example:
  export PLANPRAT_REDIS_URL=redis://127.0.0.1:6379/0
or, for a Redis Cluster, several addresses separated by commas:
  export PLANPRAT_REDIS_URL=10.0.0.1:6379,10.0.0.2:6379,10.0.0.3:6379
(Run planprat with no arguments for a demo that needs no Redis.)`)

// redisClient connects to the configured Redis: one redis:// URL, or a
// comma-separated list of cluster addresses.
func redisClient(url string) (goredis.UniversalClient, error) {
	url = strings.TrimSpace(url)
	if url == "" {
		return nil, errNoRedis
	}
	if strings.Contains(url, ",") {
		var addrs []string
		for _, a := range strings.Split(url, ",") {
			if a = strings.TrimSpace(a); a != "" {
				addrs = append(addrs, strings.TrimPrefix(a, "redis://"))
			}
		}
		return goredis.NewClusterClient(&goredis.ClusterOptions{Addrs: addrs, DialTimeout: 3 * time.Second}), nil
	}
	if !strings.Contains(url, "://") {
		url = "redis://" + url
	}
	opt, err := goredis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("PLANPRAT_REDIS_URL: %w", err)
	}
	opt.DialTimeout = 3 * time.Second
	return goredis.NewClient(opt), nil
}
