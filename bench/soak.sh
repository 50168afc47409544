#!/usr/bin/env bash
# Soak and fault run: mixed read/write load on PostgreSQL with the database stopped and
# started again in the middle.
#
#   bash bench/soak.sh     # DURATION=600 DOWN=15 WRITERS=2 READERS=4 LOGS=DIR
#
# Starts a throwaway PostgreSQL, seeds 40 stations and 2,000 FIRs, starts the release
# gateway on it, and runs bench/soak_probe.py from outside the process for DURATION
# seconds: WRITERS threads registering FIRs (each with its own idempotency key, retried
# with the same key until it succeeds) and READERS threads running a mix of lists,
# nested reads, person searches and statistics. At half time the database is stopped
# for DOWN seconds and started again (the gateway untouched); at three quarters the
# gateway is killed with SIGKILL mid-load and started again. Prints a Markdown table for
# docs/BENCHMARKS.md: operations and errors in steady state and in each fault window,
# how long after each fault the first operation and the first write succeeded, whether
# every FIR a client saw committed is in the database (and once only), duplicate
# serials, partial FIRs, and the gateway's resident memory over the run.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-600}
DOWN=${DOWN:-15}
WRITERS=${WRITERS:-2}
READERS=${READERS:-4}
cargo build --release -q -p gateway -p bench  # one release build for every benchmark (the same features)
# shellcheck source=../scripts/pg.sh
source scripts/pg.sh
pg_start -c shared_buffers=512MB -c synchronous_commit=on >/dev/null
work=$(mktemp -d)
# LOGS=DIR keeps the gateway's and PostgreSQL's logs there.
trap 'kill "$(cat "$work/gateway.pid" 2>/dev/null)" 2>/dev/null; [ -n "${LOGS:-}" ] && mkdir -p "$LOGS" && cp "$work/gateway.log" "$PG_WORK/postgres.log" "$LOGS/"; pg_stop; rm -rf "$work"' EXIT
target/release/cctns seed --database-url "$PG_URL" --states 4 --stations 40 --firs 2000 --seed 1 >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Starts the gateway in the background and records its pid (run again after the crash).
start_gateway="CCTNS_LOG=warn nohup target/release/cctns serve --database-url '$PG_URL' --listen 127.0.0.1:$port \
  --db-pool 8 --rate-limit-per-minute 0 --anonymous-rate-limit-per-minute 0 >>'$work/gateway.log' 2>&1 & \
  echo \$! >'$work/gateway.pid'"
bash -c "$start_gateway"
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
stations=$(psql "$PG_URL" -Atc "SELECT code FROM org_unit WHERE kind = 'POLICE_STATION' ORDER BY id LIMIT 8" | paste -sd,)
tokens=""
for code in ${stations//,/ }; do
  tokens+="$(target/release/cctns token --role STATION_HOUSE_OFFICER --unit "$code" --sub "soak.$code" --ttl 86400 2>/dev/null),"
done
analyst=$(target/release/cctns token --role ANALYST --unit IN --sub soak.analyst --ttl 86400 2>/dev/null)
# Run from the cluster's directory: the server tools may not enter the caller's.
stop_db="cd $PG_WORK && ${PG_AS[*]} $PG_BIN/pg_ctl -D $PG_WORK/data -m fast stop"
start_db="cd $PG_WORK && ${PG_AS[*]} $PG_BIN/pg_ctl -D $PG_WORK/data -w -l $PG_WORK/postgres.log restart"
python3 bench/soak_probe.py "http://127.0.0.1:$port/graphql" "$PG_URL" "$work/gateway.pid" "$DURATION" "$DOWN" \
  "$WRITERS" "$READERS" "$stations" "${tokens%,}" "$analyst" "$stop_db" "$start_db" "$start_gateway"
if grep -q panicked "$work/gateway.log"; then
  echo "the gateway panicked:" >&2; grep -m5 panicked "$work/gateway.log" >&2; exit 1
fi
