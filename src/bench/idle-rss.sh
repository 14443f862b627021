#!/usr/bin/env bash
# Idle footprint: starts the gateway jar with each set of JVM options in turn (alternated, ROUNDS rounds), waits
# for readiness, lets it idle IDLE seconds, then prints its RSS (VmRSS) and stops it. With NMT=1 the JVM also
# tracks its native memory and the summary of the last start of each set is kept in $OUT/nmt-<n>.txt.
# Usage (from the repository root, after `mvn -B -ntp -DskipTests package`):
#   OUT=/tmp/rss bash src/bench/idle-rss.sh "" "-XX:+UseG1GC -Xmx268m" ...      ("" = plain java -jar)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${JAR:-target/switchboard.jar}
ROUNDS=${ROUNDS:-3}
IDLE=${IDLE:-10}
OUT=${OUT:-$(mktemp -d)}
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
mkdir -p "$OUT"
for round in $(seq 1 "$ROUNDS"); do
  n=0
  for opts in "$@"; do
    n=$((n + 1))
    nmt=${NMT:+-XX:NativeMemoryTracking=summary}
    # shellcheck disable=SC2086 # opts is a list of JVM options
    java $opts $nmt -jar "$JAR" --server.port=58081 --switchboard.sea.listener.port=58732 \
      --switchboard.http.listeners.http.port=58080 --switchboard.http.listeners.http-legacy.port=58021 \
      --switchboard.example.listeners.tcp.port=53001 --switchboard.example.listeners.udp.port=53002 \
      --switchboard.cluster.data-dir="$DATA" > "$OUT/gateway-$n.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 240); do
      curl -sf -o /dev/null http://127.0.0.1:58081/actuator/health/readiness && break
      sleep 0.5
    done
    sleep "$IDLE"
    rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    echo "set $n round $round rss_kib=$rss load=$(cut -d' ' -f1 /proc/loadavg) opts=[$opts]"
    if [[ -n ${NMT:-} ]]; then
      jcmd "$pid" VM.native_memory summary > "$OUT/nmt-$n.txt" 2>&1 || true
    fi
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
