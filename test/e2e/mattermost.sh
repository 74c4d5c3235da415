#!/usr/bin/env bash
# mattermost.sh: planprat's end-to-end test against a real Mattermost server.
#
# Starts (building once, then reusing the cached binary) a throwaway Mattermost
# with PostgreSQL on loopback, provisions the example plan's people and the bot,
# runs TestMattermost (real Redis, real `planprat serve` processes, people posting
# through the REST API), prints the latency figures, and stops everything.
#
#   test/e2e/mattermost.sh            the whole run
#   KEEP=1 test/e2e/mattermost.sh     leave the server running afterwards
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
export GOFLAGS="${GOFLAGS:--mod=mod}"
export PLANPRAT_E2E_WORK="${PLANPRAT_E2E_WORK:-/tmp/planprat-e2e-mm}"

t0=$SECONDS
if [[ "${KEEP:-}" != 1 ]]; then
	trap '"$HERE/mattermost-server.sh" stop >/dev/null 2>&1 || true' EXIT
fi
# Always a fresh server: a bot catches up on recent posts at start, and posts of an
# earlier run were answered under another Redis.
"$HERE/mattermost-server.sh" stop >/dev/null 2>&1 || true
env_file="$("$HERE/mattermost-server.sh" start)"
echo "mattermost.sh: server ready after $((SECONDS - t0)) s"

export PLANPRAT_E2E_ENV="$env_file"
export PLANPRAT_E2E_LATENCY_FILE="$PLANPRAT_E2E_WORK/latency.txt"
cd "$REPO"
go test -count=1 -v -timeout 20m -run '^TestMattermost$' ./test/e2e/
echo
cat "$PLANPRAT_E2E_LATENCY_FILE" 2>/dev/null || true
echo "mattermost.sh: done in $((SECONDS - t0)) s"
