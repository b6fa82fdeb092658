# SPDX-License-Identifier: GPL-3.0-or-later
#
# machine-formats.py PP - every machine-readable output, read back by the
# programs that consume them: Python's json, csv and (when installed)
# PyYAML.  Run by machine-formats.sh from the source root.
#
# For every command that writes JSON, YAML and CSV it checks that
#   - the JSON parses, and every number in it is the shortest text that
#     reads back to the same double (what repr() prints, up to spelling:
#     1.0e-05 for 1e-05, 20 for 20.0);
#   - JSON and YAML (PyYAML's safe_load, which resolves YAML 1.1 types)
#     are the same document, value for value and type for type;
#   - the CSV header is the first list's record keys and then the
#     top-level scalars (without format_version), and every row holds the
#     same values as the JSON record and scalars (null is an empty cell,
#     booleans 1 and 0);
# and that the remaining JSON outputs (check's record, plan files) parse
# and carry their format_version.  Prints one line per output and exits 1
# on the first mismatch.
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    yaml = None

PP = sys.argv[1]
E = "profiles/examples/gpt-4stage-a100.yaml"
TWO = ["-p", "tests/cli/data/two-stage.csv", "-b", "a100"]
failed = False


def fail(what, msg):
    global failed
    print(f"FAIL {what}: {msg}")
    failed = True


def run(args, ok=(0,)):
    p = subprocess.run([PP] + args, capture_output=True, text=True)
    if p.returncode not in ok:
        raise SystemExit(f"{' '.join(args)}: status {p.returncode}\n{p.stderr}")
    return p.stdout


NUM = re.compile(r'(?<![\w."])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w."])')


def digits(text):
    """Significant digits of a number's text."""
    m = text.lstrip("-").lower().split("e")[0].replace(".", "").lstrip("0")
    return len(m.rstrip("0")) or 1


def shortest(what, text):
    # numbers outside strings: drop the strings first
    bare = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)
    n = 0
    for tok in NUM.findall(bare):
        v = float(tok)
        want = digits(repr(v))
        if digits(tok) != want:
            fail(what, f"{tok} is not the shortest text for {v!r}")
            return
        if float(tok) != v:
            fail(what, f"{tok} does not read back")
        n += 1
    return n


def same(what, a, b, path="$"):
    if type(a) is not type(b) and not (
        isinstance(a, (int, float)) and isinstance(b, (int, float))
        and not isinstance(a, bool) and not isinstance(b, bool)
    ):
        fail(what, f"{path}: {a!r} ({type(a).__name__}) vs {b!r} "
                   f"({type(b).__name__})")
        return False
    if isinstance(a, dict):
        if list(a) != list(b):
            fail(what, f"{path}: keys {list(a)} vs {list(b)}")
            return False
        return all(same(what, a[k], b[k], f"{path}.{k}") for k in a)
    if isinstance(a, list):
        if len(a) != len(b):
            fail(what, f"{path}: {len(a)} vs {len(b)} items")
            return False
        return all(same(what, x, y, f"{path}[{i}]")
                   for i, (x, y) in enumerate(zip(a, b)))
    if a != b:
        fail(what, f"{path}: {a!r} vs {b!r}")
        return False
    return True


def cell(v):
    """A JSON value as the CSV writes it."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    return v


def csv_matches(what, doc, text):
    rows = list(csv.reader(io.StringIO(text)))
    top = [(k, v) for k, v in doc.items()
           if k != "format_version" and not isinstance(v, (dict, list))]
    lists = [v for v in doc.values() if isinstance(v, list)]
    records = lists[0] if lists else [{}]
    header = list(records[0]) + [k for k, _ in top]
    if rows[0] != header:
        fail(what, f"CSV header {rows[0]} vs JSON {header}")
        return
    if len(rows) - 1 != len(records):
        fail(what, f"{len(rows) - 1} CSV rows vs {len(records)} records")
        return
    for r, rec in zip(rows[1:], records):
        want = [cell(v) for v in rec.values()] + [cell(v) for _, v in top]
        for h, got, w in zip(header, r, want):
            ok = (got == w) if not isinstance(w, (int, float)) else (
                got != "" and float(got) == w)
            if not ok:
                fail(what, f"CSV {h}: {got!r} vs JSON {w!r}")
                return


def three(what, args):
    js = run(args + ["-f", "json"])
    doc = json.loads(js)
    if "format_version" not in doc:
        fail(what, "no format_version")
    n = shortest(what + " json", js)
    ym = run(args + ["-f", "yaml"])
    if yaml is not None:
        same(what + " yaml", doc, yaml.safe_load(ym))
    cs = run(args + ["-f", "csv"])
    csv_matches(what + " csv", doc, cs)
    print(f"ok   {what}: json ({n} numbers), "
          f"{'yaml, ' if yaml else ''}csv")


three("plan", ["plan", "-p", E, "-M", "4", "--slowdown", "5%", "-q"])
three("plan lowtime", ["plan", "-p", E, "-M", "2", "--model", "lowtime",
                       "-q"])
three("eval", ["eval"] + TWO + ["-M", "2", "--frequency", "max"])
# a custom DAG (ids, a weight pass): the example profile with each
# backward row also as a weight pass taking half its time and energy
with tempfile.TemporaryDirectory() as t:
    zb = os.path.join(t, "zb.csv")
    with open("profiles/examples/gpt-4stage-a100.csv") as src, \
            open(zb, "w") as dst:
        rows = list(csv.reader(src))
        w = csv.writer(dst, lineterminator="\n")
        w.writerows(rows)
        col = {h: k for k, h in enumerate(rows[0])}
        for r in rows[1:]:
            if r[col["instruction"]] == "backward":
                r = list(r)
                r[col["instruction"]] = "weight"
                r[col["time"]] = repr(float(r[col["time"]]) / 2)
                r[col["energy"]] = repr(float(r[col["energy"]]) / 2)
                w.writerow(r)
    three("eval custom", ["eval", "-p", zb, "-b", "a100", "-s",
                          "graph/examples/zb-4stage.yaml", "--frequency",
                          "min-energy"])
three("sweep", ["sweep", "-p", E, "-M", "4", "--slowdowns",
                "1.05:1.5:0.05", "--pipelines", "4"])
three("compare", ["compare"] + TWO + ["-M", "2"])
three("schedule", ["schedule", "-s", "graph/examples/zb-4stage.yaml"])

# the sweep's grid reads back as the decimals typed
doc = json.loads(run(["sweep", "-p", E, "-M", "4", "--slowdowns",
                      "1.05:1.5:0.05", "-f", "json"]))
s = [r["s"] for r in doc["rows"]]
if s[3] != 1.2 or s != [1.05, 1.1, 1.15, 1.2, 1.25, 1.3, 1.35, 1.4, 1.45,
                        1.5]:
    fail("sweep grid", f"{s}")
else:
    print("ok   sweep grid: s == 1.2 exactly")

# JSON documents that have no YAML or CSV twin
with tempfile.TemporaryDirectory() as t:
    for what, args, ok in [
        ("check record", ["check", "-p", E, "-M", "4", "--max-slowdown",
                          "1%", "-f", "json"], (0,)),
        ("check record, invalid", ["check", "-p",
                                   "tests/cli/data/bad-number.csv", "-b",
                                   "a100", "-M", "4", "-f", "json"], (1,)),
    ]:
        js = run(args, ok)
        doc = json.loads(js)
        shortest(what, js)
        if doc.get("format_version") != 2 or "verdict" not in doc:
            fail(what, "no format_version 2 or verdict")
        print(f"ok   {what}")
    plan = os.path.join(t, "plan.json")
    run(["plan", "-p", E, "-M", "4", "--emit", plan, "-q", "-o",
         os.devnull])
    text = open(plan).read()
    doc = json.loads(text)
    shortest("plan file", text)
    if doc["format_version"] != 2 or "provenance" not in doc:
        fail("plan file", "no format_version 2 or provenance")
    print("ok   plan file (JSON)")
    zeus = os.path.join(t, "plan.py")
    run(["plan", "-p", E, "-M", "4", "--emit", zeus, "-q", "-o",
         os.devnull])
    text = open(zeus).read()
    stages = eval(text)  # as the Zeus server loads it
    prov = [l for l in text.splitlines()
            if l.startswith("# perseus-plan provenance: ")]
    if len(stages) != 4 or len(prov) != 1:
        fail("zeus plan", f"{len(stages)} stages, {len(prov)} provenance")
    else:
        json.loads(prov[0].split(": ", 1)[1])
        print("ok   plan file (Zeus): eval() loads it, provenance is JSON")

sys.exit(1 if failed else 0)
