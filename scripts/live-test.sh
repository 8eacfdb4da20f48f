#!/usr/bin/env bash
# The live-tenant suite (test/live), which the normal test command only reports as skipped.
#
#   bash scripts/live-test.sh              against the tenant in SAIL_BASE_URL, SAIL_CLIENT_ID, SAIL_CLIENT_SECRET
#   bash scripts/live-test.sh --emulator   a dry run against a freshly started emulator (demo client), which
#                                          reads its ISC_EMULATOR_* variables, e.g. ISC_EMULATOR_LAG_MS=2000
#
# Further arguments go to jest (e.g. `-t adoption`). The files run one at a time: they share the tenant's rate limit.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

emulator=0
if [ "${1:-}" = "--emulator" ]; then
  emulator=1
  shift
fi

echo "==> type-check and build (Node $(node --version))"
npm run --silent typecheck
npm run --silent build

if [ "$emulator" = 1 ]; then
  LOG="$(mktemp)"
  node build/emulator/cli.js --port 0 >"$LOG" 2>&1 &
  EMULATOR_PID=$!
  trap 'kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true; rm -f "$LOG"' EXIT
  url=""
  for _ in $(seq 1 100); do
    url="$(sed -n 's/^ISC emulator listening on //p' "$LOG")"
    [ -n "$url" ] && break
    kill -0 "$EMULATOR_PID" 2>/dev/null || { cat "$LOG" >&2; echo "the emulator did not start" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$url" ] || { cat "$LOG" >&2; echo "the emulator printed no URL within 10 s" >&2; exit 1; }
  echo "==> emulator at $url (pid $EMULATOR_PID), demo client"
  export SAIL_BASE_URL="$url" SAIL_CLIENT_ID="demo-client" SAIL_CLIENT_SECRET="demo-secret"
else
  missing=""
  for v in SAIL_BASE_URL SAIL_CLIENT_ID SAIL_CLIENT_SECRET; do
    [ -n "${!v:-}" ] || missing="$missing $v"
  done
  if [ -n "$missing" ]; then
    echo "not set:$missing. Set the tenant's URL and a client's credentials (see README, \"Running the live-tenant suite\"), or pass --emulator." >&2
    exit 2
  fi
  echo "==> tenant $SAIL_BASE_URL, client $SAIL_CLIENT_ID"
fi
# A token in the environment would not be the suite's client: the export reads credentials from the environment.
unset SAIL_ACCESS_TOKEN
export SAIL_LIVE_TESTS=1

echo "==> jest test/live"
npx jest --ci --runInBand test/live "$@"
