#!/usr/bin/env python3
"""Validates partnercheck's json and ndjson outputs against the JSON Schemas
in examples/ (make check-schemas).  Runs the binary on the shipped examples
in every command and machine format, validates each document or line, and
checks that a broken document is refused, so that the test can fail.
Needs python3-jsonschema (tools/deps.sh installs it); without it, says so
and exits 1: a validator that is absent must not pass."""

import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    sys.stderr.write(
        "check-schemas: FAILED: python3-jsonschema is not installed "
        "(run 'make deps' as root); the schemas were NOT checked\n")
    sys.exit(1)

PC = os.path.abspath(os.environ.get("PARTNERCHECK", "./partnercheck"))
EX = "examples"
SCHEMAS = {}
for name in ("report", "ndjson", "findings", "diff", "lineup", "lint"):
    with open(os.path.join(EX, "partnercheck-%s.schema.json" % name)) as f:
        SCHEMAS[name] = json.load(f)

try:  # jsonschema 4.18 and later resolve $ref through a registry
    from referencing import Registry, Resource
    REGISTRY = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in SCHEMAS.values())
except ImportError:  # Debian 12's 4.10
    REGISTRY = None
failures = 0
checked = 0


def validator(name):
    cls = jsonschema.validators.validator_for(SCHEMAS[name])
    cls.check_schema(SCHEMAS[name])
    if REGISTRY is not None:
        return cls(SCHEMAS[name], registry=REGISTRY)
    # 4.10 loses the base URI inside a schema reached through a urn:
    # the ndjson schema gets the report's definitions inlined instead.
    schema = SCHEMAS[name]
    if name == "ndjson":
        text = json.dumps(schema).replace(SCHEMAS["report"]["$id"] + "#",
                                          "#")
        schema = json.loads(text)
        schema["$defs"] = SCHEMAS["report"]["$defs"]
    return cls(schema)


V = {name: validator(name) for name in SCHEMAS}
# One line of lineup -f ndjson: the lineup schema's ndjson_line, a local
# reference, so that every jsonschema version resolves it.
V["lineup-ndjson"] = jsonschema.validators.validator_for(SCHEMAS["lineup"])({
    "$schema": SCHEMAS["lineup"]["$schema"],
    "$defs": SCHEMAS["lineup"]["$defs"],
    "$ref": "#/$defs/ndjson_line"})


def run(args, ok=(0, 1)):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1768435200")
    p = subprocess.run([PC] + args, capture_output=True, text=True, env=env)
    if p.returncode not in ok:
        raise SystemExit("check-schemas: %s failed (%d): %s" %
                         (" ".join(args), p.returncode, p.stderr))
    return p.stdout


def check(name, doc, what):
    global failures, checked
    checked += 1
    errs = sorted(V[name].iter_errors(doc), key=lambda e: list(e.path))
    for e in errs[:3]:
        failures += 1
        sys.stderr.write("check-schemas: %s: %s at %s\n" %
                         (what, e.message, "/".join(map(str, e.path))))


def check_lines(name, text, what):
    for i, line in enumerate(text.splitlines(), 1):
        check(name, json.loads(line), "%s line %d" % (what, i))


RUNS = [
    ["-r", EX + "/every-feature.json", EX + "/every-feature.csv"],
    ["--waivers", EX + "/waivers.csv", EX + "/consortium.csv"],
    ["--severity", "fail", EX + "/pool.csv"],
]
with tempfile.TemporaryDirectory() as tmp:
    for cmd in ("screen", "check", "conflicts"):
        for i, base in enumerate(RUNS):
            if cmd == "screen":
                base = [x for x in base if x not in ("--severity", "fail")]
            args = [cmd, "--as-of", "2026-06-01"] + base
            what = " ".join(args)
            doc = json.loads(run(args[:1] + ["-f", "json"] + args[1:]))
            check("report", doc, what + " -f json")
            check_lines("ndjson", run(args[:1] + ["-f", "ndjson"] + args[1:]),
                        what + " -f ndjson")
            check_lines("findings",
                        run(args[:1] + ["-f", "findings-ndjson"] + args[1:]),
                        what + " -f findings-ndjson")
            old = os.path.join(tmp, "%s-%d.json" % (cmd, i))
            with open(old, "w") as f:
                json.dump(doc, f)
            known = json.loads(run(args[:1] + ["-f", "json", "--baseline",
                                               old] + args[1:]))
            check("report", known, what + " --baseline")
            check("diff", json.loads(run(["diff", "-f", "json", old, old])),
                  "diff " + what)
        check_lines("ndjson", run(["screen", "-f", "ndjson", "--summary",
                                   EX + "/consortium.csv"]),
                    "screen -f ndjson --summary")
    # the diff of two different runs, and of runs under two rule sets
    a = os.path.join(tmp, "check-1.json")
    b = os.path.join(tmp, "check-0.json")
    check("diff", json.loads(run(["diff", "-f", "json", a, b])), "diff a b")

# lineup: a line-up with findings and --top alternatives, why-out of every
# kind, none feasible (exit 1), and a search stopped by a limit (exit 3).
SPECS = "contract.required_specialisms=supported housing;welfare advice"
LINEUP_RUNS = [
    [EX + "/pool.csv"],
    ["--set", SPECS, "--must", "P000003", "--size", "2..4", "--top", "3",
     "--exclude", "P000001", "--fail-on", "warn", EX + "/pool.csv"],
    ["--size", "40", EX + "/pool.csv"],
    ["--max-nodes", "100", "--time-limit", "60", EX + "/pool.csv"],
    ["--waivers", EX + "/waivers.csv", EX + "/consortium.csv"],
    ["-r", EX + "/every-feature.json", EX + "/every-feature.csv"],
]
for base in LINEUP_RUNS:
    args = ["lineup", "--as-of", "2026-06-01"] + base
    what = " ".join(args)
    check("lineup", json.loads(run(args[:1] + ["-f", "json"] + args[1:],
                                   (0, 1, 3))), what + " -f json")
    check_lines("lineup-ndjson",
                run(args[:1] + ["-f", "ndjson"] + args[1:], (0, 1, 3)),
                what + " -f ndjson")
broken = json.loads(run(["lineup", "-f", "json", EX + "/pool.csv"]))
broken["excluded"][0]["reason"] = "bored"
if not list(V["lineup"].iter_errors(broken)):
    failures += 1
    sys.stderr.write("check-schemas: a broken lineup report was accepted\n")
# rules lint -f json over valid and broken rule files, standard input and
# a file that is not there
# (it exits 2 when a file has problems)
for args, stdin in (([EX + "/every-feature.json"], None),
                    ([EX + "/every-feature.json",
                      "tests/data/broken-rules.json",
                      "/nonexistent/rules.json"], None),
                    (["-"], '{"partnercheck": 1, "checks": [')):
    p = subprocess.run([PC, "rules", "lint", "-f", "json"] + args,
                       input=stdin, capture_output=True, text=True)
    check("lint", json.loads(p.stdout), "rules lint -f json " + " ".join(args))
if not list(V["lint"].iter_errors({"files": [{"file": "x", "ok": False,
                                              "problems": [{"line": 0}]}]})):
    failures += 1
    sys.stderr.write("check-schemas: a broken lint report was accepted\n")

# A test that cannot fail proves nothing: a broken report must be refused.
broken = json.loads(run(["check", "-f", "json", EX + "/consortium.csv"]))
broken["partners"][0]["findings"] = [{"rule": "x", "severity": "bad"}]
if not list(V["report"].iter_errors(broken)):
    failures += 1
    sys.stderr.write("check-schemas: a broken report was accepted\n")

if failures:
    sys.stderr.write("check-schemas: %d problem(s)\n" % failures)
    sys.exit(1)
print("check-schemas: %d documents valid" % checked)
