package mattermost

import (
	"context"
	"hash/fnv"
	"math/rand/v2"
	"sync"
	"time"
)

// workers run jobs on a few goroutines, all jobs of one user on the same one,
// so that a person's messages (and button clicks) are handled in order while
// different people do not wait for each other.
type workers struct {
	queues []chan func(context.Context)
}

func newWorkers(n int) *workers {
	w := &workers{queues: make([]chan func(context.Context), n)}
	for i := range w.queues {
		w.queues[i] = make(chan func(context.Context), 256)
	}
	return w
}

func (w *workers) start(ctx context.Context, wg *sync.WaitGroup) {
	for _, q := range w.queues {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-ctx.Done():
					return
				case job := <-q:
					job(ctx)
				}
			}
		}()
	}
}

// do queues job behind the user's earlier jobs; false if ctx ended first.
func (w *workers) do(ctx context.Context, userID string, job func(context.Context)) bool {
	h := fnv.New32a()
	h.Write([]byte(userID))
	select {
	case w.queues[h.Sum32()%uint32(len(w.queues))] <- job:
		return true
	case <-ctx.Done():
		return false
	}
}

// backoff is an exponential delay with jitter between reconnects.
type backoff struct {
	min, max time.Duration
	cur      time.Duration
}

// sleep waits the next delay; false if ctx ended first.
func (b *backoff) sleep(ctx context.Context) bool {
	if b.cur == 0 {
		b.cur = b.min
	} else {
		b.cur = min(b.cur*2, b.max)
	}
	d := b.cur/2 + rand.N(b.cur/2+1)
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func (b *backoff) reset() { b.cur = 0 }
