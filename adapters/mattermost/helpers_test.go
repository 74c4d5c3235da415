package mattermost

import (
	"context"
	"net"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/planprat/planprat/internal/redistest"
)

// redisClaimer is the smallest real Claimer: SET NX with an expiry, the way the
// Redis store implements it.
type redisClaimer struct {
	rdb redis.UniversalClient
}

func (c *redisClaimer) ClaimOnce(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	return c.rdb.SetNX(ctx, key, 1, ttl).Result()
}

// testClaimer returns a Claimer on a fresh, throwaway Redis for this test.
func testClaimer(t *testing.T) *redisClaimer {
	return &redisClaimer{rdb: redistest.New(t)}
}

func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func TestMain(m *testing.M) {
	code := m.Run()
	stopServer()
	os.Exit(code)
}
