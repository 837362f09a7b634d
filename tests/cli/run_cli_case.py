#!/usr/bin/env python3
"""Runs one data-driven CLI test (tests/data/cli/NAME.json) against the
galacta binary and checks the result structurally.

A test file holds:
  args            argument list after `galacta` ("{src}" = source dir)
  stdin           optional text fed to standard input
  exit            expected exit status
  stdout_empty    true: nothing may be printed on stdout
  stderr_contains list of substrings that must appear on stderr
  stdout_contains list of substrings that must appear on stdout
  json            optional: stdout is JSON (or JSON Lines with "jsonl": true)
                  and must contain this structure: objects match key by key
                  (extra keys allowed), lists match element by element
  jsonl           true: stdout is JSON Lines; "json" is then a list, one per line
  top_causes      {"n": 3, "include": [ids]}: each id is among the first n causes
  not_top_causes  {"n": 3, "exclude": [ids]}
  not_asked       ids the galacta-interview/1 question on stdout must not ask:
                  neither question.id nor the id of one of its items
  why             optional, not read: what the test shows and where its
                  expected values come from
Usage: run_cli_case.py GALACTA_BINARY SOURCE_DIR TEST_FILE
"""
import json
import subprocess
import sys


def contains(actual, expected, path="$"):
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{path}: expected an object, got {actual!r}"
        for k, v in expected.items():
            if k not in actual:
                return f"{path}.{k}: missing"
            err = contains(actual[k], v, f"{path}.{k}")
            if err:
                return err
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) < len(expected):
            return f"{path}: expected a list of at least {len(expected)}, got {actual!r}"
        for i, v in enumerate(expected):
            err = contains(actual[i], v, f"{path}[{i}]")
            if err:
                return err
        return None
    if isinstance(expected, float):
        return None if abs(actual - expected) < 1e-6 else f"{path}: {actual!r} != {expected!r}"
    return None if actual == expected else f"{path}: {actual!r} != {expected!r}"


def main():
    binary, src, test = sys.argv[1:4]
    t = json.load(open(test, encoding="utf-8"))
    args = [a.replace("{src}", src) for a in t["args"]]
    r = subprocess.run([binary] + args, input=t.get("stdin"), capture_output=True, text=True,
                       timeout=30, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    errors = []
    if r.returncode != t.get("exit", 0):
        errors.append(f"exit {r.returncode}, expected {t.get('exit', 0)}; stderr: {r.stderr.strip()[:300]}")
    if t.get("stdout_empty") and r.stdout:
        errors.append(f"stdout should be empty, got: {r.stdout[:200]!r}")
    for s in t.get("stderr_contains", []):
        if s not in r.stderr:
            errors.append(f"stderr lacks {s!r}: {r.stderr.strip()[:300]}")
    for s in t.get("stdout_contains", []):
        if s not in r.stdout:
            errors.append(f"stdout lacks {s!r}")
    docs = None
    if "json" in t or "top_causes" in t or "not_top_causes" in t or "not_asked" in t:
        try:
            if t.get("jsonl"):
                docs = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
            else:
                docs = [json.loads(r.stdout)]
        except json.JSONDecodeError as e:
            errors.append(f"stdout is not JSON: {e}")
    if docs is not None:
        if "json" in t:
            want = t["json"] if t.get("jsonl") else [t["json"]]
            if len(docs) != len(want):
                errors.append(f"{len(docs)} JSON documents, expected {len(want)}")
            for d, w in zip(docs, want):
                err = contains(d, w)
                if err:
                    errors.append(err)
        ids = [c["id"] for c in docs[0].get("causes", [])] if docs else []
        if "top_causes" in t:
            n = t["top_causes"]["n"]
            for c in t["top_causes"]["include"]:
                if c not in ids[:n]:
                    errors.append(f"cause {c} not in the first {n}: {ids[:n]}")
        if "not_top_causes" in t:
            n = t["not_top_causes"]["n"]
            for c in t["not_top_causes"]["exclude"]:
                if c in ids[:n]:
                    errors.append(f"cause {c} should not be in the first {n}: {ids[:n]}")
    if docs and "not_asked" in t:
        q = docs[0].get("question") or {}
        asked = [q.get("id")] + [i.get("id") for i in q.get("items", [])]
        for qid in t["not_asked"]:
            if qid in asked:
                errors.append(f"{qid} is asked again: {asked}")
    for e in errors:
        print(f"{test}: {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
