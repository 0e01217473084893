#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""circles.py ARCHIVE: print each circle of source files that call one
another (through a function or an object) in the static library ARCHIVE,
one per line, names sorted; nothing if the calls form no circle.  Read
from nm: a member that uses a symbol another member defines calls it."""

import re
import subprocess
import sys


def graph(archive):
    out = subprocess.run(["nm", "-A", archive], capture_output=True,
                         text=True, check=True).stdout
    # "ARCHIVE:MEMBER.o:VALUE TYPE NAME", VALUE blank for TYPE U.
    line_re = re.compile(r"^.*:([^:/]+)\.o:\s*[0-9a-fA-F]*\s+(\w)\s+(\S+)$")
    defs, uses = {}, {}
    for line in out.splitlines():
        m = line_re.match(line)
        if not m:
            continue
        member, kind, sym = m.groups()
        name = member.removeprefix("libipctool_a-")
        uses.setdefault(name, set())
        if kind == "U":
            uses[name].add(sym)
        elif kind in "TDBRC":
            defs[sym] = name
    return {n: {defs[s] for s in u if s in defs and defs[s] != n}
            for n, u in uses.items()}


def circles(g):
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(g.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(g):
        if v not in index:
            visit(v)
    return found


if __name__ == "__main__":
    for c in circles(graph(sys.argv[1])):
        print(" ".join(c))
