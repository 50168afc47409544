#!/usr/bin/env bash
# Benchmark: the gateway's memory under sustained load. The nested query of
# bench/nested.sh (1,000 FIRs, ≈ 370 KB per response) from 32 concurrent clients for
# DURATION, the gateway's resident memory (VmRSS) and peak (VmHWM) sampled every 10 s.
# Fails when resident memory grows by more than 10% from the end of the first minute to
# the end of the run (a leak, or a cache without a bound).
#
#   bash bench/rss.sh               # FIRS=100000, DURATION=300 (seconds)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh

FIRS=${FIRS:-100000}
DURATION=${DURATION:-300}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

pg_start -c shared_buffers=2GB -c effective_cache_size=8GB -c work_mem=32MB -c synchronous_commit=off
cargo build --release -q -p gateway -p bench  # one release build for every benchmark (the same features)
target/release/cctns seed --database-url "$PG_URL" --states 12 --stations 400 --firs "$FIRS" --seed 1 >"$PG_WORK/seed.log"
psql "$PG_URL" -qc "VACUUM ANALYZE" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
CCTNS_LOG=warn target/release/cctns serve --database-url "$PG_URL" --listen "127.0.0.1:$port" --db-pool 32 \
  --rate-limit-per-minute 0 --anonymous-rate-limit-per-minute 0 >"$PG_WORK/gateway.log" 2>&1 &
gw_pid=$!
trap 'kill $gw_pid 2>/dev/null || true; pg_stop' EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done

export TOKEN BODY
TOKEN=$(target/release/cctns token --role ANALYST --unit IN --sub bench.analyst 2>/dev/null)
QUERY='{ policeStations(first: 50) { edges { node { name firs(first: 20) { edges { node { number parties { role person { name prisonRecords { prison { name } } } } } } } } } } }'
BODY=$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$QUERY")
kib() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$gw_pid/status"; }

echo "idle: RSS $(( $(kib VmRSS) / 1024 )) MiB"
wrk -t 2 -c 32 -d "${DURATION}s" --timeout 60s -s bench/graphql.lua "http://127.0.0.1:$port/graphql" >"$PG_WORK/wrk.log" &
wrk_pid=$!
echo
echo "| s | RSS MiB | peak RSS MiB |"
echo "|---|---|---|"
samples=()
for (( t = 10; t <= DURATION; t += 10 )); do
  sleep 10
  rss=$(kib VmRSS); samples+=("$t:$rss")
  echo "| $t | $(( rss / 1024 )) | $(( $(kib VmHWM) / 1024 )) |"
done
wait $wrk_pid
grep '^RESULT' "$PG_WORK/wrk.log"
python3 - "${samples[@]}" <<'PY'
import sys
samples = {int(t): int(kib) for t, kib in (s.split(":") for s in sys.argv[1:])}
first = samples.get(60) or min(samples.items())[1]
last = samples[max(samples)]
growth = (last - first) / first
print(f"RSS from the first minute to the end: {first // 1024} -> {last // 1024} MiB ({growth:+.1%})")
if growth > 0.10:
    sys.exit("resident memory grew by more than 10% under steady load")
PY
