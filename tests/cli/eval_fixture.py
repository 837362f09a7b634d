#!/usr/bin/env python3
"""Checks the arithmetic of `galacta eval` on tests/data/eval-fixture (three
vignettes with known results, see its README): top-1 1/3, top-3 2/3,
triage exact 1/3, 1 unsafe, 1 over-triage, supply 2/3; the exit status (1:
unsafe > 0 by default, 0 with --max-unsafe 1, 1 with --min-top3 0.9); and,
with --interview, that the per-vignette counts agree with the questions and
answers --trace shows (a group is one question of several items), and the
summary with the per-vignette counts (mean and max questions, items mean,
efficiency = answered / questions, above 1 with groups).
Usage: eval_fixture.py GALACTA FIXTURE_DIR"""
import json
import re
import subprocess
import sys

galacta, fixture = sys.argv[1], sys.argv[2]
failures = 0


def check(cond, msg):
    global failures
    if not cond:
        print("FAIL:", msg)
        failures += 1


def run(*args):
    r = subprocess.run([galacta, "eval"] + list(args), capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


code, out, err = run("--format", "json", fixture)
check(code == 1, f"one unsafe case fails by default (exit {code}, {err})")
j = json.loads(out)
check(j["format"] == "galacta-eval/1" and j["cases"] == 3 and j["errors"] == 0, "3 cases, no errors")
for key, want in (("top1", 1 / 3), ("top3", 2 / 3), ("triage_exact", 1 / 3), ("supply", 2 / 3)):
    check(abs(j[key] - want) < 1e-3, f"{key} {j[key]} != {want:.4f}")
check(j["unsafe"] == 1 and j["over_triage"] == 1, f"unsafe {j['unsafe']}, over-triage {j['over_triage']}")
by_id = {v["id"]: v for v in j["vignettes"]}
check(by_id["e1"]["top1_hit"] and by_id["e1"]["top3_hit"] and not by_id["e1"]["unsafe"], "e1 all right")
check(not by_id["e2"]["top1_hit"] and by_id["e2"]["top3_hit"] and by_id["e2"]["over_triage"], "e2 top-3, over-triage")
check(not by_id["e3"]["top3_hit"] and by_id["e3"]["unsafe"], "e3 miss, unsafe")
check(j["pass"] is False, "pass is false")

code, out, _ = run("--max-unsafe", "1", fixture)
check(code == 0 and "PASS" in out, "--max-unsafe 1 passes")
check("top1 0.33  top3 0.67  triage-exact 0.33  unsafe 1  over-triage 1  supply 0.67" in out, "text summary line")
code, out, _ = run("--max-unsafe", "1", "--min-top3", "0.9", fixture)
check(code == 1 and "FAIL" in out, "--min-top3 0.9 fails at 0.67")
code, _, err = run("--min-top3", "two", fixture)
check(code == 2, "a bad option value is a usage error")

code, out, err = run("--interview", "--max-unsafe", "3", "--format", "json", "--trace", fixture)
check(code == 0, f"--interview runs ({err})")
j = json.loads(out)
# The trace: "e1: 2. group:safety (safety) = {...}", one line per question,
# the value the simulated patient gave (an object over a group's items).
traced = {}
for line in err.splitlines():
    m = re.match(r"^(\S+): (\d+)\. (\S+)(?: \(safety\))? = (.*)$", line)
    if not m:
        continue
    name, qid, value = m.group(1), m.group(3), json.loads(m.group(4))
    t = traced.setdefault(name, {"questions": 0, "items": 0, "answered": 0, "groups": 0})
    t["questions"] += 1
    values = list(value.values()) if qid.startswith("group:") else [value]
    t["groups"] += qid.startswith("group:")
    t["items"] += len(values)
    t["answered"] += sum(v is not None for v in values)
for v in j["vignettes"]:
    t = traced.get(v["id"], {})
    for key in ("questions", "items", "answered"):
        check(v[key] == t.get(key), f"{v['id']}: {key} {v[key]}, the trace shows {t.get(key)}")
    check(t.get("groups", 0) > 0, f"{v['id']}: some questions are groups")
qs = [v["questions"] for v in j["vignettes"]]
items = [v["items"] for v in j["vignettes"]]
ans = [v["answered"] for v in j["vignettes"]]
check(j["interview"] is True and all(q > 0 for q in qs), "questions asked in every vignette")
check(abs(j["questions"]["mean"] - sum(qs) / 3) < 1e-3, "mean questions")
check(j["questions"]["max"] == max(qs), "max questions")
check(abs(j["items_mean"] - sum(items) / 3) < 1e-3, "mean items")
check(abs(j["efficiency"] - sum(ans) / sum(qs)) < 1e-3, "efficiency = answered / questions")
check(all(0 <= a <= i and q <= i for a, i, q in zip(ans, items, qs)), "answered <= items, questions <= items")
check(abs(j["top3"] - sum(v["top3_hit"] for v in j["vignettes"]) / 3) < 1e-3, "top-3 from the vignettes")
check(all(v["stop_reason"] for v in j["vignettes"]), "every interview stopped with a reason")

code, out, _ = run("--interview", "--max-unsafe", "3", fixture)
check(code == 0, "--interview as a table")
check(re.search(r"\bquestions +items +answered +stop\b", out), "the table has a column for items")
rows = {l.split()[0]: l for l in out.splitlines() if l[:2] in ("e1", "e2", "e3")}
for v in j["vignettes"]:
    check(re.search(rf" {v['questions']} +{v['items']} +{v['answered']} {v['stop_reason']}", rows.get(v["id"], "")),
          f"{v['id']}: questions, items, answered and stop in the table")
check(f"questions mean {sum(qs) / 3:.2f} max {max(qs)}  items mean {sum(items) / 3:.1f}  "
      f"efficiency {sum(ans) / sum(qs):.2f}" in out, "the summary line")

print("eval_fixture:", "all passed" if not failures else f"{failures} failed")
sys.exit(1 if failures else 0)
