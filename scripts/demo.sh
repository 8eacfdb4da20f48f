#!/usr/bin/env bash
# The demo: installs what it needs (Node 22, the locked dependencies, the Pulumi CLI once per machine), then
# runs the tenant-baseline example through the real `pulumi` CLI against the embedded ISC emulator,
# then (scripts/demo-zpa.ts) the zpa-segment-groups example against the embedded ZPA emulator.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
npm run --silent build
exec node build/scripts/demo.js "$@"
