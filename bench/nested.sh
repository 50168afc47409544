#!/usr/bin/env bash
# Benchmark: the read path. Two queries through the gateway (a national ANALYST, policy
# on) vs. hand-written SQL routes that answer the same data (bench/src/baseline.rs):
#
#   typical  10 stations (+ district) × 10 FIRs → number, parties { role person { name sex } }
#   nested   50 stations × 20 FIRs → parties → person → prisonRecords → prison
#
#   bash bench/nested.sh            # FIRS=100000 (…=1000000 for the national scale), 10 s per cell
#   CCTNS_BIN=/tmp/cctns-old bash bench/nested.sh   # an earlier build of the gateway instead
#
# Starts a throwaway PostgreSQL, seeds it with `cctns seed`, starts the release gateway
# and the baseline, checks that both answer each query with the same data (and no
# error), then drives both with wrk from outside the process at 1, 8 and 32 clients, the
# gateway and the baseline alternated per cell. Prints a Markdown table per query for
# docs/BENCHMARKS.md with the ratio, and the SQL statements the gateway ran per request.
# Fails when the answers differ or any response fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh

FIRS=${FIRS:-100000}
STATIONS=${STATIONS:-400}
DURATION=${DURATION:-10s}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

pg_start -c shared_buffers=2GB -c effective_cache_size=8GB -c work_mem=32MB -c max_wal_size=8GB \
  -c synchronous_commit=off
if [ -n "${CCTNS_BIN:-}" ]; then cargo build --release -q -p bench; else cargo build --release -q -p gateway -p bench; fi
cctns=${CCTNS_BIN:-target/release/cctns}

start=$(date +%s)
"$cctns" seed --database-url "$PG_URL" --states 12 --stations "$STATIONS" --firs "$FIRS" --seed 1 >"$PG_WORK/seed.log"
echo "seeded $FIRS FIRs in $(( $(date +%s) - start )) s: $(tail -1 "$PG_WORK/seed.log")"
psql "$PG_URL" -qc "VACUUM ANALYZE" >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
gw_port=$(free_port); base_port=$(free_port)
CCTNS_LOG=warn "$cctns" serve --database-url "$PG_URL" --listen "127.0.0.1:$gw_port" --db-pool 32 --rate-limit-per-minute 0 --anonymous-rate-limit-per-minute 0 &
gw_pid=$!
DATABASE_URL="$PG_URL" BASELINE_LISTEN="127.0.0.1:$base_port" target/release/baseline >/dev/null &
base_pid=$!
trap 'kill $gw_pid $base_pid 2>/dev/null || true; pg_stop' EXIT
for port in "$gw_port" "$base_port"; do
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
done

export TOKEN BODY
TOKEN=$("$cctns" token --role ANALYST --unit IN --sub bench.analyst 2>/dev/null)
declare -A QUERIES=(
  [typical]='{ policeStations(first: 10) { edges { node { name district { name } firs(first: 10) { edges { node { number parties { role person { name sex } } } } } } } } }'
  [nested]='{ policeStations(first: 50) { edges { node { name firs(first: 20) { edges { node { number parties { role person { name prisonRecords { prison { name } } } } } } } } } } }'
)
gateway() { curl -s "http://127.0.0.1:$gw_port/graphql" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "$BODY"; }
statements() { curl -s "http://127.0.0.1:$gw_port/metrics" | awk '$1 == "cctns_sql_statements_total" { print $2 }'; }

run() { # url clients
  local threads=$(( $2 < 2 ? 1 : 2 ))
  wrk -t "$threads" -c "$2" -d "$DURATION" --timeout 30s -s bench/graphql.lua "$1" | grep '^RESULT'
}
for query in typical nested; do
  BODY=$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "${QUERIES[$query]}")
  # The same data as the hand-written route, and the statements one request runs.
  before=$(statements)
  gateway >"$PG_WORK/$query.gateway.json"
  used=$(( $(statements) - before ))
  curl -s "http://127.0.0.1:$base_port/$query" >"$PG_WORK/$query.baseline.json"
  python3 - "$query" "$PG_WORK/$query.gateway.json" "$PG_WORK/$query.baseline.json" <<'PY'
import json, sys
query, gateway, baseline = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
if gateway.get("errors"):
    sys.exit(f"{query}: the gateway answered with errors: {gateway['errors'][:3]}")
if gateway["data"] != baseline["data"]:
    sys.exit(f"{query}: the gateway and the baseline answer different data")
firs = sum(len(s["node"]["firs"]["edges"]) for s in gateway["data"]["policeStations"]["edges"])
print(f"\n{query}: {firs} FIRs per response, the same data from both; ", end="")
PY
  echo "the gateway ran $used SQL statements for it"
  echo
  echo "| $query | clients | gateway req/s | gateway p50 ms | gateway p99 ms | baseline req/s | baseline p50 ms | baseline p99 ms | gateway/baseline |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for clients in 1 8 32; do
    gw=$(run "http://127.0.0.1:$gw_port/graphql" "$clients")
    base=$(BODY="" TOKEN="" run "http://127.0.0.1:$base_port/$query" "$clients")
    python3 - "$query" "$clients" "$gw" "$base" <<'PY'
import sys
def parse(line):
    return dict(kv.split("=") for kv in line.split()[1:])
q, c, g, b = sys.argv[1], sys.argv[2], parse(sys.argv[3]), parse(sys.argv[4])
if int(g["failures"]) or int(b["failures"]):
    sys.exit(f"failures: gateway {g['failures']}, baseline {b['failures']}")
ratio = float(g["rps"]) / float(b["rps"])
print(f"| | {c} | {g['rps']} | {g['p50_ms']} | {g['p99_ms']} | {b['rps']} | {b['p50_ms']} | {b['p99_ms']} | {ratio:.2f} |")
PY
  done
done
