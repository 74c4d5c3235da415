package mattermost

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := map[string]struct {
		header  http.Header
		attempt int
		want    time.Duration
	}{
		"retry-after seconds": {http.Header{"Retry-After": {"3"}}, 0, 3 * time.Second},
		"retry-after date":    {http.Header{"Retry-After": {now.Add(5 * time.Second).Format(http.TimeFormat)}}, 0, 5 * time.Second},
		"retry-after zero":    {http.Header{"Retry-After": {"0"}}, 0, 100 * time.Millisecond},
		"ratelimit reset":     {http.Header{"X-Ratelimit-Reset": {"2"}}, 0, 2 * time.Second},
		"retry-after wins":    {http.Header{"Retry-After": {"1"}, "X-Ratelimit-Reset": {"9"}}, 0, time.Second},
		"garbage":             {http.Header{"Retry-After": {"soon"}}, 1, 500 * time.Millisecond},
		"nothing, first":      {http.Header{}, 0, 250 * time.Millisecond},
		"nothing, third":      {http.Header{}, 2, time.Second},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := retryAfter(tc.header, now, tc.attempt); got != tc.want {
				t.Errorf("retryAfter = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestRetry429(t *testing.T) {
	tests := map[string]struct {
		limited  int    // how many 429s before a 200
		reset    string // X-Ratelimit-Reset on a 429
		wantCode int
		wantHits int32
	}{
		"no limit":            {0, "0", 200, 1},
		"two 429s then ok":    {2, "0", 200, 3},
		"gives up after five": {10, "0", 429, 6},
		"too long to wait":    {1, "3600", 429, 1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				if string(body) != `{"message":"hei"}` {
					t.Errorf("attempt %d got body %q", hits.Load()+1, body)
				}
				if int(hits.Add(1)) <= tc.limited {
					w.Header().Set("X-Ratelimit-Reset", tc.reset)
					w.WriteHeader(http.StatusTooManyRequests)
					return
				}
				w.WriteHeader(http.StatusOK)
			}))
			defer srv.Close()
			c := &http.Client{Transport: newRetry429(nil)}
			resp, err := c.Post(srv.URL, "application/json", strings.NewReader(`{"message":"hei"}`))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.wantCode || hits.Load() != tc.wantHits {
				t.Errorf("status %d after %d hits, want %d after %d", resp.StatusCode, hits.Load(), tc.wantCode, tc.wantHits)
			}
		})
	}
}
