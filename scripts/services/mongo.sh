#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Runs a MongoDB stand-in for integration tests: FerretDB v1 with its SQLite backend, built from its Go module.
# MongoDB itself cannot be installed on these machines; docs/mongo-stand-in.md says what differs.
#
#   scripts/services/mongo.sh start|stop|status
#
# Needs the Go toolchain (first start only) and Node with the repo's node_modules (the readiness check).
# Everything lives under .cache/mongo: the binary in ferretdb-<version>/, and per port, in port-<port>/,
# the SQLite files (data/, kept across restarts), ferretdb.pid and ferretdb.log.
# Environment: MONGO_PORT (27017), MONGO_START_TIMEOUT (30 s), MONGO_STOP_TIMEOUT (10 s).
set -euo pipefail

SVC_NAME=mongo
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=lib.sh
source "$ROOT/scripts/services/lib.sh"

FERRETDB_MODULE=github.com/FerretDB/FerretDB
FERRETDB_VERSION=v1.24.0
MONGO_HOST=127.0.0.1
MONGO_PORT=${MONGO_PORT:-27017}
START_TIMEOUT=${MONGO_START_TIMEOUT:-30}
STOP_TIMEOUT=${MONGO_STOP_TIMEOUT:-10}

CACHE=$ROOT/.cache/mongo
BIN=$CACHE/ferretdb-$FERRETDB_VERSION/ferretdb
RUN_DIR=$CACHE/port-$MONGO_PORT
DATA=$RUN_DIR/data
PIDFILE=$RUN_DIR/ferretdb.pid
LOGFILE=$RUN_DIR/ferretdb.log

go_tool() {
  if command -v go >/dev/null 2>&1; then
    command -v go
  elif [[ -x /usr/local/go/bin/go ]]; then
    echo /usr/local/go/bin/go
  else
    svc_fail "the Go toolchain is needed to build FerretDB; none on PATH or in /usr/local/go"
  fi
}

# `go install module@version` cannot be used: the proxy refuses the module's version list (read for the
# deprecation check), and the module zip ships an empty build/version/version.txt that FerretDB's own
# binary panics on. So: download the module, copy it, fill in the version file, build ./cmd/ferretdb.
build() {
  [[ -x $BIN ]] && return 0
  local go started work src
  go=$(go_tool)
  started=$(svc_now_ms)
  svc_log "building FerretDB $FERRETDB_VERSION from the Go module proxy (first start only, about 1.5 min)"
  mkdir -p "$CACHE"
  work=$(mktemp -d "$CACHE/build.XXXXXX")
  src=$(cd "$work" && GOTOOLCHAIN=local GOFLAGS=-mod=mod "$go" mod download -json "$FERRETDB_MODULE@$FERRETDB_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  [[ -n $src && -d $src ]] || svc_fail "could not download $FERRETDB_MODULE@$FERRETDB_VERSION"
  cp -R "$src" "$work/src"
  chmod -R u+w "$work/src"
  echo "$FERRETDB_VERSION" >"$work/src/build/version/version.txt"
  (cd "$work/src" && GOTOOLCHAIN=local CGO_ENABLED=0 "$go" build -trimpath -o "$work/ferretdb" ./cmd/ferretdb) \
    >"$CACHE/build.log" 2>&1 || svc_fail "building FerretDB failed" "$CACHE/build.log"
  mkdir -p "$(dirname "$BIN")"
  mv "$work/ferretdb" "$BIN"
  rm -rf "$work"
  svc_log "built $BIN in $(($(svc_now_ms) - started)) ms"
}

# A `hello` through the repo's own driver: the server answers commands, not merely accepts connections.
server_answers() {
  (cd "$ROOT" && node -e '
    const { MongoClient } = require("mongodb");
    const client = new MongoClient(process.argv[1], { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
    client.db("admin").command({ hello: 1 }).then((reply) => process.exit(reply.ok === 1 ? 0 : 1), () => process.exit(1));
  ' "mongodb://$MONGO_HOST:$MONGO_PORT/")
}

wait_ready() {
  svc_wait_ready "$1" "$START_TIMEOUT" "$MONGO_HOST" "$MONGO_PORT" "$LOGFILE" "FerretDB" server_answers
}

start() {
  local pid started
  if pid=$(svc_running_pid "$PIDFILE"); then
    wait_ready "$pid"
    svc_log "already running (pid $pid) on $MONGO_HOST:$MONGO_PORT"
    return 0
  fi
  svc_port_open "$MONGO_HOST" "$MONGO_PORT" &&
    svc_fail "port $MONGO_PORT is already taken by another process (set MONGO_PORT to use another)"
  svc_require node
  (cd "$ROOT" && node -e 'require.resolve("mongodb")' 2>/dev/null) ||
    svc_fail "the mongodb driver is not installed (run npm ci first): the readiness check uses it"
  build
  mkdir -p "$DATA"
  started=$(svc_now_ms) # report the server's own start time, not the one-off build
  printf '\n===== start %s =====\n' "$(date -Is)" >>"$LOGFILE"
  # No --repl-set-name: FerretDB has no transactions, and a set name would make clients try them.
  pid=$(svc_spawn "$PIDFILE" "$LOGFILE" "FerretDB" "$BIN" --handler=sqlite --sqlite-url="file:$DATA/" --listen-addr="$MONGO_HOST:$MONGO_PORT" \
    --state-dir="$RUN_DIR" --debug-addr=- --telemetry=disable --log-level=warn)
  wait_ready "$pid"
  svc_log "ready on $MONGO_HOST:$MONGO_PORT (pid $pid, FerretDB $FERRETDB_VERSION, SQLite in $DATA) in $(($(svc_now_ms) - started)) ms"
}

stop() {
  svc_stop "$PIDFILE" "$STOP_TIMEOUT"
}

status() {
  svc_status "mongo stand-in (FerretDB $FERRETDB_VERSION)" "$PIDFILE" "$MONGO_HOST:$MONGO_PORT" server_answers
}

svc_main "$@"
