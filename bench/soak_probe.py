"""The load and the checks of bench/soak.sh (see there).

    python3 bench/soak_probe.py URL PG_URL GATEWAY_PID_FILE DURATION DOWN WRITERS READERS
        STATIONS TOKENS ANALYST_TOKEN STOP_DB_COMMAND START_DB_COMMAND START_GATEWAY_COMMAND
"""
import base64, http.client, json, os, signal, socket, subprocess, sys, threading, time, urllib.parse

(url, pg_url, pid_file, duration, down, writers, readers, stations, tokens, analyst,
 stop_db, start_db, start_gateway) = sys.argv[1:14]
duration, down, writers, readers = float(duration), float(down), int(writers), int(readers)
stations, tokens = stations.split(","), tokens.split(",")
parsed = urllib.parse.urlparse(url)
started = time.monotonic()
stop = threading.Event()
lock = threading.Lock()
outcomes = []        # (seconds since start, kind, ok)
failures = []        # (answered at, kind, what went wrong, sent at), seconds since start: every failed operation
committed = {}       # idempotency key -> FIR row id
marks = {}           # down_at, up_at, killed_at, restarted_at
rss = []             # (seconds, KiB)
ready = []           # (seconds, /readyz status or 0 when unreachable)

REGISTER = "mutation($input: RegisterFirInput!, $key: String) { registerFir(input: $input, idempotencyKey: $key) { id number } }"
READS = [
    ("list", "{ firs(first: 20) { totalCount edges { node { number charges { section } case { status } } } } }"),
    ("nested", "{ policeStations(first: 5) { edges { node { name firs(first: 10) { edges { node { number parties { role person { name } } } } } } } } }"),
    ("search", "{ searchPersons(name: \"ramesh kumar\", first: 10) { score person { name } } }"),
    ("statistics", "{ crimeStatistics(groupBy: [STATE, STATUS]) { firs chargesheetRate } }"),
]


def post(conn, token, query, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}})
    conn.request("POST", parsed.path, body, {"content-type": "application/json", "authorization": f"Bearer {token}"})
    response = conn.getresponse()
    data = json.loads(response.read())
    return response.status, data


def record(kind, ok, why, sent):
    """One operation's outcome: when it was answered, and when it was sent (`sent`, seconds
    into the run), by which it is counted in or outside a fault."""
    with lock:
        at = time.monotonic() - started
        outcomes.append((at, kind, ok, sent))
        if not ok:
            failures.append((at, kind, why, sent))


def why_failed(status, data):
    """What a failed answer said: its status and first error's code and message."""
    error = (data or {}).get("errors", [{}])[0] if isinstance(data, dict) else {}
    return f"{status} {error.get('extensions', {}).get('code')} {error.get('message', '')[:120]}"


def connection():
    return http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)


def writer(number):
    conn, serial = connection(), 0
    while not stop.is_set():
        serial += 1
        key = f"soak-{number}-{serial}"
        at = (number + serial) % len(stations)
        fir = {"stationCode": stations[at], "type": "REGULAR", "occurredFrom": "2026-11-28T21:30:00Z",
               "narrative": f"Soak {key}: mobile phone stolen from the complainant's pocket in a crowded bus.",
               "charges": [{"act": "BNS", "section": "303(2)"}],
               "parties": [{"role": "COMPLAINANT", "person": {"name": "Rahul Patil", "sex": "MALE"}}]}
        # The same key until it commits: a retry after a lost answer returns the same FIR.
        while not stop.is_set():
            sent = time.monotonic() - started
            try:
                status, data = post(conn, tokens[at], REGISTER, {"input": fir, "key": key})
                ok, why = status == 200 and "errors" not in data, why_failed(status, data)
            except Exception as error:
                conn, ok, data, why = connection(), False, None, repr(error)[:120]
            record("write", ok, why, sent)
            if ok:
                fir_id = base64.urlsafe_b64decode(data["data"]["registerFir"]["id"] + "==").decode().split(":")[-1]
                with lock:
                    committed[key] = int(fir_id)
                break
            time.sleep(0.2)


def reader(number):
    conn, i = connection(), number
    while not stop.is_set():
        kind, query = READS[i % len(READS)]
        i += 1
        sent = time.monotonic() - started
        try:
            status, data = post(conn, analyst, query)
            ok, why = status == 200 and "errors" not in data, why_failed(status, data)
        except Exception as error:
            conn, ok, why = connection(), False, repr(error)[:120]
        record(kind, ok, why, sent)
        if not ok:
            time.sleep(0.2)


def gateway_pid():
    with open(pid_file) as f:
        return int(f.read().strip())


def memory():
    while not stop.is_set():
        try:
            with open(f"/proc/{gateway_pid()}/status") as f:
                kib = next(int(line.split()[1]) for line in f if line.startswith("VmRSS"))
            rss.append((time.monotonic() - started, kib))
        except (OSError, ValueError, StopIteration):
            pass  # between the crash and the restart
        stop.wait(5)


def readiness():
    while not stop.is_set():
        asked = time.monotonic() - started
        try:
            conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=5)
            conn.request("GET", "/readyz")
            status = conn.getresponse().status
            conn.close()
        except OSError:
            status = 0
        ready.append((asked, status))
        stop.wait(0.5)


def faults():
    stop.wait(duration / 2)
    if stop.is_set():
        return
    marks["down_at"] = time.monotonic() - started
    subprocess.run(["bash", "-c", stop_db], check=True, capture_output=True)
    stop.wait(down)
    subprocess.run(["bash", "-c", start_db], check=True, capture_output=True)
    marks["up_at"] = time.monotonic() - started
    stop.wait(duration * 3 / 4 - marks["up_at"])
    marks["killed_at"] = time.monotonic() - started
    os.kill(gateway_pid(), signal.SIGKILL)
    subprocess.run(["bash", "-c", start_gateway], check=True)
    while not stop.is_set():
        try:
            socket.create_connection((parsed.hostname, parsed.port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    marks["restarted_at"] = time.monotonic() - started


threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
threads += [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
threads += [threading.Thread(target=memory), threading.Thread(target=faults), threading.Thread(target=readiness)]
for t in threads:
    t.start()
time.sleep(duration)
stop.set()
for t in threads:
    t.join()


def sql(query):
    out = subprocess.run(["psql", pg_url, "-Atc", query], check=True, capture_output=True, text=True).stdout
    return out.strip()


def recovery(fault_at, back_at):
    """The first success (any operation, and a write) at or after `back_at`."""
    ok = [o for o in outcomes if o[0] >= back_at and o[2]]
    first = min((o[0] for o in ok), default=duration)
    write = min((o[0] for o in ok if o[1] == "write"), default=float("nan"))
    return first, write


down_at, up_at = marks["down_at"], marks["up_at"]
killed_at, restarted_at = marks["killed_at"], marks["restarted_at"]
db_back, db_write = recovery(down_at, up_at)
gw_back, gw_write = recovery(killed_at, restarted_at)
windows = {
    "database down, until the first success": (down_at, db_back),
    "gateway killed (SIGKILL), until the first success": (killed_at, gw_back),
}
# An operation belongs to a fault when it was in flight during it (sent before the fault's
# window ended, answered after it began): one sent while the database was down may be
# answered, after its pool's acquire timeout, just after it came back; one sent just
# before the gateway was killed is answered by the reset.
overlaps = lambda sent, answered, lo, hi: sent < hi and answered >= lo
inside = lambda o: any(overlaps(o[3], o[0], lo, hi) for lo, hi in windows.values())
phases = {"steady state (outside both faults)": [o for o in outcomes if not inside(o)]}
for name, (lo, hi) in windows.items():
    phases[name] = [o for o in outcomes if overlaps(o[3], o[0], lo, hi)]
ids = sorted(committed.values())
in_database = {int(i) for i in sql("SELECT id FROM fir WHERE narrative LIKE 'Soak soak-%'").split()}
found = len(set(ids) & in_database)
soak_firs = len(in_database)
duplicates = int(sql("SELECT COUNT(*) FROM (SELECT 1 FROM fir GROUP BY station_id, year, serial HAVING COUNT(*) > 1) d"))
partial = int(sql("SELECT COUNT(*) FROM fir f WHERE f.narrative LIKE 'Soak soak-%' AND (NOT EXISTS "
                  "(SELECT 1 FROM police_case c WHERE c.fir_id = f.id) OR NOT EXISTS (SELECT 1 FROM charge ch "
                  "WHERE ch.fir_id = f.id) OR NOT EXISTS (SELECT 1 FROM case_party p WHERE p.fir_id = f.id))"))
warm = next((kib for s, kib in rss if s >= 60), rss[0][1])
before_down = max((kib for s, kib in rss if s < down_at), default=warm)
before_kill = max((kib for s, kib in rss if s < killed_at), default=warm)
end = rss[-1][1]

print("| phase | seconds | operations | errors | writes committed |")
print("|---|---|---|---|---|")
spans = {"steady state (outside both faults)": duration - sum(hi - lo for lo, hi in windows.values()), **{
    name: hi - lo for name, (lo, hi) in windows.items()}}
for name, items in phases.items():
    print(f"| {name} | {spans[name]:.1f} | {len(items)} | {sum(1 for o in items if not o[2])} | "
          f"{sum(1 for o in items if o[1] == 'write' and o[2])} |")
print()
print(f"- database stopped at {down_at:.1f} s for {up_at - down_at:.1f} s; first success {db_back - up_at:.2f} s "
      f"after it was back, first committed write {db_write - up_at:.2f} s after")
print(f"- gateway killed at {killed_at:.1f} s and listening again {restarted_at - killed_at:.2f} s later; first "
      f"success {gw_back - restarted_at:.2f} s after that, first committed write {gw_write - restarted_at:.2f} s after")
down_ready = sorted({status for t, status in ready if down_at + 1 <= t < up_at})
ready_again = min((t for t, status in ready if t >= up_at and status == 200), default=float("nan"))
not_ready_outside = sum(1 for t, status in ready if status != 200 and not (down_at <= t < ready_again)
                        and not (killed_at <= t < restarted_at + 1))
print(f"- /readyz while the database was down: {down_ready}; 200 again {ready_again - up_at:.2f} s after it was back; "
      f"not ready outside the faults: {not_ready_outside} of {len(ready)} polls")
print(f"- FIRs committed as clients saw them: {len(ids)}; found in the database: {found}; lost: {len(ids) - found}")
print(f"- FIRs the soak registered in the database: {soak_firs} (one per idempotency key: {soak_firs == len(ids)})")
print(f"- duplicate (station, year, serial): {duplicates}; soak FIRs without their case, charges or parties: {partial}")
print(f"- gateway RSS: {warm / 1024:.1f} MiB at 60 s, {before_down / 1024:.1f} MiB before the database outage, "
      f"{before_kill / 1024:.1f} MiB before the kill; the restarted gateway {end / 1024:.1f} MiB at the end")
steady_failures = [f for f in failures if not any(overlaps(f[3], f[0], lo, hi) for lo, hi in windows.values())]
for at, kind, why, sent in steady_failures[:20]:
    print(f"- error outside the faults, sent at {sent:.2f} s and answered at {at:.2f} s ({kind}): {why}")
failed = (len(ids) != found or duplicates or partial or soak_firs != len(ids) or not_ready_outside
          or 503 not in down_ready
          or any(not o[2] for o in phases["steady state (outside both faults)"]))
sys.exit(1 if failed else 0)
