# Sourced by the project's scripts: puts Node.js 22+ on PATH and installs the locked dependencies.
# @pulumi/pulumi 3.249+ needs Node 22; when the machine's Node is older, Node 22 comes from the npm
# registry's `node` package into a cache outside the repository, installed once per machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${PULUMI_ISC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-sailpoint-isc}"
NODE_PKG_VERSION="22"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  NODE_DIR="$CACHE/node-$NODE_PKG_VERSION"
  if [ ! -x "$NODE_DIR/node_modules/.bin/node" ]; then
    echo "==> Node $(node --version 2>/dev/null || echo none) is older than 22: installing node@$NODE_PKG_VERSION from the npm registry into $NODE_DIR" >&2
    mkdir -p "$NODE_DIR"
    npm install --prefix "$NODE_DIR" --no-save --no-audit --no-fund --loglevel=error "node@$NODE_PKG_VERSION" >&2
  fi
  export PATH="$NODE_DIR/node_modules/.bin:$PATH"
fi

# Install (or refresh) node_modules when the lockfile changed since the last install.
STAMP="$ROOT/node_modules/.install-stamp"
if [ ! -f "$STAMP" ] || [ "$ROOT/package-lock.json" -nt "$STAMP" ]; then
  echo "==> npm ci (Node $(node --version))" >&2
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >&2)
  touch "$STAMP"
fi
export PATH="$ROOT/node_modules/.bin:$PATH"
