#!/usr/bin/env bash
# THE test command (`npm test`). Runs, each stage announced:
#   1 packages    make sure the Debian packages below are installed (apt-get, only if missing)
#   2 typecheck   tsc --noEmit
#   3 lint        eslint . (only when an eslint config file exists)
#   4 postgres    throwaway cluster (scripts/pg-cluster.sh), stopped on exit
#   5 unit        vitest run (the drift test also checks PostgreSQL)
#   6 build       npm run build                      (SKIP_BUILD=1 skips it)
#   7 e2e         playwright test, once per database in TEST_DBS
#   8 fuzz        npm run fuzz (hostile archives, bodies and requests against a real server, SQLite)
# then prints a summary, ending with one line `N passed, N failed`, and exits non-zero if any
# stage failed. A failing stage that is not a test run (typecheck, lint, build, ...), or a
# test run that fails without reporting a failed test, counts as one failure in that line.
#
# Environment:
#   TEST_DBS="sqlite postgresql"   databases for the e2e runs (default both; "sqlite" for a quick run)
#   SKIP_BUILD=1                   reuse the existing .next build
# Arguments go to playwright: `npm test -- e2e/api/health.spec.ts` (everything else still runs).
set -Eeuo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export NEXT_TELEMETRY_DISABLED=1
export DEBIAN_FRONTEND=noninteractive

# ---------------------------------------------------------------------------------------
# Debian packages the test suite needs. ADD NEW ONES HERE (checked with `dpkg -s`,
# installed together in one apt-get call, only when one is missing).
APT_PACKAGES=(
  chromium     # console e2e tests drive /usr/bin/chromium (Playwright cannot download browsers)
  postgresql   # server binaries for the throwaway cluster (scripts/pg-cluster.sh)
  twine        # the PyPI e2e tests upload with the real twine
  conda-package-handling  # the conda e2e tests build .tar.bz2 and .conda packages with cph
)
# ---------------------------------------------------------------------------------------

TEST_DBS="${TEST_DBS:-sqlite postgresql}"
TEST_DBS="${TEST_DBS//,/ }"
PW_ARGS=("$@")

TMP_DIR="$ROOT/.tmp"
mkdir -p "$TMP_DIR"
[[ -f "$TMP_DIR/.gitignore" ]] || printf '*\n' >"$TMP_DIR/.gitignore"
rm -f "$TMP_DIR/vitest.json" "$TMP_DIR"/pw-*.json

STAGES=()      # "name|status|detail"
EXTRA_FAILS=0  # failed stages that reported no failed test
TESTS_PASSED=0
TESTS_FAILED=0

announce() { printf '\n==> %s\n' "$*"; }
record() { STAGES+=("$1|$2|${3:-}"); }

# run_stage NAME CMD...: runs CMD with errexit on (a subshell outside any `if`, so `set -e`
# really applies inside functions), prints how it went, sets STAGE_RC.
STAGE_RC=0
run_stage() {
  local name="$1"; shift
  local started=$SECONDS
  set +e
  ( set -Eeuo pipefail; "$@" )
  STAGE_RC=$?
  set -e
  local took=$((SECONDS - started))
  if [[ $STAGE_RC == 0 ]]; then
    printf -- '--> %s: ok (%ss)\n' "$name" "$took"
  else
    printf -- '--> %s: FAILED, exit %s (%ss)\n' "$name" "$STAGE_RC" "$took"
  fi
}

# results FILE vitest|playwright -> prints "PASSED FAILED", nothing if FILE is missing or unreadable
results() {
  node -e '
    const fs = require("fs");
    const [file, kind] = process.argv.slice(1);
    let r;
    try { r = JSON.parse(fs.readFileSync(file, "utf8")); } catch { process.exit(0); }
    let passed, failed;
    if (kind === "vitest") {
      passed = r.numPassedTests; failed = r.numFailedTests;
    } else {
      const s = r.stats || {};
      passed = (s.expected || 0) + (s.flaky || 0); failed = s.unexpected || 0;
    }
    if (Number.isInteger(passed) && Number.isInteger(failed)) console.log(passed + " " + failed);
  ' "$1" "$2"
}

# add_test_results NAME FILE KIND: adds a test run's counts and records the stage
add_test_results() {
  local name="$1" file="$2" kind="$3" counts passed failed
  counts="$(results "$file" "$kind" || true)"
  if [[ -n "$counts" ]]; then
    read -r passed failed <<<"$counts"
    TESTS_PASSED=$((TESTS_PASSED + passed))
    TESTS_FAILED=$((TESTS_FAILED + failed))
    if [[ $STAGE_RC != 0 && $failed == 0 ]]; then EXTRA_FAILS=$((EXTRA_FAILS + 1)); fi
    if [[ $STAGE_RC == 0 ]]; then record "$name" ok "$passed passed"; else record "$name" FAILED "$passed passed, $failed failed"; fi
  else
    if [[ $STAGE_RC != 0 ]]; then
      EXTRA_FAILS=$((EXTRA_FAILS + 1))
      record "$name" FAILED "exit $STAGE_RC, no results file"
    else
      record "$name" ok "no results file"
    fi
  fi
}

add_stage_result() { # NAME (uses STAGE_RC)
  if [[ $STAGE_RC == 0 ]]; then record "$1" ok; else record "$1" FAILED "exit $STAGE_RC"; EXTRA_FAILS=$((EXTRA_FAILS + 1)); fi
}

# --- PostgreSQL cluster lifecycle (stopped on any exit) ---------------------------------
PG_STARTED_HERE=0
stop_pg() {
  if [[ $PG_STARTED_HERE == 1 ]]; then
    PG_STARTED_HERE=0
    bash "$ROOT/scripts/pg-cluster.sh" stop </dev/null || true
  fi
}
trap stop_pg EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- stages ------------------------------------------------------------------------------
ensure_packages() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  # the binaries themselves, whatever dpkg says
  if [[ ! -x /usr/bin/chromium ]] && [[ " ${missing[*]} " != *" chromium "* ]]; then missing+=(chromium); fi
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && [[ " ${missing[*]} " != *" postgresql "* ]]; then
    missing+=(postgresql)
  fi
  if [[ ${#missing[@]} == 0 ]]; then
    echo "all present: ${APT_PACKAGES[*]}"
    return 0
  fi
  echo "missing: ${missing[*]}"
  local sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo -n); else echo "not root and no sudo: install ${missing[*]} yourself" >&2; return 1; fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then echo "no apt-get: install ${missing[*]} yourself" >&2; return 1; fi
  "${sudo[@]}" apt-get update </dev/null
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    -o DPkg::Lock::Timeout=300 "${missing[@]}" </dev/null
}

typecheck() {
  # next-env.d.ts and route types are generated (and gitignored): make them first
  if ! npx --no-install next typegen </dev/null; then
    echo "warning: next typegen failed; type-checking anyway" >&2
  fi
  npx --no-install tsc --noEmit </dev/null
}

eslint_config() {
  local f
  for f in eslint.config.js eslint.config.mjs eslint.config.cjs eslint.config.ts eslint.config.mts eslint.config.cts \
           .eslintrc .eslintrc.js .eslintrc.cjs .eslintrc.json .eslintrc.yml .eslintrc.yaml; do
    if [[ -f "$f" ]]; then echo "$f"; return 0; fi
  done
  return 1
}

build() {
  npm run build </dev/null
}

unit() {
  TEST_PG_URL="$PG_URL" npx --no-install vitest run --passWithNoTests --reporter=default --reporter=json \
    --outputFile.json="$TMP_DIR/vitest.json" </dev/null
}

e2e() { # DB [PG_URL]
  local db="$1" pg_url="${2:-}"
  # The build stage just ran: servers must not start builds of their own.
  local env=(TOLLGATE_TEST_DB="$db" PW_JSON_OUTPUT="$TMP_DIR/pw-$db.json" TOLLGATE_BUILD=never)
  [[ -n "$pg_url" ]] && env+=(TEST_PG_URL="$pg_url")
  env "${env[@]}" npx --no-install playwright test "${PW_ARGS[@]}" </dev/null
}

if [[ ! -x node_modules/.bin/tsc || ! -x node_modules/.bin/playwright || ! -x node_modules/.bin/vitest ]]; then
  echo "node_modules is missing or incomplete: run npm ci first" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

announce "1/8 packages: ${APT_PACKAGES[*]}"
run_stage packages ensure_packages
add_stage_result packages

announce "2/8 typecheck: next typegen && tsc --noEmit"
run_stage typecheck typecheck
add_stage_result typecheck

if cfg="$(eslint_config)"; then
  announce "3/8 lint: eslint . ($cfg)"
  run_stage lint npx --no-install eslint .
  add_stage_result lint
else
  announce "3/8 lint: skipped (no eslint config file)"
  record lint skipped "no eslint config"
fi

# Started before the unit tests: the schema/migration drift test checks PostgreSQL too.
PG_URL=""
if [[ " $TEST_DBS " == *" postgresql "* ]]; then
  announce "4/8 postgres: throwaway cluster (scripts/pg-cluster.sh start)"
  if PG_URL="$(bash scripts/pg-cluster.sh url </dev/null 2>/dev/null)"; then
    echo "reusing the cluster already running at $PG_URL (left running at the end)"
    STAGE_RC=0
  else
    PG_STARTED_HERE=1
    set +e
    PG_URL="$(bash scripts/pg-cluster.sh start </dev/null)"
    STAGE_RC=$?
    set -e
    [[ $STAGE_RC == 0 ]] || PG_URL=""
  fi
  if [[ $STAGE_RC == 0 ]]; then echo "--> postgres: $PG_URL"; else echo "--> postgres: FAILED, exit $STAGE_RC"; fi
  add_stage_result postgres
else
  announce "4/8 postgres: skipped (TEST_DBS=\"$TEST_DBS\")"
fi

announce "5/8 unit tests: vitest run"
run_stage unit unit
add_test_results "unit (vitest)" "$TMP_DIR/vitest.json" vitest

BUILD_OK=1
if [[ "${SKIP_BUILD:-}" == 1 ]]; then
  announce "6/8 build: skipped (SKIP_BUILD=1)"
  record build skipped "SKIP_BUILD=1"
else
  announce "6/8 build: npm run build"
  run_stage build build
  add_stage_result build
  [[ $STAGE_RC == 0 ]] || BUILD_OK=0
fi

for db in $TEST_DBS; do
  case "$db" in
    sqlite|postgresql) ;;
    *) announce "7/8 e2e ($db): unknown database in TEST_DBS"; STAGE_RC=2; add_stage_result "e2e ($db)"; continue ;;
  esac
  if [[ $BUILD_OK != 1 ]]; then
    announce "7/8 e2e ($db): skipped, the build failed"
    record "e2e ($db)" skipped "build failed"
    continue
  fi
  if [[ $db == postgresql && -z "$PG_URL" ]]; then
    announce "7/8 e2e ($db): skipped, no PostgreSQL cluster"
    record "e2e ($db)" skipped "no cluster"
    continue
  fi
  announce "7/8 e2e ($db): TOLLGATE_TEST_DB=$db playwright test ${PW_ARGS[*]}"
  if [[ $db == postgresql ]]; then run_stage "e2e ($db)" e2e "$db" "$PG_URL"; else run_stage "e2e ($db)" e2e "$db"; fi
  add_test_results "e2e ($db)" "$TMP_DIR/pw-$db.json" playwright
done

if [[ $BUILD_OK == 1 ]]; then
  announce "8/8 fuzz: npm run fuzz (FUZZ_RUNS=${FUZZ_RUNS:-150})"
  run_stage fuzz env TOLLGATE_BUILD=never TOLLGATE_TEST_DB=sqlite npx --no-install tsx scripts/fuzz.ts
  add_stage_result fuzz
else
  announce "8/8 fuzz: skipped, the build failed"
  record fuzz skipped "build failed"
fi

# stop the cluster now, so nothing is printed after the summary line
stop_pg

announce "Summary"
any_failed=0
for s in "${STAGES[@]}"; do
  IFS='|' read -r name status detail <<<"$s"
  [[ $status == FAILED ]] && any_failed=1
  printf '  %-8s %-18s %s\n' "$status" "$name" "$detail"
done
if [[ $any_failed == 1 && $EXTRA_FAILS -gt 0 ]]; then
  echo "  ($EXTRA_FAILS failed stage(s) without a failed test are counted as failures below)"
fi
echo "$TESTS_PASSED passed, $((TESTS_FAILED + EXTRA_FAILS)) failed"
[[ $any_failed == 0 ]]
