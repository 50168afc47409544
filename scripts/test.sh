#!/usr/bin/env bash
# Runs the whole test suite: the federation composition check, unit tests, and
# end-to-end tests against SQLite and against a real, throwaway PostgreSQL that this
# script starts and always stops.
#
#   bash scripts/test.sh [extra cargo test args]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh

# Durability is irrelevant for a throwaway test cluster.
pg_start -c fsync=off -c synchronous_commit=off -c full_page_writes=off
export CCTNS_TEST_POSTGRES_URL="$PG_URL"

# Federation: the served SDL must compose with a real composition library.
cargo run --quiet -p gateway -- schema >"$PG_WORK/cctns.graphql"
(cd tests/peers && npm ci --silent --no-audit --no-fund)
node tests/peers/compose.mjs "$PG_WORK/cctns.graphql"
# The peer subgraphs the federation tests compose (forensic lab, e-Prosecution).
node tests/peers/selftest.mjs >"$PG_WORK/peers-selftest.log" 2>&1 \
  || { cat "$PG_WORK/peers-selftest.log"; exit 1; }

cargo test --workspace --all-targets "$@"

# The authorization matrix, printed (it already passed above; this shows what it checked).
cargo test --quiet -p tests --test e2e matrix -- --nocapture --test-threads=1 2>&1 \
  | grep -v '^running\|^test result\|^$'

# The red team: every attack of issue 18 against a running gateway, held or leaked.
python3 tests/red_team.py "${CARGO_TARGET_DIR:-target}/debug/cctns"
