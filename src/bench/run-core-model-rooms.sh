#!/usr/bin/env bash
# Before/after of the core connection model for rooms, in one run, alternated: the gateway built from the
# commit before the change (BASE_JAR) and the one built from this checkout, before → after three times,
# each gateway started fresh and warmed up, then one recorded run of the room-of-1000-members scenario.
# The same driver (this checkout's tools jar) measures both. Raw outputs go to
# src/bench/results/core-model/rooms-1000/<before|after>/r<n>.txt.
#
# Usage (from the repository root, after `mvn -B -ntp -q -DskipTests package` here and in the base tree):
#   BASE_JAR=/tmp/rooms-base/target/switchboard.jar src/bench/run-core-model-rooms.sh
# NEW_JAR (default target/switchboard.jar) and RESULTS (the output directory) make it any rooms A/B; WARMUP (default
# 5s) is the unrecorded run first (30s lets the JIT compiler finish before the recorded run).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
BASE_JAR=${BASE_JAR:?the gateway jar built from the commit before the change}
NEW_JAR=${NEW_JAR:-target/switchboard.jar}
TOOLS_JAR=target/switchboard-tools.jar
RESULTS=${RESULTS:-src/bench/results/core-model/rooms-1000}
# Ports away from the standard ones and from the other benchmarks.
HTTP_PORT=48080
MGMT_PORT=48081
SEA_PORT=48732
EXAMPLE_PORT=43001
HTTP_LEGACY_PORT=48021
EXAMPLE_UDP_PORT=43002
GW_PID=

driver() {
  java -Xms512m -Xmx2g -XX:+UseParallelGC -jar "$TOOLS_JAR" load "$@"
}

start_gateway() {
  local jar=$1 name=$2
  java -Xms512m -Xmx2g -jar "$jar" \
    --server.port=$MGMT_PORT \
    --switchboard.http.listeners.http.port=$HTTP_PORT \
    --switchboard.http.listeners.http-legacy.port=$HTTP_LEGACY_PORT \
    --switchboard.sea.listener.port=$SEA_PORT \
    --switchboard.example.listeners.tcp.port=$EXAMPLE_PORT \
    --switchboard.example.listeners.udp.port=$EXAMPLE_UDP_PORT \
    --logging.level.root=WARN > "target/bench-core-model-$name.log" 2>&1 &
  GW_PID=$!
  for _ in $(seq 1 300); do
    if curl -sf -o /dev/null "http://127.0.0.1:$MGMT_PORT/actuator/health/readiness"; then
      return 0
    fi
    if ! kill -0 "$GW_PID" 2>/dev/null; then
      echo "gateway exited; see target/bench-core-model-$name.log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "gateway not ready after 60 s" >&2
  return 1
}

stop_gateway() {
  if [[ -n "$GW_PID" ]]; then
    kill "$GW_PID" 2>/dev/null || true
    wait "$GW_PID" 2>/dev/null || true
    GW_PID=
  fi
}
trap stop_gateway EXIT

measure() {
  local series=$1 jar=$2 run=$3
  mkdir -p "$RESULTS/$series"
  local out="$RESULTS/$series/r$run.txt"
  start_gateway "$jar" "$series"
  driver --protocol rooms --port $HTTP_PORT --connections 1000 --senders 8 --window 16 --duration "${WARMUP:-5s}" > /dev/null || true
  local args=(--protocol rooms --port $HTTP_PORT --path / --connections 1000 --senders 8 --window 16
    --duration 10s --drain 5s --deadline 120s --pid "$GW_PID")
  { echo "# $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg) jar: $jar"; echo "# command: load ${args[*]}"; } > "$out"
  driver "${args[@]}" >> "$out" || echo "driver exit $? (see $out)" >&2
  stop_gateway
  echo "$series r$run: $( { grep -E '^(delivered|lost|deliveries_per_s|latency_us_p99|server_cpu_us_per_delivery|error)=' "$out" || true; } | tr '\n' ' ')"
}

mkdir -p target
for r in $(seq 1 "$RUNS"); do
  measure before "$BASE_JAR" "$r"
  measure after "$NEW_JAR" "$r"
done
