#!/usr/bin/env bash
# Prints, per thread of process PID, its name, user and system CPU time in clock ticks (from /proc), one line each:
# run it before and after a measured run and subtract, to see which thread spent the time and whether in the
# JVM (user) or in the kernel (system: syscalls, the loopback TCP stack).
# Usage: src/bench/thread-cpu.sh PID > before.txt; ...; src/bench/thread-cpu.sh PID > after.txt
#        src/bench/thread-cpu.sh diff before.txt after.txt
set -euo pipefail
if [[ $1 == diff ]]; then
  # Sums per thread name (pools have numbered threads), largest total first; ticks are 1/$(getconf CLK_TCK) s.
  join -a2 -e0 -o '0,1.2,1.3,2.2,2.3' <(sort "$2") <(sort "$3") \
    | awk '{u=$4-$2; s=$5-$3; sub(/-[0-9]+$/, "", $1); U[$1]+=u; S[$1]+=s}
           END {for (n in U) if (U[n]+S[n] > 0) printf "%-40s user %6d  system %6d\n", n, U[n], S[n]}' \
    | sort -k5,5nr -k3,3nr
  exit 0
fi
for task in /proc/"$1"/task/*; do
  # Field 2 is "(name)" and may hold spaces: take what follows the last ')'.
  stat=$(cat "$task/stat" 2>/dev/null) || continue
  name=$(cat "$task/comm" 2>/dev/null | tr ' ' '_')
  rest=${stat##*) }
  read -r -a f <<< "$rest"
  echo "${name}-${task##*/} ${f[11]} ${f[12]}"
done
