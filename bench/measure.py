#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Interleaved wall-time / peak-RSS measurement for bench/run.

usage: measure.py --timeit PATH --cases FILE [--runs R] [--warmup W]
                  [--timeout SECS] [--json OUT] [--check]

Each round runs every case once, in file order (A B C A B C ...), so
machine drift hits all cases alike.  The first W rounds are warm-up (not
recorded; their stderr is captured to report failures).  Every single run
goes through the `timeit` helper (bench/timeit.c), which forks + execs the
command with stdin/stdout/stderr on /dev/null and reports wall time and
ru_maxrss; a run exceeding --timeout seconds is killed and its case
reported as an error (it is not run again).  (Spawning from Python directly would inflate ru_maxrss with the
interpreter's own RSS; see timeit.c.)

Cases file: tab-separated lines, '#' starts a comment line.

  case  NAME  COMMAND  [KEY=VALUE ...]
      COMMAND is split with shlex (no shell; use sh -c '...' for one).
      Keys:
        prep=CMD         shell command run before every run of this case,
                         untimed, must exit 0 (destructive cases: repopulate)
        post=CMD         shell command run after every run, untimed, must
                         exit 0 (e.g. check that rm really removed all)
        vs=CASE          baseline for the verdict (default: first case)
        max_ratio=X      PASS needs median <= X * median(vs)
        max_rss_kib=N    PASS needs peak RSS <= N KiB
        skip=REASON      do not run; print SKIP (a FAIL under --check)
  sum   NAME  CASE [CASE ...]
      derived row: per-round sum of the listed cases' times (median/min/max
      of those sums), peak RSS = max of theirs.
  diff  NAME  CASE BASE  [KEY=VALUE ...]
      derived row: per-round time of CASE minus BASE (what CASE adds),
      peak RSS = CASE's; takes vs= and max_ratio= like a case (against
      another diff row: does what is added grow with what is not?).
  ratio LABEL CASE
      add a column "xLABEL" = median(row) / median(CASE).

Exit status: 0; with --check 1 if any verdict is FAIL or SKIP.
"""

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time


class Case:
    def __init__(self, name, cmd, opts):
        self.name = name
        self.cmd = cmd
        self.argv = shlex.split(cmd) if cmd else []
        self.opts = opts
        self.times = []       # seconds, one per recorded run
        self.rss = []         # KiB, one per recorded run
        self.error = None     # first failure message, if any
        self.derived = None   # list of component names for sum rows
        self.minus = False    # a diff row: first component minus second

    @property
    def skip(self):
        return self.opts.get("skip")

    def median(self):
        return statistics.median(self.times) if self.times else None


def parse_opts(fields):
    """KEY=VALUE fields of a case or diff line, as a dict."""
    opts = {}
    for kv in fields:
        if kv:
            k, _, v = kv.partition("=")
            opts[k] = v
    return opts


def parse_cases(path):
    cases, ratios = [], []
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.split("\t")
            kind = fields[0]
            if kind == "case" and len(fields) >= 3:
                cases.append(Case(fields[1], fields[2], parse_opts(fields[3:])))
            elif kind == "sum" and len(fields) >= 3:
                c = Case(fields[1], "", {})
                c.derived = fields[2:]
                cases.append(c)
            elif kind == "diff" and len(fields) >= 4:
                c = Case(fields[1], "", parse_opts(fields[4:]))
                c.derived = fields[2:4]
                c.minus = True
                cases.append(c)
            elif kind == "ratio" and len(fields) == 3:
                ratios.append((fields[1], fields[2]))
            else:
                sys.exit(f"measure.py: {path}:{lineno}: bad line: {line!r}")
    return cases, ratios


def sh(cmd, what):
    r = subprocess.run(["sh", "-c", cmd], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        return f"{what} `{cmd}` exited {r.returncode}: {r.stderr.strip()[:300]}"
    return None


def run_once(timeit, case, timeout, errfile=None):
    """Run one case once; return (seconds, rss_kib, error_or_None)."""
    if case.opts.get("prep"):
        err = sh(case.opts["prep"], "prep")
        if err:
            return None, None, err
    argv = [timeit, "-t", str(timeout)]
    if errfile:
        argv += ["-e", errfile]
    r = subprocess.run(argv + case.argv, stdout=subprocess.PIPE, text=True)
    fields = r.stdout.split()
    try:
        ns, rss, status = (int(x) for x in fields[:3])
    except ValueError:
        return None, None, f"timeit failed (exit {r.returncode})"
    err = None
    if fields[3:] == ["timeout"]:
        err = f"timed out after {timeout} s"
    elif status != 0:
        err = f"exit status {status}" if status > 0 else f"killed by signal {-status}"
        if errfile:
            try:
                with open(errfile) as f:
                    msg = f.read().strip()
                if msg:
                    err += ": " + " / ".join(msg.splitlines()[:3])[:300]
            except OSError:
                pass
    if err is None and case.opts.get("post"):
        err = sh(case.opts["post"], "post")
    return ns / 1e9, rss, err


def fmt_ms(x):
    if x is None:
        return "-"
    ms = x * 1000
    return f"{ms:.1f}" if ms < 100 else f"{ms:.0f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeit", required=True)
    ap.add_argument("--cases", required=True)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--json")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()

    cases, ratios = parse_cases(args.cases)
    by_name = {c.name: c for c in cases}
    real = [c for c in cases if c.derived is None and not c.skip]
    if not real:
        sys.exit("measure.py: nothing to run")

    errfile = tempfile.NamedTemporaryFile(prefix="bench-err.", delete=False).name
    t_start = time.perf_counter()
    try:
        for rnd in range(args.warmup + args.runs):
            recording = rnd >= args.warmup
            for c in real:
                if c.error:
                    continue        # a failing case is not run again
                secs, rss, err = run_once(args.timeit, c, args.timeout,
                                          None if recording else errfile)
                if err:
                    c.error = err
                    continue
                if recording:
                    c.times.append(secs)
                    c.rss.append(rss)
    finally:
        os.unlink(errfile)
    elapsed = time.perf_counter() - t_start

    for c in cases:            # derived sum rows, per round
        if c.derived is None:
            continue
        parts = [by_name[n] for n in c.derived if n in by_name]
        bad = [p for p in parts if p.error or p.skip or not p.times]
        if len(parts) != len(c.derived) or bad:
            c.error = "component missing or failed"
            continue
        n = min(len(p.times) for p in parts)
        if c.minus:
            c.times = [parts[0].times[i] - parts[1].times[i]
                       for i in range(n)]
            c.rss = [max(parts[0].rss)]
        else:
            c.times = [sum(p.times[i] for p in parts) for i in range(n)]
            c.rss = [max(max(p.rss) for p in parts)]

    # ---- table ----------------------------------------------------------
    heads = ["case", "median ms", "min ms", "max ms", "peak RSS KiB"] + \
        [f"x{label}" for label, _ in ratios]
    rows = []
    for c in cases:
        if c.skip:
            rows.append([c.name, "SKIP", "", "", ""] + [""] * len(ratios))
            continue
        if c.error or not c.times:
            rows.append([c.name, "ERROR", "", "", ""] + [""] * len(ratios))
            continue
        row = [c.name, fmt_ms(c.median()), fmt_ms(min(c.times)),
               fmt_ms(max(c.times)), str(max(c.rss))]
        for _, base in ratios:
            b = by_name.get(base)
            if b and b.times and not b.error and b.median() > 0:
                row.append(f"{c.median() / b.median():.2f}")
            else:
                row.append("-")
        rows.append(row)
    widths = [max(len(r[i]) for r in rows + [heads]) for i in range(len(heads))]
    line = "  ".join(h.ljust(widths[0]) if i == 0 else h.rjust(widths[i])
                     for i, h in enumerate(heads))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(v.ljust(widths[0]) if i == 0 else v.rjust(widths[i])
                        for i, v in enumerate(r)))
    print(f"({args.runs} runs per case after {args.warmup} warm-up round(s), "
          f"interleaved; measuring took {elapsed:.1f} s)")

    notes = [c for c in cases if c.error and not c.skip]
    for c in notes:
        print(f"error: {c.name}: {c.error}")

    # ---- verdicts -------------------------------------------------------
    verdicts = []
    first = cases[0]
    for c in cases:
        max_ratio = c.opts.get("max_ratio")
        max_rss = c.opts.get("max_rss_kib")
        if not (max_ratio or max_rss):
            continue
        base = by_name.get(c.opts.get("vs", first.name), first)
        if c.skip:
            verdicts.append(("SKIP", c.name, c.skip))
            continue
        if c.error or not c.times:
            verdicts.append(("FAIL", c.name, f"did not run cleanly ({c.error})"))
            continue
        ok, why = True, []
        if max_ratio:
            if base.error or not base.times:
                ok = False
                why.append(f"baseline {base.name} unavailable")
            elif base.median() <= 0:
                ok = False
                why.append(f"baseline {base.name} is {fmt_ms(base.median())}"
                           " ms: nothing to compare with")
            else:
                ratio = c.median() / base.median()
                good = ratio <= float(max_ratio)
                ok &= good
                why.append(f"{ratio:.2f}x {base.name} "
                           f"({'<=' if good else '>'} {max_ratio}x)")
        if max_rss:
            peak = max(c.rss)
            good = peak <= int(max_rss)
            ok &= good
            why.append(f"peak RSS {peak} KiB "
                       f"({'<=' if good else '>'} {max_rss} KiB)")
        verdicts.append(("PASS" if ok else "FAIL", c.name, ", ".join(why)))
    if verdicts:
        print()
        for v, name, why in verdicts:
            print(f"{v}  {name}: {why}")

    if args.json:
        out = {"runs": args.runs, "warmup": args.warmup, "cases": [
            {"name": c.name, "command": c.cmd or None, "sum_of": c.derived,
             "skip": c.skip, "error": c.error,
             "times_s": c.times, "rss_kib": c.rss,
             "median_s": c.median() if c.times else None}
            for c in cases],
            "verdicts": [{"verdict": v, "case": n, "detail": w}
                         for v, n, w in verdicts]}
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1)

    if args.check and any(v != "PASS" for v, _, _ in verdicts):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
