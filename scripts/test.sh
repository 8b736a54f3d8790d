#!/usr/bin/env bash
# Installs dependencies and runs every test: generated-code check, type check,
# unit/component/database tests (SQLite always, PostgreSQL when one answers on
# 127.0.0.1:5432 or at FINOPS_TEST_POSTGRES_URL), then the browser test
# against the built demo app in headless Chromium. Under CI (CI=true in the
# caller's environment) a missing PostgreSQL fails the run instead of
# skipping its half.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
# Whether the caller is CI, before this script sets CI for the test runners.
IN_CI="${CI:-}"
export CI=true

step() { printf '\n=== %s\n' "$*"; }

step "Install dependencies"
yarn install --immutable

step "Generated API code is up to date"
node scripts/generate-openapi.mjs --check

step "Type check"
yarn tsc

step "Lint (Backstage's ESLint rules)"
yarn backstage-cli repo lint

POSTGRES_URL="${FINOPS_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432}"
if node -e '
  const { Client } = require("pg");
  const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
  client.connect().then(() => client.end()).then(() => process.exit(0), () => process.exit(1));
' "$POSTGRES_URL"; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$POSTGRES_URL"
  step "Unit, component and database tests (SQLite and PostgreSQL at ${POSTGRES_URL})"
elif [ "$IN_CI" = true ] || [ "$IN_CI" = 1 ]; then
  echo "FAIL: CI=true and no PostgreSQL answers at ${POSTGRES_URL}." >&2
  echo "      CI runs the database, interrupted-import and two-backend tests on PostgreSQL too;" >&2
  echo "      start one there (user postgres, trust auth) or set FINOPS_TEST_POSTGRES_URL." >&2
  exit 1
else
  step "Unit, component and database tests (SQLite only: no PostgreSQL at ${POSTGRES_URL})"
fi
yarn backstage-cli repo test --maxWorkers=2

step "Browser, fault and permission tests (real backends)"
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser test"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
yarn workspace app build
node --test --test-reporter=spec --test-concurrency=1 "test/**/*.test.mjs"
