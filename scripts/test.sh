#!/usr/bin/env bash
# The test command: installs what it needs (Node 22, locked dependencies), type-checks, builds, runs every test.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
echo "==> type-check and build (Node $(node --version))"
npm run --silent typecheck
npm run --silent build
echo "==> jest"
exec npx jest --ci "$@"
