"""Drives the national searches of one running gateway and reports their latency.

    python3 bench/search_probe.py URL TOKEN_ANALYST DB_KIND DB_URL_OR_FILE REPEAT SQL_LOG [NOTE]

Samples test cases from the database itself (persons with their real names, seized
vehicles' registrations), then times, one request at a time over one keep-alive
connection:
  - searchPersons typed in Latin: a variant of a real name (word order swapped, a
    transliteration, an initial, a misspelling), recording whether the person is in the
    top 3; a name recorded in an Indic script is typed as its Latin key reads
    (`person.name_normalized`);
  - searchPersons typed in an Indic script: the names recorded in one, as written or
    with their words reordered, an initial or a word left out;
  - the top-3 rate of both, per script the name was recorded in;
  - searchProperty by a registration written with spaces in lower case, and by its first
    six characters;
  - crimeStatistics by DISTRICT and MONTH over the whole country.
Prints one Markdown table row per kind (NOTE added to its notes). SHOW_MISSES=1 prints the
name variants whose name was not in the top 3, SHOW_SLOW=MS those slower than MS, to stderr. With SQL_LOG (the gateway's `cctns::sql` trace), it also
prints the statements of one request of each kind, for EXPLAIN, as PLAN lines.
"""
import base64, collections, hashlib, http.client, os, json, random, re, sqlite3, subprocess, sys, time, unicodedata, urllib.parse

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

url, token, kind, db, repeat, sql_log = sys.argv[1:7]
note = sys.argv[7] if len(sys.argv) > 7 else ""
repeat = int(repeat)
parsed = urllib.parse.urlparse(url)
conn = http.client.HTTPConnection(parsed.hostname, parsed.port)
random.seed(7)


def rows(sql):
    if kind == "sqlite":
        return sqlite3.connect(db).execute(sql).fetchall()
    out = subprocess.run(["psql", db, "-AtF", "\t", "-c", sql], check=True, capture_output=True, text=True).stdout
    return [tuple(line.split("\t")) for line in out.splitlines() if line]


# Global ids are opaque: one AES-128 block (the row id, then a tag of the type) under a
# key derived from the gateway's id key (schema/src/ids.rs); the benchmark's gateway runs
# with CCTNS_ID_KEY, or the development key.
ID_KEY = os.environ.get("CCTNS_ID_KEY", "cctns-development-id-key").encode()
ID_CIPHER = Cipher(algorithms.AES(hashlib.sha256(b"cctns-global-id\0" + ID_KEY).digest()[:16]), modes.ECB())


def row_of(global_id):
    """The row id inside a global id."""
    block = base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4))
    plain = ID_CIPHER.decryptor().update(block)
    return int.from_bytes(plain[:8], "big", signed=True)


def graphql(query, variables):
    body = json.dumps({"query": query, "variables": variables})
    started = time.perf_counter()
    conn.request("POST", parsed.path, body, {"content-type": "application/json", "authorization": f"Bearer {token}"})
    data = json.loads(conn.getresponse().read())
    elapsed = (time.perf_counter() - started) * 1000
    if "errors" in data:
        sys.exit(f"errors: {data['errors']}")
    return data["data"], elapsed


VARIANTS = [("mohammed", "mohd"), ("mohammad", "muhammad"), ("sharma", "sarma"), ("lakshmi", "laxmi"),
            ("chaudhary", "choudhury"), ("srinivas", "shreenivas"), ("kumar", "kumaar"), ("singh", "sing"),
            ("reddy", "redy"), ("patil", "paatil"), ("khan", "kahn"), ("v", "w")]


def variant(name):
    words = name.lower().split()
    how = random.randrange(4)
    if how == 0:  # word order
        words = words[1:] + words[:1]
    elif how == 1:  # an initial for the first word
        words = [words[0][0] + "."] + words[1:]
    elif how == 2:  # a transliteration, or a doubled vowel
        text = " ".join(words)
        for a, b in VARIANTS:
            if a in text:
                return text.replace(a, b, 1)
        return text.replace("a", "aa", 1)
    else:  # a misspelt letter in the longest word
        i = max(range(len(words)), key=lambda k: len(words[k]))
        w = words[i]
        if len(w) > 4:
            j = len(w) // 2
            words[i] = w[:j] + ("e" if w[j] != "e" else "i") + w[j + 1:]
    return " ".join(words)


def script_of(name):
    """The script a name is written in: LATIN, DEVANAGARI, TAMIL, …, URDU."""
    for c in name:
        if ord(c) > 0x7F and c.isalpha():
            block = unicodedata.name(c, "?").split()[0]
            return {"ARABIC": "URDU", "ORIYA": "ODIA"}.get(block, block)
    return "LATIN"


def indic_variant(name, key):
    """A name written in an Indic script as another officer might type it: as written, its
    words in another order, the first word as a Latin initial (`R. कुमार`), or without a
    middle word."""
    words, latin = name.split(), key.split()
    how = random.randrange(4)
    if how == 1 and len(words) > 1:
        words = words[1:] + words[:1]
    elif how == 2 and len(words) > 1 and latin:
        words = [latin[0][0].upper() + "."] + words[1:]
    elif how == 3 and len(words) > 2:
        words = words[:1] + words[2:]
    return " ".join(words)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round((len(values) - 1) * p))]


def report(name, times, extra=""):
    notes = "; ".join(n for n in (note, extra) if n)
    print(f"| {kind} | {name} | {len(times)} | {percentile(times, .5):.1f} | {percentile(times, .95):.1f} | "
          f"{percentile(times, .99):.1f} | {max(times):.1f} | {notes} |", flush=True)


def statements_of(run):
    """The statements the gateway logged while `run()` ran."""
    with open(sql_log, "rb") as f:
        f.seek(0, 2)
        start = f.tell()
    run()
    time.sleep(0.3)
    with open(sql_log, "rb") as f:
        f.seek(start)
        text = f.read().decode("utf-8", "replace")
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    out = []
    for line in text.splitlines():
        if "cctns::sql:" in line:
            sql = line.split("cctns::sql:", 1)[1].strip()
            out.append(re.sub(r"\s+elapsed_us=\d+$", "", sql))
    return out


# Persons on no shielded party, sampled evenly across the whole table.
every = max(1, int(rows("SELECT COUNT(*) FROM person")[0][0]) // (repeat * 2))
persons = rows(
    f"SELECT p.id, p.name, p.name_normalized FROM person p WHERE p.id % {every} = 0 AND NOT EXISTS (SELECT 1 FROM case_party cp "
    "JOIN fir f ON f.id = cp.fir_id WHERE cp.person_id = p.id AND (cp.juvenile OR (cp.role = 'VICTIM' "
    "AND f.victim_identity_protected))) ORDER BY p.id")
random.shuffle(persons)
persons = persons[:repeat]
every = max(1, int(rows("SELECT COUNT(*) FROM property_item")[0][0]) // (repeat * 20))
registrations = [r[0] for r in rows(
    "SELECT registration_normalized FROM property_item WHERE registration_normalized IS NOT NULL "
    f"AND id % {every} = 0 ORDER BY id")]
random.shuffle(registrations)
registrations = registrations[:repeat]

PERSON = "query($name: String!) { searchPersons(name: $name, first: 10) { score person { id name } } }"
PROPERTY = ("query($r: String!) { searchProperty(input: { registration: $r }, first: 20) { totalCount "
            "edges { node { matchesStolen item { registrationNumber fir { number } } } } } }")
STATS = ("{ crimeStatistics(groupBy: [DISTRICT, MONTH]) { district { code } month firs chargesheetRate "
         "pendingOver60Days pendingOver90Days } }")

# Per script the name was recorded in: [variants, the person in the top 3, the name in the top 3].
quality = collections.defaultdict(lambda: [0, 0, 0])


def search_person(pid, name, key, query_name, typed):
    data, ms = graphql(PERSON, {"name": query_name})
    if ms > float(os.environ.get("SHOW_SLOW", "inf")):
        print(f"SLOW {ms:.0f} ms {query_name!r} (for {name!r})", file=sys.stderr)
    hits = data["searchPersons"][:3]
    rows_found = [str(row_of(h["person"]["id"])) for h in hits]
    # Many people share a name; a namesake in the top 3 (the same name, in any script:
    # the same key) is the right answer to the query too.
    keys = [r[0] for r in rows(f"SELECT name_normalized FROM person WHERE id IN ({','.join(rows_found) or '0'})")]
    named = key in keys
    counts = quality[(typed, script_of(name))]
    counts[0] += 1
    counts[1] += str(pid) in rows_found
    counts[2] += named
    if not named and os.environ.get("SHOW_MISSES"):
        print("MISS", name, "as", repr(query_name), "->", [(h["person"]["name"], h["score"]) for h in data["searchPersons"][:5]], file=sys.stderr)
    return ms, str(pid) in rows_found, named


def top3(typed):
    found = [(script, c) for (t, script), c in sorted(quality.items()) if t == typed]
    total = [sum(c[i] for _, c in found) for i in range(3)]
    per_script = ", ".join(f"{script} {c[1]}/{c[2]}/{c[0]}" for script, c in found)
    return (f"for {total[0]} name variants, the person in the top 3 {total[1]} times, the name (the person "
            f"or a namesake, in any script) {total[2]} times; by the script the name was recorded in "
            f"(person/name/variants): {per_script}")


times = []
for pid, name, key in persons:
    latin = name if script_of(name) == "LATIN" else key
    times.append(search_person(pid, name, key, variant(latin), "latin")[0])
report("searchPersons typed in Latin", times, top3("latin"))

times = []
for pid, name, key in persons:
    if script_of(name) != "LATIN":
        times.append(search_person(pid, name, key, indic_variant(name, key), "indic")[0])
if times:
    report("searchPersons typed in Indic scripts", times, top3("indic"))

times = []
for reg in registrations:
    spaced = f"{reg[:2]} {reg[2:4]} {reg[4:]}".lower()
    for written in (spaced, reg[:6]):
        _, ms = graphql(PROPERTY, {"r": written})
        times.append(ms)
report("searchProperty", times)

times = []
for _ in range(max(5, repeat // 10)):
    data, ms = graphql(STATS, {})
    times.append(ms)
report("crimeStatistics", times, f"{len(data['crimeStatistics'])} groups")

if sql_log != "-":
    probes = [("searchPersons", lambda: graphql(PERSON, {"name": variant(persons[0][2])})),
              ("searchProperty", lambda: graphql(PROPERTY, {"r": registrations[0][:6]})),
              ("crimeStatistics", lambda: graphql(STATS, {}))]
    for name, probe in probes:
        for sql in statements_of(probe):
            print(f"PLAN {name}\t{sql}")
