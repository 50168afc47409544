#!/usr/bin/env bash
# Benchmark: the nested national query through the gateway vs. hand-written SQL.
#
#   bash bench/nested.sh            # 1,000,000 FIRs (FIRS=… to change), 20 s per run
#
# Starts a throwaway PostgreSQL, seeds it with `cctns seed`, starts the release gateway
# and the baseline (bench/src/baseline.rs), and drives both with wrk from outside the
# process at 1, 8 and 32 concurrent clients. Prints a Markdown table for
# docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh

FIRS=${FIRS:-1000000}
STATIONS=${STATIONS:-400}
DURATION=${DURATION:-20s}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

pg_start -c shared_buffers=2GB -c effective_cache_size=8GB -c work_mem=32MB -c max_wal_size=8GB \
  -c synchronous_commit=off
cargo build --release -q -p gateway -p bench

start=$(date +%s)
target/release/cctns seed --database-url "$PG_URL" --states 12 --stations "$STATIONS" --firs "$FIRS" --seed 1 >"$PG_WORK/seed.log"
echo "seeded $FIRS FIRs in $(( $(date +%s) - start )) s: $(tail -1 "$PG_WORK/seed.log")"
psql "$PG_URL" -qc "VACUUM ANALYZE" >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
gw_port=$(free_port); base_port=$(free_port)
CCTNS_LOG=warn target/release/cctns serve --database-url "$PG_URL" --listen "127.0.0.1:$gw_port" --db-pool 32 --rate-limit-per-minute 0 --anonymous-rate-limit-per-minute 0 &
gw_pid=$!
DATABASE_URL="$PG_URL" BASELINE_LISTEN="127.0.0.1:$base_port" target/release/baseline >/dev/null &
base_pid=$!
trap 'kill $gw_pid $base_pid 2>/dev/null || true; pg_stop' EXIT
for port in "$gw_port" "$base_port"; do
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
done

export TOKEN
TOKEN=$(target/release/cctns token --role ANALYST --unit IN --sub bench.analyst 2>/dev/null)
QUERY='{ policeStations(first: 50) { edges { node { name firs(first: 20) { edges { node { number parties { role person { name prisonRecords { prison { name } } } } } } } } } } }'
export BODY
BODY=$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$QUERY")

# Sanity: both answer, and agree on how many FIRs they return.
gw_firs=$(curl -s "http://127.0.0.1:$gw_port/graphql" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "$BODY" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(len(s["node"]["firs"]["edges"]) for s in d["data"]["policeStations"]["edges"]))')
base_firs=$(curl -s "http://127.0.0.1:$base_port/nested" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(len(s["firs"]) for s in d["policeStations"]))')
echo "FIRs per response: gateway $gw_firs, baseline $base_firs"

run() { # url clients
  local threads=$(( $2 < 2 ? 1 : 2 ))
  wrk -t "$threads" -c "$2" -d "$DURATION" --timeout 30s -s bench/graphql.lua "$1" | grep '^RESULT'
}
echo
echo "| clients | gateway req/s | gateway p50 ms | gateway p99 ms | baseline req/s | baseline p50 ms | baseline p99 ms | gateway/baseline |"
echo "|---|---|---|---|---|---|---|---|"
for clients in 1 8 32; do
  gw=$(run "http://127.0.0.1:$gw_port/graphql" "$clients")
  base=$(BODY="" TOKEN="" run "http://127.0.0.1:$base_port/nested" "$clients")
  python3 - "$clients" "$gw" "$base" <<'PY'
import sys
def parse(line):
    return dict(kv.split("=") for kv in line.split()[1:])
c, g, b = sys.argv[1], parse(sys.argv[2]), parse(sys.argv[3])
if int(g["failures"]) or int(b["failures"]):
    sys.exit(f"failures: gateway {g['failures']}, baseline {b['failures']}")
ratio = float(g["rps"]) / float(b["rps"])
print(f"| {c} | {g['rps']} | {g['p50_ms']} | {g['p99_ms']} | {b['rps']} | {b['p50_ms']} | {b['p99_ms']} | {ratio:.2f} |")
PY
done
