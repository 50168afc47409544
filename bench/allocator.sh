#!/usr/bin/env bash
# Benchmark: the gateway's memory allocator. The same release gateway built with glibc's
# malloc (`--no-default-features`) and with mimalloc (the default feature `mimalloc`),
# both over one seeded PostgreSQL, driven by wrk at 1, 8 and 32 clients on the nested
# query (bench/nested.sh's) and the typical one (issue 19), the two builds alternated
# per cell. Prints a Markdown table for docs/BENCHMARKS.md.
#
#   bash bench/allocator.sh          # FIRS=100000, DURATION=10s
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh

FIRS=${FIRS:-100000}
DURATION=${DURATION:-10s}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

pg_start -c shared_buffers=2GB -c effective_cache_size=8GB -c work_mem=32MB -c max_wal_size=8GB \
  -c synchronous_commit=off
cargo build --release -q -p gateway --no-default-features
cp target/release/cctns "$PG_WORK/cctns-glibc"
cargo build --release -q -p gateway
cp target/release/cctns "$PG_WORK/cctns-mimalloc"

"$PG_WORK/cctns-mimalloc" seed --database-url "$PG_URL" --states 12 --stations 400 --firs "$FIRS" --seed 1 >"$PG_WORK/seed.log" 2>&1
psql "$PG_URL" -qc "VACUUM ANALYZE" >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
declare -A port pid
for build in glibc mimalloc; do
  port[$build]=$(free_port)
  CCTNS_LOG=warn "$PG_WORK/cctns-$build" serve --database-url "$PG_URL" --listen "127.0.0.1:${port[$build]}" \
    --db-pool 32 --rate-limit-per-minute 0 --anonymous-rate-limit-per-minute 0 >"$PG_WORK/$build.log" 2>&1 &
  pid[$build]=$!
done
trap 'kill ${pid[glibc]} ${pid[mimalloc]} 2>/dev/null || true; pg_stop' EXIT
for build in glibc mimalloc; do
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/${port[$build]}") 2>/dev/null && break; sleep 0.2; done
done

export TOKEN BODY
TOKEN=$("$PG_WORK/cctns-glibc" token --role ANALYST --unit IN --sub bench.analyst 2>/dev/null)
declare -A QUERIES=(
  [nested]='{ policeStations(first: 50) { edges { node { name firs(first: 20) { edges { node { number parties { role person { name prisonRecords { prison { name } } } } } } } } } } }'
  [typical]='{ policeStations(first: 10) { edges { node { name district { name } firs(first: 10) { edges { node { number parties { role person { name sex } } } } } } } } }'
)

run() { # url clients
  local threads=$(( $2 < 2 ? 1 : 2 ))
  wrk -t "$threads" -c "$2" -d "$DURATION" --timeout 30s -s bench/graphql.lua "$1" | grep '^RESULT'
}
echo
echo "| query | clients | glibc req/s | glibc p50 ms | glibc p99 ms | mimalloc req/s | mimalloc p50 ms | mimalloc p99 ms | mimalloc/glibc |"
echo "|---|---|---|---|---|---|---|---|---|"
for query in typical nested; do
  BODY=$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "${QUERIES[$query]}")
  # Both builds answer the same data.
  a=$(curl -s "http://127.0.0.1:${port[glibc]}/graphql" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "$BODY" | sha256sum)
  b=$(curl -s "http://127.0.0.1:${port[mimalloc]}/graphql" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "$BODY" | sha256sum)
  [ "$a" = "$b" ] || { echo "the two builds answer $query differently" >&2; exit 1; }
  for clients in 1 8 32; do
    g=$(run "http://127.0.0.1:${port[glibc]}/graphql" "$clients")
    m=$(run "http://127.0.0.1:${port[mimalloc]}/graphql" "$clients")
    python3 - "$query" "$clients" "$g" "$m" <<'PY'
import sys
def parse(line):
    return dict(kv.split("=") for kv in line.split()[1:])
q, c, g, m = sys.argv[1], sys.argv[2], parse(sys.argv[3]), parse(sys.argv[4])
if int(g["failures"]) or int(m["failures"]):
    sys.exit(f"failures: glibc {g['failures']}, mimalloc {m['failures']}")
ratio = float(m["rps"]) / float(g["rps"])
print(f"| {q} | {c} | {g['rps']} | {g['p50_ms']} | {g['p99_ms']} | {m['rps']} | {m['p50_ms']} | {m['p99_ms']} | {ratio:.2f} |")
PY
  done
done
