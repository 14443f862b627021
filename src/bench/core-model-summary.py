# Prints the medians (min–max) of the SEA before/after runs that run-core-model-ab.sh wrote, as Markdown tables.
#   python3 src/bench/core-model-summary.py src/bench/results/core-model
import sys, glob, os, re, statistics
out = sys.argv[1]
def load(f):
    d = {}
    for line in open(f):
        if line.startswith('#') or '=' not in line: continue
        k, v = line.strip().split('=', 1)
        d[k] = v
    return d
def fmt(vals, digits=0):
    m = statistics.median(vals)
    f = (lambda x: f"{x:,.{digits}f}")
    return f"{f(m)} ({f(min(vals))}–{f(max(vals))})"
for scen in ['unpaced-w32-c100', 'paced-c1000']:
    print(f"\n{scen}")
    print("| build | runs | deliveries/s median (min–max) | server CPU µs/delivery median (min–max) | p50 µs median | p99 µs median (min–max) | lost (all runs) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for build in ['before', 'after']:
        files = sorted(glob.glob(os.path.join(out, f"{scen}-{build}-r*.txt")))
        ds = [load(f) for f in files]
        ds = [d for d in ds if 'deliveries_per_s' in d]
        if not ds: continue
        dps = [float(d['deliveries_per_s']) for d in ds]
        cpu = [float(d['server_cpu_us_per_delivery']) for d in ds]
        p50 = [float(d['latency_us_p50']) for d in ds]
        p99 = [float(d['latency_us_p99']) for d in ds]
        lost = sum(int(d['lost']) for d in ds)
        print(f"| {build} | {len(ds)} | {fmt(dps)} | {fmt(cpu, 3)} | {statistics.median(p50):,.0f} | {fmt(p99)} | {lost} |")
print("\nper round, after ÷ before (same round, run back to back)")
print("| scenario | round | deliveries/s | server CPU µs/delivery | p99 |")
print("|---|---:|---:|---:|---:|")
for scen in ['unpaced-w32-c100', 'paced-c1000']:
    for f in sorted(glob.glob(os.path.join(out, f"{scen}-before-r*.txt"))):
        r = f.rsplit('-r', 1)[1][:-4]
        a = os.path.join(out, f"{scen}-after-r{r}.txt")
        if not os.path.exists(a): continue
        b, c = load(f), load(a)
        ratio = lambda k: float(c[k]) / float(b[k])
        print(f"| {scen} | {r} | {ratio('deliveries_per_s'):.2f} | {ratio('server_cpu_us_per_delivery'):.2f} | {ratio('latency_us_p99'):.2f} |")
