#!/usr/bin/env bash
# The top frames (self time) of a JFR recording's execution samples taken on Netty event loops only (stacks that
# run through SingleThreadIoEventLoop.run): the per-delivery work, without the startup and the other threads.
# Usage: src/bench/jfr-loop-top.sh recording.jfr [rows]
set -euo pipefail
rows=${2:-25}
jfr print --stack-depth 64 --events jdk.ExecutionSample "$1" \
  | awk '/stackTrace = \[/ {inside=1; top=""; loop=0; next}
         inside && /^[ \t]*\]/ {inside=0; if (loop) print top; next}
         inside {f=$0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f); if (top == "") top=f;
                 if (f ~ /SingleThreadIoEventLoop.run/) loop=1}' \
  | sort | uniq -c | sort -rn \
  | awk -v rows="$rows" '{s+=$1; if (NR <= rows) line[NR]=$0} END {print "event-loop samples: " s;
                           for (i=1; i<=rows && i in line; i++) print line[i]}'
