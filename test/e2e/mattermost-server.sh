#!/usr/bin/env bash
# mattermost-server.sh: a throwaway Mattermost Team Edition server for planprat's e2e tests.
#
#   test/e2e/mattermost-server.sh build   build (or reuse) the cached server binary
#   test/e2e/mattermost-server.sh start   build if needed, start PostgreSQL + Mattermost on
#                                         127.0.0.1, provision users, team, channel and the bot,
#                                         and write an env file (path printed at the end)
#   test/e2e/mattermost-server.sh restart stop and start Mattermost only (same database and port)
#   test/e2e/mattermost-server.sh stop    stop both and remove the work dir
#   test/e2e/mattermost-server.sh env     print the env file path of the running server
#   test/e2e/mattermost-server.sh binary  print the cached binary's path; exit 1 if not built
#
# Environment:
#   PLANPRAT_CACHE     cache root (default $HOME/.cache/planprat); the binary lives in
#                      $PLANPRAT_CACHE/mattermost-$MM_VERSION/
#   PLANPRAT_E2E_WORK  work dir (default /tmp/planprat-e2e-mm); holds pgdata, logs, env file
#   MM_PG_PORT         PostgreSQL port (default 55432, or a free one if taken)
#   MM_PORT            Mattermost port (default: a free one)
#   PLANPRAT_E2E_CALLBACK_HOSTS  extra AllowedUntrustedInternalConnections (default 127.0.0.1 localhost)
#
# The recipe (versions, the go.mod build trick, settings) is in ../shared/mattermost-e2e.md.
set -euo pipefail

MM_VERSION=11.4.0
MM_PUBLIC=github.com/mattermost/mattermost/server/public
MM_PUBLIC_VERSION=v0.1.22-0.20260113165922-8e4cadbc88ee
MM_SERVER=github.com/mattermost/mattermost/server/v8
MM_SERVER_VERSION=v8.0.0-20260113162330-9e1d4c2072c0

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CACHE_ROOT="${PLANPRAT_CACHE:-${HOME:-/tmp}/.cache/planprat}"
CACHE="$CACHE_ROOT/mattermost-$MM_VERSION"
WORK="${PLANPRAT_E2E_WORK:-/tmp/planprat-e2e-mm}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"

log() { printf '[mattermost-server] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

build() {
	if [[ -x "$CACHE/mattermost" && -d "$CACHE/i18n" && -d "$CACHE/templates" ]]; then
		log "using cached server $CACHE/mattermost"
		return
	fi
	local t0=$SECONDS
	log "building Mattermost $MM_VERSION into $CACHE (cold: a few minutes)"
	mkdir -p "$CACHE"
	local src="$CACHE/src"
	mkdir -p "$src"
	cat >"$src/go.mod" <<GOMOD
module mmbuild

go 1.24.11

require (
	$MM_PUBLIC $MM_PUBLIC_VERSION
	$MM_SERVER $MM_SERVER_VERSION
)

replace github.com/olekukonko/tablewriter => github.com/olekukonko/tablewriter v0.0.5
GOMOD
	(
		cd "$src"
		# Build outside the project's module and without its GOFLAGS; -mod=mod loads only the
		# packages needed for the default build tags, which avoids the private enterprise modules.
		GOFLAGS="-buildvcs=false -mod=mod" GOWORK=off go build -trimpath -o "$CACHE/mattermost.tmp" \
			"$MM_SERVER/cmd/mattermost"
	)
	local mod
	mod="$(cd "$src" && GOFLAGS=-mod=mod GOWORK=off go list -m -f '{{.Dir}}' "$MM_SERVER")"
	[[ -d "$mod/i18n" ]] || die "no i18n/ in $mod"
	for d in i18n templates fonts; do
		rm -rf "$CACHE/$d"
		if [[ -d "$mod/$d" ]]; then
			cp -r "$mod/$d" "$CACHE/$d"
			chmod -R u+w "$CACHE/$d"
		fi
	done
	mv "$CACHE/mattermost.tmp" "$CACHE/mattermost"
	log "built in $((SECONDS - t0)) s"
}

# tool builds the Go helper (free ports, readiness, REST provisioning) once per run.
tool() {
	local bin="$WORK/bin/provision"
	if [[ ! -x "$bin" ]]; then
		mkdir -p "$WORK/bin"
		(cd "$REPO" && GOFLAGS="${GOFLAGS:--mod=mod}" go build -o "$bin" ./test/e2e/provision)
	fi
	"$bin" "$@"
}

pg() { runuser -u postgres -- "$PGBIN/$1" "${@:2}"; }

# run_server starts Mattermost on the ports recorded in $WORK and waits for its ping.
run_server() {
	local pgport mmport run="$WORK/mmrun"
	pgport="$(cat "$WORK/pg.port")"
	mmport="$(cat "$WORK/mm.port")"
	local url="http://127.0.0.1:$mmport"
	log "starting Mattermost on 127.0.0.1:$mmport"
	for d in i18n templates fonts; do [[ -d "$CACHE/$d" ]] && ln -sfn "$CACHE/$d" "$run/$d"; done
	[[ -f "$run/config/config.json" ]] || echo '{}' >"$run/config/config.json"
	(
		cd "$run"
		export MM_SQLSETTINGS_DRIVERNAME=postgres
		export MM_SQLSETTINGS_DATASOURCE="postgres://mmuser:mostest@127.0.0.1:$pgport/mattermost_test?sslmode=disable&connect_timeout=10"
		export MM_SERVICESETTINGS_LISTENADDRESS="127.0.0.1:$mmport" MM_SERVICESETTINGS_SITEURL="$url"
		export MM_SERVICESETTINGS_WEBSERVERMODE=disabled MM_SERVICESETTINGS_ENABLESECURITYFIXALERT=false
		export MM_SERVICESETTINGS_ENABLELOCALMODE=false MM_TEAMSETTINGS_ENABLEOPENSERVER=true
		export MM_LOGSETTINGS_ENABLEDIAGNOSTICS=false MM_LOGSETTINGS_ENABLECONSOLE=false
		export MM_LOGSETTINGS_FILELOCATION="$run/logs" MM_FILESETTINGS_DIRECTORY="$run/data/"
		export MM_PLUGINSETTINGS_ENABLE=false MM_PLUGINSETTINGS_ENABLEMARKETPLACE=false
		export MM_PLUGINSETTINGS_AUTOMATICPREPACKAGEDPLUGINS=false
		export MM_PLUGINSETTINGS_DIRECTORY="$run/plugins" MM_PLUGINSETTINGS_CLIENTDIRECTORY="$run/client-plugins"
		export MM_EMAILSETTINGS_SENDEMAILNOTIFICATIONS=false MM_EMAILSETTINGS_REQUIREEMAILVERIFICATION=false
		export MM_RATELIMITSETTINGS_ENABLE="${MM_RATELIMITSETTINGS_ENABLE:-false}" MM_METRICSSETTINGS_ENABLE=false
		nohup "$CACHE/mattermost" server --config "$run/config/config.json" >>"$WORK/mattermost.out" 2>&1 &
		echo $! >"$WORK/mattermost.pid"
	)
	tool wait "$url" 120s "$(cat "$WORK/mattermost.pid")" || { tail -20 "$WORK/mattermost.out" >&2; die "Mattermost did not answer ping"; }
}

# stop_server stops the Mattermost process (SIGTERM, then SIGKILL after 10 s).
stop_server() {
	[[ -f "$WORK/mattermost.pid" ]] || return 0
	local pid
	pid="$(cat "$WORK/mattermost.pid")"
	if kill "$pid" 2>/dev/null; then
		for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null || true
	fi
	rm -f "$WORK/mattermost.pid"
}

# restart stops and starts Mattermost on the same database and port (the bot
# sees its websocket drop and must come back by itself).
restart() {
	[[ -f "$WORK/mm.port" ]] || die "not running"
	local t0=$SECONDS
	stop_server
	run_server
	log "restarted in $((SECONDS - t0)) s"
}

start() {
	[[ -n "$PGBIN" ]] || die "PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql)"
	if [[ -f "$WORK/mattermost.pid" ]] && kill -0 "$(cat "$WORK/mattermost.pid")" 2>/dev/null; then
		log "already running; env in $WORK/env"
		echo "$WORK/env"
		return
	fi
	stop_quiet
	build
	local t0=$SECONDS
	mkdir -p "$WORK"/{pgsock,mmrun/config,mmrun/data,mmrun/logs,mmrun/plugins,mmrun/client-plugins}
	chmod 755 "$WORK"
	chown postgres "$WORK/pgsock"

	local pgport mmport
	pgport="$(tool freeport "${MM_PG_PORT:-55432}")"
	mmport="$(tool freeport "${MM_PORT:-0}")"

	log "starting PostgreSQL on 127.0.0.1:$pgport"
	install -d -o postgres "$WORK/pgdata"
	pg initdb -D "$WORK/pgdata" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 ||
		{ cat "$WORK/initdb.log" >&2; die "initdb failed"; }
	pg pg_ctl -D "$WORK/pgdata" -l "$WORK/pgdata/pg.log" -w start -o "-c listen_addresses=127.0.0.1 -p $pgport \
-c unix_socket_directories=$WORK/pgsock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null ||
		{ cat "$WORK/pgdata/pg.log" >&2; die "postgres did not start"; }
	pg psql -q -h 127.0.0.1 -p "$pgport" -U postgres -c "CREATE USER mmuser WITH PASSWORD 'mostest'" \
		-c "CREATE DATABASE mattermost_test OWNER mmuser" >/dev/null

	echo "$pgport" >"$WORK/pg.port"
	echo "$mmport" >"$WORK/mm.port"
	run_server
	local url="http://127.0.0.1:$mmport"
	log "server up in $((SECONDS - t0)) s; provisioning"
	tool setup -url "$url" -env "$WORK/env" ${PLANPRAT_E2E_USERS:+-users "$PLANPRAT_E2E_USERS"} \
		-callback-hosts "${PLANPRAT_E2E_CALLBACK_HOSTS:-127.0.0.1 localhost}"
	echo "export MM_WORK=\"$WORK\"" >>"$WORK/env"
	log "ready in $((SECONDS - t0)) s: source $WORK/env"
	echo "$WORK/env"
}

# stop_quiet stops whatever a previous start left in $WORK and removes it.
stop_quiet() {
	[[ -d "$WORK" ]] || return 0
	stop_server
	if [[ -f "$WORK/pgdata/PG_VERSION" ]]; then
		pg pg_ctl -D "$WORK/pgdata" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$WORK"
}

stop() {
	stop_quiet
	log "stopped; removed $WORK"
}

case "${1:-}" in
build) build ;;
start) start ;;
restart) restart ;;
stop) stop ;;
binary) [[ -x "$CACHE/mattermost" ]] && echo "$CACHE/mattermost" || exit 1 ;;
env) [[ -f "$WORK/env" ]] && echo "$WORK/env" || die "not running" ;;
*) echo "usage: $0 build|start|restart|stop|env|binary" >&2; exit 2 ;;
esac
