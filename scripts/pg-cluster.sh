#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the test suite.
#
#   scripts/pg-cluster.sh start   start one (or reuse the running one); prints its URL
#   scripts/pg-cluster.sh url     prints the URL of the running cluster (exit 1 if none)
#   scripts/pg-cluster.sh status  says whether it runs (exit 0 running, 1 not)
#   scripts/pg-cluster.sh stop    stops it and removes its data (no-op when none)
#
# The data lives in /tmp/tollgate-pg-XXXXXX, recorded in .tmp/pg-cluster.env. The server
# listens on 127.0.0.1 only (first free port from 54329), trusts every local connection,
# runs with fsync off and small buffers: for tests only. initdb/postgres refuse to run as
# root, so as root they run as the `postgres` system user.
# Only the URL goes to stdout; everything else goes to stderr.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="$ROOT/.tmp"
STATE_FILE="$STATE_DIR/pg-cluster.env"
LOCK_FILE="$STATE_DIR/pg-cluster.lock"
FIRST_PORT="${PG_CLUSTER_PORT:-54329}"
PORT_TRIES=40

log() { printf 'pg-cluster: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- where the server binaries are ---------------------------------------------------
find_bindir() {
  local d
  if [[ -n "${PG_BINDIR:-}" && -x "$PG_BINDIR/postgres" ]]; then echo "$PG_BINDIR"; return 0; fi
  if [[ -x /usr/lib/postgresql/15/bin/postgres ]]; then echo /usr/lib/postgresql/15/bin; return 0; fi
  # any other installed major version, newest first
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -rn); do
    if [[ -x "$d/postgres" && -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
  done
  if command -v pg_config >/dev/null 2>&1; then
    d="$(pg_config --bindir 2>/dev/null || true)"
    if [[ -n "$d" && -x "$d/postgres" && -x "$d/initdb" ]]; then echo "$d"; return 0; fi
  fi
  return 1
}

# --- run a command as the cluster owner ----------------------------------------------
IS_ROOT=0
[[ "$(id -u)" == 0 ]] && IS_ROOT=1

ensure_owner_user() {
  [[ $IS_ROOT == 1 ]] || return 0
  if ! id -u postgres >/dev/null 2>&1; then
    log "creating the postgres system user"
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  command -v runuser >/dev/null 2>&1 || die "runuser (util-linux) is required to run PostgreSQL as root"
}

# as_owner DIR CMD...: runs CMD with cwd DIR (a directory the owner can enter), stdin closed
# (fd 9 holds this script's lock: the postmaster must not inherit it)
as_owner() {
  local dir="$1"; shift
  if [[ $IS_ROOT == 1 ]]; then
    (cd "$dir" && runuser -u postgres -- "$@" </dev/null 9>&-)
  else
    (cd "$dir" && "$@" </dev/null 9>&-)
  fi
}

# --- state ---------------------------------------------------------------------------
PG_TMP="" PG_DATA="" PG_PORT="" PG_BIN=""
load_state() {
  PG_TMP="" PG_DATA="" PG_PORT="" PG_BIN=""
  [[ -f "$STATE_FILE" ]] || return 1
  local key value
  while IFS='=' read -r key value; do
    case "$key" in
      PG_TMP) PG_TMP="$value" ;;
      PG_DATA) PG_DATA="$value" ;;
      PG_PORT) PG_PORT="$value" ;;
      PG_BIN) PG_BIN="$value" ;;
    esac
  done <"$STATE_FILE"
  [[ -n "$PG_TMP" && -n "$PG_DATA" && -n "$PG_PORT" && -n "$PG_BIN" ]]
}

save_state() {
  local tmp="$STATE_FILE.$$"
  printf 'PG_TMP=%s\nPG_DATA=%s\nPG_PORT=%s\nPG_BIN=%s\n' "$PG_TMP" "$PG_DATA" "$PG_PORT" "$PG_BIN" >"$tmp"
  mv -f "$tmp" "$STATE_FILE"
}

url() { printf 'postgresql://postgres@127.0.0.1:%s/postgres\n' "$PG_PORT"; }

is_running() {
  [[ -n "$PG_DATA" && -d "$PG_DATA" && -x "$PG_BIN/pg_ctl" ]] || return 1
  as_owner "$PG_TMP" "$PG_BIN/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1 || return 1
  if [[ -x "$PG_BIN/pg_isready" ]]; then
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -t 5 </dev/null
  fi
}

port_in_use() {
  # a successful connect means something listens there
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# --- stop ----------------------------------------------------------------------------
stop_cluster() {
  if ! load_state; then
    [[ -f "$STATE_FILE" ]] && rm -f "$STATE_FILE"
    log "no cluster recorded; nothing to stop"
    return 0
  fi
  if [[ -d "$PG_DATA" && -x "$PG_BIN/pg_ctl" ]]; then
    if as_owner "$PG_TMP" "$PG_BIN/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1; then
      log "stopping the cluster on port $PG_PORT"
      as_owner "$PG_TMP" "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 30 >/dev/null 2>&1 \
        || as_owner "$PG_TMP" "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m immediate -w -t 15 >/dev/null 2>&1 \
        || true
    fi
    # last resort: the postmaster pid from its pid file
    if [[ -f "$PG_DATA/postmaster.pid" ]]; then
      local pid
      pid="$(head -n1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)"
      if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
        log "killing postmaster $pid"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 1
      fi
    fi
  fi
  # only ever remove what this script created
  if [[ "$PG_TMP" == /tmp/tollgate-pg-* && -d "$PG_TMP" ]]; then
    rm -rf -- "$PG_TMP"
  fi
  rm -f "$STATE_FILE"
  log "stopped and removed"
}

# --- start ---------------------------------------------------------------------------
start_cluster() {
  if load_state; then
    if is_running; then
      log "already running on port $PG_PORT"
      url
      return 0
    fi
    log "recorded cluster is not running; cleaning it up"
    stop_cluster
  fi

  PG_BIN="$(find_bindir)" || die "no PostgreSQL server binaries found (apt-get install -y postgresql)"
  ensure_owner_user

  PG_TMP="$(mktemp -d /tmp/tollgate-pg-XXXXXX)"
  PG_DATA="$PG_TMP/data"
  mkdir -p "$PG_DATA"
  chmod 700 "$PG_TMP" "$PG_DATA"
  if [[ $IS_ROOT == 1 ]]; then chown -R postgres:postgres "$PG_TMP"; fi
  PG_PORT=""
  save_state # from here on, `stop` can clean up whatever happens

  log "initdb in $PG_DATA ($PG_BIN)"
  if ! as_owner "$PG_TMP" "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust \
      --encoding=UTF8 --locale=C --no-sync >"$PG_TMP/initdb.log" 2>&1; then
    cat "$PG_TMP/initdb.log" >&2
    stop_cluster
    die "initdb failed"
  fi

  cat >>"$PG_DATA/postgresql.conf" <<EOF

# --- tollgate test cluster (scripts/pg-cluster.sh): throwaway, never for real data ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_TMP'
max_connections = 200
shared_buffers = 32MB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
checkpoint_timeout = 30min
max_wal_size = 1GB
logging_collector = off
log_min_messages = warning
EOF
  # trust for local connections only (initdb --auth=trust already does this; be explicit)
  cat >"$PG_DATA/pg_hba.conf" <<'EOF'
local   all   all                  trust
host    all   all   127.0.0.1/32   trust
host    all   all   ::1/128        trust
EOF
  if [[ $IS_ROOT == 1 ]]; then chown postgres:postgres "$PG_DATA/postgresql.conf" "$PG_DATA/pg_hba.conf"; fi

  local port=$FIRST_PORT tries=0
  while (( tries < PORT_TRIES )); do
    if port_in_use "$port"; then
      port=$((port + 1)); tries=$((tries + 1)); continue
    fi
    PG_PORT=$port
    save_state
    log "starting on 127.0.0.1:$port"
    if as_owner "$PG_TMP" "$PG_BIN/pg_ctl" start -D "$PG_DATA" -w -t 60 -l "$PG_TMP/server.log" \
        -o "-p $port" >/dev/null 2>&1 && is_running; then
      url
      return 0
    fi
    if grep -qiE 'could not bind|address already in use|could not create any TCP/IP sockets|lock file .* already exists' "$PG_TMP/server.log" 2>/dev/null; then
      log "port $port is taken; trying the next one"
      as_owner "$PG_TMP" "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m immediate -w -t 10 >/dev/null 2>&1 || true
      : >"$PG_TMP/server.log"
      port=$((port + 1)); tries=$((tries + 1)); continue
    fi
    log "the server did not start; its log:"
    cat "$PG_TMP/server.log" >&2 || true
    stop_cluster
    die "could not start PostgreSQL"
  done
  stop_cluster
  die "no free port in $FIRST_PORT..$((FIRST_PORT + PORT_TRIES - 1))"
}

# --- main ----------------------------------------------------------------------------
cmd="${1:-}"
case "$cmd" in
  start|stop|url|status) ;;
  *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac

mkdir -p "$STATE_DIR"
[[ -f "$STATE_DIR/.gitignore" ]] || printf '*\n' >"$STATE_DIR/.gitignore"

# one invocation at a time (start and stop may race in parallel jobs)
exec 9>"$LOCK_FILE"
if command -v flock >/dev/null 2>&1; then
  flock -w 120 9 || die "timed out waiting for $LOCK_FILE"
fi

case "$cmd" in
  start) start_cluster ;;
  stop) stop_cluster ;;
  url)
    if load_state && is_running; then url; else log "not running"; exit 1; fi ;;
  status)
    if load_state && is_running; then log "running: $(url)"; exit 0; else log "not running"; exit 1; fi ;;
esac
