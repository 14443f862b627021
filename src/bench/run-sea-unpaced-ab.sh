#!/usr/bin/env bash
# A/B of two gateway jars on SEA 100 clients x 10 unpaced senders, window 32: alternated A, B, A, B, ...
# ROUNDS rounds (default 3), each a fresh gateway, a 5 s warm-up, then a 10 s measured run.
# Usage (from the repository root, after `mvn -B -ntp -DskipTests package` for the driver):
#   JAR_A=/tmp/a.jar JAR_B=/tmp/b.jar bash src/bench/run-sea-unpaced-ab.sh | tee out.txt
# Another SEA scenario: LOAD_ARGS replaces the driver's scenario arguments and DURATION the measured time, e.g.
#   LOAD_ARGS="--scenario sea-trickle" DURATION=20s ...   or   LOAD_ARGS="--connections 1000 --senders 1 --rate 20"
# (JAR_A = JAR_B measures one build ROUNDS x 2 times.) GATEWAY_JVM_ARGS adds JVM options to both gateways,
# JVM_ARGS_A / JVM_ARGS_B to one of them (e.g. -Dswitchboard.sea.io-threads=2 to compare a setting on one jar),
# EXTRA_KEYS="latency_us_p50|driver_cpu_share_of_cores" prints more of the driver's keys, and THREAD_CPU=1 prints
# the gateway's CPU per thread over the measured run (src/bench/thread-cpu.sh: user and system ticks), and WARMUP
# (default 5s) is the unrecorded run before it (long enough, the JIT compiler is done before the measured run).
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${JAR_A:?set JAR_A}" "${JAR_B:?set JAR_B}"
ROUNDS=${ROUNDS:-3}
TOOLS=target/switchboard-tools.jar
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
LOAD_ARGS=${LOAD_ARGS:---connections 100 --senders 10 --window 32}
DURATION=${DURATION:-10s}
driver() {
  # shellcheck disable=SC2086 # LOAD_ARGS is a list of arguments
  java -Xms512m -Xmx2g -XX:+UseParallelGC -jar "$TOOLS" load --protocol sea --port 38732 $LOAD_ARGS "$@"
}
for round in $(seq 1 "$ROUNDS"); do
  for v in A B; do
    jar=JAR_$v
    own=JVM_ARGS_$v
    # shellcheck disable=SC2086
    java -Xms512m -Xmx2g ${GATEWAY_JVM_ARGS:-} ${!own:-} -jar "${!jar}" --server.port=38081 --switchboard.sea.listener.port=38732 \
      --switchboard.http.listeners.http.port=38080 --switchboard.http.listeners.http-legacy.port=38021 \
      --switchboard.example.listeners.tcp.port=33001 --switchboard.example.listeners.udp.port=33002 \
      --switchboard.sea.max-penalty=1000000000s --switchboard.cluster.data-dir="$DATA" \
      --logging.level.root=WARN > "$DATA/gateway-$v.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 120); do
      curl -sf -o /dev/null http://127.0.0.1:38081/actuator/health/readiness && break
      sleep 0.5
    done
    driver --duration "${WARMUP:-5s}" --drain 3s --deadline 120s --pid "$pid" > /dev/null
    echo "== $(tr 'AB' 'ab' <<< "$v") round $round load $(cut -d' ' -f1 /proc/loadavg)"
    [[ -n ${THREAD_CPU:-} ]] && bash src/bench/thread-cpu.sh "$pid" > "$DATA/threads-before"
    driver --duration "$DURATION" --drain 5s --deadline 120s --pid "$pid" \
      | grep -E "^(delivered|lost|deliveries_per_s|latency_us_p99|server_cpu_us_per_delivery${EXTRA_KEYS:+|$EXTRA_KEYS})="
    if [[ -n ${THREAD_CPU:-} ]]; then
      bash src/bench/thread-cpu.sh "$pid" > "$DATA/threads-after"
      bash src/bench/thread-cpu.sh diff "$DATA/threads-before" "$DATA/threads-after" | head -n 8 | sed 's/^/  /'
    fi
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
