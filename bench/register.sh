#!/usr/bin/env bash
# Benchmark: sustained registerFir throughput on SQLite and PostgreSQL, all at one station
# and spread across 100 stations, from wrk outside the process.
#
#   bash bench/register.sh          # DURATION=15s per run, CLIENTS="8 32"
#
# Seeds 100 stations (1,000 FIRs of history) into a fresh SQLite file and a throwaway
# PostgreSQL (default durability: synchronous_commit on), starts the release gateway on
# each, and drives it with bench/register.lua. Every request is a full registration: a
# new FIR with two charges and three parties (two new persons), its case, the outbox
# event and the audit record, in one transaction. Prints a Markdown table for
# docs/BENCHMARKS.md and checks afterwards that every station's serials are 1..N with no
# gap or duplicate.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh

DURATION=${DURATION:-15s}
CLIENTS=${CLIENTS:-"8 32"}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed: apt-get install sqlite3" >&2; exit 1; }

pg_start
cargo build --release -q -p gateway -p bench  # one release build for every benchmark (the same features)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; pg_stop; rm -rf "$work"' EXIT
sqlite_url="sqlite://$work/bench.db?mode=rwc"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
stations() { # database-url
  case "$1" in
    sqlite*) sqlite3 "$work/bench.db" "SELECT code FROM org_unit WHERE kind = 'POLICE_STATION' ORDER BY code" ;;
    *) psql "$1" -Atqc "SELECT code FROM org_unit WHERE kind = 'POLICE_STATION' ORDER BY code" ;;
  esac
}
requests() { # file station-codes...
  local out=$1; shift
  : >"$out"
  for code in "$@"; do
    token=$(target/release/cctns token --role STATION_OFFICER --unit "$code" --sub "$code.pc1" 2>/dev/null)
    python3 - "$code" "$token" >>"$out" <<'PY'
import json, sys
code, token = sys.argv[1], sys.argv[2]
query = "mutation($input: RegisterFirInput!) { registerFir(input: $input) { id serial } }"
fir = {
    "stationCode": code, "type": "REGULAR",
    "occurredFrom": "2026-11-28T21:30:00Z", "occurredTo": "2026-11-28T22:00:00Z",
    "place": "Near the bus stand",
    "narrative": "The complainant reports that his motorcycle was stolen from outside his house at night.",
    "charges": [{"act": "BNS", "section": "303(2)"}, {"act": "BNS", "section": "317(2)"}],
    "parties": [
        {"role": "COMPLAINANT", "person": {"name": "Sandeep Kulkarni", "sex": "MALE", "birthYear": 1984, "phone": "9822012345"}},
        {"role": "ACCUSED", "person": {"name": "Unknown Rider", "sex": "MALE"}},
    ],
}
for _ in range(10):
    print(token + "\t" + json.dumps({"query": query, "variables": {"input": fir}}))
PY
  done
}

echo "| database | stations | clients | req/s | p50 ms | p99 ms | FIRs registered |"
echo "|---|---|---|---|---|---|---|"
for db in sqlite postgres; do
  url=$([ "$db" = sqlite ] && echo "$sqlite_url" || echo "$PG_URL")
  target/release/cctns seed --database-url "$url" --states 4 --stations 100 --firs 1000 --seed 1 >/dev/null 2>&1
  port=$(free_port)
  CCTNS_LOG=warn target/release/cctns serve --database-url "$url" --listen "127.0.0.1:$port" --db-pool 16 --rate-limit-per-minute 0 --anonymous-rate-limit-per-minute 0 &
  pid=$!
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
  mapfile -t codes < <(stations "$url")
  requests "$work/one.tsv" "${codes[0]}"
  requests "$work/all.tsv" "${codes[@]:0:100}"
  for spread in one all; do
    for clients in $CLIENTS; do
      before=$(case $db in sqlite) sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM fir";; *) psql "$url" -Atqc "SELECT COUNT(*) FROM fir";; esac)
      result=$(REQUESTS="$work/$spread.tsv" wrk -t 2 -c "$clients" -d "$DURATION" --timeout 30s -s bench/register.lua "http://127.0.0.1:$port/graphql" | grep '^RESULT')
      after=$(case $db in sqlite) sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM fir";; *) psql "$url" -Atqc "SELECT COUNT(*) FROM fir";; esac)
      python3 - "$db" "$([ $spread = one ] && echo 1 || echo 100)" "$clients" "$result" "$((after - before))" <<'PY'
import sys
db, stations, clients, line, registered = sys.argv[1:]
r = dict(kv.split("=") for kv in line.split()[1:])
if int(r["failures"]):
    sys.exit(f"{r['failures']} failed requests")
print(f"| {db} | {stations} | {clients} | {r['rps']} | {r['p50_ms']} | {r['p99_ms']} | {registered} |")
PY
    done
  done
  # Serials stay gap-free and unique per station and year.
  check="SELECT COUNT(*) FROM (SELECT station_id, year FROM fir GROUP BY station_id, year HAVING COUNT(*) <> MAX(serial) OR COUNT(DISTINCT serial) <> COUNT(*)) g"
  bad=$(case $db in sqlite) sqlite3 "$work/bench.db" "$check";; *) psql "$url" -Atqc "$check";; esac)
  [ "$bad" = 0 ] || { echo "serial gaps or duplicates in $bad station-years" >&2; exit 1; }
  kill $pid; wait $pid 2>/dev/null || true
done
