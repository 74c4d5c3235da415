package mattermost

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// redisClaimer is the smallest real Claimer: SET NX with an expiry, the way the
// Redis store implements it. Keys are prefixed per test so tests do not meet.
type redisClaimer struct {
	rdb    *redis.Client
	prefix string
}

func (c *redisClaimer) ClaimOnce(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	return c.rdb.SetNX(ctx, c.prefix+key, 1, ttl).Result()
}

var (
	redisOnce sync.Once
	redisAddr string
	redisErr  error
	redisCmd  *exec.Cmd
)

// testClaimer returns a Claimer on a throwaway redis-server started for this
// test binary (PLANPRAT_TEST_REDIS_ADDR uses a running one instead).
func testClaimer(t *testing.T) *redisClaimer {
	t.Helper()
	redisOnce.Do(func() {
		if addr := os.Getenv("PLANPRAT_TEST_REDIS_ADDR"); addr != "" {
			redisAddr = addr
			return
		}
		bin, err := exec.LookPath("redis-server")
		if err != nil {
			redisErr = fmt.Errorf("redis-server not installed (apt-get install redis-server) and PLANPRAT_TEST_REDIS_ADDR unset")
			return
		}
		port := freePort(t)
		redisAddr = fmt.Sprintf("127.0.0.1:%d", port)
		redisCmd = exec.Command(bin, "--port", fmt.Sprint(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
		if err := redisCmd.Start(); err != nil {
			redisErr = err
			return
		}
		for i := 0; i < 100; i++ {
			if c, err := net.Dial("tcp", redisAddr); err == nil {
				c.Close()
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		redisErr = fmt.Errorf("redis-server on %s did not start", redisAddr)
	})
	if redisErr != nil {
		t.Skip("no Redis for the Claimer:", redisErr)
	}
	rdb := redis.NewClient(&redis.Options{Addr: redisAddr})
	t.Cleanup(func() { rdb.Close() })
	return newRedisClaimer(rdb)
}

func newRedisClaimer(rdb *redis.Client) *redisClaimer {
	b := make([]byte, 6)
	rand.Read(b)
	return &redisClaimer{rdb: rdb, prefix: "test:" + hex.EncodeToString(b) + ":"}
}

func stopRedis() {
	if redisCmd != nil && redisCmd.Process != nil {
		redisCmd.Process.Kill()
		redisCmd.Wait()
	}
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
	stopRedis()
	os.Exit(code)
}
