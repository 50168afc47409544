#!/usr/bin/env bash
# Benchmark: the national searches and crime statistics over a national-scale database.
#
#   bash bench/search.sh     # FIRS=1000000 STATIONS=400 REPEAT=200 BACKENDS="sqlite postgres"
#
# For each backend: seeds a fresh database with `cctns seed` (1,000,000 FIRs ≈ 3.2 M
# persons), analyses it, starts the release gateway, and runs bench/search_probe.py from
# outside the process: REPEAT person searches (variants of real names, with how often the
# person came back in the top 3), 2 × REPEAT vehicle searches and REPEAT/10 statistics
# requests (DISTRICT × MONTH, whole country), one at a time. Prints p50/p95/p99 per kind
# as a Markdown table, then restarts the gateway with its SQL trace on, runs one request
# of each kind, and writes the EXPLAIN plans of the search statements to
# docs/SEARCH_PLANS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

FIRS=${FIRS:-1000000}
STATIONS=${STATIONS:-400}
REPEAT=${REPEAT:-200}
BACKENDS=${BACKENDS:-"sqlite postgres"}
PLANS=${PLANS:-docs/SEARCH_PLANS.md}
cargo build --release -q -p gateway -p bench  # one release build for every benchmark (the same features)
work=$(mktemp -d)
gw_pid=""
stop_gateway() { [ -n "$gw_pid" ] && kill "$gw_pid" 2>/dev/null && wait "$gw_pid" 2>/dev/null; gw_pid=""; }
trap 'stop_gateway; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
start_gateway() { # url log-filter log-file
  port=$(free_port)
  CCTNS_LOG=$2 target/release/cctns serve --database-url "$1" --listen "127.0.0.1:$port" --db-pool 8 --rate-limit-per-minute 0 --anonymous-rate-limit-per-minute 0 >"$3" 2>&1 &
  gw_pid=$!
  for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return; sleep 0.2; done
  echo "gateway did not start" >&2; cat "$3" >&2; exit 1
}
token=$(target/release/cctns token --role ANALYST --unit IN --sub bench.analyst --ttl 86400 2>/dev/null)

{
  echo "# EXPLAIN plans of the national searches"
  echo
  echo "Written by \`bash bench/search.sh\` on $(date -u +%F) ($FIRS FIRs, $STATIONS stations): the"
  echo "statements one request of each kind ran (from the gateway's \`cctns::sql\` trace, values"
  echo "inlined) that read the search tables, each with its plan."
} >"$PLANS"

echo "| database | kind | requests | p50 ms | p95 ms | p99 ms | max ms | notes |"
echo "|---|---|---|---|---|---|---|---|"
for backend in $BACKENDS; do
  if [ "$backend" = sqlite ]; then
    db="$work/search.db"; url="sqlite://$db?mode=rwc"; probe_db="$db"
  else
    # shellcheck source=../scripts/pg.sh
    source scripts/pg.sh
    pg_start -c shared_buffers=2GB -c effective_cache_size=8GB -c work_mem=32MB -c max_wal_size=8GB \
      -c synchronous_commit=off
    trap 'stop_gateway; pg_stop; rm -rf "$work"' EXIT
    url="$PG_URL"; probe_db="$PG_URL"
  fi
  started=$(date +%s)
  target/release/cctns seed --database-url "$url" --states 12 --stations "$STATIONS" --firs "$FIRS" --seed 1 >"$work/seed.log" 2>&1
  seeded=$(( $(date +%s) - started ))
  if [ "$backend" = sqlite ]; then
    python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('ANALYZE'); c.commit()" "$db"
  else
    psql "$url" -qc "VACUUM ANALYZE" >/dev/null
  fi
  persons=$(python3 - "$backend" "$probe_db" <<'PY'
import sqlite3, subprocess, sys
sql = "SELECT COUNT(*) FROM person"
if sys.argv[1] == "sqlite":
    print(sqlite3.connect(sys.argv[2]).execute(sql).fetchone()[0])
else:
    print(subprocess.run(["psql", sys.argv[2], "-Atc", sql], capture_output=True, text=True).stdout.strip())
PY
)
  start_gateway "$url" warn "$work/gateway.log"
  python3 bench/search_probe.py "http://127.0.0.1:$port/graphql" "$token" "$backend" "$probe_db" "$REPEAT" - \
    "seeded in $seeded s, $persons persons" | grep '^|'
  stop_gateway

  # One traced request of each kind, and the plans of its search statements.
  start_gateway "$url" "warn,cctns::sql=debug" "$work/trace.log"
  python3 bench/search_probe.py "http://127.0.0.1:$port/graphql" "$token" "$backend" "$probe_db" 5 "$work/trace.log" |
    grep '^PLAN' >"$work/plans.txt" || true
  stop_gateway
  python3 - "$backend" "$probe_db" "$work/plans.txt" >>"$PLANS" <<'PY'
import re, sqlite3, subprocess, sys
backend, db, plans = sys.argv[1:4]
print(f"\n## {backend}\n")
interesting = re.compile(r"name_word|person_name_token|property_item|GROUP BY")
for line in open(plans, encoding="utf-8"):
    kind, sql = line.rstrip("\n").split("\t", 1)
    kind = kind.removeprefix("PLAN ")
    if not interesting.search(sql) or sql.startswith("INSERT"):
        continue
    if backend == "sqlite":
        rows = sqlite3.connect(db).execute("EXPLAIN QUERY PLAN " + sql).fetchall()
        plan = "\n".join(f"{'  ' * 0}{r[3]}" for r in rows)
    else:
        plan = subprocess.run(["psql", db, "-At", "-c", "EXPLAIN (ANALYZE, COSTS OFF) " + sql],
                              capture_output=True, text=True).stdout.rstrip()
    shown = sql if len(sql) < 600 else sql[:600] + " …"
    print(f"### {kind}\n\n```sql\n{shown}\n```\n\n```text\n{plan}\n```\n")
PY
  if [ "$backend" != sqlite ]; then pg_stop; trap 'stop_gateway; rm -rf "$work"' EXIT; fi
done
