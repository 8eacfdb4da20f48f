#!/usr/bin/env bash
# The test command: installs what it needs (Node 22, locked dependencies, the Pulumi CLI once per machine),
# type-checks, lints and checks formatting, builds, runs every test. Arguments go to jest (e.g. `bash scripts/test.sh test/engine`).
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
echo "==> type-check, lint and format check (Node $(node --version))"
npm run --silent typecheck
npm run --silent lint || { echo "lint or format check failed: npm run format fixes formatting and what ESLint can fix" >&2; exit 1; }
echo "==> build"
npm run --silent build
echo "==> jest"
RESULTS="$(mktemp)"
trap 'rm -f "$RESULTS"' EXIT
set +e
npx jest --ci --json --outputFile="$RESULTS" "$@"
status=$?
set -e
# One plain closing line with the counts.
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
if (r.numTotalTests === 0) { console.log("no test ran"); process.exit(1); }
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' "$RESULTS" || status=1
exit "$status"
