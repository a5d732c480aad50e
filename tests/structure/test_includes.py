#!/usr/bin/env python3
"""Includes go only downward: core ← io, analysis ← render ← print ← jobs ← ui ← app (the commands) ← the programs
(app/main.cpp, derive/). A file may include its own folder and any folder of a lower rank; io and analysis are
siblings and may not include each other. The edges the code still has against this (issue 14 removes them) are
listed in KNOWN: a new one fails the test, and so does a listed one that is gone (so the list only shrinks).

  test_includes.py SRC_DIR            check the tree
  test_includes.py SRC_DIR --planted  also prove the check fails on a planted upward include"""
import os
import re
import sys

RANK = {"core": 0, "io": 1, "analysis": 1, "render": 2, "share": 2, "print": 3, "jobs": 4, "ui": 5, "app": 6, "derive": 7}
PROGRAMS = {"app/main.cpp"}  # the command line and viewer entry: above ui
KNOWN = set()


def rank(rel):
    return 8 if rel in PROGRAMS else RANK[rel.split("/")[0]]


def violations(src, extra=None):
    found = set()
    files = []
    for root, _, names in os.walk(src):
        for n in names:
            if n.endswith((".cpp", ".hpp")):
                files.append(os.path.relpath(os.path.join(root, n), src))
    for rel in sorted(files):
        text = open(os.path.join(src, rel), encoding="utf-8").read()
        if extra and rel == extra[0]:
            text += extra[1]
        folder = rel.split("/")[0]
        for inc in re.findall(r'#include "([a-z_]+)/[^"]+"', text):
            if inc != folder and inc in RANK and not (RANK[inc] < rank(rel)):
                found.add((rel, inc))
    return found


def main():
    src = sys.argv[1]
    found = violations(src)
    new, gone = found - KNOWN, KNOWN - found
    for rel, inc in sorted(new):
        print(f"FAIL {rel} includes {inc}/: an upward or sideways include")
    for rel, inc in sorted(gone):
        print(f"FAIL {rel} no longer includes {inc}/: remove it from KNOWN in {__file__}")
    if "--planted" in sys.argv:
        planted = violations(src, ("core/geometry.cpp", '\n#include "ui/viewer.hpp"\n'))
        ok = ("core/geometry.cpp", "ui") in planted
        print(("ok   " if ok else "FAIL ") + "a planted include of ui/ in core/ is caught")
        if not ok:
            return 1
    if new or gone:
        return 1
    print(f"ok   includes go only downward ({len(KNOWN)} known exceptions left)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
