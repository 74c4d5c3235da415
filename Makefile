# planprat: two commands matter. `make run` starts the demo; `make test` runs the tests.
GO ?= go
export GOFLAGS ?= -mod=mod

.PHONY: run test bench lint e2e build

## run: start the bot on the embedded demo (console chat, in-memory store, Emma's plan)
run:
	$(GO) run ./cmd/planprat

## test: all tests, with the race detector, against a real Redis
test:
	$(GO) test -race -count=1 ./...

## bench: the store and engine benchmarks against a real Redis
bench:
	$(GO) test -run '^$$' -bench . -benchtime 2s ./...

## e2e: the end-to-end test against a real Mattermost server (built once, then cached)
e2e:
	test/e2e/mattermost.sh

## lint: gofmt and go vet
lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); echo "gofmt would change the files above"; exit 1)
	$(GO) vet ./...

## build: the planprat binary in ./bin
build:
	$(GO) build -o bin/planprat ./cmd/planprat
