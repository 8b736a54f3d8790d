#!/usr/bin/env bash
# Installs dependencies and starts the demo app: frontend on :3000, backend on
# :7007, embedded SQLite under .data/, demo billing data written and imported
# on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
yarn install --immutable
mkdir -p .data
if [ -z "${FINOPS_API_TOKEN:-}" ]; then
  if [ ! -s .data/finops-api-token ]; then
    node -e 'process.stdout.write(require("crypto").randomBytes(24).toString("hex"))' > .data/finops-api-token
  fi
  FINOPS_API_TOKEN=$(cat .data/finops-api-token)
  export FINOPS_API_TOKEN
fi
echo "API token for shell calls (also in .data/finops-api-token): $FINOPS_API_TOKEN"
exec yarn start
