#!/usr/bin/env bash
# Benchmark: CPU per resolved field. The nested national query executed in-process through
# the served graph (no HTTP) at 10, 100 and 1,000 FIRs per response, against a throwaway
# PostgreSQL seeded with `cctns seed` (so the database's own work is outside the process's
# CPU time). Runs the ignored `field_cost` test of the schema crate in a release build.
# Prints a Markdown table for docs/BENCHMARKS.md.
#
#   bash bench/fields.sh            # FIRS=30000, FIELD_BENCH_SECS=5 per size
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh

FIRS=${FIRS:-30000}
pg_start -c shared_buffers=1GB -c synchronous_commit=off
trap pg_stop EXIT
cargo build --release -q -p gateway -p bench  # one release build for every benchmark (the same features)
target/release/cctns seed --database-url "$PG_URL" --states 12 --stations 400 --firs "$FIRS" --seed 1 >"$PG_WORK/seed.log"
psql "$PG_URL" -qc "VACUUM ANALYZE" >/dev/null
FIELD_BENCH_DATABASE_URL="$PG_URL" cargo test --release -q -p schema --lib field_cost -- --ignored --nocapture 2>&1 \
  | grep '^|'
