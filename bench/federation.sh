#!/usr/bin/env bash
# Benchmark: the federation gateway.
#
#   bash bench/federation.sh        # 20 s per run (DURATION=… to change), 8 clients (CLIENTS=…),
#                                   # 3 alternating runs per gateway (ROUNDS=…), median reported
#
# Over the demo SQLite data and the two peer subgraphs of tests/peers (Node), starts:
#   local      a release `cctns serve` with no remote subgraph;
#   federated  a release `cctns serve --subgraph forensic-lab=… --subgraph e-prosecution=…`
#              over the same database;
#   hive       Hive Gateway (tests/peers/hive-gateway.mjs) over the supergraph that
#              `cctns compose` prints, with `local` as its cctns subgraph.
# Then drives them with wrk from outside the processes:
#   - a query crossing all three graphs, through `federated` and through `hive`;
#   - a query that stays in the local graph, through `local` and through `federated`
#     (the cost of having remote subgraphs configured; target: under 10 %).
# Prints Markdown tables for docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
CLIENTS=${CLIENTS:-8}
ROUNDS=${ROUNDS:-3}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
(cd tests/peers && npm ci --silent --no-audit --no-fund)
cargo build --release -q -p gateway -p bench  # one release build for every benchmark (the same features)

work=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 150); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.2; done; echo "port $1 never opened" >&2; exit 1; }

local_port=$(free_port); fed_port=$(free_port); hive_port=$(free_port)
lab_port=$(free_port); pros_port=$(free_port)
db="sqlite://$work/cctns.db?mode=rwc"
export CCTNS_LOG=warn
jwks="http://127.0.0.1:$fed_port/.well-known/jwks.json"

CCTNS_JWKS_URL=$jwks node tests/peers/forensic-lab.mjs --port "$lab_port" >/dev/null & pids+=($!)
CCTNS_JWKS_URL=$jwks node tests/peers/e-prosecution.mjs --port "$pros_port" >/dev/null & pids+=($!)
target/release/cctns serve --demo --database-url "$db" --listen "127.0.0.1:$local_port" \
  --rate-limit-per-minute 0 --anonymous-rate-limit-per-minute 0 >/dev/null & pids+=($!)
wait_port "$lab_port"; wait_port "$pros_port"; wait_port "$local_port"

subgraphs=(--subgraph "forensic-lab=http://127.0.0.1:$lab_port/graphql"
           --subgraph "e-prosecution=http://127.0.0.1:$pros_port/graphql")
target/release/cctns compose "${subgraphs[@]}" --local-url "http://127.0.0.1:$local_port/graphql" \
  >"$work/supergraph.graphql"
node tests/peers/hive-gateway.mjs --supergraph "$work/supergraph.graphql" --port "$hive_port" >/dev/null & pids+=($!)
target/release/cctns serve --database-url "$db" --listen "127.0.0.1:$fed_port" \
  --rate-limit-per-minute 0 --anonymous-rate-limit-per-minute 0 "${subgraphs[@]}" >/dev/null & pids+=($!)
wait_port "$hive_port"; wait_port "$fed_port"
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$hive_port/readiness" >/dev/null && break; sleep 0.2; done

export TOKEN BODY
TOKEN=$(target/release/cctns token --role SUPERVISOR --unit IN --sub bench.sp 2>/dev/null)
body() { python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$1"; }
CROSSING='{ firs(first: 20) { edges { node { number exhibits { tag kind } labReports { examination } case { status scrutiny { outcome } } } } } }'
LOCAL='{ policeStations(first: 20) { edges { node { code name firs(first: 5) { edges { node { number registeredAt } } } } } } }'

run() { # url → RESULT line
  wrk -t 2 -c "$CLIENTS" -d "$DURATION" --timeout 30s -s bench/graphql.lua "$1" | grep '^RESULT'
}
# Both answers must be the same before anything is timed.
same() { # body url url
  local a b
  a=$(curl -s "$2" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "$1")
  b=$(curl -s "$3" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "$1")
  python3 - "$a" "$b" <<'PY'
import json, sys
a, b = (json.loads(x) for x in sys.argv[1:3])
if a.get("errors") or b.get("errors") or a != b:
    sys.exit(f"answers differ or failed:\n{a}\n{b}")
PY
}
# Runs A and B alternately ROUNDS times (this VM's throughput drifts by tens of percent
# over minutes, so one run each would mostly measure the drift) and prints, for each, the
# run with the median req/s.
table() { # label-a url-a label-b url-b
  local ra=() rb=()
  for _ in $(seq "$ROUNDS"); do ra+=("$(run "$2")"); rb+=("$(run "$4")"); done
  python3 - "$1" "$3" "$ROUNDS" "${ra[@]}" "${rb[@]}" <<'PY'
import sys
la, lb, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
runs = [dict(kv.split("=") for kv in line.split()[1:]) for line in sys.argv[4:]]
def median(label, rs):
    for r in rs:
        if int(r["failures"]):
            sys.exit(f"{label}: {r['failures']} failures")
    return sorted(rs, key=lambda r: float(r["rps"]))[len(rs) // 2]
a, b = median(la, runs[:rounds]), median(lb, runs[rounds:])
for label, r in ((la, a), (lb, b)):
    print(f"| {label} | {r['rps']} | {r['p50_ms']} | {r['p99_ms']} |")
print(f"| {la} / {lb} throughput | {float(a['rps']) / float(b['rps']):.2f} | | |")
PY
}

fed="http://127.0.0.1:$fed_port/graphql"; hive="http://127.0.0.1:$hive_port/graphql"
loc="http://127.0.0.1:$local_port/graphql"
BODY=$(body "$CROSSING"); same "$BODY" "$fed" "$hive"
echo "Crossing query (20 FIRs, their exhibits and lab reports, their cases' scrutiny), $CLIENTS clients, median of $ROUNDS alternating runs of $DURATION:"
echo
echo "| gateway | req/s | p50 ms | p99 ms |"
echo "|---|---|---|---|"
table "cctns" "$fed" "Hive Gateway" "$hive"
echo
BODY=$(body "$LOCAL"); same "$BODY" "$loc" "$fed"
echo "Local-only query (20 stations, 5 FIRs each), $CLIENTS clients, median of $ROUNDS alternating runs of $DURATION:"
echo
echo "| gateway | req/s | p50 ms | p99 ms |"
echo "|---|---|---|---|"
table "no remote subgraph" "$loc" "two remote subgraphs" "$fed"
