#!/usr/bin/env bash
# Benchmark: what the access policy and the audit trail cost on the nested national query.
#
#   bash bench/policy.sh            # POLICY_BENCH_SECS=8 per measurement
#
# Runs the ignored `policy::cost` test of the schema crate in a release build: it seeds
# 30,000 FIRs at 60 stations into a temporary SQLite database and executes the query
# in-process, one client, with the policy and audit on, and again for an unrestricted
# identity that exists only in that test build (every decision Full, no audit written).
# Prints a Markdown table for docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --release -q -p schema --lib policy::cost -- --ignored --nocapture 2>&1 \
  | grep '^|'
