package mattermost

import (
	"io"
	"net/http"
	"strconv"
	"time"
)

// retry429 is an http.RoundTripper that waits and retries when Mattermost
// answers 429 Too Many Requests, honouring Retry-After or X-Ratelimit-Reset.
type retry429 struct {
	next    http.RoundTripper
	retries int
	maxWait time.Duration
	now     func() time.Time
}

func newRetry429(next http.RoundTripper) *retry429 {
	if next == nil {
		next = http.DefaultTransport
	}
	return &retry429{next: next, retries: 5, maxWait: 30 * time.Second, now: time.Now}
}

// RoundTrip sends req, and again after the server's wait while it answers 429.
func (t *retry429) RoundTrip(req *http.Request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		resp, err := t.next.RoundTrip(req)
		if err != nil || resp.StatusCode != http.StatusTooManyRequests || attempt >= t.retries {
			return resp, err
		}
		if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
			return resp, nil // the body cannot be sent twice
		}
		wait := retryAfter(resp.Header, t.now(), attempt)
		if wait > t.maxWait {
			return resp, nil // longer than anyone should wait for a chat reply
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		resp.Body.Close()
		timer := time.NewTimer(wait)
		select {
		case <-req.Context().Done():
			timer.Stop()
			return nil, req.Context().Err()
		case <-timer.C:
		}
		next := req.Clone(req.Context())
		if req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			next.Body = body
		}
		req = next
	}
}

// retryAfter is how long the server asks us to wait. Retry-After is seconds or
// an HTTP date; Mattermost's X-Ratelimit-Reset is seconds until the limit resets.
// Without either, back off exponentially from 250 ms.
func retryAfter(h http.Header, now time.Time, attempt int) time.Duration {
	if v := h.Get("Retry-After"); v != "" {
		if s, err := strconv.Atoi(v); err == nil && s >= 0 {
			return max(time.Duration(s)*time.Second, 100*time.Millisecond)
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(t.Sub(now), 100*time.Millisecond)
		}
	}
	if v := h.Get("X-Ratelimit-Reset"); v != "" {
		if s, err := strconv.Atoi(v); err == nil && s >= 0 {
			return max(time.Duration(s)*time.Second, 100*time.Millisecond)
		}
	}
	return 250 * time.Millisecond << min(attempt, 6)
}
