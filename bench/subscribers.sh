#!/usr/bin/env bash
# Benchmark: the event stream under many subscribers.
#
#   bash bench/subscribers.sh            # RUNS="1000:100 10000:5" (subscribers:events per second), SECONDS_EACH=10
#
# Seeds the demo data into a fresh SQLite file, starts the release gateway, and runs
# bench/src/subscribers.rs against it from outside the process for each run: N
# WebSocket subscribers (graphql-transport-ws, one `events` subscription each) while a
# producer registers FIRs over HTTP at the given rate. Prints delivery latency p50/p99
# (from the event's occurredAt to arrival), events lost, and the gateway's resident
# memory per idle subscriber, as a Markdown table for docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-"1000:100 10000:5"}
# The gateway runs without CCTNS_JWT_SECRET, on its development-only secret; the load
# client mints one analyst token per subscriber with it.
DEV_SECRET=cctns-development-only-secret-do-not-deploy
SECONDS_EACH=${SECONDS_EACH:-10}
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
cargo build --release -q -p gateway -p bench
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
url="sqlite://$work/events.db?mode=rwc"
target/release/cctns seed --database-url "$url" --states 2 --stations 8 --firs 400 --seed 1 >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

echo "| subscribers | events/s asked (achieved) | events | delivered | lost | p50 ms | p99 ms | max ms | gateway RSS idle → busy (MiB) | KiB per idle subscriber |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for run in $RUNS; do
  subscribers=${run%%:*}; rate=${run##*:}
  CCTNS_LOG=warn target/release/cctns serve --database-url "$url" --listen "127.0.0.1:$port" --db-pool 16 >"$work/gateway.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
  officer=$(target/release/cctns token --role STATION_OFFICER --unit KA-BLR-PS001 --sub KA-BLR-PS001.pc1 --ttl 3600 2>/dev/null)
  result=$(target/release/subscribers --url "ws://127.0.0.1:$port/graphql" --http "http://127.0.0.1:$port/graphql" \
    --secret "$DEV_SECRET" --producer-token "$officer" --station KA-BLR-PS001 \
    --subscribers "$subscribers" --rate "$rate" --seconds "$SECONDS_EACH" --gateway-pid "$pid" | grep '^RESULT')
  python3 - "$result" <<'PY'
import sys
r = dict(kv.split("=") for kv in sys.argv[1].split()[1:])
achieved = int(r["events"]) / float(r["produce_s"])
print(f"| {r['subscribers']} | {r['rate']} ({achieved:.0f}) | {r['events']} | {r['delivered']} | {r['lost']} | {r['p50_ms']} | {r['p99_ms']} | {r['max_ms']} | "
      f"{r['rss_idle_mib']} → {r['rss_busy_mib']} | {r['kib_per_idle_subscriber']} |")
if int(r["failed_subscribers"]):
    sys.exit(f"{r['failed_subscribers']} subscribers failed")
PY
  kill $pid; wait $pid 2>/dev/null || true
done
