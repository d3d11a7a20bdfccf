#!/usr/bin/env bash
# THE benchmark (`npm run bench`). Prints figures; never fails on a threshold (it exits non-zero
# only when it could not measure: missing tools, server that does not start, a set-up request
# that fails). In one run:
#   1 packages   wrk and nginx (Debian's wrk and nginx-light, apt-get only when missing)
#   2 server     a throwaway Tollgate (`tsx server.ts`, builds itself when its build is stale)
#                with its own DATA_DIR in a temp dir; an account, a private raw repository,
#                a resource token and a 4 KiB file, all through the real API
#   3 nginx      its own config in the temp dir, loopback port, serving the same 4 KiB file
#   4 4 KiB      wrk, Bearer token: Tollgate with 1,000 tokens in the database, nginx, Tollgate
#                with 1,000,000 tokens (rows bulk-inserted by scripts/bench/seed-tokens.mjs),
#                Tollgate with 1,000 again (the filler rows deleted): the 1,000,000-token figure
#                is compared with the mean of the two 1,000-token runs around it
#   5 indexes    wrk, Bearer token: PyPI simple page of a project with 1,000 files, npm packument of
#                a package with 1,000 versions (rows seeded by scripts/bench/seed-packages.mjs)
#   6 1 GiB      curl MB/s from Tollgate and nginx; the Tollgate server process's RSS sampled
#                every 100 ms (/proc/<pid>/status of the node process listening on the port)
#   7 summary    table with nginx shares and the (informational) targets, then any problem seen
#                (non-2xx responses or socket errors in wrk, incomplete downloads, a busy machine)
# Each measured run also reports how much of the machine's CPU other processes took meanwhile
# (/proc/stat minus the server, nginx, wrk and curl): on a shared machine, read figures taken
# with more than ~10 % as depressed and noisy.
# Everything it starts (server, nginx, samplers) is stopped by pid and the temp dir removed on
# exit, failure or Ctrl-C. The server builds into the checkout's usual dist dir (.next, or
# TOLLGATE_DIST_DIR when set in the environment) like `npm start` does.
#
# Environment (all optional):
#   BENCH_DATABASE_URL=postgresql://…  run the server on this PostgreSQL database instead of a
#                                      temp SQLite file (a throwaway database: the bench adds an
#                                      account and up to 1,000,000 token rows, and deletes its
#                                      org and user again at the end)
#   BENCH_DURATION=15s  BENCH_WARMUP=5s  BENCH_THREADS=2  BENCH_CONNECTIONS=64   wrk parameters
#   BENCH_TOKENS_SMALL=1000  BENCH_TOKENS_LARGE=1000000   token rows for the two 4 KiB runs
#   BENCH_INDEX_ENTRIES=1000                files of the PyPI project, versions of the npm package
#   BENCH_BIG_SIZE=1G  BENCH_BIG_RUNS=3     size of the big file (head -c syntax), timed downloads
#   BENCH_TMPDIR=/tmp                       where the temp dir (~2x BENCH_BIG_SIZE) goes
#   BENCH_START_TIMEOUT=600                 seconds to wait for the server (first start builds)
#   BENCH_RESULTS_DIR=path                  keep results, wrk outputs and logs there
set -Eeuo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DEBIAN_FRONTEND=noninteractive
export NEXT_TELEMETRY_DISABLED=1

DURATION="${BENCH_DURATION:-15s}"
WARMUP="${BENCH_WARMUP:-5s}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
TOKENS_SMALL="${BENCH_TOKENS_SMALL:-1000}"
TOKENS_LARGE="${BENCH_TOKENS_LARGE:-1000000}"
INDEX_ENTRIES="${BENCH_INDEX_ENTRIES:-1000}"
BIG_SIZE="${BENCH_BIG_SIZE:-1G}"
BIG_RUNS="${BENCH_BIG_RUNS:-3}"
START_TIMEOUT="${BENCH_START_TIMEOUT:-600}"
DATABASE_URL_FOR_BENCH="${BENCH_DATABASE_URL:-}"

case "$BIG_SIZE" in
  *K) BIG_LABEL="${BIG_SIZE%K} KiB" ;; *M) BIG_LABEL="${BIG_SIZE%M} MiB" ;; *G) BIG_LABEL="${BIG_SIZE%G} GiB" ;; *) BIG_LABEL="$BIG_SIZE bytes" ;;
esac

STARTED_AT=$SECONDS
log() { printf '[bench %4ss] %s\n' "$((SECONDS - STARTED_AT))" "$*"; }
section() { printf '\n== %s ==\n' "$*"; }
die() { log "error: $*"; exit 1; }
indent() { sed 's/^/    /'; }

PROBLEMS=()
problem() { PROBLEMS+=("$*"); log "PROBLEM: $*"; }

# ---------------------------------------------------------------------------------------
section "1 packages"
nginx_bin() { command -v nginx 2>/dev/null || { [[ -x /usr/sbin/nginx ]] && echo /usr/sbin/nginx; } || true; }
MISSING=()
command -v wrk >/dev/null 2>&1 || MISSING+=(wrk)
[[ -n "$(nginx_bin)" ]] || MISSING+=(nginx-light)
command -v curl >/dev/null 2>&1 || MISSING+=(curl)   # the bench's HTTP client; absent from slim images
if ((${#MISSING[@]})); then
  [[ $EUID == 0 ]] || die "missing ${MISSING[*]}; run as root (apt-get) or install them"
  log "installing ${MISSING[*]} (apt-get)"
  apt-get update
  apt-get install -y "${MISSING[@]}"
fi
NGINX="$(nginx_bin)"
[[ -n "$NGINX" ]] || die "nginx not found after installing nginx-light"
log "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $("$NGINX" -v 2>&1), node $(node -v), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------------------------------
# Temp dir and cleanup.
TMP_PARENT="${BENCH_TMPDIR:-${TMPDIR:-/tmp}}"
BENCH_TMP="$(mktemp -d "$TMP_PARENT/tollgate-bench.XXXXXX")"
RESULTS="$BENCH_TMP/results.env"
printf 'tokens_small=%s\ntokens_large=%s\nbig_label=%s\nindex_entries=%s\n' "$TOKENS_SMALL" "$TOKENS_LARGE" "$BIG_LABEL" "$INDEX_ENTRIES" >"$RESULTS"
SERVER_PID=""       # `setsid tsx server.ts`: also the id of its process group
SERVER_NODE_PID=""  # the node process listening on the port
NGINX_PID=""
SAMPLER_PID=""
CHILD_PID=""        # a long foreground step run through run_child
TOKEN_ID=""

# run_child OUT CMD...: runs CMD (stdout to file OUT) in the background and waits for it. wrk
# catches SIGINT and exits 0, which keeps bash from acting on a Ctrl-C it got while waiting for a
# foreground wrk; `wait` is interrupted by the signal at once, so the trap below runs and stops
# CMD by its pid.
run_child() {
  local rc=0 out="$1"
  shift
  "$@" >"$out" &
  CHILD_PID=$!
  wait "$CHILD_PID" || rc=$?
  CHILD_PID=""
  return "$rc"
}

stop_sampler() {
  if [[ -n "$SAMPLER_PID" ]]; then
    kill "$SAMPLER_PID" 2>/dev/null || true
    wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=""
  fi
}

stop_nginx() {
  [[ -n "$NGINX_PID" ]] || return 0
  kill -TERM "$NGINX_PID" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$NGINX_PID" 2>/dev/null || true
  wait "$NGINX_PID" 2>/dev/null || true
  NGINX_PID=""
}

stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  # The process group started by setsid: tsx and its node child (nothing else is in it).
  kill -TERM -- "-$SERVER_PID" 2>/dev/null || kill -TERM "$SERVER_PID" 2>/dev/null || true
  if [[ -n "$SERVER_NODE_PID" ]]; then kill -TERM "$SERVER_NODE_PID" 2>/dev/null || true; fi
  for _ in $(seq 150); do
    kill -0 -- "-$SERVER_PID" 2>/dev/null || kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
  if [[ -n "$SERVER_NODE_PID" ]]; then kill -KILL "$SERVER_NODE_PID" 2>/dev/null || true; fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  SERVER_NODE_PID=""
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if [[ -n "$CHILD_PID" ]]; then kill "$CHILD_PID" 2>/dev/null; wait "$CHILD_PID" 2>/dev/null; fi
  stop_sampler
  stop_nginx
  stop_server
  if [[ -n "$DATABASE_URL_FOR_BENCH" && -n "$TOKEN_ID" ]]; then
    node scripts/bench/seed-tokens.mjs cleanup --token-id "$TOKEN_ID" --url "$DATABASE_URL_FOR_BENCH" >/dev/null \
      || log "could not delete the bench org/user from the PostgreSQL database"
  fi
  if [[ -n "${BENCH_RESULTS_DIR:-}" ]]; then
    mkdir -p "$BENCH_RESULTS_DIR"
    cp "$BENCH_TMP"/results.env "$BENCH_TMP"/wrk-*.txt "$BENCH_TMP"/*.log "$BENCH_TMP"/rss-*.txt "$BENCH_RESULTS_DIR"/ 2>/dev/null
    [[ -f "$BENCH_TMP/nginx/error.log" ]] && cp "$BENCH_TMP/nginx/error.log" "$BENCH_RESULTS_DIR/nginx-error.log"
  fi
  rm -rf "$BENCH_TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Every descendant pid of $1 (from /proc: no procps needed).
descendants() {
  local map queue=("$1") p child
  # (processes come and go meanwhile: cat's complaints about vanished ones are expected)
  map="$({ cat /proc/[0-9]*/status 2>/dev/null || true; } | awk '/^Pid:/ { p = $2 } /^PPid:/ { print $2, p }')"
  while ((${#queue[@]})); do
    p="${queue[0]}"
    queue=("${queue[@]:1}")
    for child in $(awk -v p="$p" '$1 == p { print $2 }' <<<"$map"); do
      echo "$child"
      queue+=("$child")
    done
  done
}

# The pid of the process listening on TCP port $1: ss when present, else the /proc socket inodes.
listener_pid() {
  local port="$1" pid="" inodes cand ino fd
  if command -v ss >/dev/null 2>&1; then
    pid="$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)"
  fi
  if [[ -z "$pid" ]]; then
    inodes="$(awk -v p="$(printf ':%04X' "$port")" '$4 == "0A" && substr($2, length($2) - 4) == p { print $10 }' /proc/net/tcp /proc/net/tcp6 2>/dev/null)"
    for cand in $(descendants "$SERVER_PID"); do
      for fd in "/proc/$cand/fd/"*; do
        for ino in $inodes; do
          [[ "$(readlink "$fd" 2>/dev/null)" == "socket:[$ino]" ]] && pid="$cand"
        done
      done
    done
  fi
  echo "$pid"
}

# field KEY: the value of KEY in a line of key=value pairs on stdin.
field() { tr ' ' '\n' | awk -F= -v k="$1" '$1 == k { print $2 }'; }
vm_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
kb_to_mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }'; }

# VmRSS/VmHWM of pid $1 every 100 ms into file $2, in the background.
start_sampler() {
  local pid="$1" out="$2"
  (
    while [[ -r "/proc/$pid/status" ]]; do
      awk '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 } END { print r, h }' "/proc/$pid/status" 2>/dev/null || true
      sleep 0.1
    done
  ) >"$out" &
  SAMPLER_PID=$!
}

# ---------------------------------------------------------------------------------------
section "2 server"
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
DATA_DIR="$BENCH_TMP/data"
mkdir -p "$DATA_DIR"
SERVER_ENV=(PORT="$PORT" DATA_DIR="$DATA_DIR")
if [[ -n "$DATABASE_URL_FOR_BENCH" ]]; then
  SERVER_ENV+=(DATABASE_URL="$DATABASE_URL_FOR_BENCH")
  DB_LABEL="postgresql (BENCH_DATABASE_URL)"
  DB_ARGS=(--url "$DATABASE_URL_FOR_BENCH")
else
  DB_LABEL="sqlite ($DATA_DIR/tollgate.db)"
  DB_ARGS=(--sqlite "$DATA_DIR/tollgate.db")
fi
log "starting the server on port $PORT, database $DB_LABEL"
# setsid: own process group, so the whole server (tsx + node child) is stopped by one id, and
# Ctrl-C in the terminal reaches it only through our trap.
setsid env -u DATABASE_URL -u PUBLIC_URL "${SERVER_ENV[@]}" node_modules/.bin/tsx server.ts >"$BENCH_TMP/server.log" 2>&1 &
SERVER_PID=$!

deadline=$((SECONDS + START_TIMEOUT))
next_note=$((SECONDS + 20))
until curl -fsS -o /dev/null --max-time 2 "$BASE/api/v1/health" 2>/dev/null; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    tail -n 40 "$BENCH_TMP/server.log" | indent
    die "the server exited before answering /api/v1/health"
  fi
  ((SECONDS < deadline)) || { tail -n 40 "$BENCH_TMP/server.log" | indent; die "no healthy server after ${START_TIMEOUT}s"; }
  if ((SECONDS >= next_note)); then
    if grep -q 'next build' "$BENCH_TMP/server.log"; then log "still starting (building the app)…"; else log "still starting…"; fi
    next_note=$((SECONDS + 20))
  fi
  sleep 0.5
done
grep -q 'running .next build.' "$BENCH_TMP/server.log" && log "(the server built the app first: its build was stale)"
log "healthy: $(grep -m1 'listening on' "$BENCH_TMP/server.log" || echo 'listening')"

SERVER_NODE_PID="$(listener_pid "$PORT")"
[[ -n "$SERVER_NODE_PID" ]] || die "cannot find the process listening on port $PORT"
SERVER_TREE="$(descendants "$SERVER_PID")"  # not piped into grep -q: pipefail + SIGPIPE
if ! grep -qx "$SERVER_NODE_PID" <<<"$SERVER_TREE" && [[ "$SERVER_NODE_PID" != "$SERVER_PID" ]]; then
  die "the process on port $PORT (pid $SERVER_NODE_PID) is not the server we started (pid $SERVER_PID)"
fi
log "server: tsx pid $SERVER_PID, node server pid $SERVER_NODE_PID ($(tr '\0' ' ' <"/proc/$SERVER_NODE_PID/cmdline" | cut -c1-120))"

# api METHOD PATH EXPECTED_STATUS [JSON]: prints the response body; dies on another status.
COOKIES="$BENCH_TMP/cookies.txt"
api() {
  local method="$1" path="$2" expect="$3" out="$BENCH_TMP/api.out" code
  local args=(-sS -o "$out" -w '%{http_code}' -X "$method" -b "$COOKIES" -c "$COOKIES" -H 'content-type: application/json')
  [[ $# -ge 4 ]] && args+=(--data-binary "$4")
  code="$(curl "${args[@]}" "$BASE$path")" || die "$method $path: curl failed"
  [[ "$code" == "$expect" ]] || die "$method $path -> HTTP $code (expected $expect): $(head -c 600 "$out")"
  cat "$out"
}
json() { node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => { const v = process.argv[1].split(".").reduce((o, k) => o?.[k], JSON.parse(s)); console.log(v ?? ""); });' "$1"; }

SUFFIX="$(node -e 'console.log(require("crypto").randomBytes(4).toString("hex"))')"
ORG="bench-$SUFFIX"
api POST /api/v1/signup 201 "{\"email\":\"bench-$SUFFIX@example.com\",\"name\":\"Bench\",\"password\":\"bench-password-$SUFFIX\",\"orgName\":\"Bench $SUFFIX\",\"orgSlug\":\"$ORG\"}" >/dev/null
api POST "/api/v1/orgs/$ORG/repos" 201 '{"name":"files","format":"raw","visibility":"private"}' >/dev/null
TOKEN_JSON="$(api POST /api/v1/tokens 201 "{\"org\":\"$ORG\",\"name\":\"bench\",\"type\":\"resource\",\"resources\":[{\"repo\":\"*\",\"access\":\"write\"}]}")"
SECRET="$(json secret <<<"$TOKEN_JSON")"
TOKEN_ID="$(json token.id <<<"$TOKEN_JSON")"
[[ -n "$SECRET" && -n "$TOKEN_ID" ]] || die "no secret/id in the token response: $TOKEN_JSON"
log "org $ORG, repository files (raw, private), token ${SECRET:0:8}… (id $TOKEN_ID)"
AUTH="Authorization: Bearer $SECRET"

WWW="$BENCH_TMP/www"
mkdir -p "$WWW"
head -c 4096 /dev/urandom >"$WWW/4k.bin"
code="$(curl -sS -o "$BENCH_TMP/api.out" -w '%{http_code}' -X PUT --data-binary @"$WWW/4k.bin" -H "$AUTH" -H 'content-type: application/octet-stream' "$BASE/raw/$ORG/files/4k.bin")"
[[ "$code" == 201 ]] || die "upload of 4k.bin -> HTTP $code: $(head -c 600 "$BENCH_TMP/api.out")"
TG_4K="$BASE/raw/$ORG/files/4k.bin"
curl -sS -o "$BENCH_TMP/4k.check" -H "$AUTH" "$TG_4K"
cmp -s "$BENCH_TMP/4k.check" "$WWW/4k.bin" || die "GET $TG_4K does not return the uploaded bytes"
log "4 KiB file uploaded and read back: $(curl -sS -o /dev/null -D - -H "$AUTH" "$TG_4K" | tr -d '\r' | grep -iE '^(HTTP|content-length|content-type|cache-control)' | paste -sd' ')"
code="$(curl -sS -o /dev/null -w '%{http_code}' "$TG_4K")"
[[ "$code" == 401 || "$code" == 404 ]] || problem "GET without a token answered $code (expected 401/404): the run may not measure the token check"

# ---------------------------------------------------------------------------------------
section "3 nginx"
NGX="$BENCH_TMP/nginx"
NPORT="$(free_port)"
mkdir -p "$NGX"
NGINX_TEMP_DIRECTIVES=(client_body_temp_path proxy_temp_path fastcgi_temp_path uwsgi_temp_path scgi_temp_path)
write_nginx_conf() {
  {
    echo "daemon off;"
    echo "worker_processes auto;"
    echo "pid $NGX/nginx.pid;"
    echo "error_log $NGX/error.log warn;"
    # As root, workers would otherwise run as nobody, who cannot enter the private temp dir.
    [[ $EUID == 0 ]] && echo "user $(id -un) $(id -gn);"
    echo "events { worker_connections 4096; }"
    echo "http {"
    echo "  access_log off;"
    echo "  sendfile on;"
    echo "  tcp_nopush on;"
    echo "  keepalive_requests 1000000;"
    echo "  keepalive_timeout 65s;"
    echo "  default_type application/octet-stream;"
    local d
    for d in "${NGINX_TEMP_DIRECTIVES[@]}"; do echo "  $d $NGX/${d%_temp_path};"; done
    echo "  server {"
    echo "    listen 127.0.0.1:$NPORT;"
    echo "    root $WWW;"
    echo "    location / { }"
    echo "  }"
    echo "}"
  } >"$NGX/nginx.conf"
}
# nginx-light may lack a module whose temp path directive we set: drop such lines and retry.
for _ in 1 2 3 4 5 6; do
  write_nginx_conf
  if "$NGINX" -t -q -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/error.log" 2>"$NGX/test.err"; then break; fi
  unknown="$(grep -o 'unknown directive "[a-z_]*"' "$NGX/test.err" | cut -d'"' -f2 || true)"
  [[ -n "$unknown" ]] || { indent <"$NGX/test.err"; die "nginx rejects its config"; }
  NGINX_TEMP_DIRECTIVES=("${NGINX_TEMP_DIRECTIVES[@]/$unknown/}")
  mapfile -t NGINX_TEMP_DIRECTIVES < <(printf '%s\n' "${NGINX_TEMP_DIRECTIVES[@]}" | grep .)
done
# setsid: a Ctrl-C in the terminal stops nginx only through our trap, like the server.
setsid "$NGINX" -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/error.log" >"$BENCH_TMP/nginx.log" 2>&1 &
NGINX_PID=$!
NG_4K="http://127.0.0.1:$NPORT/4k.bin"
for _ in $(seq 50); do curl -fsS -o /dev/null "$NG_4K" 2>/dev/null && break; kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
curl -fsS -o "$BENCH_TMP/4k.ngx" -H "$AUTH" "$NG_4K" || { cat "$NGX/error.log" "$BENCH_TMP/nginx.log" 2>/dev/null | indent; die "nginx does not serve $NG_4K"; }
cmp -s "$BENCH_TMP/4k.ngx" "$WWW/4k.bin" || die "nginx does not return the 4 KiB file"
log "nginx pid $NGINX_PID on port $NPORT ($(grep -c . "$NGX/nginx.conf") config lines in $NGX/nginx.conf)"

# ---------------------------------------------------------------------------------------
seed_tokens() {
  local total="$1" out
  out="$(node scripts/bench/seed-tokens.mjs fill --token-id "$TOKEN_ID" --total "$total" "${DB_ARGS[@]}")"
  log "tokens in the database: $(json after <<<"$out") (inserted $(json inserted <<<"$out"), deleted $(json deleted <<<"$out") in $(json seconds <<<"$out")s)"
}

# CPU accounting, to tell a slow server from a busy machine (this checkout is shared: other
# test runs, builds and servers may be using the same 2 CPUs). cpu_mark prints, in clock ticks:
# the machine's user+nice+system time, its total time, its steal time, and the CPU time of our
# own processes (the server, nginx and its workers, and this shell's reaped children: wrk, curl).
proc_ticks() {
  local p total=0 v
  for p in "$@"; do
    v="$(awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$p/stat" 2>/dev/null || true)"
    total=$((total + ${v:-0}))
  done
  echo "$total"
}
cpu_mark() {
  local machine ours children pids=()
  machine="$(awk '$1 == "cpu" { print $2 + $3 + $4, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $9 }' /proc/stat)"
  [[ -n "$SERVER_NODE_PID" ]] && pids+=("$SERVER_NODE_PID")
  if [[ -n "$NGINX_PID" ]]; then
    pids+=("$NGINX_PID")
    mapfile -t -O "${#pids[@]}" pids < <(descendants "$NGINX_PID")
  fi
  ours="$(proc_ticks "${pids[@]}")"
  children="$(awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[14] + f[15] }' "/proc/$$/stat")"
  echo "$machine $((ours + children))"
}
# cpu_note NAME "MARK_BEFORE" "MARK_AFTER": logs and records the share of the machine used by
# other processes (and stolen by the hypervisor) between the marks; flags a busy machine.
cpu_note() {
  local name="$1" other steal ours
  read -r other steal ours < <(awk -v a="$2" -v b="$3" 'BEGIN {
    split(a, x, " "); split(b, y, " "); total = y[2] - x[2]
    if (total <= 0) { print "0 0 0"; exit }
    o = (y[1] - x[1]) - (y[4] - x[4]); if (o < 0) o = 0
    printf "%.1f %.1f %.1f\n", 100 * o / total, 100 * (y[3] - x[3]) / total, 100 * (y[4] - x[4]) / total }')
  log "$name: CPU during the run: bench processes $ours %, other processes $other %, steal $steal % of the machine"
  printf '%s_other_cpu=%s\n%s_steal=%s\n' "$name" "$other" "$name" "$steal" >>"$RESULTS"
  if awk -v o="$other" -v s="$steal" 'BEGIN { exit !(o > 10 || s > 5) }'; then
    problem "$name: other processes used $other % of the machine's CPU (steal $steal %) during the run: its figures are depressed and noisy"
  fi
}

# run_wrk NAME URL: warm-up, measured run (output shown), figures into the results file.
run_wrk() {
  local name="$1" url="$2" out="$BENCH_TMP/wrk-$1.txt" parsed kv non2xx sockerr mark
  log "$name: warm-up $WARMUP, then wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $url"
  run_child "$BENCH_TMP/wrk-$name-warmup.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$AUTH" "$url"
  log "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  mark="$(cpu_mark)"
  run_child "$out" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$AUTH" "$url"
  cpu_note "$name" "$mark" "$(cpu_mark)"
  indent <"$out"
  parsed="$(node scripts/bench/report.mjs wrk "$out")"
  for kv in $parsed; do echo "${name}_$kv" >>"$RESULTS"; done
  non2xx="$(field non2xx <<<"$parsed")"
  sockerr="$(field sockerr <<<"$parsed")"
  [[ "${non2xx:-0}" == 0 ]] || problem "$name: wrk reports $non2xx non-2xx/3xx responses (figures include failed requests)"
  [[ "${sockerr:-0}" == 0 ]] || problem "$name: wrk reports $sockerr socket errors (connect/read/write/timeout)"
  non2xx="$(node scripts/bench/report.mjs wrk "$BENCH_TMP/wrk-$name-warmup.txt" | field non2xx)"
  [[ "${non2xx:-0}" == 0 ]] || problem "$name warm-up: $non2xx non-2xx/3xx responses"
}

section "4 4 KiB download, $CONNECTIONS connections"
seed_tokens "$TOKENS_SMALL"
run_wrk tg1k "$TG_4K"
kill -0 "$SERVER_NODE_PID" 2>/dev/null || die "the server died during the run"
run_wrk nginx "$NG_4K"
seed_tokens "$TOKENS_LARGE"
run_wrk tg1m "$TG_4K"
kill -0 "$SERVER_NODE_PID" 2>/dev/null || die "the server died during the run"
# Back to the small table and once more: the two small-table runs bracket the large one, so a
# drift of the machine (other load, thermal) shows, and the comparison uses their mean.
seed_tokens "$TOKENS_SMALL"
run_wrk tg1k2 "$TG_4K"
code="$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer tgp_not_a_real_token" "$TG_4K")"
[[ "$code" == 401 ]] || problem "a bogus token answered $code (expected 401)"

# ---------------------------------------------------------------------------------------
section "5 index pages, $INDEX_ENTRIES entries, $CONNECTIONS connections"
for r in py:pypi js:npm; do api POST "/api/v1/orgs/$ORG/repos" 201 "{\"name\":\"${r%:*}\",\"format\":\"${r#*:}\",\"visibility\":\"private\"}" >/dev/null; done
SEEDED="$(node scripts/bench/seed-packages.mjs --base "$BASE" --token "$SECRET" --org "$ORG" --count "$INDEX_ENTRIES" "${DB_ARGS[@]}")" || die "could not seed the index pages"
echo "$SEEDED" >>"$RESULTS" && log "seeded, pages checked: $(paste -sd' ' <<<"$SEEDED")"
run_wrk pypi1k "$BASE/pypi/$ORG/py/simple/bench-pkg/"
run_wrk npm1k "$BASE/npm/$ORG/js/bench-pkg"
kill -0 "$SERVER_NODE_PID" 2>/dev/null || die "the server died during the run"

# ---------------------------------------------------------------------------------------
section "6 $BIG_LABEL download"
BIG="$WWW/big.bin"
log "writing $BIG_LABEL of random bytes"
head -c "$BIG_SIZE" /dev/urandom >"$BIG"
BIG_BYTES="$(stat -c %s "$BIG")"
TG_BIG="$BASE/raw/$ORG/files/big.bin"
NG_BIG="http://127.0.0.1:$NPORT/big.bin"

RSS_BEFORE_UPLOAD_KB="$(vm_kb "$SERVER_NODE_PID" VmRSS)"
echo "rss_before_upload_mb=$(kb_to_mb "$RSS_BEFORE_UPLOAD_KB")" >>"$RESULTS"
start_sampler "$SERVER_NODE_PID" "$BENCH_TMP/rss-upload.txt"
read -r code speed took < <(curl -sS -o "$BENCH_TMP/api.out" -w '%{http_code} %{speed_upload} %{time_total}\n' -T "$BIG" -H 'Expect:' -H "$AUTH" "$TG_BIG")
stop_sampler
[[ "$code" == 201 ]] || die "upload of $BIG_LABEL -> HTTP $code: $(head -c 600 "$BENCH_TMP/api.out")"
echo "tg_1g_upload_mbs=$(awk -v s="$speed" 'BEGIN { printf "%.1f", s / 1e6 }')" >>"$RESULTS"
UPLOAD_RSS="$(node scripts/bench/report.mjs rss "$BENCH_TMP/rss-upload.txt")"
log "uploaded to Tollgate in ${took}s; server RSS $(kb_to_mb "$RSS_BEFORE_UPLOAD_KB") MB before, peak $(field peak_rss_mb <<<"$UPLOAD_RSS") MB during the upload"
echo "rss_upload_peak_mb=$(field peak_rss_mb <<<"$UPLOAD_RSS")" >>"$RESULTS"

# dl URL -> "http_code size_download speed_download(bytes/s)"
dl() { curl -sS -o /dev/null -w '%{http_code} %{size_download} %{speed_download}\n' -H "$AUTH" "$1"; }
check_dl() { # name code size
  [[ "$2" == 200 && "$3" == "$BIG_BYTES" ]] || problem "$1: HTTP $2, $3 bytes (expected 200, $BIG_BYTES bytes)"
}

log "nginx: one unmeasured download (page cache), then $BIG_RUNS timed"
read -r code size speed < <(dl "$NG_BIG"); check_dl "nginx big warm-up" "$code" "$size"
NG_SPEEDS=()
mark="$(cpu_mark)"
for i in $(seq "$BIG_RUNS"); do
  read -r code size speed < <(dl "$NG_BIG"); check_dl "nginx big run $i" "$code" "$size"
  NG_SPEEDS+=("$(awk -v s="$speed" 'BEGIN { printf "%.1f", s / 1e6 }')")
done
cpu_note nginx_big "$mark" "$(cpu_mark)"
log "nginx MB/s: ${NG_SPEEDS[*]}"

sleep 2  # let the server settle (GC, last-use write) before taking its "before" RSS
RSS_BEFORE_KB="$(vm_kb "$SERVER_NODE_PID" VmRSS)"
HWM_BEFORE_KB="$(vm_kb "$SERVER_NODE_PID" VmHWM)"
log "Tollgate: server RSS before $(kb_to_mb "$RSS_BEFORE_KB") MB (VmHWM $(kb_to_mb "$HWM_BEFORE_KB") MB); one unmeasured download, then $BIG_RUNS timed, RSS sampled every 100 ms throughout"
start_sampler "$SERVER_NODE_PID" "$BENCH_TMP/rss-download.txt"
read -r code size speed < <(dl "$TG_BIG"); check_dl "Tollgate big warm-up" "$code" "$size"
TG_SPEEDS=()
mark="$(cpu_mark)"
for i in $(seq "$BIG_RUNS"); do
  read -r code size speed < <(dl "$TG_BIG"); check_dl "Tollgate big run $i" "$code" "$size"
  TG_SPEEDS+=("$(awk -v s="$speed" 'BEGIN { printf "%.1f", s / 1e6 }')")
done
sleep 0.3
stop_sampler
cpu_note tg_big "$mark" "$(cpu_mark)"
HWM_AFTER_KB="$(vm_kb "$SERVER_NODE_PID" VmHWM)"
RSS_AFTER_KB="$(vm_kb "$SERVER_NODE_PID" VmRSS)"
DL_RSS="$(node scripts/bench/report.mjs rss "$BENCH_TMP/rss-download.txt")"
log "Tollgate MB/s: ${TG_SPEEDS[*]}"
log "server RSS: before $(kb_to_mb "$RSS_BEFORE_KB") MB, peak $(field peak_rss_mb <<<"$DL_RSS") MB ($(field samples <<<"$DL_RSS") samples), after $(kb_to_mb "$RSS_AFTER_KB") MB; VmHWM $(kb_to_mb "$HWM_BEFORE_KB") -> $(kb_to_mb "$HWM_AFTER_KB") MB"
{
  echo "nginx_1g_mbs=$(node scripts/bench/report.mjs median "${NG_SPEEDS[@]}")"
  echo "tg_1g_mbs=$(node scripts/bench/report.mjs median "${TG_SPEEDS[@]}")"
  echo "rss_before_mb=$(kb_to_mb "$RSS_BEFORE_KB")"
  echo "rss_peak_mb=$(field peak_rss_mb <<<"$DL_RSS")"
  echo "hwm_before_mb=$(kb_to_mb "$HWM_BEFORE_KB")"
  echo "hwm_after_mb=$(kb_to_mb "$HWM_AFTER_KB")"
} >>"$RESULTS"
rm -f "$BIG"

# ---------------------------------------------------------------------------------------
section "7 summary"
echo "database: $DB_LABEL; 4 KiB and index pages: wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after ${WARMUP} warm-up), Bearer token;"
echo "big file: $BIG_LABEL, median of $BIG_RUNS curl runs; $(nproc) CPUs shared by wrk/curl and the server; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "targets are informational: nothing here fails on them"
echo
node scripts/bench/report.mjs summary "$RESULTS"
echo
if ((${#PROBLEMS[@]})); then
  echo "Problems seen during the run (figures above may not be trustworthy):"
  printf '  - %s\n' "${PROBLEMS[@]}"
else
  echo "No problems seen: every measured response was 2xx, no socket errors, downloads complete."
fi
log "done"
