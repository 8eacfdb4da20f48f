#!/usr/bin/env bash
# The demo: installs what it needs, starts the embedded ISC emulator and runs a scripted session against it.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
npm run --silent build
exec node build/scripts/demo-session.js "$@"
