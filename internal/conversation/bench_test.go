package conversation_test

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/planprat/planprat/internal/chat"
)

// BenchmarkQuestion measures one question handled end to end against real
// Redis (no LLM): "hva skjer nå?" from the plan's participants, at 1 and 50
// conversations at once. Without a pause each conversation sends its next
// message as soon as it has the answer: the machine's saturation, where the
// latency is mostly queueing on its cores. With pause=10ms the 50 people
// write at up to 5,000 messages a second together, still far beyond a real
// work chat. It reports messages per second, p50 and p99 latency, and Redis
// round trips per message. The garbage collector runs at GOGC=400, as the
// planprat binary sets it (unless GOGC says otherwise).
func BenchmarkQuestion(b *testing.B) {
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	for _, c := range []struct {
		conc  int
		pause time.Duration
	}{{1, 0}, {50, 0}, {50, 10 * time.Millisecond}} {
		conc := c.conc
		b.Run(fmt.Sprintf("conversations=%d/pause=%s", conc, c.pause), func(b *testing.B) {
			h := newHarness(b)
			users := []string{mor, far, koordinator, fysio, laerer, "ingrid.solheim", "mona.lie"}
			for _, u := range users {
				h.dm(u, "hei") // each picks the plan once
			}
			lat := make([]time.Duration, b.N)
			h.trips.Reset()
			b.ResetTimer()
			start := time.Now()
			var wg sync.WaitGroup
			next := make(chan int, b.N)
			for i := 0; i < b.N; i++ {
				next <- i
			}
			close(next)
			for w := 0; w < conc; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					u := users[w%len(users)]
					for i := range next {
						t0 := time.Now()
						rs, err := h.e.Handle(context.Background(), chat.Message{Platform: "mattermost", User: u,
							Text: "hva skjer nå?", Direct: true, ID: fmt.Sprintf("b%d-%d", conc, i)})
						lat[i] = time.Since(t0)
						if err != nil || len(rs) != 1 || !strings.Contains(rs[0].Text, "Møte i ansvarsgruppen") {
							b.Errorf("unexpected answer %v %+v", err, rs)
						}
						time.Sleep(c.pause)
					}
				}()
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "msg/s")
			b.ReportMetric(float64(lat[b.N/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(lat[b.N*99/100].Microseconds()), "p99-µs")
			b.ReportMetric(float64(h.trips.N())/float64(b.N), "roundtrips/msg")
		})
	}
}
