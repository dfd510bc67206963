#!/usr/bin/env python3
"""Turns bench/run.sh's results (N, what, mean seconds, stddev) into the markdown table of
docs/performance.md, with the issue's ratios and whether each target is met."""
import sys
from collections import defaultdict

rows = defaultdict(dict)
for line in open(sys.argv[1], encoding="utf-8"):
    n, what, mean, stddev = line.rstrip("\n").split("\t")
    # A single run (timewarrior's summary at 100,000 events) has no spread.
    rows[int(n)][what] = (float(mean), 0.0 if stddev == "None" else float(stddev))


def ms(n, what):
    if what not in rows[n]:
        return "-"
    mean, stddev = rows[n][what]
    if mean >= 1:
        return f"{mean:.2f} s"
    return f"{mean * 1000:.1f} ms"


columns = [("next", "`next`"), ("clean-reminder", "`clean-reminder`"),
           ("history-json", "`history --json`"), ("log", "`log`"), ("check", "`check`"),
           ("timew-tags", "`timew tags`"), ("timew-summary", "`timew summary :all`")]
print("| events | " + " | ".join(title for _, title in columns) + " | peak memory `next` |")
print("| ---: | " + " | ".join("---:" for _ in columns) + " | ---: |")
for n in sorted(rows):
    peak = rows[n].get("peak-next")
    peak_text = f"{peak[0] / 1024:.1f} MiB" if peak else "-"
    print(f"| {n:,} | " + " | ".join(ms(n, what) for what, _ in columns) + f" | {peak_text} |")

print()
print("| target | measured | met |")
print("| --- | ---: | :---: |")


def ratio(n, a, m, b):
    if a not in rows[n] or b not in rows[m]:
        return None
    return rows[n][a][0] / rows[m][b][0]


def target(text, value, limit, unit="x"):
    if value is None:
        print(f"| {text} | not measured | - |")
        return
    shown = f"{value:.2f}{unit}" if unit == "x" else f"{value:.2f} {unit}"
    print(f"| {text} | {shown} | {'yes' if value <= limit else 'no'} |")


target("10,000 events: `next` / `timew tags` <= 0.15", ratio(10000, "next", 10000, "timew-tags"), 0.15)
target("10,000 events: `clean-reminder` / `timew tags` <= 0.15",
       ratio(10000, "clean-reminder", 10000, "timew-tags"), 0.15)
target("10,000 events: `history --json` / `timew tags` <= 0.25",
       ratio(10000, "history-json", 10000, "timew-tags"), 0.25)
target("1,000,000 events: `next` / `grep -c` <= 3", ratio(1000000, "next", 1000000, "grep-c"), 3)
history = rows[1000000].get("history-json")
target("1,000,000 events: `history --json` < 3 s", history[0] if history else None, 3, "s")
for command in ("next", "clean-reminder"):
    peak = rows[1000000].get(f"peak-{command}")
    target(f"1,000,000 events: peak memory of `{command}` < 100 MiB",
           peak[0] / 1024 if peak else None, 100, "MiB")
target("growth of `next` from 10,000 to 1,000,000 events <= x120",
       ratio(1000000, "next", 10000, "next"), 120)
