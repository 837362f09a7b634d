#!/usr/bin/env python3
"""The knowledge base compiled into galacta (tools/gen_kb_builtin.c) must
give byte-identical output to loading the same kb/ from YAML (--kb), in
both formats and both languages, for the assessment, the interview step
(which also reads kb/interview.yaml) and the growth report (kb/growth.yaml).
Usage: compare_kb_modes.py GALACTA KB_DIR CASE..."""
import subprocess
import sys

galacta, kb, cases = sys.argv[1], sys.argv[2], sys.argv[3:]
bad = total = 0
for case in cases:
    runs = [["assess", "--format", fmt, "--lang", lang, case] for fmt in ("json", "text") for lang in ("en", "zh-Hans")]
    if case.endswith(".json"):  # the interview takes one case, not JSON Lines
        runs += [["interview", "--next", "--format", "json", "--lang", lang, case] for lang in ("en", "zh-Hans")]
        runs += [["growth", "--format", fmt, "--lang", lang, case] for fmt in ("json", "text") for lang in ("en", "zh-Hans")]
    for args in runs:
        a = subprocess.run([galacta] + args, capture_output=True, env={"NO_COLOR": "1"})
        b = subprocess.run([galacta, "--kb", kb] + args, capture_output=True, env={"NO_COLOR": "1"})
        total += 1
        if (a.returncode, a.stdout, a.stderr) != (b.returncode, b.stdout, b.stderr):
            print(f"{case} {' '.join(args[:-1])}: compiled-in and YAML knowledge bases differ")
            bad += 1
print(f"{total - bad} passed, {bad} failed")
sys.exit(1 if bad else 0)
