#!/usr/bin/env bash
# Benchmark: the event stream under many subscribers.
#
#   bash bench/subscribers.sh   # RUNS="10000:100:stations 1000:100:national 10000:5:national", SECONDS_EACH=10
#
# RUNS lists subscribers:events per second:audience. Seeds the demo data into a fresh
# SQLite file, starts the release gateway, and runs bench/src/subscribers.rs against it
# from outside the process for each run: N WebSocket subscribers (graphql-transport-ws,
# one `events` subscription each; the `national` audience takes every FIR, the `stations`
# audience follows one station each, with one in a hundred national) while a producer
# registers FIRs over HTTP at the given rate, at each station in turn. Prints delivery latency p50/p99
# (from the event's occurredAt to arrival), events lost, and the gateway's resident
# memory per idle subscriber, as a Markdown table for docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-"10000:100:stations 1000:100:national 10000:5:national"}
# The gateway runs without CCTNS_JWT_SECRET, on its development-only secret; the load
# client mints one analyst token per subscriber, and the producer's officer tokens, with it.
DEV_SECRET=cctns-development-only-secret-do-not-deploy
SECONDS_EACH=${SECONDS_EACH:-10}
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
cargo build --release -q -p gateway -p bench
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
url="sqlite://$work/events.db?mode=rwc"
target/release/cctns seed --database-url "$url" --states 4 --stations 100 --firs 2000 --seed 1 >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

echo "| subscribers | audience | events/s asked (achieved) | events | deliveries expected | delivered | lost | p50 ms | p99 ms | max ms | gateway RSS idle → busy (MiB) | KiB per idle subscriber |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for run in $RUNS; do
  IFS=: read -r subscribers rate audience <<<"$run"
  CCTNS_LOG=warn target/release/cctns serve --database-url "$url" --listen "127.0.0.1:$port" --db-pool 16 --rate-limit-per-minute 0 --anonymous-rate-limit-per-minute 0 >"$work/gateway.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
  stations=$(curl -s "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
    -d '{"query":"{ policeStations(first: 100) { nodes { code } } }"}' |
    python3 -c 'import json, sys; print(",".join(n["code"] for n in json.load(sys.stdin)["data"]["policeStations"]["nodes"]))')
  result=$(target/release/subscribers --url "ws://127.0.0.1:$port/graphql" --http "http://127.0.0.1:$port/graphql" \
    --secret "$DEV_SECRET" --stations "$stations" --audience "$audience" \
    --subscribers "$subscribers" --rate "$rate" --seconds "$SECONDS_EACH" --gateway-pid "$pid" | grep '^RESULT')
  python3 - "$result" <<'PY'
import sys
r = dict(kv.split("=") for kv in sys.argv[1].split()[1:])
achieved = int(r["events"]) / float(r["produce_s"])
print(f"| {r['subscribers']} | {r['audience']} | {r['rate']} ({achieved:.0f}) | {r['events']} | {r['expected']} | {r['delivered']} | {r['lost']} | "
      f"{r['p50_ms']} | {r['p99_ms']} | {r['max_ms']} | {r['rss_idle_mib']} → {r['rss_busy_mib']} | {r['kib_per_idle_subscriber']} |")
if int(r["failed_subscribers"]) or int(r["extra"]):
    sys.exit(f"{r['failed_subscribers']} subscribers failed, {r['extra']} events delivered beyond a subscriber's filter")
PY
  kill $pid; wait $pid 2>/dev/null || true
done
