#!/usr/bin/env bash
# Benchmark: what the access policy and the audit trail cost on the nested national query.
#
#   bash bench/policy.sh            # POLICY_BENCH_SECS=8 per measurement
#
# Seeds 30,000 FIRs at 60 stations into a temporary SQLite database with `cctns seed`,
# then runs the ignored `policy::cost` test of the schema crate in a release build over
# it: the query executed in-process, one client, with the policy and audit on, and again
# for an unrestricted identity that exists only in that test build (every decision Full, no audit written).
# Prints a Markdown table for docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p gateway -p bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
url="sqlite://$work/bench.db?mode=rwc"
target/release/cctns seed --database-url "$url" --states 4 --stations 60 --firs 30000 --seed 1 >/dev/null
POLICY_BENCH_DATABASE_URL="$url" cargo test --release -q -p schema --lib policy::cost -- --ignored --nocapture 2>&1 \
  | grep '^|'
