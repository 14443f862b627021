import re,sys,statistics as st
runs={}
cur=None
for line in open(sys.argv[1]):
    m=re.match(r'== (\S+) (\S+) round (\d+) load (\S+)',line)
    if m:
        cur=(m.group(1),m.group(2),int(m.group(3))); runs[cur]={'load':m.group(4)}; continue
    m=re.match(r'(\w+)=(\S+)',line)
    if m and cur: runs[cur][m.group(1)]=m.group(2)
scen=sorted(set(k[0] for k in runs),key=lambda s:['sea-paced','sea-unpaced','rooms-paced'].index(s))
def med(vals): 
    vals=sorted(vals); return f"{st.median(vals):.3g} ({vals[0]:.3g}–{vals[-1]:.3g})"
for s in scen:
    print("##",s)
    for key in ['latency_us_p99','latency_us_p50','deliveries_per_s','server_cpu_us_per_delivery','lost']:
        row=[]
        for setup in ['local','redis-1','redis-2']:
            v=[float(runs[k][key]) for k in runs if k[0]==s and k[1]==setup and key in runs[k]]
            row.append(med(v) if v else '-')
        # ratios per round
        rr={}
        for other in ['redis-1','redis-2']:
            rs=[]
            for r in range(1,4):
                a=runs.get((s,'local',r),{}).get(key); b=runs.get((s,other,r),{}).get(key)
                if a and b and float(a)!=0: rs.append(float(b)/float(a))
            rr[other]=med(rs) if rs else '-'
        # differences for p99 (ms)
        diffs={}
        if key.startswith('latency'):
            for other in ['redis-1','redis-2']:
                ds=[]
                for r in range(1,4):
                    a=runs.get((s,'local',r),{}).get(key); b=runs.get((s,other,r),{}).get(key)
                    if a and b: ds.append((float(b)-float(a))/1000)
                diffs[other]=med(ds) if ds else '-'
        print(key, row, 'ratio', rr, 'diff_ms', diffs)
