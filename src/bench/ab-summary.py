#!/usr/bin/env python3
"""Summarises the output of an alternated A/B script (run-sea-unpaced-ab.sh and the like): per series the median
and min-max of each figure, and the per-round B / A ratio of CPU per delivery.
Usage: python3 src/bench/ab-summary.py out.txt"""
import re
import statistics
import sys

runs = []
for line in open(sys.argv[1]):
    m = re.match(r"== (\w+) round (\d+) load ([\d.]+)", line)
    if m:
        runs.append({"series": m.group(1), "round": int(m.group(2)), "load": float(m.group(3))})
    elif "=" in line and runs and re.match(r"^\w+=", line):
        key, value = line.strip().split("=", 1)
        try:
            runs[-1][key] = float(value)
        except ValueError:
            pass
keys = ["deliveries_per_s", "server_cpu_us_per_delivery", "latency_us_p99", "lost"]
for series in sorted({r["series"] for r in runs}):
    rs = [r for r in runs if r["series"] == series]
    parts = []
    for k in keys:
        vals = [r[k] for r in rs if k in r]
        if vals:
            parts.append(f"{k} {statistics.median(vals):,.3f} ({min(vals):,.3f}-{max(vals):,.3f})")
    print(f"{series}: {len(rs)} runs, load {min(r['load'] for r in rs)}-{max(r['load'] for r in rs)}; " + "; ".join(parts))
names = sorted({r["series"] for r in runs})
if len(names) == 2:
    a, b = names
    ratios = []
    for rnd in sorted({r["round"] for r in runs}):
        ra = [r for r in runs if r["series"] == a and r["round"] == rnd]
        rb = [r for r in runs if r["series"] == b and r["round"] == rnd]
        if ra and rb and "server_cpu_us_per_delivery" in ra[0] and "server_cpu_us_per_delivery" in rb[0]:
            ratios.append(rb[0]["server_cpu_us_per_delivery"] / ra[0]["server_cpu_us_per_delivery"])
    if ratios:
        print(f"{b}/{a} CPU per delivery, per round: " + ", ".join(f"{x:.2f}" for x in ratios)
              + f"; median {statistics.median(ratios):.2f}")
