#!/usr/bin/env python3
"""The knowledge base compiled into galacta (tools/gen_kb_builtin.c) must
give byte-identical output to loading the same kb/ from YAML (--kb), in
both formats and both languages.
Usage: compare_kb_modes.py GALACTA KB_DIR CASE..."""
import subprocess
import sys

galacta, kb, cases = sys.argv[1], sys.argv[2], sys.argv[3:]
bad = 0
for case in cases:
    for fmt in ("json", "text"):
        for lang in ("en", "zh-Hans"):
            args = ["assess", "--format", fmt, "--lang", lang, case]
            a = subprocess.run([galacta] + args, capture_output=True, env={"NO_COLOR": "1"})
            b = subprocess.run([galacta, "--kb", kb] + args, capture_output=True, env={"NO_COLOR": "1"})
            if (a.returncode, a.stdout, a.stderr) != (b.returncode, b.stdout, b.stderr):
                print(f"{case} {fmt} {lang}: compiled-in and YAML knowledge bases differ")
                bad += 1
print(f"{len(cases) * 4 - bad} passed, {bad} failed")
sys.exit(1 if bad else 0)
