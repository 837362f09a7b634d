#!/usr/bin/env python3
"""Writes two reference pages from the KB: docs/case-fields.md (every field
of galacta-case/1 with unit and range, every finding, asked and derived,
from kb/fields.yaml and kb/findings.yaml) and docs/seed-article.md (every
claim of the seed article, its evidence level, what current evidence says
and where the KB represents it, from kb/seed.yaml).
Usage: tools/gen_case_docs.py [--check]  (--check: exit 1 if a committed
page is out of date)."""
import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def esc(s):
    return str(s).replace("|", "\\|")


def cond_text(c):
    if "var" in c:
        ops = {"lt": "<", "le": "≤", "gt": ">", "ge": "≥", "eq": "="}
        if "in" in c:
            return f"{c['var']} ∈ {{{', '.join(c['in'])}}}"
        return " and ".join(f"{c['var']} {ops[k]} {c[k]}" for k in ops if k in c)
    if "known" in c:
        return f"{c['known']} is given"
    if "finding" in c:
        return c["finding"] + (" absent" if c.get("is") is False else "")
    if "supply" in c:
        return f"supply {c['supply']}"
    for k, word in (("all", " and "), ("any", " or ")):
        if k in c:
            return "(" + word.join(cond_text(x) for x in c[k]) + ")"
    if "not" in c:
        return "not " + cond_text(c["not"])
    if "at_least" in c:
        return f"at least {c['at_least']} of (" + "; ".join(cond_text(x) for x in c["of"]) + ")"
    return "?"


def main():
    fields = yaml.safe_load(open(os.path.join(ROOT, "kb/fields.yaml"), encoding="utf-8"))
    findings = yaml.safe_load(open(os.path.join(ROOT, "kb/findings.yaml"), encoding="utf-8"))
    out = ["<!-- generated — do not edit; generator: tools/gen_case_docs.py, from kb/fields.yaml and kb/findings.yaml -->",
           "# Case fields and findings", "",
           "Everything a `galacta-case/1` may contain (see [case-format.md](case-format.md)).", "",
           "## Fields", "", "| path | type | unit | range / choices | meaning |", "|---|---|---|---|---|"]
    for f in fields:
        if f["type"] == "object":
            continue
        rng = f"{f['min']} – {f['max']}" if "min" in f else ", ".join(f.get("choices", []))
        out.append(f"| `{f['path']}` | {f['type']} | {esc(f.get('unit', ''))} | {esc(rng)} | {esc(f['label']['en'])} |")
    out += ["", "## Findings (answer `true`, `false` or `null`)", "",
            "| id | group | question |", "|---|---|---|"]
    for f in findings:
        if not f.get("derived"):
            out.append(f"| `{f['id']}` | {f['group']} | {esc(f['question']['en'])} |")
    out += ["", "## Derived findings (computed; cannot be set in a case)", "",
            "| id | meaning | condition |", "|---|---|---|"]
    for f in findings:
        if f.get("derived"):
            out.append(f"| `{f['id']}` | {esc(f['label']['en'])} | {esc(cond_text(f['when']))} |")
    pages = {"docs/case-fields.md": "\n".join(out) + "\n", "docs/seed-article.md": seed_page()}
    stale = 0
    for rel, text in pages.items():
        path = os.path.join(ROOT, rel)
        if "--check" in sys.argv:
            cur = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
            if cur != text:
                print(f"{rel} is out of date: run tools/gen_case_docs.py")
                stale += 1
        else:
            open(path, "w", encoding="utf-8").write(text)
    if "--check" in sys.argv:
        print(f"{len(pages) - stale} passed, {stale} failed")
    return 1 if stale else 0


def seed_page():
    seed = yaml.safe_load(open(os.path.join(ROOT, "kb/seed.yaml"), encoding="utf-8"))
    out = ["<!-- generated — do not edit; generator: tools/gen_case_docs.py, from kb/seed.yaml -->",
           "# The seed article, claim by claim", "",
           "galacta grew from a physician's patient article (Lv Dapeng, \"What causes insufficient",
           "breast milk?\", Cainiu Health, 2024). Every claim it makes is kept in `kb/seed.yaml`, in",
           "our own words, with its evidence level, what current evidence says where it differs, and",
           "where the knowledge base represents it (the loader checks that each reference exists).", "",
           "| claim | evidence level | current evidence | represented by |", "|---|---|---|---|"]
    for c in seed["claims"]:
        cur = c.get("current_evidence", {}).get("en", "")
        refs = ", ".join(f"`{r}`" for r in c["represented_by"])
        out.append(f"| {esc(c['text']['en'])} | {c['evidence_level']} | {esc(cur)} | {refs} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
