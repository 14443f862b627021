#!/usr/bin/env bash
# Runs the BENCHMARKS.md scenarios against the gateway built from this checkout, each point 3 times,
# and writes the raw outputs to src/bench/results/<chart>/<series>/c<connections>-r<run>.txt.
# Loopback only; every run is bounded by the driver's --duration and --deadline (or wrk -d).
#
# Usage (from the repository root, after `mvn -q -o -DskipTests package`):
#   src/bench/run-scenarios.sh example http sea-unpaced sea-paced sea-trickle rooms-broadcast ws-idle
# Environment: RUNS (default 3), JFR=1 records the gateway with JFR into target/bench-<scenario>.jfr.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
RESULTS=${RESULTS:-src/bench/results}
JAR=target/switchboard.jar
TOOLS_JAR=target/switchboard-tools.jar
# Ports away from every standard one so nothing else on the machine is disturbed.
MGMT_PORT=18081
EXAMPLE_PORT=13001
EXAMPLE_UDP_PORT=13002
SEA_PORT=18732
HTTP_PORT=18080
HTTP_LEGACY_PORT=18021
ROOMS_PORT=18080
WWW=/tmp/bench-www
GW_PID=
GW_HEAP=${GW_HEAP:-2g}

# The driver from the tools jar (built next to the gateway jar by the same mvn package).
driver() {
  java -Xms512m -Xmx${DRIVER_HEAP:-2g} -XX:+UseParallelGC -jar "$TOOLS_JAR" load "$@"
}

start_gateway() {
  local name=$1; shift
  local jfr=()
  if [[ "${JFR:-0}" == 1 ]]; then
    jfr=(-XX:StartFlightRecording=filename=target/bench-$name.jfr,settings=profile,dumponexit=true)
  fi
  mkdir -p target
  java -Xms512m -Xmx"$GW_HEAP" "${jfr[@]}" -jar "$JAR" \
    --server.port=$MGMT_PORT \
    --switchboard.example.listeners.tcp.port=$EXAMPLE_PORT \
    --switchboard.example.listeners.udp.port=$EXAMPLE_UDP_PORT \
    --switchboard.http.listeners.http.port=$HTTP_PORT \
    --switchboard.http.listeners.http-legacy.port=$HTTP_LEGACY_PORT \
    --switchboard.sea.listener.port=$SEA_PORT \
    --logging.level.root=WARN \
    "$@" > target/bench-gateway-$name.log 2>&1 &
  GW_PID=$!
  for _ in $(seq 1 300); do
    if curl -sf -o /dev/null "http://127.0.0.1:$MGMT_PORT/actuator/health/readiness"; then
      echo "gateway up (pid $GW_PID) for $name"
      return 0
    fi
    if ! kill -0 "$GW_PID" 2>/dev/null; then
      echo "gateway exited; see target/bench-gateway-$name.log" >&2
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

# drive <chart> <series> <connections> <run> <driver args...>
drive() {
  local chart=$1 series=$2 connections=$3 run=$4; shift 4
  mkdir -p "$RESULTS/$chart/$series"
  local out="$RESULTS/$chart/$series/c$connections-r$run.txt"
  { echo "# $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"; echo "# command: load $*"; } > "$out"
  driver "$@" >> "$out" || echo "driver exit $? (see $out)" >&2
  { grep -E '^(connected|sent|delivered|lost|deliveries_per_s|latency_us_p99|server_cpu_us_per_delivery|driver_cpu_share_of_cores|driver_busiest_loop_share_of_core|server_heap_per_connection_bytes|server_rss_per_connection_bytes|error)=' "$out" || true; } | tr '\n' ' '
  echo
}

# warmup <driver args...>: one unrecorded run so both JVMs have compiled the hot paths.
warmup() {
  driver "$@" > /dev/null || true
}

scenario_example() {
  start_gateway example
  warmup --protocol example --port $EXAMPLE_PORT --connections 10 --duration 5s --sources 4
  for c in 1 10 100 1000; do
    for r in $(seq 1 "$RUNS"); do
      drive example gateway "$c" "$r" --protocol example --port $EXAMPLE_PORT --connections "$c" \
        --duration 8s --drain 5s --deadline 60s --sources 4 --pid "$GW_PID"
    done
  done
  stop_gateway
}

make_www() {
  mkdir -p "$WWW"
  # 1 KiB HTML page: the "small static file".
  printf '<!doctype html><title>switchboard</title><p>%s</p>\n' "$(printf 'hello switchboard %.0s' $(seq 1 56))" > "$WWW/index.html"
}

wrk_series() {
  local series=$1 url=$2
  wrk -t1 -c100 -d8s "$url" > /dev/null
  for c in 10 100 1000; do
    for r in $(seq 1 "$RUNS"); do
      mkdir -p "$RESULTS/http/$series"
      local out="$RESULTS/http/$series/c$c-r$r.txt"
      { echo "# $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"; echo "# command: wrk -t1 -c$c -d8s --latency $url"; } > "$out"
      wrk -t1 -c"$c" -d8s --latency "$url" >> "$out"
      { grep -E 'Requests/sec|^ +99%' "$out" || true; } | tr '\n' ' '; echo
    done
  done
}

# The gateway alone: a comparison with nginx must alternate the two in one run, which run-http-ab.sh does.
scenario_http() {
  make_www
  start_gateway http ${HTTP_ARGS:---switchboard.http.root=$WWW}
  wrk_series gateway "http://127.0.0.1:$HTTP_PORT/index.html"
  stop_gateway
}

scenario_sea_unpaced() {
  start_gateway sea-unpaced ${SEA_ARGS:---switchboard.sea.max-penalty=1000000000s}
  warmup --protocol sea --port $SEA_PORT --connections 100 --senders 10 --window 32 --duration 5s
  # Series = send window (messages each sender keeps in flight); 100 clients x 10 senders is the target point.
  for point in "w32 10" "w32 100" "w32 1000" "w8 100"; do
    read -r series c <<< "$point"
    for r in $(seq 1 "$RUNS"); do
      drive sea-unpaced "$series" "$c" "$r" --protocol sea --port $SEA_PORT --connections "$c" --senders 10 \
        --window "${series#w}" --duration 10s --drain 5s --deadline 90s --pid "$GW_PID"
    done
  done
  stop_gateway
}

scenario_sea_paced() {
  start_gateway sea-paced ${SEA_ARGS:---switchboard.sea.max-penalty=1000000000s}
  warmup --protocol sea --port $SEA_PORT --connections 1000 --senders 1 --rate 20 --duration 5s
  for r in $(seq 1 "$RUNS"); do
    drive sea-paced gateway 1000 "$r" --protocol sea --port $SEA_PORT --connections 1000 --senders 1 \
      --rate 20 --duration 20s --drain 5s --deadline 120s --pid "$GW_PID"
  done
  stop_gateway
}

scenario_sea_trickle() {
  start_gateway sea-trickle ${SEA_ARGS:---switchboard.sea.max-penalty=1000000000s}
  warmup --scenario sea-trickle --port $SEA_PORT --duration 5s
  for r in $(seq 1 "$RUNS"); do
    drive sea-trickle gateway 1000 "$r" --scenario sea-trickle --port $SEA_PORT --duration 20s --drain 5s \
      --deadline 120s --pid "$GW_PID"
  done
  stop_gateway
}

scenario_rooms_broadcast() {
  start_gateway rooms-broadcast ${ROOMS_ARGS:-}
  warmup --protocol rooms --port $ROOMS_PORT --connections 1000 --senders 8 --window 16 --duration 5s
  for c in 10 100 1000; do
    for r in $(seq 1 "$RUNS"); do
      drive rooms-broadcast gateway "$c" "$r" --protocol rooms --port $ROOMS_PORT --path "${ROOMS_PATH:-/}" \
        --connections "$c" --senders "${ROOMS_SENDERS:-8}" --window "${ROOMS_WINDOW:-16}" --duration 10s --drain 5s \
        --deadline 120s \
        --pid "$GW_PID"
    done
  done
  stop_gateway
}

scenario_ws_idle() {
  # This machine's hard limit is 20000 open files per process and cannot be raised from inside
  # (no CAP_SYS_RESOURCE), so one gateway process holds at most ~19 900 sockets: 18 000 is the top.
  ulimit -n "$(ulimit -Hn)"
  GW_HEAP=${GW_HEAP_IDLE:-4g}
  start_gateway ws-idle ${ROOMS_ARGS:---switchboard.rooms.max-connections=200000}
  for c in ${WS_IDLE_COUNTS:-1000 10000 18000}; do
    for r in $(seq 1 "$RUNS"); do
      DRIVER_HEAP=6g drive ws-idle gateway "$c" "$r" --protocol rooms --port $ROOMS_PORT --path "${ROOMS_PATH:-/}" \
        --connections "$c" --senders 0 --room "" --duration 5s --drain 0s --deadline 300s --sources 8 \
        --connect-batch 512 --threads 1 --pid "$GW_PID" --heap
    done
  done
  stop_gateway
}

for s in "$@"; do
  "scenario_${s//-/_}"
done
