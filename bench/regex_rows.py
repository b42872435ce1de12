#!/usr/bin/env python3
"""bench/regex_rows.py: the rows and the 200 patterns of bench/regex.sh's
second table, and the Python `re` loop it is compared with.

    regex_rows.py make ROWS SEED DIR   writes DIR/rows.csv, DIR/rules.json
    regex_rows.py run DIR              times re.search over the same rows
                                       and patterns; prints seconds

Every pattern is written in the part of the syntax where POSIX ERE and
Python agree (no classes, no escapes), so both ask the same question.
"""
import csv
import json
import random
import re
import sys
import time

FIELDS = ["name", "postcode", "charity_no", "email", "city"]


def make(rows, seed, out):
    rnd = random.Random(seed)
    first = ["North", "South", "Leeds", "Bradford", "York", "Housing",
             "Trust", "Community", "Café", "Zürich", "Partners", "Ltd"]
    cities = ["Leeds", "Bradford", "York", "Hull", "Sheffield", "Zürich"]
    with open(out + "/rows.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id"] + FIELDS)
        for i in range(rows):
            name = " ".join(rnd.choice(first) for _ in range(rnd.randint(1, 4)))
            pc = "%s%d %d%s" % (rnd.choice(["LS", "BD", "YO", "HU", "S"]),
                                rnd.randint(1, 29), rnd.randint(0, 9),
                                "".join(rnd.choice("ABDEFGHJLNPQRSTUWXYZ")
                                        for _ in range(2)))
            cn = rnd.choice(["", "SC", "NI"]) + str(rnd.randint(10000, 99999999))
            email = "%s@%s.%s" % (name.split()[0].lower(),
                                  rnd.choice(["example", "mail", "trust"]),
                                  rnd.choice(["org", "org.uk", "com"]))
            w.writerow([i + 1, name, pc, cn, email, rnd.choice(cities)])
    # Mostly true for these rows, as a rule set's checks mostly pass:
    # the run then measures matching, not the writing of findings.
    templates = [
        ("name", "^[A-Z]"),
        ("name", "^[A-Z][a-zéü]+( [A-Z][a-zéü]+)*$"),
        ("name", "[a-zé]$"),
        ("name", "^[^0-9]*$"),
        ("name", "(Housing|Trust|Partners|North|South|Leeds|Bradford|York|"
                 "Community|Café|Zürich|Ltd)"),
        ("postcode", "^[A-Z]{1,2}[0-9]{1,2} [0-9][A-Z]{2}$"),
        ("postcode", "^(LS|BD|YO|HU|S)[0-9]"),
        ("postcode", "[A-Z][A-Z]$"),
        ("charity_no", "^(NI|SC)?[0-9]{5,8}$"),
        ("charity_no", "[0-9]+$"),
        ("email", "^[a-zü.]+@[a-z]+[.](org|com)([.]uk)?$"),
        ("email", "@"),
        ("email", "[.](org|com|uk)$"),
        ("city", "^(Leeds|Bradford|York|Hull|Sheffield|Zürich)$"),
        ("city", "^[A-Z][a-zü]+$"),
    ]
    checks = []
    for i in range(200):
        field, pat = templates[i % len(templates)]
        # Vary each copy a little, so that no two patterns are the same.
        pat = "(%s)|^x{%d}$" % (pat, i + 1)
        checks.append({"id": "re%d" % i, "field": field, "op": "matches",
                       "value": pat, "severity": "warn"})
    rules = {"input": {"id": "id"},
             "fields": {f: "string" for f in FIELDS}, "checks": checks}
    with open(out + "/rules.json", "w", encoding="utf-8") as f:
        json.dump(rules, f, ensure_ascii=False, indent=1)


def run(d):
    with open(d + "/rules.json", encoding="utf-8") as f:
        rules = json.load(f)
    with open(d + "/rows.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    checks = [(c["field"], re.compile(c["value"])) for c in rules["checks"]]
    best = None
    for _ in range(3):
        t0 = time.process_time()
        hits = 0
        for row in rows:
            for field, rx in checks:
                if rx.search(row[field]):
                    hits += 1
        el = time.process_time() - t0
        best = el if best is None or el < best else best
    print("%.4f %d" % (best, hits))


if sys.argv[1] == "make":
    make(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
else:
    run(sys.argv[2])
