#!/usr/bin/env python3
"""Re-runs every command in README.md's ```console blocks and writes its
real output under it (tests/check_readme.c checks they still agree)."""
import os
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.join(root, "partnercheck")
path = os.path.join(root, "README.md")
lines = open(path, encoding="utf-8").read().split("\n")
out = []
in_block = False
for line in lines:
    if not in_block:
        out.append(line)
        in_block = line == "```console"
        continue
    if line == "```":
        in_block = False
        out.append(line)
        continue
    if line.startswith("$ "):
        out.append(line)
        sh = 'partnercheck() { "%s" "$@"; }; NO_COLOR=1; export NO_COLOR; %s 2>&1' % (binary, line[2:])
        res = subprocess.run(["sh", "-c", sh], cwd=root, capture_output=True, text=True)
        text = res.stdout
        if text.endswith("\n"):
            text = text[:-1]
        if text:
            out.extend(text.split("\n"))
    # old output lines are dropped
open(path, "w", encoding="utf-8").write("\n".join(out))
