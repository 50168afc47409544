#!/usr/bin/env python3
"""Red team: tries every attack of issue 18 against a running gateway, as a hostile insider
would (a constable of another state, a prison desk, an analyst, an anonymous caller), and
prints `held` or `leaked` for each. Exits 1 if anything leaked.

    python3 tests/red_team.py [path/to/cctns]     # default: target/debug/cctns

It starts its own gateways (`cctns serve --demo` on a fresh SQLite file, and a production
one), mints tokens with `cctns token`, talks HTTP to them, and reads the SQLite file only to
pick its targets (a protected victim, a child accused, …) and to count what was written.
"""

import hashlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "cctns")
SECRET = "red-team-secret"
WORK = tempfile.mkdtemp(prefix="cctns-red-team-")
ENV = dict(os.environ, CCTNS_JWT_SECRET=SECRET, CCTNS_LOG="warn", CCTNS_ENV="development")
for name in ("DATABASE_URL", "CCTNS_LISTEN", "CCTNS_ID_KEY"):
    ENV.pop(name, None)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gateway:
    """A `cctns serve` process on its own port and database file."""

    def __init__(self, name, *flags, env=None):
        self.db = os.path.join(WORK, f"{name}.db")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(WORK, f"{name}.log"), "w")
        self.process = subprocess.Popen(
            [BINARY, "serve", "--listen", f"127.0.0.1:{self.port}",
             "--database-url", f"sqlite://{self.db}?mode=rwc", *flags],
            env=env or ENV, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 300
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{name} gateway exited: see {self.log.name}")
            try:
                urllib.request.urlopen(self.base + "/readyz", timeout=2)
                return
            except OSError:
                time.sleep(0.5)
        raise SystemExit(f"{name} gateway did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)

    def post(self, query, variables=None, token=None, extensions=None):
        """POSTs an operation; returns (HTTP status, JSON body)."""
        body = {"query": query, "variables": variables or {}}
        if query is None:
            del body["query"]
        if extensions:
            body["extensions"] = extensions
        request = urllib.request.Request(
            self.base + "/graphql", data=json.dumps(body).encode(),
            headers={"content-type": "application/json", "accept": "application/json"})
        if token:
            request.add_header("authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def sql(self, statement):
        """The rows of a read-only statement on the gateway's database."""
        connection = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=30)
        try:
            return connection.execute(statement).fetchall()
        finally:
            connection.close()

    def one(self, statement):
        rows = self.sql(statement)
        return rows[0][0] if rows else None

    def write(self, statement):
        connection = sqlite3.connect(self.db, timeout=30)
        try:
            connection.execute(statement)
            connection.commit()
        finally:
            connection.close()


def token(role, unit, sub="red-team"):
    out = subprocess.run([BINARY, "token", "--role", role, "--unit", unit, "--sub", sub],
                         env=ENV, check=True, capture_output=True, text=True)
    return out.stdout.strip()


def code(body):
    errors = body.get("errors") or []
    return errors[0].get("extensions", {}).get("code") if errors else None


RESULTS = []


def attack(number, what):
    """Registers an attack: the function returns (held, evidence)."""
    def register(function):
        RESULTS.append((number, what, function))
        return function
    return register


# Targets ------------------------------------------------------------------------------

PROTECTED_VICTIM = "cp.role = 'VICTIM' AND f.victim_identity_protected = 1"


def target_protected_case(gw):
    row = gw.sql(
        "SELECT f.id, u.code, o.login_id, ou.code FROM fir f JOIN org_unit u ON u.id = f.station_id "
        "JOIN police_case c ON c.fir_id = f.id JOIN officer o ON o.id = c.io_id "
        "JOIN org_unit ou ON ou.id = o.unit_id WHERE f.victim_identity_protected = 1 AND ou.id = u.id "
        "AND EXISTS (SELECT 1 FROM case_diary_entry d WHERE d.case_id = c.id) ORDER BY f.id LIMIT 1")[0]
    return {"row": row[0], "station": row[1], "io_login": row[2], "io_unit": row[3]}


def fir_global_id(gw, station, fir_row):
    """The FIR's global id, as the owning SHO reads it by number."""
    serial, year = gw.sql(f"SELECT serial, year FROM fir WHERE id = {fir_row}")[0]
    sho = token("STATION_HOUSE_OFFICER", station, f"{station}.sho")
    _, body = gw.post("query($s: String!, $y: Int!, $n: Int!) { firByNumber(stationCode: $s, year: $y, serial: $n) { id } }",
                      {"s": station, "y": year, "n": serial}, sho)
    return body["data"]["firByNumber"]["id"]


def real_person_id(gw, person_row):
    """A person's own global id, read through a party where the reader sees them in full."""
    fir_row, station = gw.sql(
        f"SELECT f.id, u.code FROM case_party cp JOIN fir f ON f.id = cp.fir_id "
        f"JOIN org_unit u ON u.id = f.station_id WHERE cp.person_id = {person_row} ORDER BY cp.id LIMIT 1")[0]
    sho = token("STATION_HOUSE_OFFICER", station, f"{station}.sho")
    name = gw.one(f"SELECT name FROM person WHERE id = {person_row}")
    _, body = gw.post("query($id: ID!) { fir(id: $id) { parties { person { id name } } } }",
                      {"id": fir_global_id(gw, station, fir_row)}, sho)
    for party in body["data"]["fir"]["parties"]:
        if party["person"] and party["person"]["name"] == name:
            return party["person"]["id"]
    raise SystemExit(f"no real id for person {person_row}")


def theft(station, parties):
    return {"stationCode": station, "type": "REGULAR", "occurredFrom": "2026-11-28T21:30:00Z",
            "narrative": "The informant reports that a bicycle was stolen from the market.",
            "charges": [{"act": "BNS", "section": "303(2)"}], "parties": parties}


REGISTER = "mutation($input: RegisterFirInput!) { registerFir(input: $input) { id parties { person { id name birthYear address } } } }"
READ_FIR = ("query($id: ID!) { fir(id: $id) { victimIdentityProtected narrative amendments { field } "
            "parties { role person { id name birthYear parties { role } } } case { diary { content } } } }")


# The attacks --------------------------------------------------------------------------

@attack(1, "constable names a POCSO victim of another state by id in an FIR of their own station")
def naming_a_victim(gw):
    victim = gw.one("SELECT cp.person_id FROM case_party cp JOIN fir f ON f.id = cp.fir_id JOIN org_unit u "
                    f"ON u.id = f.station_id WHERE {PROTECTED_VICTIM} AND u.path NOT LIKE '/IN/MH/%' ORDER BY cp.id LIMIT 1")
    name = gw.one(f"SELECT name FROM person WHERE id = {victim}")
    before = gw.one("SELECT COUNT(*) FROM fir")
    constable = token("STATION_OFFICER", "MH-PUN-PS001", "rt.constable")
    _, body = gw.post(REGISTER, {"input": theft("MH-PUN-PS001", [{"role": "WITNESS", "personId": real_person_id(gw, victim)}])}, constable)
    leaked = name in json.dumps(body) or gw.one("SELECT COUNT(*) FROM fir") != before
    return not leaked, f"answer {code(body)}, FIRs written {gw.one('SELECT COUNT(*) FROM fir') - before}"


@attack(2, "prison desk admits a protected victim by id on an invented warrant")
def prison_unmasks(gw):
    victim = gw.one(f"SELECT cp.person_id FROM case_party cp JOIN fir f ON f.id = cp.fir_id WHERE {PROTECTED_VICTIM} ORDER BY cp.id LIMIT 1")
    name = gw.one(f"SELECT name FROM person WHERE id = {victim}")
    before = gw.one("SELECT COUNT(*) FROM prison_record")
    prison = token("PRISON", "MH-PUN-PR1", "rt.prison")
    _, body = gw.post("mutation($input: AdmitPrisonerInput!) { admitPrisoner(input: $input) { person { name birthYear } } }",
                      {"input": {"prisonCode": "MH-PUN-PR1", "personId": real_person_id(gw, victim), "category": "UNDERTRIAL", "warrantRef": "any text"}}, prison)
    written = gw.one("SELECT COUNT(*) FROM prison_record") - before
    return name not in json.dumps(body) and written == 0, f"answer {code(body)}, custody records written {written}"


@attack(3, "constable removes the POCSO charge to lift the protection nationally")
def lifting_protection(gw):
    case = target_protected_case(gw)
    fir = fir_global_id(gw, case["station"], case["row"])
    positions = [r[0] for r in gw.sql(
        f"SELECT c.position FROM charge c JOIN statute s ON s.id = c.statute_id WHERE c.fir_id = {case['row']} "
        "AND c.removed_at IS NULL AND s.victim_identity_protected = 1")]
    constable = token("STATION_OFFICER", case["station"], "rt.constable")
    _, body = gw.post("mutation($id: ID!, $input: AmendFirInput!) { amendFir(firId: $id, input: $input) { id } }",
                      {"id": fir, "input": {"reason": "typo", "removeCharges": positions, "addCharges": [{"act": "BNS", "section": "115(2)"}]}}, constable)
    analyst = token("ANALYST", "IN", "rt.analyst")
    _, after = gw.post(READ_FIR, {"id": fir}, analyst)
    fir_after = after["data"]["fir"]
    victims = [p["person"]["name"] for p in fir_after["parties"] if p["role"] == "VICTIM"]
    held = fir_after["victimIdentityProtected"] and fir_after["narrative"] is None and fir_after["amendments"] is None \
        and all(v.startswith("Victim-") for v in victims)
    return held, f"amendFir by the constable: {code(body)}; analyst reads victims as {victims}"


@attack(4, "a masked victim's id links her across FIRs")
def linking_by_id(gw):
    case = target_protected_case(gw)
    fir = fir_global_id(gw, case["station"], case["row"])
    analyst, sho = token("ANALYST", "IN", "rt.analyst"), token("STATION_HOUSE_OFFICER", case["station"], f"{case['station']}.sho")
    victim = lambda body: next(p["person"] for p in body["data"]["fir"]["parties"] if p["role"] == "VICTIM")
    masked, full = victim(gw.post(READ_FIR, {"id": fir}, analyst)[1]), victim(gw.post(READ_FIR, {"id": fir}, sho)[1])
    guessable = gw.post("{ node(id: \"UGVyc29uOjE\") { id } }", None, analyst)[1]
    held = masked["id"] != full["id"] and masked["parties"] is None and code(guessable) == "BAD_USER_INPUT"
    return held, f"masked id {masked['id']} vs real {full['id']}; base64('Person:1') answers {code(guessable)}"


@attack(5, "the complaint behind a protected FIR names the victim to every officer of the station")
def complaint_behind(gw):
    case = target_protected_case(gw)
    petition = gw.one(f"SELECT c.petition_number FROM complaint c JOIN fir f ON f.station_id = c.station_id WHERE f.id = {case['row']} ORDER BY c.id LIMIT 1")
    gw.write(f"UPDATE complaint SET fir_id = {case['row']} WHERE petition_number = '{petition}'")
    constable = token("STATION_OFFICER", case["station"], "rt.constable")
    _, body = gw.post("{ complaints(first: 100) { edges { node { petitionNumber description } } } }", None, constable)
    seen = [e["node"] for e in body["data"]["complaints"]["edges"] if e["node"]["petitionNumber"] == petition]
    return bool(seen) and seen[0]["description"] is None, f"description as the constable reads it: {seen[0]['description'] if seen else 'not listed'}"


@attack(6, "a constable of the owning station reads the diary of a protected case")
def protected_diary(gw):
    case = target_protected_case(gw)
    fir = fir_global_id(gw, case["station"], case["row"])
    _, body = gw.post(READ_FIR, {"id": fir}, token("STATION_OFFICER", case["station"], "rt.constable"))
    diary = body["data"]["fir"]["case"]["diary"]
    return diary is None, f"diary entries read: {len(diary or [])}"


@attack(7, "the complainant of a protected FIR (the victim's parent) is named nationally")
def complainant(gw):
    fir_row, station, name = gw.sql(
        "SELECT f.id, u.code, p.name FROM fir f JOIN org_unit u ON u.id = f.station_id JOIN case_party cp ON cp.fir_id = f.id "
        "AND cp.role = 'COMPLAINANT' JOIN person p ON p.id = cp.person_id WHERE f.victim_identity_protected = 1 AND NOT EXISTS "
        "(SELECT 1 FROM case_party v WHERE v.fir_id = f.id AND v.person_id = cp.person_id AND v.role = 'VICTIM') ORDER BY f.id LIMIT 1")[0]
    _, body = gw.post(READ_FIR, {"id": fir_global_id(gw, station, fir_row)}, token("ANALYST", "IN", "rt.analyst"))
    return name not in json.dumps(body), "the analyst reads " + ", ".join(
        p["person"]["name"] for p in body["data"]["fir"]["parties"] if p["role"] == "COMPLAINANT")


@attack(8, "a juvenile accused is named with birth year to every police role")
def child(gw):
    fir_row, station, name = gw.sql(
        "SELECT cp.fir_id, u.code, p.name FROM case_party cp JOIN fir f ON f.id = cp.fir_id JOIN org_unit u ON u.id = f.station_id "
        "JOIN person p ON p.id = cp.person_id WHERE cp.juvenile = 1 ORDER BY cp.id LIMIT 1")[0]
    elsewhere = "KA-BLR-PS001" if not station.startswith("KA") else "MH-PUN-PS001"
    _, body = gw.post(READ_FIR, {"id": fir_global_id(gw, station, fir_row)}, token("STATION_OFFICER", elsewhere, "rt.elsewhere"))
    return name not in json.dumps(body), "a constable elsewhere reads " + ", ".join(
        p["person"]["name"] for p in body["data"]["fir"]["parties"] if p["role"] == "ACCUSED")


@attack(9, "tokens that claim an IO's login, or a role at a unit it does not serve at")
def role_binding(gw):
    case = target_protected_case(gw)
    fir = fir_global_id(gw, case["station"], case["row"])
    _, body = gw.post(READ_FIR, {"id": fir}, token("ANALYST", "IN", case["io_login"]))
    diary = body["data"]["fir"]["case"]["diary"]
    prosecutor, _ = gw.post("{ me { role } }", None, token("PROSECUTOR", case["station"]))
    court, _ = gw.post("{ me { role } }", None, token("COURT", "IN"))
    held = diary is None and prosecutor == 401 and court == 401
    return held, f"analyst with the IO's login reads the diary: {diary is not None}; PROSECUTOR at a station: {prosecutor}; COURT at IN: {court}"


@attack(10, "the audit log records an alias for the root field; a state auditor reads another state")
def audit(gw):
    constable = token("STATION_OFFICER", "MH-PUN-PS001", "rt.aliaser")
    gw.post('{ policeStations: searchPersons(name: "Kumar") { person { name } } }', None, constable)
    operations = [r[0] for r in gw.sql("SELECT operation FROM audit_record WHERE actor_sub = 'rt.aliaser'")]
    _, body = gw.post("{ auditLog(first: 100) { edges { node { actorUnit } } } }", None, token("AUDITOR", "MH", "rt.auditor"))
    units = {e["node"]["actorUnit"] for e in body["data"]["auditLog"]["edges"]} if body.get("data") else set()
    foreign = sorted(u for u in units if u and not u.startswith("MH"))
    held = operations and all("searchPersons" in op for op in operations) and not foreign and "MH-PUN-PS001" in units
    return held, f"operations recorded {operations}; MH auditor sees units outside MH: {foreign}"


@attack(11, "oracles: firByNumber absent vs refused; the shared APQ cache; statistics cells under 5")
def oracles(gw):
    case = target_protected_case(gw)
    serial, year = gw.sql(f"SELECT serial, year FROM fir WHERE id = {case['row']}")[0]
    query = "query($s: String!, $y: Int!, $n: Int!) { firByNumber(stationCode: $s, year: $y, serial: $n) { id } }"
    protected = gw.post(query, {"s": case["station"], "y": year, "n": serial})
    missing = gw.post(query, {"s": case["station"], "y": year, "n": 99999})
    document = "{ policeStations(first: 1) { totalCount } }"
    digest = hashlib.sha256(document.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    gw.post(document, None, token("ANALYST", "IN", "rt.analyst"), extensions)
    anonymous = gw.post(None, None, None, extensions)
    never = gw.post(None, None, None, {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}})
    _, stats = gw.post("{ crimeStatistics(groupBy: [STATION, ACT_SECTION]) { firs } }", None, token("ANALYST", "IN", "rt.analyst"))
    small = [r["firs"] for r in (stats.get("data") or {}).get("crimeStatistics") or [] if isinstance(r["firs"], int) and 0 < r["firs"] < 5]
    held = protected == missing and anonymous == never and not small and stats.get("data")
    return held, (f"firByNumber protected {protected[0]}/{code(protected[1])} vs missing {missing[0]}/{code(missing[1])}; "
                  f"APQ hash another caller sent: {code(anonymous[1]) or 'answered'}; statistics cells under 5: {len(small)}")


@attack(12, "_entities with 1,240 representations in a variable escapes the complexity budget")
def entities(gw):
    sho = token("STATION_HOUSE_OFFICER", "MH-PUN-PS001", "MH-PUN-PS001.sho")
    _, firs = gw.post("{ firs(first: 5) { edges { node { parties { person { id } } } } } }", None, sho)
    persons = [p["person"]["id"] for e in firs["data"]["firs"]["edges"] for p in e["node"]["parties"] if p["person"]]
    reps = [{"__typename": "Person", "id": persons[i % 3]} for i in range(1240)]
    query = ("query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name parties { fir { parties { "
             "person { name parties { fir { parties { person { name } } } } } } } } } } }")
    status, body = gw.post(query, {"r": reps})
    return code(body) == "QUERY_TOO_COMPLEX", f"HTTP {status}, {code(body) or 'answered'} ({len(json.dumps(body))} bytes)"


@attack(13, "a flood of bad tokens is never rate limited and writes one audit row each")
def bad_tokens(gw):
    before = gw.one("SELECT COUNT(*) FROM audit_record")
    statuses = [gw.post("{ __typename }", None, "not-a-token")[0] for _ in range(150)]
    rows = gw.one("SELECT COUNT(*) FROM audit_record") - before
    limited = statuses.count(429)
    return limited > 0 and rows < 10, f"{limited} of 150 answered 429; audit rows written: {rows}"


@attack(14, "production: anonymous `_service { sdl }` gives away the schema")
def service_sdl(production):
    status, body = production.post("{ _service { sdl } }")
    sdl = ((body.get("data") or {}).get("_service") or {}).get("sdl")
    return not sdl, f"HTTP {status}, {code(body) or 'answered'}, SDL bytes: {len(sdl or '')}"


@attack(15, "FIR_REGISTERED carries a protected victim's person id to every police subscriber")
def events(gw):
    sho = token("STATION_HOUSE_OFFICER", "MH-PUN-PS001", "MH-PUN-PS001.sho")
    fir = dict(theft("MH-PUN-PS001", [
        {"role": "VICTIM", "person": {"name": "Red Team Victim", "sex": "FEMALE", "birthYear": 2012}},
        {"role": "ACCUSED", "person": {"name": "Red Team Accused", "sex": "MALE", "birthYear": 1980}}]),
        charges=[{"act": "POCSO", "section": "8"}])
    _, body = gw.post(REGISTER, {"input": fir}, sho)
    victim = next(p["person"]["id"] for p in body["data"]["registerFir"]["parties"] if p["person"]["name"] == "Red Team Victim")
    refs = gw.one("SELECT subject_refs FROM domain_event WHERE event_type = 'FIR_REGISTERED' ORDER BY id DESC LIMIT 1")
    return victim not in refs, f"event refs: {refs}"


def production_demo_refused():
    """16: `serve --production --demo` on an empty database seeds nothing before refusing."""
    db = os.path.join(WORK, "production-demo.db")
    env = dict(ENV, CCTNS_ENV="production", CCTNS_ID_KEY="red-team-id-key")
    try:
        out = subprocess.run([BINARY, "serve", "--production", "--demo", "--listen", f"127.0.0.1:{free_port()}",
                              "--database-url", f"sqlite://{db}?mode=rwc"], env=env, capture_output=True, text=True, timeout=120)
        exit_code = out.returncode
    except subprocess.TimeoutExpired:
        exit_code = "none: still serving after 120 s"
    persons = 0
    if os.path.exists(db):
        try:
            persons = sqlite3.connect(db).execute("SELECT COUNT(*) FROM person").fetchone()[0]
        except sqlite3.Error:
            persons = 0
    return exit_code not in (0, None) and isinstance(exit_code, int) and persons == 0, f"exit {exit_code}, persons seeded: {persons}"


def main():
    print(f"red team: {BINARY}, work in {WORK}")
    demo = Gateway("demo", "--demo")
    production = Gateway("production", env=dict(ENV, CCTNS_ENV="production", CCTNS_ID_KEY="red-team-id-key"))
    leaked = 0
    print(f"\n{'#':>3}  {'held':<7} attack\n     evidence")
    try:
        for number, what, function in RESULTS:
            target = production if number == 14 else demo
            try:
                held, evidence = function(target)
            except Exception as error:  # an attack that breaks the gateway's answers is a finding too
                held, evidence = False, f"the probe failed: {error!r}"
            leaked += not held
            print(f"{number:>3}  {'held' if held else 'LEAKED':<7} {what}\n     {evidence}")
        held, evidence = production_demo_refused()
        leaked += not held
        print(f"{16:>3}  {'held' if held else 'LEAKED':<7} `serve --production --demo` seeds demo data before refusing\n     {evidence}")
    finally:
        demo.stop()
        production.stop()
    print(f"\n{16 - leaked} of 16 held")
    sys.exit(1 if leaked else 0)


if __name__ == "__main__":
    main()
