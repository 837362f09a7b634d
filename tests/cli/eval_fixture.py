#!/usr/bin/env python3
"""Checks the arithmetic of `galacta eval` on tests/data/eval-fixture (three
vignettes with known results, see its README): top-1 1/3, top-3 2/3,
triage exact 1/3, 1 unsafe, 1 over-triage, supply 2/3; the exit status (1:
unsafe > 0 by default, 0 with --max-unsafe 1, 1 with --min-top3 0.9); and,
with --interview, that the summary agrees with the per-vignette counts
(mean and max questions, efficiency = answered / questions).
Usage: eval_fixture.py GALACTA FIXTURE_DIR"""
import json
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

code, out, err = run("--interview", "--max-unsafe", "3", "--format", "json", fixture)
check(code == 0, f"--interview runs ({err})")
j = json.loads(out)
qs = [v["questions"] for v in j["vignettes"]]
ans = [v["answered"] for v in j["vignettes"]]
check(j["interview"] is True and all(q > 0 for q in qs), "questions asked in every vignette")
check(abs(j["questions"]["mean"] - sum(qs) / 3) < 1e-3, "mean questions")
check(j["questions"]["max"] == max(qs), "max questions")
check(abs(j["efficiency"] - sum(ans) / sum(qs)) < 1e-3, "efficiency = answered / questions")
check(all(0 <= a <= q for a, q in zip(ans, qs)), "answered <= questions")
check(abs(j["top3"] - sum(v["top3_hit"] for v in j["vignettes"]) / 3) < 1e-3, "top-3 from the vignettes")
check(all(v["stop_reason"] for v in j["vignettes"]), "every interview stopped with a reason")

print("eval_fixture:", "all passed" if not failures else f"{failures} failed")
sys.exit(1 if failures else 0)
